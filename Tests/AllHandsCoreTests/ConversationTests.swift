@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// Replies, notes, the send-time check, drafts and macros.
final class ConversationTests: XCTestCase {
    func company() throws -> (Fixture, Workspace, Int) { try Fixture.ticketWork() }

    func lastMessageID(_ ws: Workspace, _ id: Int) throws -> Int {
        try XCTUnwrap(try ws.tickets.detail(id: id).messages.last?.id)
    }

    // MARK: - Replies and notes

    func testAReplyOpensANewTicketRecordsTheFirstResponseAndIsAudited() throws {
        let (f, _, id) = try company()
        let ws = try f.workspace("support1")
        try ws.tickets.saveDraft(id: id, kind: .reply, body: "half written")
        let sent = try ws.tickets.reply(id: id, body: "We are on it.", seenThrough: try lastMessageID(ws, id))
        XCTAssertEqual(sent.message.kind, .reply)
        XCTAssertEqual(sent.message.author, "support1")
        XCTAssertEqual(sent.ticket.status, .open)
        XCTAssertEqual(sent.ticket.firstResponseAt, Fixture.now)
        XCTAssertEqual(sent.ticket.version, 2)
        let detail = try ws.tickets.detail(id: id)
        XCTAssertEqual(detail.ticket, sent.ticket)
        XCTAssertEqual(detail.messages.last, sent.message)
        XCTAssertEqual(detail.ticket.firstResponseAt, Fixture.now)
        XCTAssertNil(detail.draft, "a send removes the sender's draft")
        let entry = try XCTUnwrap(ws.tickets.history(id: id).last)
        XCTAssertEqual(entry.action, "ticket.reply")
        XCTAssertEqual(entry.after, #"{"assignee":"support1","message":"\#(sent.message.id)","status":"open"}"#,
                       "whoever answers an unassigned ticket takes it, in the same step")

        let later = try f.workspace("support1", at: Fixture.now + 600).tickets.reply(id: id, body: "Fixed?", status: .pending)
        XCTAssertEqual(later.ticket.status, .pending)
        XCTAssertEqual(later.ticket.firstResponseAt, Fixture.now, "the first response stays the first")
    }

    func testANoteKeepsTheStatusAndTheFirstResponseTime() throws {
        let (f, _, id) = try company()
        let ws = try f.workspace("exec1")
        let sent = try ws.tickets.note(id: id, body: "Customer is a friend of the CEO")
        XCTAssertEqual(sent.message.kind, .note)
        XCTAssertEqual(sent.ticket.status, .new)
        XCTAssertNil(sent.ticket.firstResponseAt)
        XCTAssertEqual(sent.ticket.version, 2)
        XCTAssertEqual(try ws.tickets.history(id: id).last?.action, "ticket.note")
    }

    func testRepliesAreForPeopleOnShiftNotesAreForAnyone() throws {
        let (f, _, id) = try company()
        try f.addShift("employee1", from: Fixture.now + 3_600, to: Fixture.now + 7_200)
        let ws = try f.workspace("employee1")
        XCTAssertThrowsError(try ws.tickets.reply(id: id, body: "Hello Ann")) { error in
            guard case .notAllowed(let reason)? = error as? AllHandsError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("replying to customers is for people on shift"), reason)
            XCTAssertTrue(reason.contains("your next shift starts"), reason)
        }
        XCTAssertEqual(try ws.tickets.draft(id: id)?.body, "Hello Ann", "the refused text is kept")
        XCTAssertEqual(try ws.tickets.draft(id: id)?.kind, .reply)
        XCTAssertEqual(try ws.tickets.detail(id: id).messages.count, 1)
        XCTAssertNoThrow(try ws.tickets.note(id: id, body: "Will answer on my shift"))

