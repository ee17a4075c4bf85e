@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// The planning service on a real database file with the clock stopped: `plan` makes the
/// template shifts once and fills them, audited, telling the people affected; only leads and
/// admins plan; the past stays as it was; `rebalance` after a departure or time off moves only
/// those seats; `check` explains the gaps; preferences are honoured.
final class RotationPlannerTests: XCTestCase {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    static let hour: Int64 = 3_600

    /// Local midnight in New York on a date.
    static func midnight(_ year: Int, _ month: Int, _ day: Int) throws -> Int64 {
        try XCTUnwrap(ShiftTime.wallClock(year: year, month: month, day: day, minutes: 0, timeZone: newYork))
    }

    static func december() throws -> (from: Int64, to: Int64) { (try midnight(2026, 12, 1), try midnight(2027, 1, 1)) }

    /// The admin (first login), a lead, four support agents (one in Berlin, for the early
    /// template), eight employees in two teams and an executive, all in New York but one.
    static let staff: [(login: String, role: Role, team: String, zone: String)] = [
        ("lead1", .lead, "support", "America/New_York"),
        ("support1", .support, "support", "America/New_York"), ("support2", .support, "support", "America/New_York"),
        ("support3", .support, "support", "America/New_York"), ("support4", .support, "support", "Europe/Berlin"),
        ("exec1", .exec, "board", "America/New_York"),
    ] + (1...8).map { ("e\($0)", Role.employee, $0 % 2 == 0 ? "red" : "blue", "America/New_York") }

    func company(_ staff: [(login: String, role: Role, team: String, zone: String)] = RotationPlannerTests.staff) throws -> Fixture {
        let f = Fixture()
        let admin = try f.workspace()
        for person in staff {
            try admin.people.add(Person(login: person.login, name: "N \(person.login)", team: person.team, role: person.role,
                                        timeZone: person.zone))
        }
        return f
    }

    struct Seat: Hashable {
        let shiftID: Int
        let login: String
        let role: String
        let startsAt: Int64

        /// The person in the shift, whatever their role in it.
        struct Key: Hashable {
            let shiftID: Int
            let login: String
        }

        var key: Key { Key(shiftID: shiftID, login: login) }
    }

    func seats(_ f: Fixture, source: String? = nil) throws -> [Seat] {
        try f.database().fetchAll("""
            SELECT a.shift_id, p.login, a.role, s.starts_at FROM shift_assignments a
            JOIN people p ON p.id = a.person_id JOIN shifts s ON s.id = a.shift_id
            WHERE ? IS NULL OR a.source = ? ORDER BY s.starts_at, a.shift_id, p.login
            """, source, source) { Seat(shiftID: $0.int(0), login: $0.string(1), role: $0.string(2), startsAt: $0.int64(3)) }
    }

