import AllHandsCore
import Foundation
import Storage
import XCTest

/// Boundaries: anyone working tickets marks an abusive requester with a reason; support, leads
/// and admins review and clear the marks.
final class BoundaryTests: XCTestCase {
    /// Two tickets from one customer (one solved) and one from another.
    func twoCustomers() throws -> (Fixture, tickets: [Int], customers: [Int]) {
        let f = try Fixture.withShiftPeople()
        let admin = try f.workspace()
        let first = try f.addTicket(admin), second = try f.addTicket(admin)
        let db = try f.database()
        let customers = try [first, second].map { id in
            try XCTUnwrap(db.fetchInt("SELECT requester_id FROM tickets WHERE id = ?", id))
        }
        let third = try db.write { db in
            try db.execute("""
                INSERT INTO tickets (subject, status, priority, requester_id, created_at, updated_at)
                VALUES ('Again', 'solved', 2, ?, ?, ?)
                """, customers[0], Fixture.now, Fixture.now)
            return Int(db.lastInsertRowID)
        }
        return (f, [first, second, third], customers)
    }

    func testAnEmployeeMarksARequesterAndEveryTicketOfTheirsShowsIt() throws {
        let (f, tickets, customers) = try twoCustomers()
        let me = try f.workspace("employee1")
        let boundary = try me.boundaries.mark(ticketID: tickets[0], reason: " Threatened the agent. ")
        XCTAssertEqual(boundary, Boundary(customerID: customers[0], customerName: "Ann Lee", reason: "Threatened the agent.",
                                          setBy: "employee1", setAt: Fixture.now))
        XCTAssertEqual(try me.boundaries.forCustomer(customers[0]), boundary)
        XCTAssertNil(try me.boundaries.forCustomer(customers[1]))
        XCTAssertEqual(try me.boundaries.marked(customerIDs: customers + [customers[0], 999]), [customers[0]])
        XCTAssertEqual(try me.boundaries.marked(customerIDs: []), [])
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "customer", id: String(customers[0])).first)
        XCTAssertEqual(entry.action, "boundary.mark")
        XCTAssertNil(entry.before)
        XCTAssertEqual(entry.after, #"{"reason":"Threatened the agent.","set_by":"employee1"}"#)
    }

    func testMarkingAgainReplacesTheReasonWithBeforeAndAfterAndTheSameReasonWritesNothing() throws {
        let (f, tickets, customers) = try twoCustomers()
        _ = try f.workspace("employee1").boundaries.mark(ticketID: tickets[0], reason: "Rude")
        let replaced = try f.workspace("support1").boundaries.mark(customerID: customers[0], reason: "Abusive language")
        XCTAssertEqual(replaced.setBy, "support1")
        _ = try f.workspace("support1").boundaries.mark(ticketID: tickets[2], reason: "Abusive language")
        let entries = try f.workspace().audit.entries(entity: "customer", id: String(customers[0]))
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries[0].before, #"{"reason":"Rude","set_by":"employee1"}"#)
        XCTAssertEqual(entries[0].after, #"{"reason":"Abusive language","set_by":"support1"}"#)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM boundaries"), 1)
    }

    func testAMarkNeedsAReasonAndSomethingToMark() throws {
        let (f, tickets, _) = try twoCustomers()
        let me = try f.workspace("employee1")
        XCTAssertThrowsError(try me.boundaries.mark(ticketID: tickets[0], reason: "\t")) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid("a reason is required"))
        }
        XCTAssertThrowsError(try me.boundaries.mark(ticketID: 999, reason: "r")) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "ticket #999"))
        }
        XCTAssertThrowsError(try me.boundaries.mark(customerID: 999, reason: "r")) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "customer #999"))
        }
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM boundaries"), 0)
    }

    func testSupportLeadsAndAdminsReviewAndClearTheMarks() throws {
        let (f, tickets, customers) = try twoCustomers()
        _ = try f.workspace("employee1").boundaries.mark(ticketID: tickets[0], reason: "Rude")
        XCTAssertThrowsError(try f.workspace("employee1").boundaries.list()) { error in
            XCTAssertEqual(error as? AllHandsError, .notPermitted(action: Action.reviewBoundaries.rawValue, role: .employee))
        }
        XCTAssertThrowsError(try f.workspace("employee1").boundaries.clear(customerID: customers[0]))
        let list = try f.workspace("support1").boundaries.list()
        XCTAssertEqual(list.map(\.boundary.customerID), [customers[0]])
        XCTAssertEqual(list.first?.openTickets, 1, "the solved ticket is not open")
        XCTAssertEqual(list.first?.email, "ann@example.com")

        try f.workspace("lead1").boundaries.clear(customerID: customers[0])
        XCTAssertNil(try f.workspace().boundaries.forCustomer(customers[0]))
        XCTAssertThrowsError(try f.workspace("lead1").boundaries.clear(customerID: customers[0])) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "a boundary on customer #\(customers[0])"))
        }
        XCTAssertEqual(try f.workspace().audit.entries(entity: "customer").map(\.action), ["boundary.clear", "boundary.mark"])
    }

    func testTheCannedBoundaryReplyIsAMacroInTheConfig() {
        let macro = Configuration.default.macro(named: BoundaryService.replyMacro)
        XCTAssertFalse(macro?.body.isEmpty ?? true)
    }
}