        let onShift = try f.workspace("employee1", at: Fixture.now + 3_700)
        XCTAssertEqual(try onShift.tickets.reply(id: id, body: "Hello Ann").message.kind, .reply)
        XCTAssertNil(try onShift.tickets.draft(id: id))
    }

    func testNewActivityRefusesTheSendKeepsTheDraftAndConfirmingSends() throws {
        let (f, _, id) = try company()
        let me = try f.workspace("support1")
        let seen = try lastMessageID(me, id)
        let ownNote = try me.tickets.note(id: id, body: "Checking the logs", seenThrough: seen)
        let other = try f.workspace("lead1").tickets.note(id: id, body: "Already refunded, see billing")
        let customer = try me.tickets.addCustomerMessage(id: id, body: "Hello?")
        let version = try me.tickets.find(id: id).version
        XCTAssertThrows(.newActivity(ticket: id, messages: [other.message, customer])) {
            try me.tickets.reply(id: id, body: "Refund on its way", seenThrough: seen)
        }
        XCTAssertEqual(ownNote.message.id, seen + 1, "one's own note is not news to oneself")
        XCTAssertEqual(try me.tickets.find(id: id).version, version, "nothing but the draft was written")
        XCTAssertEqual(try me.tickets.detail(id: id).draft?.body, "Refund on its way")
        XCTAssertEqual(try me.tickets.detail(id: id).messages.count, 4)

        let sent = try me.tickets.reply(id: id, body: "Refund on its way", seenThrough: customer.id)
        XCTAssertEqual(sent.message.body, "Refund on its way")
        XCTAssertNil(try me.tickets.draft(id: id))
    }

    func testEmptyTextIsRefusedAndNeverReplacesADraft() throws {
        let (_, ws, id) = try company()
        try ws.tickets.saveDraft(id: id, kind: .note, body: "keep me")
        for body in ["", "  \n\t "] {
            XCTAssertThrows(.invalid("the reply is empty; nothing was sent")) { try ws.tickets.reply(id: id, body: body) }
            XCTAssertThrows(.invalid("the note is empty; nothing was sent")) { try ws.tickets.note(id: id, body: body) }
            try ws.tickets.saveDraft(id: id, kind: .reply, body: body)
        }
        XCTAssertEqual(try ws.tickets.draft(id: id), Draft(ticketID: id, kind: .note, body: "keep me", updatedAt: Fixture.now))
        try ws.tickets.discardDraft(id: id)
        XCTAssertNil(try ws.tickets.draft(id: id))
        try ws.tickets.saveDraft(id: id, kind: .reply, body: " ")
        XCTAssertNil(try ws.tickets.draft(id: id), "empty text makes no draft")
    }

    func testARefusedStatusKeepsTheDraftAndUndoesTheMessage() throws {
        let (_, ws, id) = try company()
        XCTAssertThrowsError(try ws.tickets.reply(id: id, body: "All done", status: .solved))
        let detail = try ws.tickets.detail(id: id)
        XCTAssertEqual(detail.messages.count, 1, "the message rolled back with the refused status")
        XCTAssertNil(detail.ticket.firstResponseAt)
        XCTAssertEqual(detail.draft?.body, "All done")
        XCTAssertEqual(try ws.tickets.history(id: id).map(\.action), ["ticket.create"])
    }

    func testAClosedTicketTakesNoMessageButKeepsTheText() throws {
        let (_, ws, id) = try company()
        try ws.tickets.tag(id: id, ["billing", "bug"])
        try ws.tickets.setStatus(id: id, .closed)
        XCTAssertThrows(.notAllowed("ticket #\(id) is closed, and closed is final; nothing was changed")) {
            try ws.tickets.note(id: id, body: "Late thought")
        }
        XCTAssertEqual(try ws.tickets.draft(id: id)?.body, "Late thought")
    }

    func testDraftsArePerPerson() throws {
        let (f, ws, id) = try company()
        try ws.tickets.saveDraft(id: id, kind: .reply, body: "admin's words")
        let other = try f.workspace("employee1")
        XCTAssertNil(try other.tickets.draft(id: id))
        try other.tickets.saveDraft(id: id, kind: .note, body: "employee's words")
        XCTAssertEqual(try ws.tickets.detail(id: id).draft?.body, "admin's words")
        XCTAssertEqual(try other.tickets.detail(id: id).draft?.body, "employee's words")
        XCTAssertThrows(.invalid("a draft is a reply or a note")) { try ws.tickets.saveDraft(id: id, kind: .customer, body: "x") }
        XCTAssertThrows(.notFound(what: "ticket #999")) { try ws.tickets.saveDraft(id: 999, kind: .note, body: "x") }
    }

    // MARK: - Macros

    func testMacrosFillInTheirPlaceholders() throws {
        let (f, _, id) = try company()
        try f.workspace().people.add(Person(login: "mona", name: "Mona Lisa Smith", role: .support))
        let ws = try f.workspace("mona")
        let thanks = try ws.tickets.macro(named: "thanks", for: id)
        XCTAssertTrue(thanks.body.hasPrefix("Hi Ann,\n\nThanks for getting in touch about \"Printer on fire\"."), thanks.body)
        XCTAssertTrue(thanks.body.hasSuffix("\n\nMona Lisa Smith"), thanks.body)
        XCTAssertNil(thanks.status)
        XCTAssertEqual(try ws.tickets.macro(named: "need-more-info", for: id).status, .pending)
        XCTAssertThrowsError(try ws.tickets.macro(named: "nope", for: id))

        let values = ["customer.name": "{{me.name}}", "me.name": "Mona", "ticket.id": "7"]
        XCTAssertEqual(TicketService.render("{{customer.name}} / {{ me.name }} / #{{ticket.id}} / {{unknown}} / {{open",
                                             values: values),
                       "{{me.name}} / Mona / #7 / {{unknown}} / {{open")
    }

    func testAMacroRepliesTagsAndSetsTheStatusInOneStep() throws {
        let (f, _, id) = try company()
        var config = Configuration.default
        config.macros.append(.init(name: "fixed-billing-bug", body: "Fixed for you, {{customer.first_name}}. {{me.first_name}}",
                                   status: .solved, tags: ["billing", "type:bug", "fixed"]))
        let ws = try f.workspace("support1", config: config)
        let sent = try ws.tickets.applyMacro(named: "fixed-billing-bug", to: id, seenThrough: try lastMessageID(ws, id))
        XCTAssertEqual(sent.message.body, "Fixed for you, Ann. A")
        XCTAssertEqual(sent.ticket.status, .solved)
        XCTAssertEqual(sent.ticket.tags, ["area:billing", "type:bug", "fixed"])
        XCTAssertEqual(sent.ticket.firstResponseAt, Fixture.now)
        XCTAssertEqual(sent.ticket.solvedAt, Fixture.now)
        let entries = try ws.tickets.history(id: id)
        XCTAssertEqual(entries.map(\.action), ["ticket.create", "ticket.reply"])
        XCTAssertEqual(entries[1].after,
                       #"{"assignee":"support1","macro":"fixed-billing-bug","message":"\#(sent.message.id)","status":"solved","tags":"area:billing,type:bug,fixed"}"#)

        // The built-in "solved" macro adds no tags: on an untagged ticket it is refused whole, and its text kept.
        let other = try ws.tickets.create(requesterEmail: "bo@example.com", subject: "Hi", body: "Hello").id
        XCTAssertThrowsError(try ws.tickets.applyMacro(named: "solved", to: other))
        XCTAssertEqual(try ws.tickets.detail(id: other).messages.count, 1)
        XCTAssertTrue(try XCTUnwrap(ws.tickets.draft(id: other)?.body).hasPrefix("Hi bo,"))
        XCTAssertEqual(try ws.tickets.applyMacro(named: "solved", to: other, status: .pending).ticket.status, .pending,
                       "a status given overrides the macro's")
    }

    func testTheLastMessageReadMustBeOnTheTicket() throws {
        let (f, ws, id) = try company()
        let other = try ws.tickets.create(requesterEmail: "bo@example.com", subject: "Other", body: "Hi").id
        let elsewhere = try lastMessageID(ws, other)
        XCTAssertThrowsError(try ws.tickets.reply(id: id, body: "Hello", seenThrough: elsewhere)) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .invalid("message \(elsewhere) is not on ticket #\(id): give the id of the last message you read there"))
        }
        XCTAssertThrowsError(try ws.tickets.note(id: id, body: "Hello", seenThrough: 99_999))
        XCTAssertEqual(try ws.tickets.detail(id: id).messages.count, 1, "nothing was sent")
        _ = f
    }
}