    func notices(_ f: Fixture) throws -> [String: String] {
        let rows = try f.database().fetchAll("""
            SELECT p.login, n.summary FROM rotation_notices n JOIN people p ON p.id = n.person_id
            """) { ($0.string(0), $0.string(1)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func auditEntries(_ f: Fixture, _ action: String) throws -> [(entityID: String, after: [String: String])] {
        try f.database().fetchAll("SELECT entity_id, after FROM audit_log WHERE action = ? AND entity = 'rotation' ORDER BY id", action) {
            ($0.string(0), (try? JSONDecoder().decode([String: String].self, from: Data($0.string(1).utf8))) ?? [:])
        }
    }

    func personID(_ f: Fixture, _ login: String) throws -> Int {
        try XCTUnwrap(f.database().fetchInt("SELECT id FROM people WHERE login = ?", login))
    }

    // MARK: - Planning

    func testAPlanMakesTheTemplateShiftsOnceFillsThemAuditsAndTellsThoseAffected() throws {
        let f = try company()
        let (from, to) = try Self.december()
        let lead = try f.workspace("lead1")
        let summary = try lead.planner.plan(from: from, to: to)

        let slots = ShiftTemplates.slots(Configuration.default.rotation.templates, from: from, to: to, timeZone: Self.newYork)
        XCTAssertEqual(summary.shiftsCreated, slots.count)
        let made = try f.database().fetchAll("SELECT starts_at, ends_at, template FROM shifts WHERE template <> '' ORDER BY starts_at, id") {
            "\($0.int64(0))-\($0.int64(1)) \($0.string(2))"
        }
        XCTAssertEqual(made, slots.map { "\($0.startsAt)-\($0.endsAt) \($0.template)" }, "every template shift of December, once")

        let planned = try seats(f, source: "planner")
        XCTAssertFalse(planned.isEmpty)
        XCTAssertEqual(summary.added, planned.count)
        XCTAssertEqual(summary.removed, 0)
        XCTAssertEqual(summary.moved, 0)
        XCTAssertEqual(summary.affected, Set(planned.map(\.login)).sorted())
        XCTAssertTrue(planned.allSatisfy { $0.startsAt >= from && $0.startsAt < to })

        let audits = try auditEntries(f, "rotation.plan")
        XCTAssertEqual(audits.map(\.entityID), ["2026-12-01 to 2026-12-31"])
        XCTAssertEqual(audits.first?.after["added"], String(planned.count))
        XCTAssertEqual(audits.first?.after["shifts_created"], String(slots.count))
        XCTAssertEqual(audits.first?.after["removed"], "0")

        var expected: [String: String] = [:]
        for login in summary.affected {
            let count = planned.filter { $0.login == login }.count
            expected[login] = "\(English.count(count, "shift")) added (plan of 2026-12-01 to 2026-12-31)"
        }
        XCTAssertEqual(try notices(f), expected, "each person whose schedule changed is told, once")

        // Planning the same range again finds everything in place.
        let again = try lead.planner.plan(from: from, to: to)
        XCTAssertEqual([again.shiftsCreated, again.added, again.removed, again.moved], [0, 0, 0, 0])
        XCTAssertEqual(again.affected, [])
        XCTAssertEqual(try seats(f, source: "planner"), planned)
        XCTAssertEqual(try notices(f), expected)
        XCTAssertEqual(try auditEntries(f, "rotation.plan").count, 2, "one entry per plan")
    }

    func testOnlyLeadsAndAdminsPlanOrRebalanceAndARefusalWritesNothing() throws {
        let f = try company()
        let (from, to) = try Self.december()
        for login in ["e1", "support1", "exec1"] {
            let ws = try f.workspace(login)
            let role = try XCTUnwrap(ws.people.find(login: login)).role
            XCTAssertThrowsError(try ws.planner.plan(from: from, to: to)) { error in
                XCTAssertEqual(error as? AllHandsError, .notPermitted(action: Action.manageShifts.rawValue, role: role))
            }
            XCTAssertThrowsError(try ws.planner.rebalance(from: from)) { error in
                XCTAssertEqual(error as? AllHandsError, .notPermitted(action: Action.manageShifts.rawValue, role: role))
            }
            XCTAssertEqual(try ws.planner.check(from: from, to: to), [], "anyone may check; nothing is planned yet")
        }
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shifts"), 0)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM audit_log WHERE entity = 'rotation'"), 0)
        XCTAssertGreaterThan(try f.workspace().planner.plan(from: from, to: to).added, 0, "the admin may")
    }

    func testThePastIsNeverChangedNorCreated() throws {
        let f = try company()
        let (from, to) = try Self.december()
        // Planned with the clock in the middle of December: nothing before now is made or filled.
        let midDecember = try Self.midnight(2026, 12, 15) + 12 * Self.hour
        let summary = try f.workspace(at: "lead1", midDecember).planner.plan(from: from, to: to)
        let slots = ShiftTemplates.slots(Configuration.default.rotation.templates, from: midDecember, to: to, timeZone: Self.newYork)
        XCTAssertEqual(summary.shiftsCreated, slots.count)
        XCTAssertEqual(try f.database().fetchInt("SELECT min(starts_at) >= ? FROM shifts", midDecember), 1)
        let planned = try seats(f)
        XCTAssertFalse(planned.isEmpty)
        XCTAssertTrue(planned.allSatisfy { $0.startsAt >= midDecember })

        // A range that is over is refused.
        XCTAssertThrowsError(try f.workspace(at: "lead1", midDecember).planner.plan(from: from, to: midDecember - Self.hour)) { error in
            guard case AllHandsError.invalid(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("past shifts are history"), message)
        }
    }

    func testPlanningAgainOrRebalancingLaterChangesNothingInShiftsThatHaveStarted() throws {
        let f = try company()
        let (from, to) = try Self.december()
        _ = try f.workspace(at: "lead1", from - 7 * 86_400).planner.plan(from: from, to: to)
        let midDecember = try Self.midnight(2026, 12, 15) + 12 * Self.hour
        let started = try seats(f).filter { $0.startsAt < midDecember }
        XCTAssertFalse(started.isEmpty)

        try f.workspace().people.add(Person(login: "e9", name: "New hire", team: "red", timeZone: "America/New_York"))
        try f.database().write { db in try db.execute("UPDATE people SET active = 0 WHERE login = 'e2'") }
        let lead = try f.workspace(at: "lead1", midDecember)
        _ = try lead.planner.plan(from: from, to: to)
        _ = try lead.planner.rebalance(from: from)
        XCTAssertEqual(try seats(f).filter { $0.startsAt < midDecember }, started, "history stays as it was, e2's included")
        let hire = try seats(f).filter { $0.login == "e9" }
        XCTAssertFalse(hire.isEmpty, "the new hire is planned")
        XCTAssertTrue(hire.allSatisfy { $0.startsAt >= midDecember })
    }

    // MARK: - Rebalancing

    /// Planned from the start of the month, rebalanced with nothing changed in the middle of it.
    func testARebalanceWithNothingChangedChangesNothingEvenInTheMiddleOfAMonth() throws {
        let f = try company()
        let november = try Self.midnight(2026, 11, 1), (_, to) = try Self.december()
        _ = try f.workspace(at: "lead1", november - 7 * 86_400).planner.plan(from: november, to: to)
        let before = try seats(f)
        let summary = try f.workspace("lead1").planner.rebalance(from: Fixture.now)
        XCTAssertEqual([summary.shiftsCreated, summary.added, summary.removed, summary.moved], [0, 0, 0, 0])
        XCTAssertEqual(summary.affected, [])
        XCTAssertEqual(try seats(f), before)
    }

    /// Planned for December only; a rebalance in November re-plans what is planned and plans
    /// nothing new.
    func testARebalanceMakesNoShiftsWhereNothingWasPlanned() throws {
        let f = try company()
        let (from, to) = try Self.december()
        _ = try f.workspace("lead1").planner.plan(from: from, to: to)
        let shifts = try f.database().fetchInt("SELECT count(*) FROM shifts")
        let summary = try f.workspace("lead1").planner.rebalance(from: Fixture.now)
        XCTAssertEqual([summary.shiftsCreated, summary.added, summary.removed], [0, 0, 0])
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shifts"), shifts)
    }

    func testARebalanceAfterSomeoneLeavesTakesAwayOnlyTheirSeats() throws {
        let f = try company()
        let (from, to) = try Self.december()
        _ = try f.workspace("lead1").planner.plan(from: from, to: to)
        let before = try seats(f)
        let theirs = before.filter { $0.login == "e3" }
        XCTAssertFalse(theirs.isEmpty)
        try f.database().write { db in try db.execute("UPDATE people SET active = 0 WHERE login = 'e3'") }

        let summary = try f.workspace("lead1").planner.rebalance(from: Fixture.now)
        let after = try seats(f)
        let removed = Set(before.map(\.key)).subtracting(after.map(\.key))
        let added = Set(after.map(\.key)).subtracting(before.map(\.key))
        XCTAssertEqual(summary.removed, theirs.count)
        XCTAssertEqual(removed, Set(theirs.map(\.key)), "only theirs")
        XCTAssertEqual(summary.moved, 0, "they are gone: nothing of theirs moves elsewhere")
        XCTAssertEqual(summary.added, added.count)
        XCTAssertEqual(summary.affected, Set(["e3"] + added.map(\.login)).sorted(), "they are affected too")
        XCTAssertEqual(try notices(f)["e3"],
                       "\(English.count(theirs.count, "shift")) removed (rebalance of 2026-11-18 to 2026-12-31)")
        let audit = try XCTUnwrap(auditEntries(f, "rotation.rebalance").last)
        XCTAssertEqual(audit.after["removed"], String(theirs.count))
    }

    /// Time off recorded for support2 (the time-off service marks the seats it hits); the
    /// rebalance moves those seats — and the employees who needed support2 as their buddy,
    /// when nobody else in the shift can be — and nothing else.
    func testARebalanceAfterTimeOffMovesOnlyTheSeatsItHits() throws {
        let f = try company()
        let (from, to) = try Self.december()
        _ = try f.workspace("lead1").planner.plan(from: from, to: to)
        let before = try seats(f)
        let away = (try Self.midnight(2026, 12, 7), try Self.midnight(2026, 12, 12))
        let hit = before.filter { $0.login == "support2" && $0.startsAt >= away.0 && $0.startsAt < away.1 }
        XCTAssertFalse(hit.isEmpty, "support2 has shifts that week")
        let support2 = try personID(f, "support2"), lead = try personID(f, "lead1")
        try f.database().write { db in
            try db.execute("""
                INSERT INTO time_off (person_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, 'Holiday', ?, ?)
                """, support2, away.0, away.1, lead, Fixture.now)
            try db.execute("""
                UPDATE shift_assignments SET conflict = 'time off #1' WHERE person_id = ?
                AND shift_id IN (SELECT id FROM shifts WHERE starts_at < ? AND ends_at > ?)
                """, support2, away.1, away.0)
        }

        let summary = try f.workspace("lead1").planner.rebalance(from: Fixture.now)
        let after = try seats(f)
        let removed = Set(before.map(\.key)).subtracting(after.map(\.key)), added = Set(after.map(\.key)).subtracting(before.map(\.key))
        XCTAssertTrue(Set(hit.map(\.key)).isSubset(of: removed), "every seat the time off hits goes")
        let hitShifts = Set(hit.map(\.shiftID))
        let others = removed.subtracting(hit.map(\.key))
        XCTAssertTrue(others.allSatisfy { hitShifts.contains($0.shiftID) && $0.login.hasPrefix("e") },
                      "besides, only employees in the shifts support2 left: \(others)")
        for seat in others {
            XCTAssertFalse(after.contains { $0.shiftID == seat.shiftID && $0.role == "buddy" },
                           "\(seat.login) moved only because their shift lost its buddy")
        }
        XCTAssertTrue(after.filter { $0.login == "support2" }.allSatisfy { $0.startsAt >= away.1 || $0.startsAt < away.0 })
        XCTAssertEqual(summary.removed, removed.count)
        XCTAssertEqual(summary.added, added.count)
        let movers = Set(removed.map(\.login)).intersection(added.map(\.login))
        XCTAssertEqual(summary.moved, movers.reduce(0) { total, login in
            total + min(removed.filter { $0.login == login }.count, added.filter { $0.login == login }.count)
        })
        XCTAssertTrue(movers.contains("support2"), "support2's hours are planned again outside the time off")
        XCTAssertEqual(summary.affected, Set(removed.map(\.login) + added.map(\.login)).sorted())
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shift_assignments WHERE conflict IS NOT NULL"), 0)
        XCTAssertEqual(try f.workspace("lead1").planner.check(from: Fixture.now, to: to).filter { $0.kind == .conflict }, [])
    }

    // MARK: - Explaining and preferences

    func testCheckListsEveryGapWithTheReasonItCouldNotBeFilled() throws {
        let f = try company([("support1", .support, "support", "America/New_York"), ("e1", .employee, "red", "America/New_York")])
        let (from, _) = try Self.december()
        let week = from + 7 * 86_400
        _ = try f.workspace().planner.plan(from: from, to: week)
        let issues = try f.workspace("e1").planner.check(from: from, to: week)
        let gaps = issues.filter { $0.kind == .gap }
        // 23:00–02:00 in New York is night for all three, the admin in UTC included.
        let apac = gaps.filter { $0.label == "apac" }
        XCTAssertEqual(apac.count, 5, "Tuesday to Thursday, Sunday and Monday")
        XCTAssertEqual(Set(apac.map(\.detail)), ["0 of at least 2 seats filled: 3 outside their working hours"])
        XCTAssertTrue(apac.allSatisfy { $0.shiftID != nil && $0.startsAt != nil })
        XCTAssertGreaterThan(gaps.count, apac.count)
        for gap in gaps {
            XCTAssertTrue(gap.detail.contains(" of at least 2 seats filled: ") && !gap.detail.contains("no reason found"), gap.detail)
        }
    }

    func testPreferencesAreHonouredWherePossibleAndEachPersonSetsTheirOwn() throws {
        let f = try company()
        try f.workspace("e1").planner.prefer(login: "e1", template: "americas-pm", preference: 1)
        try f.workspace("e2").planner.prefer(login: "e2", template: "americas-pm", preference: -1)
        try f.workspace("lead1").planner.prefer(login: "support1", template: "americas-am", preference: 1)
        XCTAssertThrowsError(try f.workspace("e1").planner.prefer(login: "e2", template: "americas-am", preference: 1)) { error in
            XCTAssertEqual(error as? AllHandsError, .notPermitted(action: Action.manageShifts.rawValue, role: .employee))
        }
        XCTAssertThrowsError(try f.workspace("e1").planner.prefer(login: "e1", template: "nights", preference: 1)) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .invalid("no shift template named 'nights' (templates: emea, americas-am, americas-pm, apac)"))
        }
        let (from, to) = try Self.december()
        _ = try f.workspace("lead1").planner.plan(from: from, to: to)
        let templates = try f.database().fetchAll("""
            SELECT p.login, s.template FROM shift_assignments a JOIN people p ON p.id = a.person_id JOIN shifts s ON s.id = a.shift_id
            """) { ($0.string(0), $0.string(1)) }
        func planned(_ login: String) -> [String] { templates.filter { $0.0 == login }.map(\.1) }
        XCTAssertFalse(planned("e1").isEmpty)
        XCTAssertEqual(Set(planned("e1")), ["americas-pm"])
        XCTAssertFalse(planned("e2").isEmpty)
        XCTAssertFalse(planned("e2").contains("americas-pm"))
        let mornings = planned("support1").filter { $0 == "americas-am" }.count
        XCTAssertGreaterThan(mornings * 2, planned("support1").count, "most of support1's shifts are mornings")

        // Cleared, the preference is gone.
        try f.workspace("e1").planner.prefer(login: "e1", template: "americas-pm", preference: 0)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shift_preferences WHERE person_id = ?", personID(f, "e1")), 0)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM audit_log WHERE action = 'rotation.prefer'"), 4)
    }
}
