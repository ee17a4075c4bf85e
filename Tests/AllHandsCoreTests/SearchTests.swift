import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// Full-text search: ranking, one hit per ticket, snippets, prefixes and phrases, input that
/// can never be an FTS syntax error, and indexes that stay in step with the tables.
final class SearchTests: XCTestCase {
    struct Corpus {
        let f: Fixture
        let ws: Workspace
        let refundSubject: Int
        let refundBody: Int
        let printer: Int
        let unrelated: Int
    }

    func corpus() throws -> Corpus {
        let f = Fixture()
        let ws = try f.workspace()
        let t = ws.tickets
        let refundSubject = try t.create(requesterEmail: "a@example.com", subject: "Refund for a double charge",
                                         body: "I was charged twice. Please refund the second charge.").id
        let refundBody = try t.create(requesterEmail: "b@example.com", subject: "Question about invoices",
                                      body: "Where do I find my invoices? Also, are refunds possible\nafter thirty days?").id
        let printer = try t.create(requesterEmail: "c@example.com", subject: "Printing",
                                   body: "The printer jam happens every morning.").id
        let unrelated = try t.create(requesterEmail: "d@example.com", subject: "Jam in the printer tray",
                                     body: "Paper is stuck.").id
        try t.note(id: refundSubject, body: "Refunded via the billing console; refund id R-1.")
        return Corpus(f: f, ws: ws, refundSubject: refundSubject, refundBody: refundBody, printer: printer, unrelated: unrelated)
    }

    let marked = "\u{E000}refund\u{E001}"

    func testResultsAreRankedWithOneHitPerTicketAndMarkedSnippets() throws {
        let c = try corpus()
        let hits = try c.ws.search.search("refund")
        XCTAssertEqual(hits.map(\.ticket.id), [c.refundSubject], "only the exact word; 'refunds' needs a prefix")
        XCTAssertEqual(hits[0].source, .subject)
        XCTAssertEqual(hits[0].snippet, "\u{E000}Refund\u{E001} for a double charge")

        let prefixed = try c.ws.search.search("refun*")
        XCTAssertEqual(prefixed.map(\.ticket.id), [c.refundSubject, c.refundBody])
        XCTAssertEqual(prefixed.map(\.score), prefixed.map(\.score).sorted())
        XCTAssertEqual(prefixed[1].snippet, "Where do I find my invoices? Also, are \u{E000}refunds\u{E001} possible after thirty days?",
                       "the snippet is one line")
        guard case .message(let id) = prefixed[1].source else { return XCTFail("\(prefixed[1].source)") }
        XCTAssertEqual(try c.ws.tickets.detail(id: c.refundBody).messages.first?.id, id)
        XCTAssertEqual(prefixed[1].ticket, try c.ws.tickets.find(id: c.refundBody))
    }

    func testABodyMatchFindsTheTicketAndTheBestMessageIsShown() throws {
        let c = try corpus()
        let hits = try c.ws.search.search("second charge")
        XCTAssertEqual(hits.map(\.ticket.id), [c.refundSubject])
        XCTAssertTrue(hits[0].snippet.contains("\u{E000}second\u{E001} \u{E000}charge\u{E001}"), hits[0].snippet)
        XCTAssertEqual(try c.ws.search.search("billing console").first?.snippet,
                       "Refunded via the \u{E000}billing\u{E001} \u{E000}console\u{E001}; refund id R-1.")
    }

    func testPhrasesMatchWordsTogetherAndWordsMatchInAnyOrder() throws {
        let c = try corpus()
        XCTAssertEqual(try c.ws.search.search("\"printer jam\"").map(\.ticket.id), [c.printer])
        XCTAssertEqual(Set(try c.ws.search.search("jam printer").map(\.ticket.id)), [c.printer, c.unrelated])
        XCTAssertEqual(try c.ws.search.search("\"printer ja\"*").map(\.ticket.id), [c.printer])
        XCTAssertEqual(try c.ws.search.search("\"printer jam").map(\.ticket.id), [c.printer], "an unclosed quote runs to the end")
    }

    func testTheLimitCutsTheBestAndIsChecked() throws {
        let c = try corpus()
        XCTAssertEqual(try c.ws.search.search("refun*", limit: 1).map(\.ticket.id), [c.refundSubject])
        XCTAssertThrowsError(try c.ws.search.search("refund", limit: 0))
        XCTAssertThrowsError(try c.ws.search.search("refund", limit: 501))
    }

