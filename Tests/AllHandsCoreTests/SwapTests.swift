@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// Swaps: offer → take → approve moves the seat; every hard rule refuses a take with its
/// reason and changes nothing; the policy without approval; racing takers; expiry once the
/// shift starts.
final class SwapTests: XCTestCase {
    static let hour: Int64 = 3_600
    /// 2026-11-19T14:00:00Z: Thursday, the day after the fixture's now (09:00 EST, 14:00 UTC).
    static let start: Int64 = 1_795_096_800

    /// The fixture's people; shift #1 `[start, start + 3 h)` with employee1 and support1 in it.
    func planned(seats: Int = 3) throws -> Fixture {
        let f = try Fixture.withShiftPeople()
        _ = try f.workspace().shifts.add(startsAt: Self.start, endsAt: Self.start + 3 * Self.hour, maxSeats: seats,
                                         people: ["employee1", "support1"])
        return f
    }

    func workspace(_ f: Fixture, _ login: String, at instant: Int64 = Fixture.now,
                   approval: Bool = true) throws -> Workspace {
        var config = Configuration.default
        config.rotation.swapsNeedApproval = approval
        let clock = FixedClock(epochSeconds: instant)
        return try Workspace(database: Workspace.openDatabase(path: f.path, clock: clock), config: config, clock: clock,
                             login: login)
    }

    func assignments(_ f: Fixture, _ shiftID: Int = 1) throws -> [Assignment] {
        try f.workspace().shifts.find(id: shiftID).assignments
    }

