import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The insights repository: capture with the quote checked against its message, tags through
/// the taxonomy, search and filters, a random insight, deletion by its author or a lead.
final class InsightTests: XCTestCase {
    /// Ticket #1 from Ann Lee with her first message; returns the fixture, the ticket and the
    /// message id.
    func company() throws -> (f: Fixture, ticket: Int, message: Int) {
        let (f, admin, ticket) = try Fixture.ticketWork()
        let message = try admin.tickets.addCustomerMessage(
            id: ticket, body: "I never   realized how the invoice\nworks. Where is the PDF?")
        return (f, ticket, message.id)
    }

    func count(_ f: Fixture, _ table: String) throws -> Int {
        try f.database().fetchInt("SELECT count(*) FROM \(table)") ?? -1
    }

    func testCapturingAnInsightFromAMessageWithTagsThroughTheTaxonomy() throws {
        let (f, ticket, message) = try company()
        let exec = try f.workspace("exec1")
        let insight = try exec.insights.add(quote: "  I never realized how the invoice works. ", note: "Invoices confuse people",
                                            tags: ["defect", "Billing", "invoice-pdf", "bug"], ticketID: ticket,
                                            messageID: message)
        XCTAssertEqual(insight.quote, "I never realized how the invoice works.")
        XCTAssertEqual(insight.note, "Invoices confuse people")
        XCTAssertEqual(insight.tags, ["area:billing", "type:bug", "invoice-pdf"], "an alias and its tag are one tag")
        XCTAssertEqual([insight.customerName, insight.customerEmail], ["Ann Lee", "ann@example.com"])
        XCTAssertEqual([insight.ticketID, insight.messageID], [ticket, message])
        XCTAssertEqual(insight.author, "exec1")
        XCTAssertEqual(insight.createdAt, Fixture.now)
        XCTAssertEqual(try exec.insights.find(insight.id), insight)
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "insight", id: String(insight.id)).last)
        XCTAssertEqual(entry.action, "insight.add")
        XCTAssertEqual(entry.after, #"{"message":"\#(message)","note":"Invoices confuse people","#
                       + #""quote":"I never realized how the invoice works.","tags":"area:billing,type:bug,invoice-pdf","ticket":"\#(ticket)"}"#)
        // Without a message the quote is the capturer's record of a call, taken as given.
        XCTAssertEqual(try exec.insights.add(quote: "Said on the phone", ticketID: ticket).tags, [])
    }

    func testABadInsightIsRefusedWithNothingWritten() throws {
        let (f, ticket, message) = try company()
        let exec = try f.workspace("exec1")
        let other = try f.workspace().tickets.create(requesterEmail: "bo@example.com", subject: "Other", body: "Hi").id
        func refused(_ expected: String, _ body: () throws -> Insight) {
            XCTAssertThrowsError(try body()) { error in XCTAssertEqual("\(error)", expected) }
        }
        refused("a quote is required") { try exec.insights.add(quote: "  ", ticketID: ticket) }
        refused("a quote is too long: 2001 characters, at most 2000") {
            try exec.insights.add(quote: String(repeating: "a", count: 2_001), ticketID: ticket)
        }
        refused("a note is too long: 2001 characters, at most 2000") {
            try exec.insights.add(quote: "q", note: String(repeating: "n", count: 2_001), ticketID: ticket)
        }
        refused("ticket #999 not found") { try exec.insights.add(quote: "q", ticketID: 999) }
        refused("message #\(message) is on ticket #\(ticket), not #\(other)") {
            try exec.insights.add(quote: "Where is the PDF?", ticketID: other, messageID: message)
        }
        refused("the quote is not in message #\(message): quote the customer's words as written (spacing may differ), "
                + "or capture it without the message") {
            try exec.insights.add(quote: "I never realized how the invoices work.", ticketID: ticket, messageID: message)
        }
        refused("'bad tag!' is not a valid tag name (\(Tag.nameRule))") {
            try exec.insights.add(quote: "Where is the PDF?", tags: ["fresh-tag", "Bad Tag!"], ticketID: ticket)
        }
        XCTAssertEqual(try count(f, "insights"), 0)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM tags WHERE name = 'fresh-tag'"), 0)
        XCTAssertEqual(try f.workspace().audit.entries(entity: "insight", id: nil).count, 0)
    }

    /// Three insights by two people on two customers' tickets, a day apart.
    func repository() throws -> (f: Fixture, ids: [Int], ticket: Int, bob: Int) {
        let (f, ticket, _) = try company()
        let bob = try f.workspace().tickets.create(requesterEmail: "bob@example.com", requesterName: "Bob Roe",
                                                   subject: "Slow", body: "The app is slow on Mondays").id
        let first = try f.workspace("exec1", at: Fixture.now).insights
            .add(quote: "Where is the PDF?", note: "Invoices hide their PDF", tags: ["billing"], ticketID: ticket)
        let second = try f.workspace("employee1", at: Fixture.now + 86_400).insights
            .add(quote: "The app is slow on Mondays", note: "Weekly batch", tags: ["slow", "mondays"], ticketID: bob)
        let third = try f.workspace("exec1", at: Fixture.now + 2 * 86_400).insights
            .add(quote: "Exports are slower than invoices", tags: ["performance"], ticketID: ticket)
        return (f, [first.id, second.id, third.id], ticket, bob)
    }

    func testListingNewestFirstWithSearchAndEveryFilter() throws {
        let (f, ids, ticket, bob) = try repository()
        let insights = try f.workspace("support1").insights
        func list(_ filter: InsightFilter, limit: Int = 50, before: Int? = nil) throws -> [Int] {
            try insights.list(filter: filter, limit: limit, before: before).map(\.id)
        }
        XCTAssertEqual(try list(InsightFilter()), ids.reversed())
        XCTAssertEqual(try list(InsightFilter(), limit: 2), [ids[2], ids[1]])
        XCTAssertEqual(try list(InsightFilter(), limit: 2, before: ids[1]), [ids[0]])
        XCTAssertEqual(try list(InsightFilter(search: "invoices")), [ids[2], ids[0]], "the note and the quote")
        XCTAssertEqual(try list(InsightFilter(search: "slow*")), [ids[2], ids[1]])
        XCTAssertEqual(try list(InsightFilter(search: "\"weekly batch\"")), [ids[1]])
        XCTAssertEqual(try list(InsightFilter(search: " * \" ")), [])
        XCTAssertEqual(try list(InsightFilter(tag: "slow")), [ids[2], ids[1]], "an alias finds its tag")
        XCTAssertEqual(try list(InsightFilter(tag: "area:performance")), [ids[2], ids[1]])
        XCTAssertEqual(try list(InsightFilter(tag: "mondays")), [ids[1]])
        XCTAssertEqual(try list(InsightFilter(author: "exec1")), [ids[2], ids[0]])
        XCTAssertEqual(try list(InsightFilter(customer: "BOB@example.com")), [ids[1]])
        let annID = try XCTUnwrap(insights.find(ids[0]).customerID)
        XCTAssertEqual(try list(InsightFilter(customer: String(annID))), [ids[2], ids[0]])
        XCTAssertEqual(try list(InsightFilter(ticketID: bob)), [ids[1]])
        XCTAssertEqual(try list(InsightFilter(ticketID: ticket, from: Fixture.now + 1)), [ids[2]])
        XCTAssertEqual(try list(InsightFilter(from: Fixture.now, to: Fixture.now + 86_400)), [ids[0]])
        XCTAssertEqual(try list(InsightFilter(search: "slow", tag: "performance", author: "employee1")), [ids[1]])
        XCTAssertThrowsError(try list(InsightFilter(tag: "nope"))) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "tag 'nope'"))
        }
        XCTAssertThrowsError(try list(InsightFilter(author: "ghost")))
    }

    func testARandomInsightIsEachMatchingOneEquallyOftenAndNoneWhenThereIsNone() throws {
        let (f, ids, _, _) = try repository()
        let insights = try f.workspace("support1").insights
        var generator = SplitMix(seed: 11)
        var seen: [Int: Int] = [:]
        for _ in 0..<3_000 { seen[try XCTUnwrap(insights.random(using: &generator)).id, default: 0] += 1 }
        XCTAssertEqual(Set(seen.keys), Set(ids))
        XCTAssertTrue(seen.values.allSatisfy { (850...1_150).contains($0) }, "\(seen)")
        for _ in 0..<50 {
            XCTAssertTrue([ids[1], ids[2]].contains(try XCTUnwrap(insights.random(tag: "slow", using: &generator)).id))
        }
        XCTAssertEqual(try insights.random(tag: "mondays", using: &generator)?.id, ids[1])
        XCTAssertNil(try insights.random(tag: "outage", using: &generator), "a tag no insight carries")
        // Sparse ids (most deleted): the draws miss and counting finds the two left.
        let admin = try f.workspace().insights
        var kept: [Int] = []
        for index in 0..<200 {
            let id = try admin.add(quote: "q\(index)", ticketID: 1).id
            if index == 0 || index == 199 { kept.append(id) } else { try admin.delete(id) }
        }
        for id in ids { try admin.delete(id) }
        var left: [Int: Int] = [:]
        for _ in 0..<400 { left[try XCTUnwrap(insights.random(using: &generator)).id, default: 0] += 1 }
        XCTAssertEqual(Set(left.keys), Set(kept))
        XCTAssertTrue(left.values.allSatisfy { (150...250).contains($0) }, "\(left)")
        for id in kept { try admin.delete(id) }
        XCTAssertNil(try insights.random(using: &generator))
    }

    func testAnInsightIsDeletedByItsAuthorOrALeadAndAudited() throws {
        let (f, ids, _, _) = try repository()
        XCTAssertThrowsError(try f.workspace("support1").insights.delete(ids[0])) { error in
            XCTAssertEqual(error as? AllHandsError, .notPermitted(action: Action.manageFollowUps.rawValue, role: .support))
        }
        try f.workspace("exec1").insights.delete(ids[0])
        try f.workspace("lead1").insights.delete(ids[1])
        XCTAssertThrowsError(try f.workspace("exec1").insights.delete(ids[0])) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "insight #\(ids[0])"))
        }
        XCTAssertEqual(try f.workspace().insights.list().map(\.id), [ids[2]])
        XCTAssertEqual(try f.workspace().insights.list(filter: InsightFilter(search: "mondays")), [], "gone from search")
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM insight_tags WHERE insight_id IN (\(ids[0]), \(ids[1]))"), 0)
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "insight", id: String(ids[1])).first)
        XCTAssertEqual([entry.action, entry.actor], ["insight.delete", "lead1"])
        XCTAssertEqual(entry.before, #"{"author":"employee1","quote":"The app is slow on Mondays","ticket":"\#(2)"}"#)
    }

    func testMergingATagKeepsTheInsightsTags() throws {
        let (f, ids, _, _) = try repository()
        let admin = try f.workspace()
        _ = try admin.insights.add(quote: "Weekends too", tags: ["weekends", "mondays"], ticketID: 1)
        _ = try admin.tags.merge("mondays", into: "weekends")
        XCTAssertEqual(try admin.insights.find(ids[1]).tags, ["area:performance", "weekends"])
        XCTAssertEqual(try admin.insights.list(filter: InsightFilter(tag: "mondays")).count, 2, "the old name finds the merged tag")
    }
}
