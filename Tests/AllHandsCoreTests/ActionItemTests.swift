import AllHandsCore
import Foundation
import XCTest

/// Action items: anyone creates one for any active person; only the owner or a lead closes or
/// reassigns it; overdue by the company's day; every change audited.
final class ActionItemTests: XCTestCase {
    func testAnyoneAssignsAFollowUpButOnlyItsOwnerOrALeadClosesIt() throws {
        let company = try FollowUpCompany()
        let employee = try company.workspace("employee1")
        let item = try employee.actionItems.add(title: "Send the export how-to", owner: "employee2", due: "+3d",
                                                customerEmail: "late@example.com")
        XCTAssertEqual(item.owner, "employee2")
        XCTAssertEqual(item.createdBy, "employee1")
        XCTAssertEqual(item.dueDay, "2026-11-21")
        XCTAssertEqual(item.customerName, "Late")
        XCTAssertThrowsError(try employee.actionItems.close(id: item.id, as: .done)) { error in
            XCTAssertEqual(error as? AllHandsError, .notAllowed(
                "action item #\(item.id) is employee2's: only its owner or a lead may close or reassign it"))
        }
        XCTAssertThrowsError(try company.workspace("exec1").actionItems.reassign(id: item.id, owner: "exec1"))
        let done = try company.workspace("employee2").actionItems.close(id: item.id, as: .done, expectedVersion: 1)
        XCTAssertEqual(done.state, .done)
        XCTAssertEqual(done.closedBy, "employee2")
        XCTAssertThrowsError(try company.workspace("lead1").actionItems.close(id: item.id, as: .dropped)) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .notAllowed("action item #\(item.id) is already done by employee2; nothing was changed"))
        }

        let other = try employee.actionItems.add(title: "Call back", owner: "employee2", due: "today")
        let lead = try company.workspace("lead1")
        XCTAssertThrowsError(try lead.actionItems.close(id: other.id, as: .dropped, expectedVersion: 7)) { error in
            XCTAssertEqual(error as? AllHandsError, .conflict(what: "action item #\(other.id)", expected: 7, found: 1))
        }
        XCTAssertEqual(try lead.actionItems.reassign(id: other.id, owner: "employee1").owner, "employee1")
        XCTAssertEqual(try employee.actionItems.close(id: other.id, as: .dropped).state, .dropped)
        let audit = try company.f.workspace().audit.entries(entity: "action", id: String(other.id))
        XCTAssertEqual(audit.map(\.action), ["action.drop", "action.reassign", "action.add"])
        XCTAssertEqual(audit[1].before, #"{"owner":"employee2"}"#)
        XCTAssertEqual(audit[1].actor, "lead1")
    }

    func testOverdueIsOpenPastItsDayInTheCompanysZone() throws {
        let company = try FollowUpCompany()
        let lead = try company.workspace("lead1")
        let yesterday = try lead.actionItems.add(title: "Yesterday", owner: "employee1", due: "2026-11-17")
        let today = try lead.actionItems.add(title: "Today", owner: "employee1", due: "2026-11-18")
        _ = try lead.actionItems.add(title: "Later", owner: "employee1", due: "tomorrow")
        let closed = try lead.actionItems.add(title: "Closed", owner: "employee1", due: "2026-11-01")
        try lead.actionItems.close(id: closed.id, as: .done)
        let me = try company.workspace("employee1")
        XCTAssertEqual(try me.actionItems.mine().map(\.title), ["Yesterday", "Today", "Later"])
        XCTAssertEqual(try me.actionItems.list(overdueOnly: true).map(\.id), [yesterday.id])
        // 03:00 UTC on the 19th is still the evening of the 18th in New York.
        let lateEvening = try company.workspace("employee1", at: 1_795_057_200)
        XCTAssertEqual(lateEvening.actionItems.today, "2026-11-18")
        XCTAssertEqual(try lateEvening.actionItems.list(overdueOnly: true).map(\.id), [yesterday.id])
        let nextMorning = try company.workspace("employee1", at: 1_795_057_200 + 5 * 3_600)
        XCTAssertEqual(try nextMorning.actionItems.list(overdueOnly: true).map(\.id), [yesterday.id, today.id])
        XCTAssertTrue(today.isOverdue(today: "2026-11-19"))
        // Everyone may read others' items; the default list is one's own.
        XCTAssertEqual(try lead.actionItems.mine(), [])
        XCTAssertEqual(try lead.actionItems.list(owner: "employee1").count, 3)
        XCTAssertEqual(try company.workspace("employee2").actionItems.list(everyone: true, state: nil).count, 4)
    }

    func testDueDaysOwnersAndLinksAreChecked() throws {
        let company = try FollowUpCompany()
        let me = try company.workspace("employee1")
        XCTAssertEqual(try me.actionItems.dueDay("today"), "2026-11-18")
        XCTAssertEqual(try me.actionItems.dueDay("+2w"), "2026-12-02")
        XCTAssertEqual(try me.actionItems.dueDay(" 2026-12-24 "), "2026-12-24")
        for bad in ["2026-02-30", "next week", "+d", "2026-12-24 10:00"] {
            XCTAssertThrowsError(try me.actionItems.dueDay(bad), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("due day '\(bad)' is not a day"), "\(error)")
            }
        }
        XCTAssertThrowsError(try me.actionItems.add(title: "x", owner: "nobody", due: "today")) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid("no active person with login 'nobody' to own the item"))
        }
        XCTAssertThrowsError(try me.actionItems.add(title: "  ", owner: "employee1", due: "today"))
        let ticket = company.tickets["late@example.com"]!
        let linked = try me.actionItems.add(title: "Follow up", owner: "employee1", due: "today", ticketID: ticket)
        XCTAssertEqual(linked.customerName, "Late", "the ticket's customer")
        XCTAssertThrowsError(try me.actionItems.add(title: "x", owner: "employee1", due: "today",
                                                    customerEmail: "quiet@example.com", ticketID: ticket)) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid(
                "customer quiet@example.com and ticket #\(ticket) are about different customers; link one of them"))
        }
    }
}
