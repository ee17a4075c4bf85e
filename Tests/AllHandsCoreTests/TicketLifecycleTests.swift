import AllHandsCore
import Foundation
import Storage
import XCTest

/// Claim, release, assign, create, status, priority, tags and customer messages: each rule and
/// refusal, each change audited in its own transaction.
final class TicketLifecycleTests: XCTestCase {
    func company() throws -> (Fixture, Workspace, Int) { try Fixture.ticketWork() }

    // MARK: - Claim, release, assign

    func testClaimTakesAnUnassignedTicketOpensItAndAuditsOnce() throws {
        let (f, _, id) = try company()
        let ws = try f.workspace("employee1")
        let claimed = try ws.tickets.claim(id: id)
        XCTAssertEqual(claimed.assigneeLogin, "employee1")
        XCTAssertEqual(claimed.status, .open)
        XCTAssertEqual(claimed.version, 2)
        XCTAssertEqual(try ws.tickets.find(id: id), claimed)
        let entries = try ws.tickets.history(id: id)
        XCTAssertEqual(entries.map(\.action), ["ticket.create", "ticket.claim"])
        XCTAssertEqual(entries[1].before, #"{"assignee":null,"status":"new"}"#)
        XCTAssertEqual(entries[1].after, #"{"assignee":"employee1","status":"open"}"#)
        XCTAssertEqual(entries[1].actor, "employee1")

        XCTAssertEqual(try ws.tickets.claim(id: id), claimed, "claiming one's own changes nothing")
        XCTAssertEqual(try f.auditCount("ticket.claim", ticket: id), 1)
    }

    func testClaimingSomeoneElsesTicketNamesThemAndChangesNothing() throws {
        let (f, _, id) = try company()
        try f.workspace("employee1").tickets.claim(id: id)
        let before = try f.workspace().tickets.find(id: id)
        for login in ["exec1", "support1", "lead1"] {
            XCTAssertThrows(.alreadyClaimed(ticket: id, by: "employee1")) { try f.workspace(login).tickets.claim(id: id) }
        }
        XCTAssertEqual(try f.workspace().tickets.find(id: id), before)
        XCTAssertEqual(try f.auditCount("ticket.claim", ticket: id), 1)
    }

    func testReleaseGivesBackOnesOwnAndNeedsTheRightForSomeoneElses() throws {
        let (f, _, id) = try company()
        try f.workspace("employee1").tickets.claim(id: id)
        XCTAssertThrows(.notPermitted(action: Action.assignOthers.rawValue, role: .exec)) {
            try f.workspace("exec1").tickets.release(id: id)
        }
        let released = try f.workspace("employee1").tickets.release(id: id)
        XCTAssertNil(released.assigneeLogin)
        XCTAssertEqual(released.status, .open, "releasing leaves the status")
        try f.workspace("exec1").tickets.claim(id: id)
        XCTAssertNil(try f.workspace("support1").tickets.release(id: id).assigneeLogin)
        XCTAssertEqual(try f.auditCount("ticket.release", ticket: id), 2)
    }

    func testAssigningOthersNeedsTheRightAndAnActivePerson() throws {
        let (f, _, id) = try company()
        XCTAssertThrows(.notPermitted(action: Action.assignOthers.rawValue, role: .employee)) {
            try f.workspace("employee1").tickets.assign(id: id, to: "exec1")
        }
        XCTAssertEqual(try f.workspace("employee1").tickets.assign(id: id, to: "employee1").assigneeLogin, "employee1",
                       "taking an unassigned ticket oneself is allowed")
        let support = try f.workspace("support1")
        XCTAssertEqual(try support.tickets.assign(id: id, to: "exec1").assigneeLogin, "exec1")
        XCTAssertThrows(.invalid("no active person with login 'nobody' to assign")) {
            try support.tickets.assign(id: id, to: "nobody")
        }
        XCTAssertNil(try support.tickets.assign(id: id, to: nil).assigneeLogin)
        let version = try support.tickets.find(id: id).version
        XCTAssertThrows(.conflict(what: "ticket #\(id)", expected: version - 1, found: version)) {
            try support.tickets.assign(id: id, to: "lead1", expectedVersion: version - 1)
        }
        XCTAssertEqual(try f.workspace().tickets.history(id: id).filter { $0.action == "ticket.assign" }.count, 3)
    }

    // MARK: - Status

    func testSolvingNeedsATagOfEachRequiredDimension() throws {
        let (f, ws, id) = try company()
        XCTAssertThrows(.notAllowed("ticket #\(id) cannot be solved yet: it needs one area tag (such as billing, "
                                    + "onboarding, integrations) and one type tag (such as bug, usability, question); "
                                    + "nothing was changed")) {
            try ws.tickets.setStatus(id: id, .solved)
        }
        try ws.tickets.tag(id: id, ["billing"])
        XCTAssertThrows(.notAllowed("ticket #\(id) cannot be closed yet: it needs one type tag (such as bug, usability, "
                                    + "question); nothing was changed")) {
            try ws.tickets.setStatus(id: id, .closed)
        }
        XCTAssertThrows(.notAllowed("ticket #\(id) cannot be solved yet: it needs one type tag (such as bug, usability, "
                                    + "question); nothing was changed")) {
            try ws.tickets.update(id: id, TicketChange(status: .solved))
        }
        try ws.tickets.tag(id: id, ["bug"])
        let solved = try ws.tickets.setStatus(id: id, .solved)
        XCTAssertEqual(solved.status, .solved)
        XCTAssertEqual(solved.solvedAt, Fixture.now)
        XCTAssertEqual(try ws.tickets.find(id: id).solvedAt, Fixture.now)
        XCTAssertEqual(try f.auditCount("ticket.status", ticket: id), 1)
    }

    func testClosedIsFinalAndNothingGoesBackToNew() throws {
        let (f, ws, id) = try company()
        try ws.tickets.tag(id: id, ["billing", "bug"])
        XCTAssertEqual(try ws.tickets.setStatus(id: id, .open).status, .open)
        XCTAssertThrows(.notAllowed("ticket #\(id) cannot go back to new; set it open or pending instead")) {
            try ws.tickets.setStatus(id: id, .new)
        }
        let solved = try f.workspace(at: Fixture.now + 60).tickets.setStatus(id: id, .solved)
        let closed = try f.workspace(at: Fixture.now + 120).tickets.setStatus(id: id, .closed)
        XCTAssertEqual(closed.solvedAt, solved.solvedAt, "closing keeps when it was solved")
        let refusal = AllHandsError.notAllowed("ticket #\(id) is closed, and closed is final; nothing was changed")
        XCTAssertThrows(refusal) { try ws.tickets.setStatus(id: id, .open) }
        XCTAssertThrows(refusal) { try ws.tickets.setPriority(id: id, .urgent) }
        XCTAssertThrows(refusal) { try ws.tickets.tag(id: id, ["vip"]) }
        XCTAssertThrows(refusal) { try ws.tickets.claim(id: id) }
        XCTAssertThrows(refusal) { try ws.tickets.update(id: id, TicketChange(status: .pending)) }
        XCTAssertEqual(try ws.tickets.find(id: id), closed)
        XCTAssertEqual(try ws.tickets.setStatus(id: id, .closed), closed, "setting what it is changes nothing")
    }

    func testStatusAndPriorityCompareAndSet() throws {
        let (f, ws, id) = try company()
        let ticket = try ws.tickets.find(id: id)
        try f.workspace("support1").tickets.setPriority(id: id, .high, expectedVersion: ticket.version)
        XCTAssertThrows(.conflict(what: "ticket #\(id)", expected: ticket.version, found: ticket.version + 1)) {
            try ws.tickets.setStatus(id: id, .pending, expectedVersion: ticket.version)
        }
        let now = try ws.tickets.find(id: id)
        XCTAssertEqual(now.priority, .high)
        XCTAssertEqual(now.status, .new)
        XCTAssertEqual(try ws.tickets.setStatus(id: id, .pending, expectedVersion: now.version).status, .pending)
        let entries = try ws.tickets.history(id: id)
        XCTAssertEqual(entries.map(\.action), ["ticket.create", "ticket.priority", "ticket.status"])
        XCTAssertEqual(entries[1].after, #"{"priority":"high"}"#)
    }

    // MARK: - Tags

    func testTagsResolveToTheirDimensionUnknownNamesBecomeFreeTags() throws {
        let (f, ws, id) = try company()
        let result = try ws.tickets.tag(id: id, ["Billing", "type:bug", "vip-customer", "billing"])
        XCTAssertEqual(result.changed, ["area:billing", "type:bug", "vip-customer"])
        XCTAssertEqual(result.free, ["vip-customer"])
        XCTAssertEqual(result.unchanged, [])
        XCTAssertEqual(result.ticket.tags, ["area:billing", "type:bug", "vip-customer"])
        XCTAssertEqual(try ws.tickets.find(id: id), result.ticket)
        let again = try ws.tickets.tag(id: id, ["area:billing"])
        XCTAssertEqual(again.changed, [])
        XCTAssertEqual(again.unchanged, ["area:billing"])
        XCTAssertEqual(again.ticket.version, result.ticket.version, "nothing new, nothing written")
        let entries = try ws.tickets.history(id: id).filter { $0.action == "ticket.tag" }
        XCTAssertEqual(entries.map(\.after), [#"{"tags":"area:billing,type:bug,vip-customer"}"#])
        XCTAssertEqual(try f.workspace("employee1").tickets.tag(id: id, ["refund"]).free, ["refund"],
                       "anyone may add a free tag")
    }

    func testBadTagNamesAreRefusedAndNothingIsWritten() throws {
        let (_, ws, id) = try company()
        let before = try ws.tickets.find(id: id)
        XCTAssertThrows(.invalid("'Has Spaces!' is not a valid tag name (\(Tag.nameRule))"
                            .replacingOccurrences(of: "Has Spaces!", with: "has spaces!"))) {
            try ws.tickets.tag(id: id, ["bug", "Has Spaces!"])
        }
        XCTAssertThrows(.invalid("'-cmd' is not a valid tag name (\(Tag.nameRule))")) {
            try ws.tickets.tag(id: id, ["-cmd"])
        }
        XCTAssertThrows(.invalid("'colour' is not a tag dimension (area, type)")) { try ws.tickets.tag(id: id, ["colour:red"]) }
        XCTAssertThrows(.invalid("'bug' is not an area tag (billing, onboarding, integrations, reporting, accounts, mobile, "
                                 + "notifications, performance)")) {
            try ws.tickets.tag(id: id, ["area:bug"])
        }
        XCTAssertThrows(.invalid("no tag given")) { try ws.tickets.tag(id: id, [" "]) }
        XCTAssertEqual(try ws.tickets.find(id: id), before)
        XCTAssertNil(try ws.database.fetchInt("SELECT id FROM tags WHERE name = 'bug'"), "the tag row rolled back too")
    }

    func testUntagRemovesWhatIsThereAndReportsTheRest() throws {
        let (_, ws, id) = try company()
        try ws.tickets.tag(id: id, ["billing", "bug", "vip"])
        let result = try ws.tickets.untag(id: id, ["vip", "area:billing", "outage", "never-heard-of"])
        XCTAssertEqual(result.changed, ["vip", "area:billing"])
        XCTAssertEqual(result.unchanged, ["outage", "never-heard-of"])
        XCTAssertEqual(result.ticket.tags, ["type:bug"])
        XCTAssertEqual(try ws.tickets.find(id: id).tags, ["type:bug"])
        XCTAssertEqual(try ws.tickets.history(id: id).last?.before, #"{"tags":"vip,area:billing"}"#)
    }

    // MARK: - New tickets and customer messages

    func testCreateFindsTheCustomerByEmailOrAddsThem() throws {
        let (_, ws, first) = try company()
        let second = try ws.tickets.create(requesterEmail: " ANN@example.com", subject: "  Still smoking ", body: "Help",
                                           priority: .urgent)
        XCTAssertEqual(second.requesterID, try ws.tickets.find(id: first).requesterID)
        XCTAssertEqual(second.subject, "Still smoking")
        XCTAssertEqual(second.status, .new)
        XCTAssertEqual(second.priority, .urgent)
        XCTAssertNil(second.assigneeLogin)
        let detail = try ws.tickets.detail(id: second.id)
        XCTAssertEqual(detail.messages.map(\.kind), [.customer])
        XCTAssertEqual(detail.messages.first?.author, "Ann Lee")
        XCTAssertEqual(detail.messages.first?.body, "Help")

        let third = try ws.tickets.create(requesterEmail: "bo@example.org", subject: "Hi", body: "Hello")
        XCTAssertNotEqual(third.requesterID, second.requesterID)
        XCTAssertEqual(third.requesterName, "bo", "without a name, the address's local part")
        XCTAssertEqual(try ws.audit.entries(entity: "customer").count, 2)
        XCTAssertEqual(try ws.tickets.history(id: third.id).map(\.action), ["ticket.create"])
    }

    func testCreateRefusesBadInputAndWritesNothing() throws {
        let (_, ws, _) = try company()
        let tickets = try ws.tickets.count(TicketFilter(statuses: .all))
        let cases: [(String, String, String, AllHandsError)] = [
            ("not-an-address", "S", "B", .invalid("'not-an-address' is not an email address (name@example.com)")),
            ("a b@example.com", "S", "B", .invalid("'a b@example.com' is not an email address (name@example.com)")),
            ("a@example.com", "  ", "B", .invalid("a ticket needs a subject")),
            ("a@example.com", "Two\nlines", "B", .invalid("a subject is one line")),
            ("a@example.com", String(repeating: "s", count: 501), "B", .invalid("the subject is over 500 characters")),
            ("a@example.com", "S", " \n\t", .invalid("the first message is empty; nothing was sent")),
        ]
        for (email, subject, body, error) in cases {
            XCTAssertThrows(error) { try ws.tickets.create(requesterEmail: email, subject: subject, body: body) }
        }
        XCTAssertEqual(try ws.tickets.count(TicketFilter(statuses: .all)), tickets)
    }

    func testRoundRobinGivesANewTicketToWhoeverOnShiftHoldsFewest() throws {
        let (f, _, _) = try company()
        var config = Configuration.default
        config.queue.roundRobin = true
        try f.addShift("employee1", from: Fixture.now - 3_600, to: Fixture.now + 3_600)
        try f.addShift("exec1", from: Fixture.now - 3_600, to: Fixture.now + 3_600)
        try f.addShift("lead1", from: Fixture.now + 3_600, to: Fixture.now + 7_200)
        let ws = try f.workspace("admin", config: config)
        let a = try ws.tickets.create(requesterEmail: "c@example.com", subject: "One", body: "1")
        let b = try ws.tickets.create(requesterEmail: "c@example.com", subject: "Two", body: "2")
        let c = try ws.tickets.create(requesterEmail: "c@example.com", subject: "Three", body: "3")
        XCTAssertEqual([a, b, c].map(\.assigneeLogin), ["employee1", "exec1", "employee1"])
        XCTAssertEqual(a.status, .new)
        XCTAssertNil(try f.workspace().tickets.create(requesterEmail: "c@example.com", subject: "Off", body: "4")
            .assigneeLogin, "without round-robin nobody gets it")
    }

    func testACustomerMessageReopensPendingAndSolvedAndClosedStartsAFollowUp() throws {
        let (f, ws, id) = try company()
        try ws.tickets.tag(id: id, ["billing", "bug"])
        try ws.tickets.setStatus(id: id, .pending)
        let m1 = try ws.tickets.addCustomerMessage(id: id, body: "Any news?")
        XCTAssertEqual(m1.ticketID, id)
        XCTAssertEqual(m1.kind, .customer)
        XCTAssertEqual(try ws.tickets.find(id: id).status, .open)
        try ws.tickets.setStatus(id: id, .solved)
        try ws.tickets.addCustomerMessage(id: id, body: "It broke again")
        let reopened = try ws.tickets.find(id: id)
        XCTAssertEqual(reopened.status, .open)
        XCTAssertNil(reopened.solvedAt)
        XCTAssertEqual(try f.auditCount("ticket.customer-message", ticket: id), 2)

        try ws.tickets.setStatus(id: id, .closed)
        let closed = try ws.tickets.find(id: id)
        let m3 = try ws.tickets.addCustomerMessage(id: id, body: "Hello again")
        XCTAssertNotEqual(m3.ticketID, id)
        XCTAssertEqual(try ws.tickets.find(id: id), closed, "closed stays closed")
        let followUp = try ws.tickets.detail(id: m3.ticketID)
        XCTAssertEqual(followUp.ticket.status, .new)
        XCTAssertEqual(followUp.ticket.subject, closed.subject)
        XCTAssertEqual(followUp.ticket.requesterID, closed.requesterID)
        XCTAssertEqual(followUp.messages.map(\.body), ["Hello again"])
        XCTAssertTrue(try XCTUnwrap(ws.tickets.history(id: m3.ticketID).first?.after).contains(#""follow_up_of":"\#(id)""#))
    }

    func testHistoryIsOldestFirstAndReadableByAnyoneWhoSeesTickets() throws {
        let (f, ws, id) = try company()
        try ws.tickets.claim(id: id)
        try ws.tickets.tag(id: id, ["billing"])
        let employee = try f.workspace("employee1")
        XCTAssertThrowsError(try employee.audit.entries(entity: "ticket", id: String(id)), "the whole log needs the right")
        let history = try employee.tickets.history(id: id)
        XCTAssertEqual(history.map(\.action), ["ticket.create", "ticket.claim", "ticket.tag"])
        XCTAssertEqual(history.map(\.id), history.map(\.id).sorted())
        XCTAssertThrows(.notFound(what: "ticket #999")) { try employee.tickets.history(id: 999) }
    }

    /// Someone else's ticket: its status, priority and replies are theirs; anyone may still note
    /// and tag it, and support, leads and admins may take it over.
    func testSomeoneElsesTicketIsTheirsToMoveButOpenToNotesAndTags() throws {
        let (f, ws, id) = try company()
        try f.workspace("support1").tickets.claim(id: id)
        try f.addShift("employee1", from: Fixture.now - 3_600, to: Fixture.now + 3_600)
        let employee = try f.workspace("employee1")
        for attempt in [{ _ = try employee.tickets.setStatus(id: id, .pending) },
                        { _ = try employee.tickets.setPriority(id: id, .low) },
                        { _ = try employee.tickets.reply(id: id, body: "Me too") }] {
            XCTAssertThrowsError(try attempt()) { error in
                guard case AllHandsError.notAllowed(let reason) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.hasPrefix("#\(id) is support1's ticket"), reason)
            }
        }
        XCTAssertNoThrow(try employee.tickets.note(id: id, body: "Saw this before: see #12"))
        XCTAssertNoThrow(try employee.tickets.tag(id: id, ["billing"]))
        XCTAssertEqual(try ws.tickets.setPriority(id: id, .high).priority, .high, "the admin may take over")
        XCTAssertEqual(try f.workspace("lead1").tickets.setStatus(id: id, .pending).status, .pending)
    }
}
