@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// Shifts: reading company time, planning (leads only, no double-booking, the past stays as
/// it was), standing, the rotation overview, and ending a shift with its hand-offs.
final class ShiftTests: XCTestCase {
    let newYork = TimeZone(identifier: "America/New_York")!
    static let hour: Int64 = 3_600
    /// 2026-11-18T14:00:00Z, 09:00 EST on the fixture's Wednesday.
    static let nineAM: Int64 = 1_795_010_400

    func assertInvalid(_ body: @autoclosure () throws -> some Any, _ containing: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case AllHandsError.invalid(let message) = error else {
                return XCTFail("expected invalid, got \(error)", file: file, line: line)
            }
            XCTAssertTrue(message.contains(containing), message, file: file, line: line)
        }
    }

    // MARK: - Company time

    func testCompanyTimesReadAsWallClockInTheCompanyZoneOrAsInstantsWithTheirOffset() throws {
        let nine: Int64 = 1_795_528_800 // 2026-11-24T14:00:00Z
        XCTAssertEqual(try ShiftTime.parse("2026-11-24 09:00", timeZone: newYork), nine)
        XCTAssertEqual(try ShiftTime.parse("2026-11-24T09:00:00", timeZone: newYork), nine)
        XCTAssertEqual(try ShiftTime.parse("2026-11-24T14:00Z", timeZone: newYork), nine)
        XCTAssertEqual(try ShiftTime.parse("2026-11-24 09:00-05:00", timeZone: newYork), nine)
        XCTAssertEqual(try ShiftTime.parse("2026-11-24T15:00+01:00", timeZone: newYork), nine)
        XCTAssertEqual(try ShiftTime.parse("2026-11-24", timeZone: newYork), nine - 9 * Self.hour)
        for bad in ["", "tomorrow", "2026-11-24 9:00", "2026-11-31 09:00", "2026-11-24 24:00", "24/11/2026 09:00",
                    "2026-11-24 09:00 EST", "2026-11-24T09:00+25:00"] {
            assertInvalid(try ShiftTime.parse(bad, timeZone: newYork, what: "--start"), "--start")
        }
    }

    func testAWallClockTimeTheClocksSkipIsRefusedAndOneTheyRepeatNeedsItsOffset() throws {
        assertInvalid(try ShiftTime.parse("2026-03-08 02:30", timeZone: newYork), "does not exist")
        assertInvalid(try ShiftTime.parse("2026-11-01 01:30", timeZone: newYork),
                      "2026-11-01T05:30:00Z or 2026-11-01T06:30:00Z")
        XCTAssertEqual(try ShiftTime.parse("2026-11-01T01:30-05:00", timeZone: newYork), 1_793_514_600)
        XCTAssertEqual(try ShiftTime.parse("2026-03-08 03:00", timeZone: newYork), 1_772_953_200) // 07:00Z
    }

    func testLocalDaysAreTwentyThreeTwentyFourOrTwentyFiveHoursLong() {
        let days = ShiftTime.midnights(from: 1_793_500_000, days: 3, timeZone: newYork) // Sat 2026-10-31
        XCTAssertEqual(zip(days.dropFirst(), days).map { ($0 - $1) / Self.hour }, [24, 25, 24])
        let spring = ShiftTime.midnights(from: 1_772_900_000, days: 2, timeZone: newYork) // Sat 2026-03-07
        XCTAssertEqual(zip(spring.dropFirst(), spring).map { ($0 - $1) / Self.hour }, [24, 23])
        XCTAssertEqual(ShiftTime.weekStart(containing: Fixture.now, timeZone: newYork), 1_794_805_200) // Mon 16th 00:00 EST
        XCTAssertEqual(ShiftTime.at(hour: 9, onDayOf: days[2], timeZone: newYork), 1_793_628_000) // Mon 09:00 EST
        XCTAssertEqual(Timestamp.weekdayClock(Self.nineAM, timeZone: newYork, now: Self.nineAM), "Wed 09:00")
        // A week or more ahead: the month by its English name, whatever the locale (never "M12").
        XCTAssertEqual(Timestamp.weekdayClock(Self.nineAM + 14 * 86_400, timeZone: newYork, now: Self.nineAM),
                       "Dec 2 09:00")
    }

    /// 09:00–12:00 company time on the day after each change lasts three hours at the right
    /// instants, and someone in it is on shift at 10:00 local.
    func testAShiftTheDayAfterADaylightSavingChangeKeepsItsWallClockHours() throws {
        let f = try Fixture.withShiftPeople()
        for (day, nineUTC) in [("2026-11-02", Int64(1_793_628_000)), ("2026-03-09", Int64(1_773_061_200))] {
            let lead = try f.workspace(at: "lead1", nineUTC - 7 * 86_400)
            let start = try ShiftTime.parse("\(day) 09:00", timeZone: newYork)
            let end = try ShiftTime.parse("\(day) 12:00", timeZone: newYork)
            XCTAssertEqual(start, nineUTC, day)
            let shift = try lead.shifts.add(startsAt: start, endsAt: end, people: ["employee1"])
            XCTAssertEqual(shift.endsAt - shift.startsAt, 3 * Self.hour, day)
            let atTen = try f.workspace(at: "employee1", nineUTC + Self.hour)
            XCTAssertEqual(try atTen.shifts.standing(), .onShift(shiftID: shift.id, until: end), day)
        }
    }

    // MARK: - Planning

    func testALeadAddsAShiftWithPeopleAndItIsListedAndAudited() throws {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace("lead1")
        let start = Self.nineAM + 86_400
        let shift = try lead.shifts.add(startsAt: start, endsAt: start + 3 * Self.hour, minSeats: 1, maxSeats: 3,
                                        label: "  Thu morning ", people: ["employee2", "employee1"])
        XCTAssertEqual(shift.label, "Thu morning")
        XCTAssertEqual(shift.people, ["employee1", "employee2"])
        let listed = try f.workspace("employee1").shifts.list(from: start, to: start + 1)
        XCTAssertEqual(listed, [shift])
        XCTAssertEqual(try lead.shifts.list(from: start - 86_400, to: start), [], "a shift that starts at `to` is not in it")
        XCTAssertEqual(try lead.shifts.find(id: shift.id), shift)
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "shift", id: String(shift.id)).first)
        XCTAssertEqual(entry.action, "shift.create")
        XCTAssertEqual(entry.actor, "lead1")
        XCTAssertEqual(entry.after, #"{"ends_at":"2026-11-19T17:00:00Z","label":"Thu morning","people":"employee1,employee2","#
                       + #""seats":"1-3","starts_at":"2026-11-19T14:00:00Z"}"#)
    }

    func testOnlyLeadsAndAdminsPlanShifts() throws {
        let f = try Fixture.withShiftPeople()
        let start = Self.nineAM + 86_400
        for login in ["employee1", "support1"] {
            XCTAssertThrowsError(try f.workspace(login).shifts.add(startsAt: start, endsAt: start + Self.hour)) { error in
                XCTAssertEqual(error as? AllHandsError,
                               .notPermitted(action: Action.manageShifts.rawValue, role: login == "support1" ? .support : .employee))
            }
        }
        let shift = try f.workspace().shifts.add(startsAt: start, endsAt: start + Self.hour)
        XCTAssertThrowsError(try f.workspace("employee1").shifts.assign("employee1", toShift: shift.id))
        XCTAssertThrowsError(try f.workspace("employee1").shifts.remove(id: shift.id))
        XCTAssertEqual(try f.workspace().shifts.find(id: shift.id).people, [])
    }

    func testBadShiftsAreRefusedWithTheReasonAndNothingIsWritten() throws {
        let f = try Fixture.withShiftPeople()
        try f.workspace().people.add(Person(login: "gone", name: "Gone", active: false))
        let lead = try f.workspace("lead1")
        let s = Self.nineAM + 86_400
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s), "must end after it starts")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + 25 * Self.hour), "at most 24 hours")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, minSeats: 3, maxSeats: 2), "seats")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, minSeats: 0, maxSeats: 0), "seats")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, maxSeats: 1, people: ["employee1", "employee2"]),
                      "2 people for 1 seat")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, maxSeats: 2, people: ["employee1", "employee1"]),
                      "listed twice")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, maxSeats: 2, people: ["employee1", "gone"]),
                      "no active person with login 'gone'")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, people: ["nobody"]), "'nobody'")
        assertInvalid(try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, label: String(repeating: "x", count: 101)),
                      "at most 100")
        assertInvalid(try lead.shifts.add(startsAt: Fixture.now - 2 * Self.hour, endsAt: Fixture.now), "already over")
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shifts"), 0)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shift_assignments"), 0)
    }

    func testNobodySitsInTwoOverlappingShifts() throws {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace("lead1")
        let s = Self.nineAM + 86_400
        let first = try lead.shifts.add(startsAt: s, endsAt: s + 4 * Self.hour, maxSeats: 2, people: ["employee1"])
        assertInvalid(try lead.shifts.add(startsAt: s + 3 * Self.hour, endsAt: s + 6 * Self.hour, maxSeats: 2,
                                          people: ["employee2", "employee1"]),
                      "employee1 is already in shift #\(first.id) (2026-11-19 09:00 ")
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shifts"), 1, "the refused shift left nothing behind")
        // Back to back is fine.
        let next = try lead.shifts.add(startsAt: s + 4 * Self.hour, endsAt: s + 6 * Self.hour, maxSeats: 2,
                                       people: ["employee1"])
        let overlapping = try lead.shifts.add(startsAt: s + 5 * Self.hour, endsAt: s + 7 * Self.hour, maxSeats: 2)
        assertInvalid(try lead.shifts.assign("employee1", toShift: overlapping.id), "already in shift #\(next.id)")
        XCTAssertEqual(try lead.shifts.assign("employee2", toShift: overlapping.id).people, ["employee2"])
    }

    func testAssignAndUnassignKeepToTheSeatsAndAreAudited() throws {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace("lead1")
        let s = Self.nineAM + 86_400
        let shift = try lead.shifts.add(startsAt: s, endsAt: s + Self.hour, minSeats: 1, maxSeats: 2, people: ["support1"])
        XCTAssertEqual(try lead.shifts.assign("employee1", toShift: shift.id).people, ["employee1", "support1"])
        assertInvalid(try lead.shifts.assign("employee1", toShift: shift.id), "already in shift")
        assertInvalid(try lead.shifts.assign("employee2", toShift: shift.id), "is full (2 seats)")
        XCTAssertEqual(try lead.shifts.unassign("support1", fromShift: shift.id).people, ["employee1"])
        assertInvalid(try lead.shifts.unassign("support1", fromShift: shift.id), "is not in shift")
        XCTAssertThrowsError(try lead.shifts.assign("employee2", toShift: 999)) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "shift #999"))
        }
        let actions = try f.workspace().audit.entries(entity: "shift", id: String(shift.id)).map(\.action)
        XCTAssertEqual(actions, ["shift.unassign", "shift.assign", "shift.create"])
    }

    func testAShiftNotYetOverCanBeRemovedButAPastOneIsHistory() throws {
        let f = try Fixture.withShiftPeople()
        let s = Self.nineAM
        let past = try f.workspace(at: "lead1", s - 86_400).shifts
            .add(startsAt: s - 4 * Self.hour, endsAt: s - 3 * Self.hour, people: ["employee1"])
        let future = try f.workspace(at: "lead1", s - 86_400).shifts
            .add(startsAt: s + Self.hour, endsAt: s + 2 * Self.hour, people: ["employee1"])
        let lead = try f.workspace(at: "lead1", s)
        XCTAssertThrowsError(try lead.shifts.remove(id: past.id)) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .notAllowed("shift #\(past.id) is over; past shifts are history and stay as they were"))
        }
        XCTAssertThrowsError(try lead.shifts.unassign("employee1", fromShift: past.id))
        try lead.shifts.remove(id: future.id)
        XCTAssertEqual(try lead.shifts.list(from: s - 86_400, to: s + 86_400).map(\.id), [past.id])
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shift_assignments"), 1)
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "shift", id: String(future.id)).first)
        XCTAssertEqual(entry.action, "shift.delete")
        XCTAssertTrue(entry.before?.contains(#""people":"employee1""#) ?? false, entry.before ?? "")
    }

    // MARK: - Standing and the overview

    func testStandingSaysUntilWhenOnShiftAndWhenTheNextOneStarts() throws {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace(at: "lead1", Self.nineAM - 86_400)
        let now = try lead.shifts.add(startsAt: Self.nineAM, endsAt: Self.nineAM + 3 * Self.hour, people: ["employee1"])
        _ = try lead.shifts.add(startsAt: Self.nineAM + 86_400, endsAt: Self.nineAM + 86_400 + Self.hour,
                                people: ["employee1"])
        let me = try f.workspace(at: "employee1", Self.nineAM + Self.hour)
        XCTAssertEqual(try me.shifts.standing(), .onShift(shiftID: now.id, until: Self.nineAM + 3 * Self.hour))
        XCTAssertEqual(try me.shifts.standing(of: "employee2"), .offShift(nextStart: nil))
        XCTAssertEqual(try f.workspace(at: "employee1", Self.nineAM + 3 * Self.hour).shifts.standing(),
                       .offShift(nextStart: Self.nineAM + 86_400), "a shift ends at its end")
        XCTAssertThrowsError(try me.shifts.standing(of: "nobody"))
    }

    func testTheOverviewSaysWhoIsOnShiftAndTheViewersOwnStanding() throws {
        let f = try Fixture.withShiftPeople()
        XCTAssertEqual(try f.workspace("employee1").rotation.overview(), .unplanned)
        let lead = try f.workspace(at: "lead1", Self.nineAM - 86_400)
        _ = try lead.shifts.add(startsAt: Self.nineAM, endsAt: Self.nineAM + 3 * Self.hour, maxSeats: 2,
                                people: ["support1", "employee1"])
        _ = try lead.shifts.add(startsAt: Self.nineAM + 86_400, endsAt: Self.nineAM + 86_400 + Self.hour,
                                people: ["employee1"])
        _ = try lead.shifts.add(startsAt: Self.nineAM + 2 * 86_400, endsAt: Self.nineAM + 2 * 86_400 + Self.hour,
                                people: ["employee2"])
        let at = Self.nineAM + Self.hour
        func overview(_ login: String) throws -> RotationOverview {
            var overview = try f.workspace(at: login, at).rotation.overview()
            XCTAssertEqual(overview.nextShift?.startsAt, Self.nineAM + 86_400, "the next shift on the rota")
            overview.nextShift = nil
            return overview
        }
        XCTAssertEqual(try overview("employee1"),
                       RotationOverview(planned: true, onShiftNow: ["employee1", "support1"],
                                        myNextShift: Self.nineAM + 86_400, meOnShift: true,
                                        myShiftEnds: Self.nineAM + 3 * Self.hour))
        XCTAssertEqual(try overview("employee2"),
                       RotationOverview(planned: true, onShiftNow: ["employee1", "support1"],
                                        myNextShift: Self.nineAM + 2 * 86_400, meOnShift: false))
    }

    // MARK: - Round-robin

    func testRoundRobinGivesANewTicketToWhoeverOnShiftHoldsTheFewestOnlyWhenConfigured() throws {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace(at: "lead1", Self.nineAM - 86_400)
        _ = try lead.shifts.add(startsAt: Self.nineAM, endsAt: Self.nineAM + 3 * Self.hour, maxSeats: 2,
                                people: ["employee1", "employee2"])
        let ws = try f.workspace()
        _ = try f.addTicket(ws, assignee: "employee1")
        var config = Configuration.default
        let db = try f.database()
        let at = Self.nineAM + Self.hour
        XCTAssertNil(try db.read { try ShiftRules.newTicketAssignee(config: config, at: at, in: $0) })
        config.queue.roundRobin = true
        XCTAssertEqual(try db.read { try ShiftRules.newTicketAssignee(config: config, at: at, in: $0) }?.login, "employee2")
        _ = try f.addTicket(ws, assignee: "employee2")
        _ = try f.addTicket(ws, assignee: "employee2")
        XCTAssertEqual(try db.read { try ShiftRules.newTicketAssignee(config: config, at: at, in: $0) }?.login, "employee1")
        XCTAssertNil(try db.read { try ShiftRules.newTicketAssignee(config: config, at: Self.nineAM - 1, in: $0) },
                     "nobody on shift: the ticket waits in the queue")
    }
}

extension Fixture {
    /// A fixture with employee1, employee2, support1 and lead1 (and the admin).
    static func withShiftPeople() throws -> Fixture {
        let f = Fixture()
        try f.addPeople([.employee, .support, .lead])
        try f.workspace().people.add(Person(login: "employee2", name: "B employee"))
        return f
    }

    /// A workspace for `login` on this file whose clock reads `instant`.
    func workspace(at login: String, _ instant: Int64) throws -> Workspace {
        let clock = FixedClock(epochSeconds: instant)
        return try Workspace(database: Workspace.openDatabase(path: path, clock: clock), config: .default,
                             clock: clock, login: login)
    }
}