    func testTheMatchExpressionQuotesEveryTerm() {
        XCTAssertEqual(SearchService.matchExpression("refund"), "\"refund\"")
        XCTAssertEqual(SearchService.matchExpression("  refun*  card "), "\"refun\"* \"card\"")
        XCTAssertEqual(SearchService.matchExpression("\"exact words\" more"), "\"exact words\" \"more\"")
        XCTAssertEqual(SearchService.matchExpression("say \"hi\"\"there\"*"), "\"say\" \"hi\" \"there\"*")
        XCTAssertEqual(SearchService.matchExpression("a NEAR(b c) OR d"), "\"a\" \"NEAR(b\" \"c)\" \"OR\" \"d\"")
        XCTAssertEqual(SearchService.matchExpression("x\"y"), "\"x\" \"y\"")
        XCTAssertEqual(SearchService.matchExpression("a\u{0}b\u{1B}c"), "\"a\" \"b\" \"c\"")
        XCTAssertEqual(SearchService.matchExpression("col:val ^start -not +plus"), "\"col:val\" \"^start\" \"-not\" \"+plus\"")
        for nothing in ["", "   ", "*", "\"\"", "\"", "** \"*\" ( ) : ^ -", "\"  \"*"] {
            XCTAssertNil(SearchService.matchExpression(nothing), nothing)
        }
        let many = (1...40).map { "w\($0)" }.joined(separator: " ")
        XCTAssertEqual(SearchService.matchExpression(many)?.split(separator: " ").count, SearchService.maximumTerms)
    }

    func testNoInputIsAnFTSSyntaxError() throws {
        let c = try corpus()
        let hostile = ["\"", "\"\"\"", "(", ")", "((refund", "refund)", "NEAR", "NEAR(refund charge, 2)", "AND", "OR", "NOT",
                       "refund AND", "OR refund", "NOT refund", "*", "**", "refund**", "*refund", ":", "subject:refund",
                       "^refund", "refund^", "{subject}: refund", "-refund", "+refund", "'", "\\", "\u{0}", "\u{1B}[2J",
                       "refund \"", "\" refund", "\"*\"*", "日本語", "🙂", "ref\u{301}und", String(repeating: "(", count: 500)]
        for query in hostile {
            XCTAssertNoThrow(try c.ws.search.search(query), query)
        }
        // And random strings of the characters FTS5 treats specially (a fixed seed, so a failure repeats).
        var rng = SplitMix(seed: 8)
        let alphabet = Array("\"()*:^+-{}, NEARANDORNOT refund charge\t\n\u{0}'")
        for _ in 0..<500 {
            let query = String((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? " " })
            XCTAssertNoThrow(try c.ws.search.search(query), query)
        }
    }

    func testIndexesStayInStepThroughUpdatesAndDeletes() throws {
        let c = try corpus()
        try c.f.checkSearchIndexes()
        try c.ws.tickets.reply(id: c.printer, body: "Try the blue lever behind the toner.")
        try c.ws.tickets.tag(id: c.printer, ["mobile"])
        try c.ws.tickets.create(requesterEmail: "e@example.com", subject: "Toner everywhere", body: "Blue toner.")
        try c.f.checkSearchIndexes()
        XCTAssertEqual(try c.ws.search.search("toner").count, 2)

        let db = try c.f.database()
        try db.write { db in
            try db.execute("UPDATE tickets SET subject = 'Scanner question' WHERE id = ?", c.unrelated)
            try db.execute("UPDATE messages SET body = 'Nothing to see' WHERE ticket_id = ?", c.refundBody)
            try db.execute("DELETE FROM tickets WHERE id = ?", c.refundSubject)
        }
        try c.f.checkSearchIndexes()
        XCTAssertEqual(try c.ws.search.search("scanner").map(\.ticket.id), [c.unrelated])
        XCTAssertEqual(try c.ws.search.search("tray"), [])
        XCTAssertEqual(try c.ws.search.search("refun*"), [], "updated and deleted text is gone from the index")
    }

    func testLikeSearchFindsPlainSubstringsWithWildcardsTakenLiterally() throws {
        let c = try corpus()
        XCTAssertEqual(Set(try c.ws.search.searchLike("refund", limit: 10)), [c.refundSubject, c.refundBody])
        XCTAssertEqual(try c.ws.search.searchLike("100%", limit: 10), [])
        XCTAssertEqual(try c.ws.search.searchLike("_", limit: 10), [])
        try c.ws.tickets.note(id: c.printer, body: "It is 100% broken")
        XCTAssertEqual(try c.ws.search.searchLike("100%", limit: 10), [c.printer])
    }
}
