import AllHandsCore
import Storage
import XCTest

final class PermissionTests: XCTestCase {
    func assertDenied(_ body: @autoclosure () throws -> some Any, _ line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            guard case AllHandsError.notPermitted = error else { return XCTFail("expected notPermitted, got \(error)", line: line) }
        }
    }

    func testOnlyLeadsAndAdminsAddPeopleAndNothingIsWrittenOnDenial() throws {
        let f = Fixture()
        try f.addPeople([.employee, .support, .lead, .exec])
        for role in Role.allCases where role != .admin {
            let ws = try f.workspace(role.rawValue + "1")
            let newcomer = Person(login: "new-\(role.rawValue)", name: "New")
            if role == .lead {
                XCTAssertNoThrow(try ws.people.add(newcomer))
            } else {
                assertDenied(try ws.people.add(newcomer))
                assertDenied(try ws.people.importCSV("login,name,email,team,role,timezone\nx,X,,,employee,UTC\n", source: "p.csv"))
                XCTAssertNil(try ws.people.find(login: newcomer.login))
            }
        }
    }

    func testTheAuditLogIsForLeadsAndAdmins() throws {
        let f = Fixture()
        try f.addPeople([.employee, .support, .lead, .exec])
        for role in Role.allCases {
            let ws = try f.workspace(role == .admin ? "admin" : role.rawValue + "1")
            if Permissions.allows(role, .viewAudit) {
                XCTAssertFalse(try ws.audit.entries().isEmpty)
            } else {
                assertDenied(try ws.audit.entries())
            }
        }
        XCTAssertEqual(Role.allCases.filter { Permissions.allows($0, .viewAudit) }, [.lead, .admin])
    }

    func testOnlyAnAdminReplacesAnExistingDemo() throws {
        let f = Fixture()
        _ = try f.demo()
        try f.addPeople([.lead])
        assertDenied(try f.workspace("lead1").demo.generate(DemoOptions(people: 5, tickets: 5)))
    }

    func testEveryRoleMayViewAndWorkTickets() {
        for role in Role.allCases {
            XCTAssertTrue(Permissions.allows(role, .viewTickets))
            XCTAssertTrue(Permissions.allows(role, .updateTicket))
        }
    }
}
