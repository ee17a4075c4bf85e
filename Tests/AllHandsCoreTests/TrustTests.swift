import AllHandsCore
import Foundation
import Storage
import XCTest

/// Roles that hold: nobody raises their own rights, the last admin stays, a demo stops being
/// a demo once real work happens, and assigning follows one rule on every path.
final class TrustTests: XCTestCase {
    let header = "login,name,email,team,role,timezone\n"

    func assertNotAllowed(_ body: @autoclosure () throws -> some Any, mentioning text: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            guard case AllHandsError.notAllowed(let reason) = error else {
                return XCTFail("expected notAllowed, got \(error)", line: line)
            }
            XCTAssertTrue(reason.contains(text), reason, line: line)
        }
    }

    func people(_ f: Fixture) throws -> [String: Person] {
        Dictionary(uniqueKeysWithValues: try f.workspace().people.list().map { ($0.login, $0) })
    }

    // MARK: - Admin rights

    func testALeadCannotPromoteThemselvesByImportAndNothingOfTheFileIsApplied() throws {
        let f = Fixture()
        try f.addPeople([.lead])
        let before = try people(f)
        let lead = try f.workspace("lead1")
        let csv = header + "newbie,New Person,,support,employee,UTC\nlead1,A lead,,,admin,UTC\n"
        assertNotAllowed(try lead.people.importCSV(csv, source: "p.csv"), mentioning: "p.csv:3")
        XCTAssertEqual(try people(f), before, "the import is all or nothing")
        XCTAssertEqual(try people(f)["lead1"]?.role, .lead)
    }

    func testALeadCannotDemoteOrEditAnAdmin() throws {
        let f = Fixture()
        try f.addPeople([.lead])
        let lead = try f.workspace("lead1")
        assertNotAllowed(try lead.people.importCSV(header + "admin,admin,,,employee,UTC\n", source: "p.csv"),
                         mentioning: "'admin', who is an admin")
        assertNotAllowed(try lead.people.importCSV(header + "admin,Renamed,,,admin,UTC\n", source: "p.csv"),
                         mentioning: "'admin', who is an admin")
        XCTAssertEqual(try people(f)["admin"]?.role, .admin)
        XCTAssertEqual(try people(f)["admin"]?.name, "admin")
    }

    func testALeadCannotAddAnAdminButMayAddAndChangeOthers() throws {
        let f = Fixture()
        try f.addPeople([.lead])
        let lead = try f.workspace("lead1")
        assertNotAllowed(try lead.people.add(Person(login: "boss", name: "Boss", role: .admin)), mentioning: "only an admin")
        XCTAssertNil(try lead.people.find(login: "boss"))
        XCTAssertNoThrow(try lead.people.add(Person(login: "sam", name: "Sam", role: .support)))
        let summary = try lead.people.importCSV(header + "sam,Sam Smith,,,lead,UTC\nadmin,admin,,,admin,UTC\n", source: "p.csv")
        XCTAssertEqual(summary, .init(added: 0, updated: 1, unchanged: 1), "an admin's unchanged row is fine")
    }

    func testTheLastActiveAdminCannotBeDemotedEvenByThemselves() throws {
        let f = Fixture()
        let admin = try f.workspace()
        assertNotAllowed(try admin.people.importCSV(header + "admin,admin,,,lead,UTC\n", source: "p.csv"),
                         mentioning: "no active admin")
        XCTAssertEqual(try people(f)["admin"]?.role, .admin)
        // With a second admin, one may step down.
        _ = try admin.people.importCSV(header + "second,Second,,,admin,UTC\nadmin,admin,,,lead,UTC\n", source: "p.csv")
        XCTAssertEqual(try people(f)["admin"]?.role, .lead)
    }

    func testThePermissionTableNeverLetsANonAdminManageAdmins() {
        for role in Role.allCases where role != .admin {
            XCTAssertFalse(Permissions.allows(role, .manageAdmins), "\(role)")
            XCTAssertFalse(Permissions.allows(role, .actAsOthers), "\(role)")
            XCTAssertFalse(Permissions.allows(role, .replaceDatabase), "\(role)")
        }
    }

    // MARK: - Demo databases

    func testADemoStopsBeingADemoWhenRealPeopleArriveAndThenNeedsAnAdmin() throws {
        let f = Fixture()
        let demo = try f.demo()
        XCTAssertTrue(demo.isDemo)
        let demoPeople = try demo.people.list()
        let employee = try XCTUnwrap(demoPeople.first { $0.role == .employee })
        let lead = try XCTUnwrap(demoPeople.first { $0.role == .lead })
        XCTAssertNoThrow(try f.workspace(employee.login, as: lead.login), "a demo lets demo people try the roles")
        XCTAssertThrowsError(try f.workspace(employee.login, as: "admin"), "but never its real admin") { error in
            guard case AllHandsError.notPermitted = error else { return XCTFail("\(error)") }
        }
        _ = try demo.people.importCSV(header + "realperson,Real Person,,,employee,UTC\n", source: "p.csv")
        XCTAssertFalse(try f.workspace().isDemo)
        for login in [employee.login, "realperson"] {
            XCTAssertThrowsError(try f.workspace(login, as: lead.login)) { error in
                guard case AllHandsError.notPermitted = error else { return XCTFail("\(error)") }
            }
        }
        // And a demo cannot be regenerated over the real person without an admin and --force.
        XCTAssertThrowsError(try f.workspace("realperson").demo.generate(DemoOptions(people: 5, tickets: 5)))
        XCTAssertNotNil(try f.workspace().people.find(login: "realperson"))
    }

    func testATicketChangeByARealLoginEndsTheDemoButOneMadeWithAsDoesNot() throws {
        let f = Fixture()
        let demo = try f.demo()
        let ticket = try demo.tickets.page(.activeQueue, limit: 1)[0]
        let exec = try XCTUnwrap(demo.people.list().first { $0.role == .exec })
        try f.workspace("admin", as: exec.login).tickets.update(id: ticket.id, TicketChange(priority: .low))
        XCTAssertTrue(try f.workspace().isDemo)
        try f.workspace().tickets.update(id: ticket.id, TicketChange(priority: .high))
        XCTAssertFalse(try f.workspace().isDemo)
    }

    func testOnADemoOnlyDemoPeopleCanBeActedAs() throws {
        let f = Fixture()
        let demo = try f.demo()
        let employee = try XCTUnwrap(demo.people.list().first { $0.role == .employee })
        // Writing a person straight into the file (not through the service) keeps the flag:
        // the rule must still not let anyone act as them.
        let db = try f.database()
        try db.write { try $0.execute("INSERT INTO people (login, name, role, created_at) VALUES ('planted', 'P', 'admin', 0)") }
        XCTAssertTrue(try f.workspace().isDemo)
        XCTAssertThrowsError(try f.workspace(employee.login, as: "planted")) { error in
            guard case AllHandsError.notPermitted = error else { return XCTFail("\(error)") }
        }
    }

    func testRegeneratingADemoAlwaysWritesABackupFirst() throws {
        let f = Fixture()
        _ = try f.demo()
        let summary = try f.workspace().demo.generate(DemoOptions(people: 5, tickets: 5, seed: 9))
        let backup = try XCTUnwrap(summary.backupPath, "a demo over a demo still keeps a backup")
        XCTAssertTrue(FileManager.default.fileExists(atPath: backup))
    }

    // MARK: - Assigning

    func testAssigningFollowsOneRuleForEveryRole() throws {
        let f = Fixture()
        try f.addPeople([.employee, .support, .exec])
        let admin = try f.workspace()
        for role in [Role.employee, .exec] {
            let me = role.rawValue + "1"
            let ws = try f.workspace(me)
            // Take an unassigned ticket and release it again.
            let free = try f.addTicket(admin)
            XCTAssertEqual(try ws.tickets.update(id: free, TicketChange(assignee: .login(me))).assigneeLogin, me)
            XCTAssertNil(try ws.tickets.update(id: free, TicketChange(assignee: .unassign)).assigneeLogin)
            // Someone else's ticket: neither hand it on, nor release it, nor take it over.
            let theirs = try f.addTicket(admin, assignee: "support1")
            for change in [TicketChange(assignee: .login("admin")), TicketChange(assignee: .unassign),
                           TicketChange(assignee: .login(me))] {
                XCTAssertThrowsError(try ws.tickets.update(id: theirs, change), "\(role) \(change)") { error in
                    guard case AllHandsError.notPermitted = error else { return XCTFail("\(error)") }
                }
            }
            XCTAssertEqual(try admin.tickets.find(id: theirs).assigneeLogin, "support1")
            // Nor give an unassigned ticket to a third person.
            XCTAssertThrowsError(try ws.tickets.update(id: free, TicketChange(assignee: .login("support1"))))
        }
        let support = try f.workspace("support1")
        let other = try f.addTicket(admin, assignee: "employee1")
        XCTAssertEqual(try support.tickets.update(id: other, TicketChange(assignee: .login("exec1"))).assigneeLogin, "exec1")
        XCTAssertNil(try support.tickets.update(id: other, TicketChange(assignee: .unassign)).assigneeLogin)
    }

    func testTheAssignmentRuleAsATable() {
        let rule = Permissions.assignmentAction
        XCTAssertEqual(rule(nil, "me", "me"), .updateTicket)
        XCTAssertEqual(rule("me", nil, "me"), .updateTicket)
        XCTAssertEqual(rule("me", "me", "me"), .updateTicket)
        XCTAssertEqual(rule("you", "you", "me"), .updateTicket)
        XCTAssertEqual(rule(nil, "you", "me"), .assignOthers)
        XCTAssertEqual(rule("you", nil, "me"), .assignOthers)
        XCTAssertEqual(rule("you", "me", "me"), .assignOthers)
        XCTAssertEqual(rule("me", "you", "me"), .assignOthers)
    }

    // MARK: - Reads

    func testOpeningAnExistingDatabaseWritesNothing() throws {
        let f = Fixture()
        _ = try f.demo()
        let watcher = try f.database()
        let before = try watcher.dataVersion()
        _ = try f.workspace()
        _ = try f.workspace("admin", as: try f.workspace().people.list().first { $0.role == .exec }?.login)
        XCTAssertEqual(try watcher.dataVersion(), before, "resolving who acts must not commit anything")
    }
}
