import AllHandsCore
import Storage
import XCTest

final class IdentityTests: XCTestCase {
    func testTheFirstLoginOnANewDatabaseBecomesAdminAndIsAudited() throws {
        let f = Fixture()
        let ws = try f.workspace("maria")
        XCTAssertEqual(ws.actor.person.role, .admin)
        let entry = try XCTUnwrap(ws.audit.entries().first)
        XCTAssertEqual(entry.action, "person.create")
        XCTAssertEqual(entry.actor, "maria")
    }

    func testAnUnknownLoginOnAnExistingDatabaseIsNotAMember() throws {
        let f = Fixture()
        _ = try f.workspace("maria")
        XCTAssertThrowsError(try f.workspace("stranger")) { error in
            XCTAssertEqual(error as? AllHandsError, .notAMember(login: "stranger"))
        }
    }

    func testAnAdminMayActAsAnyoneAndChangesAreAuditedWithTheRealLogin() throws {
        let f = Fixture()
        try f.addPeople([.employee])
        let admin = try f.workspace()
        let customer = try f.addTicket(admin)
        let ws = try f.workspace("admin", as: "employee1")
        XCTAssertEqual(ws.actor.person.login, "employee1")
        XCTAssertEqual(ws.actor.via, "admin")
        try ws.tickets.update(id: customer, TicketChange(priority: .urgent))
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "ticket", id: String(customer)).first)
        XCTAssertEqual(entry.action, "ticket.update")
        XCTAssertEqual(entry.actor, "employee1")
        XCTAssertEqual(entry.via, "admin")
    }

    func testOthersMayNotActAsSomeoneOnARealDatabase() throws {
        let f = Fixture()
        try f.addPeople([.employee, .lead])
        for login in ["employee1", "lead1"] {
            XCTAssertThrowsError(try f.workspace(login, as: "admin")) { error in
                guard case AllHandsError.notPermitted = error else { return XCTFail("\(error)") }
            }
        }
    }

    func testOnADemoDatabaseDemoPeopleMayActAsOtherDemoPeople() throws {
        let f = Fixture()
        let demo = try f.demo()
        let people = try demo.people.list()
        let employee = try XCTUnwrap(people.first { $0.role == .employee })
        let exec = try XCTUnwrap(people.first { $0.role == .exec })
        let ws = try f.workspace(employee.login, as: exec.login)
        XCTAssertEqual(ws.actor.person.role, .exec)
        XCTAssertEqual(ws.actor.via, employee.login)
    }

    func testActingAsAnUnknownPersonIsNotFound() throws {
        let f = Fixture()
        _ = try f.workspace()
        XCTAssertThrowsError(try f.workspace("admin", as: "ghost")) { error in
            guard case AllHandsError.notFound = error else { return XCTFail("\(error)") }
        }
    }
}
