@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// Time off: who may ask for whose, what is refused, and how it marks the planned shifts it
/// hits for the lead's rebalance (never deleting them) and tells the person.
final class TimeOffTests: XCTestCase {
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400
    /// 2026-11-19T00:00:00Z, the Thursday after the fixture's now.
    static let thursday: Int64 = 1_795_046_400

    /// A shift `[start, start + 3 h)` added by the admin at the fixture's now, with `people`.
    func shift(_ f: Fixture, _ start: Int64, _ people: [String]) throws -> Int {
        try f.workspace().shifts.add(startsAt: start, endsAt: start + 3 * Self.hour, maxSeats: 3, people: people).id
    }

    func conflicts(_ f: Fixture, _ shiftID: Int) throws -> [String: String] {
        let shift = try f.workspace().shifts.find(id: shiftID)
        return Dictionary(uniqueKeysWithValues: shift.assignments.compactMap { a in a.conflict.map { (a.login, $0) } })
    }

    func testTimeOffMarksThePlannedShiftsItHitsAndTellsThePersonWithoutRemovingThem() throws {
        let f = try Fixture.withShiftPeople()
        let started = try shift(f, Fixture.now - Self.hour, ["employee1"])
        let thu = try shift(f, Self.thursday + 14 * Self.hour, ["employee1", "employee2"])
        let fri = try shift(f, Self.thursday + Self.day + 14 * Self.hour, ["employee1"])
        let later = try shift(f, Self.thursday + 10 * Self.day + 14 * Self.hour, ["employee1"])
        let other = try shift(f, Self.thursday + 14 * Self.hour + 4 * Self.hour, ["employee2"])

        let me = try f.workspace("employee1")
        let added = try me.timeOff.add(login: "employee1", from: Fixture.now - 2 * Self.hour,
                                       to: Self.thursday + 3 * Self.day, reason: "  Family visit ")
        XCTAssertEqual(added.timeOff, TimeOff(id: 1, login: "employee1", startsAt: Fixture.now - 2 * Self.hour,
                                              endsAt: Self.thursday + 3 * Self.day, reason: "Family visit"))
        XCTAssertEqual(added.shifts.map(\.id), [thu, fri], "planned shifts only: not the one under way, not later ones")
        XCTAssertEqual(try conflicts(f, thu), ["employee1": "time off #1"])
        XCTAssertEqual(try conflicts(f, fri), ["employee1": "time off #1"])
        for id in [started, later, other] { XCTAssertEqual(try conflicts(f, id), [:], "shift #\(id)") }
        XCTAssertEqual(try f.workspace().shifts.find(id: thu).people, ["employee1", "employee2"], "marked, not removed")

        XCTAssertEqual(try me.rotation.overview().notice?.summary,
                       "Time off #1 (2026-11-18 09:06 UTC to 2026-11-22 00:00 UTC) hits your shifts #2, #3; they will be re-planned")
        XCTAssertNil(try f.workspace("employee2").rotation.overview().notice)
        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "time_off", id: "1").first)
        XCTAssertEqual(entry.action, "timeoff.add")
        XCTAssertEqual(entry.actor, "employee1")
        XCTAssertEqual(entry.after, ##"{"ends_at":"2026-11-22T00:00:00Z","hits":"#2,#3","person":"employee1","##
                       + ##""reason":"Family visit","starts_at":"2026-11-18T09:06:40Z"}"##)
    }

    func testTimeOffThatHitsNoShiftTellsNobody() throws {
        let f = try Fixture.withShiftPeople()
        let added = try f.workspace("employee1").timeOff.add(login: "employee1", from: Self.thursday, to: Self.thursday + Self.day)
        XCTAssertEqual(added.shifts, [])
        XCTAssertNil(try f.workspace("employee1").rotation.overview().notice)
    }

    func testRemovingTimeOffClearsItsMarksUnlessOtherTimeOffStillCoversTheShift() throws {
        let f = try Fixture.withShiftPeople()
        let thu = try shift(f, Self.thursday + 14 * Self.hour, ["employee1"])
        let fri = try shift(f, Self.thursday + Self.day + 14 * Self.hour, ["employee1"])
        let me = try f.workspace("employee1")
        let week = try me.timeOff.add(login: "employee1", from: Self.thursday, to: Self.thursday + 2 * Self.day).timeOff
        let thursdayOnly = try me.timeOff.add(login: "employee1", from: Self.thursday, to: Self.thursday + Self.day)
        XCTAssertEqual(thursdayOnly.shifts.map(\.id), [thu], "it hits the shift another time off marked already")
        XCTAssertEqual(try conflicts(f, thu), ["employee1": "time off #1"], "the first mark stays")

        let removed = try me.timeOff.remove(id: week.id)
        XCTAssertEqual(removed.timeOff, week)
        XCTAssertEqual(removed.shifts.map(\.id), [fri], "no longer marked")
        XCTAssertEqual(try conflicts(f, thu), ["employee1": "time off #2"], "still covered by the other")
        XCTAssertEqual(try conflicts(f, fri), [:])
        XCTAssertEqual(try me.rotation.overview().notice?.summary, "Time off #1 was removed: your shift #2 stays as planned")
        XCTAssertEqual(try me.timeOff.list().map(\.id), [2])
        XCTAssertEqual(try f.workspace().audit.entries(entity: "time_off", id: "1").first?.action, "timeoff.remove")

        XCTAssertEqual(try me.timeOff.remove(id: 2).shifts.map(\.id), [thu])
        XCTAssertEqual(try conflicts(f, thu), [:])
        XCTAssertThrowsError(try me.timeOff.remove(id: 2)) { XCTAssertEqual($0 as? AllHandsError, .notFound(what: "time off #2")) }
    }

    func testRemovingTimeOffAlreadyBegunKeepsItsPastAndLeavesStartedShiftsAlone() throws {
        let f = try Fixture.withShiftPeople()
        let thu = try shift(f, Self.thursday + 14 * Self.hour, ["employee1"])
        let fri = try shift(f, Self.thursday + Self.day + 14 * Self.hour, ["employee1"])
        let away = try f.workspace("employee1").timeOff.add(login: "employee1", from: Self.thursday,
                                                            to: Self.thursday + 2 * Self.day).timeOff
        // Friday morning: Thursday's shift is history, Friday's is still to come.
        let friday = Self.thursday + Self.day + Self.hour
        let clock = FixedClock(epochSeconds: friday)
        let later = try Workspace(database: Workspace.openDatabase(path: f.path, clock: clock), config: .default, clock: clock,
                                  login: "employee1")
        let removed = try later.timeOff.remove(id: away.id)
        XCTAssertEqual(removed.shifts.map(\.id), [fri], "only the shift still to come is unmarked")
        XCTAssertEqual(try conflicts(f, thu), ["employee1": "time off #1"], "a started shift stays as it was")
        XCTAssertEqual(try later.timeOff.list(from: Self.thursday).map { [$0.startsAt, $0.endsAt] },
                       [[Self.thursday, friday]], "the part already taken is kept, cut short at now")
    }

    func testEveryoneAsksForTheirOwnTimeOffAndOnlyLeadsForSomeoneElses() throws {
        let f = try Fixture.withShiftPeople()
        let employee = try f.workspace("employee1"), support = try f.workspace("support1"), lead = try f.workspace("lead1")
        let refused = AllHandsError.notPermitted(action: Action.manageShifts.rawValue, role: .employee)
        XCTAssertThrowsError(try employee.timeOff.add(login: "employee2", from: Self.thursday, to: Self.thursday + Self.day)) {
            XCTAssertEqual($0 as? AllHandsError, refused)
        }
        XCTAssertThrowsError(try support.timeOff.add(login: "employee2", from: Self.thursday, to: Self.thursday + Self.day)) {
            XCTAssertEqual($0 as? AllHandsError, .notPermitted(action: Action.manageShifts.rawValue, role: .support))
        }
        XCTAssertEqual(try employee.timeOff.list(), [], "nothing was written")
        let byLead = try lead.timeOff.add(login: "employee2", from: Self.thursday, to: Self.thursday + Self.day).timeOff
        XCTAssertThrowsError(try employee.timeOff.remove(id: byLead.id)) { XCTAssertEqual($0 as? AllHandsError, refused) }
        let own = try support.timeOff.add(login: "support1", from: Self.thursday, to: Self.thursday + Self.day).timeOff
        XCTAssertEqual(try employee.timeOff.list(), [byLead, own], "everyone reads everyone's")
        XCTAssertEqual(try employee.timeOff.list(login: "support1"), [own])
        XCTAssertEqual(try f.workspace("employee2").timeOff.remove(id: byLead.id).timeOff, byLead, "one's own, whoever added it")
    }

    func testBadTimeOffIsRefusedWithTheReasonAndNothingIsWritten() throws {
        let f = try Fixture.withShiftPeople()
        try f.workspace().people.add(Person(login: "gone", name: "Gone", active: false))
        let lead = try f.workspace("lead1")
        let t = Self.thursday
        func refused(for login: String = "employee1", _ from: Int64, _ to: Int64, reason: String = "", _ message: String,
                     line: UInt = #line) {
            XCTAssertThrowsError(try lead.timeOff.add(login: login, from: from, to: to, reason: reason), line: line) {
                XCTAssertEqual($0 as? AllHandsError, .invalid(message), line: line)
            }
        }
        refused(t, t, "time off must end after it starts")
        refused(t, t - 1, "time off must end after it starts")
        refused(t, t + 367 * Self.day, "time off lasts at most 366 days at a time (this is 367); add a longer absence in parts")
        refused(t - 10 * Self.day, Fixture.now, "that time off is already over; the past stays as it was")
        refused(t, t + Self.day, reason: String(repeating: "x", count: 1_001), "reason is too long: 1001 characters, at most 1000")
        refused(for: "gone", t, t + Self.day, "no active person with login 'gone'")
        refused(for: "nobody", t, t + Self.day, "no active person with login 'nobody'")
        XCTAssertEqual(try lead.timeOff.list(), [])
        XCTAssertNoThrow(try lead.timeOff.add(login: "employee1", from: t, to: t + 366 * Self.day))
    }

    func testTimeOffIsListedByPersonAndPeriodAndTheCheckReadsItPerPerson() throws {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace("lead1")
        let t = Self.thursday
        let first = try lead.timeOff.add(login: "employee1", from: t, to: t + Self.day).timeOff
        let second = try lead.timeOff.add(login: "employee2", from: t + 2 * Self.day, to: t + 4 * Self.day).timeOff
        let third = try lead.timeOff.add(login: "employee1", from: t + 3 * Self.day, to: t + 5 * Self.day).timeOff
        XCTAssertEqual(try lead.timeOff.list(), [first, second, third])
        XCTAssertEqual(try lead.timeOff.list(login: "employee1"), [first, third])
        XCTAssertEqual(try lead.timeOff.list(from: t + Self.day, to: t + 3 * Self.day), [second], "ends are open")
        XCTAssertEqual(try lead.timeOff.list(from: t + Self.day), [second, third])
        XCTAssertThrowsError(try lead.timeOff.list(login: "nobody")) {
            XCTAssertEqual($0 as? AllHandsError, .notFound(what: "person 'nobody'"))
        }
        let db = try f.database()
        let ids = try db.read { db in
            try ["employee1", "employee2"].map { try XCTUnwrap(PeopleService.find(login: $0, in: db)?.id) }
        }
        let ranges = try db.read { db in
            try ids.map { try TimeOffService.ranges(personID: $0, from: t, to: t + 3 * Self.day + 1, in: db) }
        }
        XCTAssertEqual(ranges[0].map(\.0), [t, t + 3 * Self.day])
        XCTAssertEqual(ranges[1].map(\.1), [t + 4 * Self.day])
    }
}