    func expect(_ body: @autoclosure () throws -> some Any, _ error: AllHandsError, file: StaticString = #filePath,
                line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) {
            XCTAssertEqual($0 as? AllHandsError, error, file: file, line: line)
        }
    }

    // MARK: - The way through

    func testAnOfferTakenAndApprovedMovesTheSeatAsASwapAndTellsBothPeople() throws {
        let f = try planned()
        let offered = try workspace(f, "employee1").swaps.offer(shiftID: 1, note: " Dentist ")
        XCTAssertEqual(offered, SwapRequest(id: 1, shiftID: 1, from: "employee1", note: "Dentist", createdAt: Fixture.now))
        let taken = try workspace(f, "employee2").swaps.take(id: 1)
        XCTAssertEqual(taken.state, .taken)
        XCTAssertEqual(taken.takenBy, "employee2")
        XCTAssertEqual(try assignments(f).map(\.login), ["employee1", "support1"], "the seat waits for a lead")
        XCTAssertNil(try workspace(f, "employee2").rotation.overview().notice)
        expect(try workspace(f, "employee2").swaps.approve(id: 1),
               .notPermitted(action: Action.manageShifts.rawValue, role: .employee))

        let approved = try workspace(f, "lead1").swaps.approve(id: 1)
        XCTAssertEqual(approved, SwapRequest(id: 1, shiftID: 1, from: "employee1", takenBy: "employee2", state: .approved,
                                             note: "Dentist", decidedBy: "lead1", createdAt: Fixture.now, version: 3))
        XCTAssertEqual(try workspace(f, "employee1").swaps.find(id: 1), approved)
        XCTAssertEqual(try assignments(f), [Assignment(shiftID: 1, login: "employee2", role: .agent, source: .swap),
                                            Assignment(shiftID: 1, login: "support1", role: .agent, source: .manual)])
        let companyTime = Timestamp.localWithZone(Self.start, timeZone: try XCTUnwrap(TimeZone(identifier: "America/New_York")))
        XCTAssertTrue(companyTime.hasPrefix("2026-11-19 09:00 "), companyTime)
        let notice = "Swap #1: shift #1 (\(companyTime)) moved from employee1 to employee2"
        XCTAssertEqual(try workspace(f, "employee1").rotation.overview().notice?.summary, notice)
        XCTAssertEqual(try workspace(f, "employee2").rotation.overview().notice?.summary, notice)
        XCTAssertNil(try workspace(f, "support1").rotation.overview().notice)
        let db = try f.database()
        XCTAssertEqual(try db.fetchInt("""
            SELECT count(*) FROM shift_assignments_removed r JOIN people p ON p.id = r.person_id
            WHERE r.shift_id = 1 AND p.login = 'employee1'
            """), 1, "the offerer's seat leaves a tombstone for calendar exports")
        let audit = try f.workspace().audit.entries(entity: "swap", id: "1")
        XCTAssertEqual(audit.map(\.action), ["swap.approve", "swap.take", "swap.offer"])
        XCTAssertEqual(audit.first?.after, #"{"state":"approved","taken_by":"employee2"}"#)
        XCTAssertEqual(try workspace(f, "employee1").swaps.list(), [], "nothing live any more")
        XCTAssertEqual(try workspace(f, "employee1").swaps.list(all: true).map(\.state), [.approved])
    }

    func testWithoutApprovalInThePolicyATakeMovesTheSeatAtOnce() throws {
        let f = try planned()
        _ = try workspace(f, "employee1", approval: false).swaps.offer(shiftID: 1, to: "employee2")
        let taken = try workspace(f, "employee2", approval: false).swaps.take(id: 1)
        XCTAssertEqual(taken.state, .approved)
        XCTAssertNil(taken.decidedBy)
        XCTAssertEqual(try assignments(f).map(\.login), ["employee2", "support1"])
        XCTAssertEqual(try assignments(f).first?.source, .swap)
        XCTAssertNotNil(try workspace(f, "employee1").rotation.overview().notice)
        expect(try workspace(f, "lead1", approval: false).swaps.approve(id: 1),
               .alreadyDecided(what: "swap #1", outcome: "taken", by: "employee2"))
    }

    func testABuddySeatKeepsItsRoleAndTheNewcomersPairingFollowsTheBuddy() throws {
        let f = try planned()
        let db = try f.database()
        try db.write { db in
            try db.execute("UPDATE shifts SET buddy_required = 1")
            try db.execute("UPDATE shift_assignments SET role = 'buddy' WHERE person_id = (SELECT id FROM people WHERE login = 'support1')")
            try db.execute("""
                UPDATE shift_assignments SET paired_with = (SELECT id FROM people WHERE login = 'support1')
                WHERE person_id = (SELECT id FROM people WHERE login = 'employee1')
                """)
        }
        _ = try workspace(f, "support1", approval: false).swaps.offer(shiftID: 1)
        _ = try workspace(f, "lead1", approval: false).swaps.take(id: 1)
        XCTAssertEqual(try assignments(f), [Assignment(shiftID: 1, login: "employee1", pairedWith: "lead1"),
                                            Assignment(shiftID: 1, login: "lead1", role: .buddy, source: .swap)])
    }

    // MARK: - Hard rules

    /// Takes swap #1 (support1's open offer, or `offerer`'s) as `taker`, expecting the rule's
    /// reason, and checks nothing changed.
    func refusedTake(_ f: Fixture, _ taker: String, _ reason: String, line: UInt = #line) throws {
        let before = try assignments(f)
        expect(try workspace(f, taker).swaps.take(id: 1), .notAllowed("\(taker) cannot be in shift #1: \(reason)"), line: line)
        let swap = try workspace(f, taker).swaps.find(id: 1)
        XCTAssertEqual(swap.state, .open, line: line)
        XCTAssertEqual(swap.version, 1, line: line)
        XCTAssertEqual(try assignments(f), before, line: line)
        XCTAssertEqual(try f.workspace().audit.entries(entity: "swap", id: "1").map(\.action), ["swap.offer"], line: line)
    }

    func testATakeThatBreaksRestOrOverlapIsRefusedWithTheReason() throws {
        let f = try planned()
        _ = try f.workspace().shifts.add(startsAt: Self.start + 7 * Self.hour, endsAt: Self.start + 9 * Self.hour,
                                         people: ["employee2"])
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        try refusedTake(f, "employee2", "less than 12 hours of rest from another of their shifts")
        _ = try f.workspace().shifts.add(startsAt: Self.start + 2 * Self.hour, endsAt: Self.start + 4 * Self.hour,
                                         people: ["lead1"])
        try refusedTake(f, "lead1", "already in an overlapping shift")
    }

    func testATakeOutsideTheTakersWorkingHoursInTheirOwnZoneIsRefused() throws {
        let f = try planned()
        try f.workspace().people.add(Person(login: "tokyo", name: "In Tokyo", timeZone: "Asia/Tokyo"))
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        try refusedTake(f, "tokyo", "outside their working hours (08:00–20:00 Asia/Tokyo; this shift is 23:00–02:00 there)")
    }

    func testATakeDuringTheTakersTimeOffIsRefused() throws {
        let f = try planned()
        _ = try f.workspace("employee2").timeOff.add(login: "employee2", from: Self.start + Self.hour, to: Self.start + 30 * Self.hour)
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        try refusedTake(f, "employee2", "on time off")
    }

    func testATakeThatPutsTooManyOfOneTeamInTheShiftIsRefused() throws {
        let f = try Fixture.withShiftPeople()
        for login in ["sales1", "sales2", "sales3"] {
            try f.workspace().people.add(Person(login: login, name: login, team: "sales"))
        }
        _ = try f.workspace().shifts.add(startsAt: Self.start, endsAt: Self.start + 3 * Self.hour, maxSeats: 3,
                                         people: ["support1", "sales1", "sales2"])
        _ = try workspace(f, "support1").swaps.offer(shiftID: 1)
        try refusedTake(f, "sales3", "2 people of team sales are in it already")
        XCTAssertEqual(try workspace(f, "sales2", approval: false).swaps.offer(shiftID: 1, to: "sales3").to, "sales3",
                       "one of the team for another is fine")
    }

    func testATakeThatLeavesABuddyShiftWithoutASupportPersonIsRefused() throws {
        let f = try planned()
        try f.database().write { try $0.execute("UPDATE shifts SET buddy_required = 1") }
        _ = try workspace(f, "support1").swaps.offer(shiftID: 1)
        try refusedTake(f, "employee2", "no support buddy for the people who are not support staff")
        XCTAssertEqual(try workspace(f, "lead1").swaps.take(id: 1).state, .taken, "a lead can be the buddy")
    }

    func testAnOfferToSomeoneWhoCouldNotTakeItIsRefusedAtOnce() throws {
        let f = try planned()
        _ = try f.workspace("employee2").timeOff.add(login: "employee2", from: Self.start, to: Self.start + Self.hour)
        expect(try workspace(f, "employee1").swaps.offer(shiftID: 1, to: "employee2"),
               .notAllowed("employee2 cannot be in shift #1: on time off"))
        expect(try workspace(f, "employee1").swaps.offer(shiftID: 1, to: "support1"),
               .invalid("support1 is already in shift #1"))
        expect(try workspace(f, "employee1").swaps.offer(shiftID: 1, to: "employee1"),
               .invalid("a shift cannot be offered to its own holder"))
        expect(try workspace(f, "employee1").swaps.offer(shiftID: 1, note: String(repeating: "n", count: 501)),
               .invalid("note is too long: 501 characters, at most 500"))
        expect(try workspace(f, "employee1").swaps.offer(shiftID: 9), .notFound(what: "shift #9"))
        XCTAssertEqual(try workspace(f, "employee1").swaps.list(all: true), [])
    }

    // MARK: - Who may do what

    func testAnOfferToANamedPersonIsTheirsToTakeAndOnlyTheOffererOrALeadWithdrawsIt() throws {
        let f = try planned()
        expect(try workspace(f, "employee2").swaps.offer(shiftID: 1, from: "employee1"),
               .notPermitted(action: Action.manageShifts.rawValue, role: .employee))
        expect(try workspace(f, "employee2").swaps.offer(shiftID: 1), .invalid("employee2 is not in shift #1"))
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1, to: "employee2")
        expect(try workspace(f, "employee1").swaps.offer(shiftID: 1),
               .invalid("employee1's seat in shift #1 is already on offer (swap #1)"))
        expect(try workspace(f, "lead1").swaps.take(id: 1),
               .notAllowed("swap #1 is offered to employee2; only they can take it"))
        expect(try workspace(f, "employee1").swaps.take(id: 1),
               .invalid("swap #1 is employee1's own offer; withdraw it instead"))
        expect(try workspace(f, "employee2").swaps.withdraw(id: 1),
               .notPermitted(action: Action.manageShifts.rawValue, role: .employee))
        let withdrawn = try workspace(f, "employee1").swaps.withdraw(id: 1)
        XCTAssertEqual(withdrawn.state, .withdrawn)
        expect(try workspace(f, "employee2").swaps.take(id: 1),
               .alreadyDecided(what: "swap #1", outcome: "withdrawn", by: "employee1"))

        _ = try workspace(f, "lead1").swaps.offer(shiftID: 1, from: "employee1")
        expect(try workspace(f, "employee2").swaps.decline(id: 2),
               .notPermitted(action: Action.manageShifts.rawValue, role: .employee))
        XCTAssertEqual(try workspace(f, "lead1").swaps.decline(id: 2).decidedBy, "lead1")
        expect(try workspace(f, "lead1").swaps.approve(id: 2), .alreadyDecided(what: "swap #2", outcome: "declined", by: "lead1"))
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        expect(try workspace(f, "lead1").swaps.approve(id: 3), .notAllowed("swap #3 has not been taken yet; there is nothing to approve"))
        XCTAssertEqual(try workspace(f, "employee2").swaps.take(id: 3, as: "employee2").state, .taken)
        expect(try workspace(f, "employee2").swaps.take(id: 3, as: "lead1"),
               .notPermitted(action: Action.manageShifts.rawValue, role: .employee))
        XCTAssertEqual(try assignments(f).map(\.login), ["employee1", "support1"])
        XCTAssertEqual(try workspace(f, "employee2").swaps.list().map(\.id), [3])
    }

    // MARK: - Races and time

    func testOfTwoTakersRacingOnTwoConnectionsOneWinsAndTheOtherIsToldWhoTookIt() throws {
        let f = try planned()
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        try f.workspace().people.add(Person(login: "employee3", name: "C employee"))
        let path = f.path
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let login = ["employee2", "employee3"][index]
            do {
                let clock = FixedClock(epochSeconds: Fixture.now)
                let ws = try Workspace(database: Workspace.openDatabase(path: path, clock: clock), config: .default,
                                       clock: clock, login: login)
                let seen = try ws.swaps.find(id: 1)
                outcomes.add(login, .success(try ws.swaps.take(id: 1, expectedVersion: seen.version)))
            } catch {
                outcomes.add(login, .failure(error))
            }
        }
        let results = outcomes.all
        XCTAssertEqual(results.count, 2)
        let winners = results.compactMap { login, result in (try? result.get()).map { _ in login } }
        XCTAssertEqual(winners.count, 1, "\(results)")
        let winner = try XCTUnwrap(winners.first)
        let loser = try XCTUnwrap(results.first { $0.0 != winner })
        XCTAssertThrowsError(try loser.1.get()) { error in
            XCTAssertEqual(error as? AllHandsError, .alreadyDecided(what: "swap #1", outcome: "taken", by: winner))
        }
        XCTAssertEqual(try workspace(f, "admin").swaps.find(id: 1).takenBy, winner)
    }

    func testAVersionOtherThanTheOneStoredIsAConflictAndNothingIsWritten() throws {
        let f = try planned()
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        expect(try workspace(f, "employee2").swaps.take(id: 1, expectedVersion: 7),
               .conflict(what: "swap #1", expected: 7, found: 1))
        XCTAssertEqual(try workspace(f, "employee2").swaps.find(id: 1).state, .open)
    }

    func testAnOfferStillOpenWhenItsShiftStartsReadsAsExpiredAndTheNextSwapChangeStoresIt() throws {
        let f = try planned()
        _ = try f.workspace().shifts.add(startsAt: Self.start + 24 * Self.hour, endsAt: Self.start + 27 * Self.hour,
                                         people: ["employee1"])
        _ = try workspace(f, "employee1").swaps.offer(shiftID: 1)
        let later = try workspace(f, "employee2", at: Self.start + 60)
        XCTAssertEqual(try later.swaps.find(id: 1).state, .expired)
        XCTAssertEqual(try later.swaps.list(), [])
        XCTAssertEqual(try later.swaps.list(all: true).map(\.state), [.expired])
        let db = try f.database()
        XCTAssertEqual(try db.fetchOne("SELECT state FROM swaps WHERE id = 1") { $0.string(0) }, "open", "reads never write")
        expect(try later.swaps.take(id: 1), .notAllowed("swap #1 expired when shift #1 started; nothing was changed"))
        XCTAssertEqual(try db.fetchOne("SELECT state FROM swaps WHERE id = 1") { $0.string(0) }, "open", "a refusal writes nothing")
        _ = try workspace(f, "employee1", at: Self.start + 60).swaps.offer(shiftID: 2)
        XCTAssertEqual(try db.fetchOne("SELECT state FROM swaps WHERE id = 1") { $0.string(0) }, "expired")
        XCTAssertEqual(try f.workspace().audit.entries(entity: "swap", id: "1").first?.action, "swap.expire")
        expect(try workspace(f, "employee1", at: Self.start + 60).swaps.offer(shiftID: 1),
               .notAllowed("shift #1 has already started; it can no longer be swapped"))
    }
}

/// Results of concurrent takes, by login.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(String, Result<SwapRequest, any Error>)] = []

    func add(_ login: String, _ result: Result<SwapRequest, any Error>) {
        lock.withLock { results.append((login, result)) }
    }

    var all: [(String, Result<SwapRequest, any Error>)] { lock.withLock { results } }
}
