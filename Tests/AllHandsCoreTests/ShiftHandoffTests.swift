import AllHandsCore
import Foundation
import Storage
import XCTest

/// Ending a shift: every ticket the person holds is released or handed on, with a note, in
/// the same transaction as the end of the shift.
final class ShiftHandoffTests: XCTestCase {
    static let nineAM = ShiftTests.nineAM
    static let hour = ShiftTests.hour

    /// employee1 on shift 09:00–12:00 with three tickets; lead1 on the next shift 12:00–15:00;
    /// support1 on a later one. The returned workspace is employee1's at 10:00.
    func onShiftWithTickets() throws -> (Fixture, Workspace, [Int]) {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace(at: "lead1", Self.nineAM - 86_400)
        _ = try lead.shifts.add(startsAt: Self.nineAM, endsAt: Self.nineAM + 3 * Self.hour, people: ["employee1"])
        _ = try lead.shifts.add(startsAt: Self.nineAM + 3 * Self.hour, endsAt: Self.nineAM + 6 * Self.hour,
                                maxSeats: 2, people: ["lead1", "employee2"])
        _ = try lead.shifts.add(startsAt: Self.nineAM + 8 * Self.hour, endsAt: Self.nineAM + 9 * Self.hour,
                                people: ["support1"])
        let admin = try f.workspace()
        let tickets = try (0..<3).map { _ in try f.addTicket(admin, assignee: "employee1") }
        _ = try f.addTicket(admin, assignee: "employee2")
        try f.database().write { db in try db.execute("UPDATE tickets SET status = 'solved' WHERE id = ?", tickets[2]) }
        return (f, try f.workspace(at: "employee1", Self.nineAM + Self.hour), tickets)
    }

    func testTheCandidatesAreThePeopleOnTheNextShiftAndMyOpenTicketsAreListed() throws {
        let (f, me, tickets) = try onShiftWithTickets()
        XCTAssertEqual(try me.shifts.handoffCandidates().map(\.login), ["employee2", "lead1"])
        XCTAssertEqual(try me.shifts.myOpenTickets().map(\.id), Array(tickets.prefix(2)), "solved tickets need no hand-off")
        // Off shift, with a gap before the next one: that next shift's people.
        let later = try f.workspace(at: "employee1", Self.nineAM + 7 * Self.hour)
        XCTAssertEqual(try later.shifts.handoffCandidates().map(\.login), ["support1"])
        XCTAssertEqual(try f.workspace(at: "employee1", Self.nineAM + 10 * Self.hour).shifts.handoffCandidates(), [])
    }

    func testEndingAShiftHandsOnOrReleasesEveryOpenTicketWithANoteAndAudit() throws {
        let (f, me, tickets) = try onShiftWithTickets()
        let before = try me.tickets.find(id: tickets[0])
        let result = try me.shifts.end(handoffs: [tickets[0]: .handTo("lead1", note: "Waiting on finance.")])
        XCTAssertEqual(result.handedOff, [ShiftEnd.HandedOff(ticketID: tickets[0], to: "lead1")])
        XCTAssertEqual(result.released, [tickets[1]])
        XCTAssertEqual(result.shiftIDs.count, 1)

        let handed = try me.tickets.detail(id: tickets[0])
        XCTAssertEqual(handed.ticket.assigneeLogin, "lead1")
        XCTAssertGreaterThan(handed.ticket.version, before.version)
        let note = try XCTUnwrap(handed.messages.last)
        XCTAssertEqual(note.kind, .note)
        XCTAssertEqual(note.author, "employee1")
        XCTAssertEqual(note.body, "Handed off at shift end by employee1 to lead1.\n\nWaiting on finance.")
        XCTAssertNil(try me.tickets.find(id: tickets[1]).assigneeLogin)
        XCTAssertTrue(try me.tickets.detail(id: tickets[1]).messages.isEmpty, "a release without a note writes none")
        XCTAssertEqual(try me.tickets.find(id: tickets[2]).assigneeLogin, "employee1", "a solved ticket stays")

        let db = try f.database()
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'finance'"), 1,
                       "the note is searchable")
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM shift_assignments WHERE ended_at = ?", Self.nineAM + Self.hour), 1)
        XCTAssertEqual(try me.shifts.standing(), .offShift(nextStart: nil))
        XCTAssertFalse(try me.rotation.overview().onShiftNow.contains("employee1"))
        let audit = try f.workspace().audit.entries()
        XCTAssertEqual(audit.filter { $0.action == "ticket.handoff" }.map(\.entityID), [tickets[1], tickets[0]].map { Optional(String($0)) })
        XCTAssertEqual(audit.first { $0.entityID == String(tickets[0]) }?.after, #"{"assignee":"lead1"}"#)
        XCTAssertEqual(audit.filter { $0.action == "shift.end" }.count, 1)

        XCTAssertThrowsError(try me.shifts.end()) { error in
            guard case AllHandsError.notAllowed(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("not on shift"), reason)
        }
    }

    func testAnEmployeeMayHandTicketsToAnyoneAtShiftEndAndAReleaseMayCarryANote() throws {
        let (_, me, tickets) = try onShiftWithTickets()
        let result = try me.shifts.end(otherwise: Handoff(to: nil, note: "Customer prefers email."))
        XCTAssertEqual(result.released, Array(tickets.prefix(2)))
        XCTAssertEqual(try me.tickets.detail(id: tickets[0]).messages.map(\.body),
                       ["Released to the queue at shift end by employee1.\n\nCustomer prefers email."])
    }

    func testABadHandOffChangesNothingAtAll() throws {
        let (f, me, tickets) = try onShiftWithTickets()
        let snapshot = { try f.database().fetchAll("SELECT id, assignee_id, version FROM tickets ORDER BY id") {
            "\($0.int(0))|\($0.optionalInt(1) ?? 0)|\($0.int(2))" } }
        let before = try snapshot()
        XCTAssertThrowsError(try me.shifts.end(handoffs: [tickets[1]: .handTo("employee1")]))
        XCTAssertThrowsError(try me.shifts.end(otherwise: .handTo("nobody")))
        XCTAssertEqual(try snapshot(), before)
        XCTAssertTrue(try me.shifts.standing().isOnShift, "the shift did not end")
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM messages"), 0)
    }
}
