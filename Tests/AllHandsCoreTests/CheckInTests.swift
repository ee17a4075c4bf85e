import AllHandsCore
import Foundation
import XCTest

/// Check-ins: with an existing customer, held by anyone, notes by its people or a lead, read and
/// searched by everyone, and a brief that prepares the caller.
final class CheckInTests: XCTestCase {
    func testACheckInIsWithAnExistingCustomerAndItsPeopleWriteTheNotes() throws {
        let company = try FollowUpCompany()
        let me = try company.workspace("employee1")
        XCTAssertThrowsError(try me.checkins.add(customerEmail: "stranger@example.com", at: Fixture.now)) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid(
                "no customer has the email 'stranger@example.com': a check-in is with a customer who has written to support"))
        }
        XCTAssertThrowsError(try me.checkins.add(customerEmail: "late@example.com", at: Fixture.now, with: ["ghost"]))
        let checkIn = try me.checkins.add(customerEmail: "late@example.com", at: Fixture.now + 3_600,
                                          with: ["exec1", "employee1"])
        XCTAssertEqual(checkIn.people, ["employee1", "exec1"])
        XCTAssertEqual(checkIn.customerName, "Late")
        let noted = try company.workspace("exec1").checkins.setNotes(id: checkIn.id, notes: "Wants a CSV export weekly.",
                                                                     expectedVersion: 1)
        XCTAssertEqual(noted.version, 2)
        XCTAssertThrowsError(try company.workspace("employee2").checkins.setNotes(id: checkIn.id, notes: "mine")) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .notPermitted(action: Action.manageFollowUps.rawValue, role: .employee))
        }
        XCTAssertThrowsError(try me.checkins.setNotes(id: checkIn.id, notes: "stale", expectedVersion: 1)) { error in
            XCTAssertEqual(error as? AllHandsError, .conflict(what: "check-in #\(checkIn.id)", expected: 1, found: 2))
        }
        XCTAssertEqual(try company.workspace("lead1").checkins.setNotes(id: checkIn.id, notes: "Wants a CSV export.").notes,
                       "Wants a CSV export.")
        // Everyone reads and searches every check-in's notes.
        let reader = try company.workspace("employee2")
        XCTAssertEqual(try reader.checkins.find(id: checkIn.id).notes, "Wants a CSV export.")
        XCTAssertEqual(try reader.checkins.search("csv").map(\.id), [checkIn.id])
        XCTAssertEqual(try reader.checkins.search("weekly"), [])
        XCTAssertEqual(try reader.checkins.search("AND ( \""), [], "search words are only text")
        XCTAssertEqual(try reader.checkins.list(person: "exec1").map(\.id), [checkIn.id])
        XCTAssertEqual(try reader.checkins.list(person: "employee2"), [])
        XCTAssertEqual(try reader.checkins.list(customerEmail: "late@example.com").map(\.id), [checkIn.id])
        let audit = try company.f.workspace().audit.entries(entity: "checkin", id: String(checkIn.id))
        XCTAssertEqual(audit.map(\.action), ["checkin.notes", "checkin.notes", "checkin.add"])
    }

    func testTheBriefShowsRecentTicketsPastCheckInsAndOpenItems() throws {
        let company = try FollowUpCompany()
        let second = try company.ticket("late@example.com", created: Fixture.now - 3_600, reply: 60)
        let me = try company.workspace("employee1")
        let earlier = try me.checkins.add(customerEmail: "late@example.com", at: Fixture.now - 30 * 86_400)
        try me.checkins.setNotes(id: earlier.id, notes: "Slow first replies hurt.")
        let now = try me.checkins.add(customerEmail: "late@example.com", at: Fixture.now + 86_400)
        _ = try me.checkins.add(customerEmail: "quiet@example.com", at: Fixture.now)
        let open = try me.actionItems.add(title: "Check the reply times", owner: "employee2", due: "+1d",
                                          checkInID: earlier.id)
        let done = try me.actionItems.add(title: "Done already", owner: "employee1", due: "today",
                                          customerEmail: "late@example.com")
        try me.actionItems.close(id: done.id, as: .done)
        let brief = try company.workspace("exec2").checkins.brief(id: now.id)
        XCTAssertEqual(brief.checkIn.id, now.id)
        XCTAssertEqual(brief.recentTickets.map(\.id), [second, company.tickets["late@example.com"]!])
        XCTAssertEqual(brief.pastCheckIns.map(\.notes), ["Slow first replies hurt."])
        XCTAssertEqual(brief.openActionItems.map(\.id), [open.id])
    }
}
