@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// The database-level check a seat change asks before it writes: the rules swaps do not reach
/// on their own (seats, listeners, buddy roles, started shifts, inactive people) and the buddy
/// rule judged after the change.
final class RotationConstraintCheckTests: XCTestCase {
    static let start = SwapTests.start

    /// Asks whether `login` may sit in shift #1 as `role`, replacing `replacing`.
    func refusal(_ f: Fixture, _ login: String, as role: AssignmentRole = .agent, replacing: String? = nil,
                 at now: Int64 = Fixture.now, config: Configuration = .default) throws -> AllHandsError? {
        try f.database().read { db in
            let person = try XCTUnwrap(PeopleService.find(login: login, in: db))
            let replaced = try replacing.map { try XCTUnwrap(PeopleService.find(login: $0, in: db)) }
            return try RotationConstraintCheck.refusal(person, inShift: 1, as: role, replacing: replaced,
                                                       config: config, now: now, db: db)
        }
    }

    func testAFullShiftTakesOnlyListenersAndSwapsSeatForSeat() throws {
        let f = try Fixture.withShiftPeople()
        _ = try f.workspace().shifts.add(startsAt: Self.start, endsAt: Self.start + 3 * 3_600, minSeats: 1, maxSeats: 2,
                                         people: ["employee1", "support1"])
        XCTAssertEqual(try refusal(f, "employee2"), .notAllowed("employee2 cannot be in shift #1: it is full (2 seats)"))
        try f.workspace().people.add(Person(login: "exec1", name: "An exec", role: .exec))
        XCTAssertNil(try refusal(f, "exec1", as: .listener))
        XCTAssertEqual(try refusal(f, "employee2", as: .listener),
                       .notAllowed("employee2 cannot be in shift #1: listening seats on the rota are for executives"))
        XCTAssertNil(try refusal(f, "employee2", replacing: "employee1"))
        XCTAssertEqual(try refusal(f, "employee1"), .invalid("employee1 is already in shift #1"))
        XCTAssertEqual(try refusal(f, "employee2", at: Self.start),
                       .notAllowed("shift #1 has already started; its seats no longer change"))
        try f.database().write { try $0.execute("UPDATE people SET active = 0 WHERE login = 'employee2'") }
        XCTAssertEqual(try refusal(f, "employee2", replacing: "employee1"), .invalid("no active person with login 'employee2'"))
    }

    func testOnlySupportStaffAndLeadsAreBuddiesAndTheBuddyRuleIsJudgedAfterTheChange() throws {
        let f = try Fixture.withShiftPeople()
        _ = try f.workspace().shifts.add(startsAt: Self.start, endsAt: Self.start + 3 * 3_600, maxSeats: 3,
                                         people: ["employee1"])
        try f.database().write { try $0.execute("UPDATE shifts SET buddy_required = 1") }
        XCTAssertEqual(try refusal(f, "employee2", as: .buddy),
                       .notAllowed("employee2 cannot be in shift #1: only support staff and leads can be buddies"))
        XCTAssertNil(try refusal(f, "support1", as: .buddy))
        XCTAssertEqual(try refusal(f, "employee2"),
                       .notAllowed("employee2 cannot be in shift #1: no support buddy for the people who are not support staff"))
        try f.workspace().people.add(Person(login: "exec1", name: "An exec", role: .exec))
        XCTAssertNil(try refusal(f, "exec1", as: .listener), "a listener takes no seat and needs no buddy")
        var settled = Configuration.default
        settled.rotation.newcomerBuddyShifts = 0
        XCTAssertNil(try refusal(f, "employee2", replacing: "employee1", config: settled),
                     "seat for seat in a shift already without its buddy makes it no worse")
        XCTAssertEqual(try refusal(f, "employee2", replacing: "employee1"),
                       .notAllowed("employee2 cannot be in shift #1: a newcomer's first shifts need a support buddy beside them, and nobody in it is one"),
                       "unless it seats a newcomer without one")
    }
}
