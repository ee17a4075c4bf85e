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

    // MARK: - The ranking walk against one query per snippet

    /// What a search found, for comparing two ways of finding it.
    struct Found: Equatable {
        var ticket: Int
        var source: SearchHit.Source
        var snippet: String
        var score: Double
    }

    /// A corpus where matches outnumber the candidate window and prefixes stand for several
    /// words, often several in one message: 400 tickets, 2,600 messages of random words.
    func largeCorpus() throws -> (Fixture, Workspace) {
        let f = Fixture()
        let ws = try f.workspace()
        let words = ["refund", "refunds", "refunded", "refunding", "charge", "charged", "twice", "the", "printer",
                     "invoice", "please", "again", "card", "paper", "jam", "tray", "setup", "wizard"]
        var rng = SplitMix(seed: 88)
        func text(_ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "the" }
                .joined(separator: " ")
        }
        try ws.database.write { db in
            try db.execute("INSERT INTO customers (name, email, created_at) VALUES ('Ann Lee', 'ann@example.com', ?)", Fixture.now)
            let customer = Int(db.lastInsertRowID)
            for _ in 0..<400 {
                try db.execute("""
                    INSERT INTO tickets (subject, status, priority, requester_id, created_at, updated_at)
                    VALUES (?, 'open', 2, ?, ?, ?)
                    """, text(2...6), customer, Fixture.now, Fixture.now)
            }
            for _ in 0..<2_600 {
                try db.execute("""
                    INSERT INTO messages (ticket_id, kind, author_customer_id, body, created_at) VALUES (?, 'customer', ?, ?, ?)
                    """, Int.random(in: 1...400, using: &rng), customer, text(3...60), Fixture.now)
            }
        }
        return (f, ws)
    }

    /// The search as it was before snippets moved into the ranking walk: each table's newest
    /// `candidateWindow` matches ranked by bm25 (the best `limit` subjects; messages best first,
    /// the first of each ticket until `limit` tickets), then one `MATCH … AND rowid = ?` query
    /// per hit for its snippet.
    func searchOneSnippetAtATime(_ query: String, limit: Int, in db: Database) throws -> [Found] {
        guard let expression = SearchService.matchExpression(query) else { return [] }
        let start = String(SearchService.highlightStart), end = String(SearchService.highlightEnd)
        var best: [Int: (source: SearchHit.Source, score: Double)] = [:]
        try db.forEachRow("""
            SELECT c.id, c.score FROM (SELECT rowid AS id, bm25(tickets_fts) AS score FROM tickets_fts
                                       WHERE tickets_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
            ORDER BY c.score, c.id LIMIT ?
            """, expression, SearchService.candidateWindow, limit) { row in
            best[row.int(0)] = (.subject, row.double(1) * 2)
        }
        var seen = Set<Int>()
        try db.forEachRow("""
            SELECT c.id, m.ticket_id, c.score FROM (SELECT rowid AS id, bm25(messages_fts) AS score FROM messages_fts
                                                    WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
            JOIN messages m ON m.id = c.id
            ORDER BY c.score, c.id
            """, expression, SearchService.candidateWindow) { row in
            let ticket = row.int(1), score = row.double(2)
            guard seen.count < limit, seen.insert(ticket).inserted else { return }
            if let known = best[ticket], known.score <= score { return }
            best[ticket] = (.message(id: row.int(0)), score)
        }
        let ranked = best.sorted { a, b in a.value.score != b.value.score ? a.value.score < b.value.score : a.key < b.key }
            .prefix(limit)
        return try ranked.map { ticket, match in
            let snippet: String?
            switch match.source {
            case .subject:
                snippet = try db.fetchOne("""
                    SELECT highlight(tickets_fts, 0, ?, ?) FROM tickets_fts WHERE tickets_fts MATCH ? AND rowid = ?
                    """, start, end, expression, ticket) { $0.string(0) }
            case .message(let id):
                snippet = try db.fetchOne("""
                    SELECT snippet(messages_fts, 0, ?, ?, '…', 16) FROM messages_fts WHERE messages_fts MATCH ? AND rowid = ?
                    """, start, end, expression, id) { $0.string(0) }
            }
            let line = (snippet ?? "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return Found(ticket: ticket, source: match.source, snippet: line, score: match.score)
        }
    }

    func testTheRankingWalkFindsWhatOneQueryPerSnippetFound() throws {
        let (f, ws) = try largeCorpus()
        let db = try f.database()
        XCTAssertGreaterThan(try db.fetchInt("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'refun*'") ?? 0,
                             SearchService.candidateWindow, "more matches than the window")
        for query in ["refun*", "refund", "refunded charge*", "\"charged twice\"", "\"the refun\"*", "pr* re*", "jam", "wiz*"] {
            for limit in [1, 3, 20, 500] {
                let expected = try searchOneSnippetAtATime(query, limit: limit, in: db)
                let found = try ws.search.search(query, limit: limit).map {
                    Found(ticket: $0.ticket.id, source: $0.source, snippet: $0.snippet, score: $0.score)
                }
                XCTAssertFalse(expected.isEmpty, "\(query) finds something")
                XCTAssertTrue(expected.allSatisfy { $0.snippet.contains(SearchService.highlightStart) }, query)
                XCTAssertEqual(found, expected, "\(query), \(limit) best")
            }
        }
    }
}
