@testable import AllHandsCore
import Foundation
import XCTest

/// Shifts across daylight-saving changes: template slots keep their wall-clock times in the
/// company's zone, shifts that share a boundary neither gap nor overlap, a shift spanning the
/// change is an hour shorter or longer, and a plan across the change keeps every rule with
/// people in other zones — nobody planned in their local night.
final class RotationTimeZoneTests: XCTestCase {
    /// A change of the clocks, by its local date, and how long 00:00–08:00 lasts that day.
    struct Change {
        let zone: String
        let year: Int, month: Int, day: Int
        let nightHours: Int64
        /// Spring: the local hour 02:00–03:00 does not exist that day.
        var skipsAnHour: Bool { nightHours == 7 }
    }

    /// Spring and autumn in New York and Berlin; in Sydney (southern hemisphere) the clocks go
    /// back in April and forward in October; Kolkata (+05:30) has no change at all.
    static let changes = [
        Change(zone: "America/New_York", year: 2026, month: 3, day: 8, nightHours: 7),
        Change(zone: "America/New_York", year: 2026, month: 11, day: 1, nightHours: 9),
        Change(zone: "Europe/Berlin", year: 2026, month: 3, day: 29, nightHours: 7),
        Change(zone: "Europe/Berlin", year: 2026, month: 10, day: 25, nightHours: 9),
        Change(zone: "Australia/Sydney", year: 2026, month: 4, day: 5, nightHours: 9),
        Change(zone: "Australia/Sydney", year: 2026, month: 10, day: 4, nightHours: 7),
        Change(zone: "Asia/Kolkata", year: 2026, month: 3, day: 8, nightHours: 8),
    ]

    /// 00:00–08:00, 08:00–16:00, 16:00–24:00 every day.
    static let aroundTheClock = [(0, 8), (8, 16), (16, 0)].enumerated().map { index, hours in
        Configuration.ShiftTemplate(name: "third-\(index)", days: Array(1...7), start: hours.0 * 60, end: hours.1 * 60,
                                    minSeats: 1, maxSeats: 10, buddyRequired: true)
    }

    /// Starts inside the hour the clocks skip in spring (02:00–03:00 in all three zones).
    static let early = Configuration.ShiftTemplate(name: "early", days: Array(1...7), start: 2 * 60 + 30, end: 4 * 60,
                                                   minSeats: 1, maxSeats: 4, buddyRequired: false)

    func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    func zone(_ change: Change) throws -> TimeZone { try XCTUnwrap(TimeZone(identifier: change.zone)) }

    func midnight(_ change: Change, plusDays days: Int = 0) throws -> Int64 {
        try XCTUnwrap(ShiftTime.wallClock(year: change.year, month: change.month, day: change.day + days, minutes: 0,
                                          timeZone: zone(change)))
    }

    /// Minutes after midnight and the local date of an instant, read with a calendar in `zone`.
    func local(_ instant: Int64, _ zone: TimeZone) -> (minutes: Int, day: DateComponents) {
        let parts = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute],
                                                  from: Date(timeIntervalSince1970: TimeInterval(instant)))
        return ((parts.hour ?? 0) * 60 + (parts.minute ?? 0), DateComponents(year: parts.year, month: parts.month, day: parts.day))
    }

    // MARK: - The days themselves

    func testTheClocksChangeOnTheDaysTheseTestsUse() throws {
        for change in Self.changes {
            let zone = try zone(change)
            let dayStart = Date(timeIntervalSince1970: TimeInterval(try midnight(change)))
            let dayEnd = Date(timeIntervalSince1970: TimeInterval(try midnight(change, plusDays: 1)))
            let transition = zone.nextDaylightSavingTimeTransition(after: dayStart)
            if change.nightHours == 8 {
                XCTAssertNil(transition, change.zone)
                XCTAssertEqual(zone.secondsFromGMT(for: dayStart), 5 * 3_600 + 1_800, "Kolkata is +05:30 all year")
            } else {
                let at = try XCTUnwrap(transition, change.zone)
                XCTAssertTrue(at > dayStart && at < dayEnd, "\(change.zone) changes on \(change.month)/\(change.day)")
                XCTAssertEqual(Int64(dayEnd.timeIntervalSince(dayStart)) / 3_600, 24 + change.nightHours - 8)
            }
        }
    }

    // MARK: - Template slots

    func testEverySlotStartsAndEndsAtItsTemplatesWallClockTimeOrAsDocumentedInASkippedHour() throws {
        let templates = Self.aroundTheClock + Configuration.default.rotation.templates + [Self.early]
        var checked = 0
        for change in Self.changes {
            let zone = try zone(change)
            let slots = ShiftTemplates.slots(templates, from: try midnight(change, plusDays: -3),
                                             to: try midnight(change, plusDays: 4), timeZone: zone)
            let changeDay = DateComponents(year: change.year, month: change.month, day: change.day)
            XCTAssertFalse(slots.isEmpty)
            for slot in slots {
                let template = try XCTUnwrap(templates.first { $0.name == slot.template })
                let (start, startDay) = local(slot.startsAt, zone)
                let (end, endDay) = local(slot.endsAt, zone)
                let context = "\(slot.template) at \(Timestamp.iso8601(slot.startsAt)) in \(change.zone)"
                // ShiftTime.wallClock: a time the clocks skip reads with the offset before the
                // change, so 02:30 on a spring-forward night is 03:30.
                let skipped = { (minutes: Int, day: DateComponents) in
                    change.skipsAnHour && day == changeDay && (120..<180).contains(minutes) ? minutes + 60 : minutes
                }
                XCTAssertEqual(start, skipped(template.start, startDay), context)
                XCTAssertEqual(end, skipped(template.end, endDay), context)
                let nextDay = calendar(zone).date(byAdding: .day, value: 1, to: calendar(zone).date(from: startDay) ?? Date())
                    .map { calendar(zone).dateComponents([.year, .month, .day], from: $0) }
                XCTAssertEqual(endDay, template.end > template.start ? startDay : nextDay, "ends on its day: \(context)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }

    func testShiftsAroundTheClockNeitherGapNorOverlapAndTheOneSpanningTheChangeIsAnHourShorterOrLonger() throws {
        for change in Self.changes {
            let zone = try zone(change)
            let from = try midnight(change, plusDays: -2), to = try midnight(change, plusDays: 3)
            let slots = ShiftTemplates.slots(Self.aroundTheClock, from: from, to: to, timeZone: zone)
            XCTAssertEqual(slots.count, 15, change.zone)
            XCTAssertEqual(slots.first?.startsAt, from)
            XCTAssertEqual(slots.last?.endsAt, to, "the last ends at the next local midnight")
            for (slot, next) in zip(slots, slots.dropFirst()) {
                XCTAssertEqual(slot.endsAt, next.startsAt, "no gap, no overlap: \(slot.template) at \(Timestamp.iso8601(slot.startsAt))")
            }
            let hours = slots.map { ($0.endsAt - $0.startsAt) / 3_600 }
            XCTAssertEqual(hours, [8, 8, 8, 8, 8, 8, change.nightHours, 8, 8, 8, 8, 8, 8, 8, 8], change.zone)
        }
    }

    /// RFC 5545's reading: a start in the skipped hour moves on by the gap; a start in the
    /// repeated hour is its first occurrence (still on summer time).
    func testAStartTheClocksSkipOrRepeatResolvesAsDocumented() throws {
        let cases: [(change: Change, minutes: Int, instant: Int64)] = [
            (Self.changes[0], 150, 1_772_955_000), // New York, 2026-03-08 02:30 → 03:30 EDT = 07:30Z
            (Self.changes[2], 150, 1_774_747_800), // Berlin, 2026-03-29 02:30 → 03:30 CEST = 01:30Z
            (Self.changes[5], 150, 1_791_045_000), // Sydney, 2026-10-04 02:30 → 03:30 AEDT = 16:30Z the day before
            (Self.changes[1], 90, 1_793_511_000),  // New York, 2026-11-01 01:30 EDT (first) = 05:30Z
            (Self.changes[3], 150, 1_792_888_200), // Berlin, 2026-10-25 02:30 CEST (first) = 00:30Z
            (Self.changes[4], 150, 1_775_316_600), // Sydney, 2026-04-05 02:30 AEDT (first) = 15:30Z the day before
        ]
        for (change, minutes, instant) in cases {
            let zone = try zone(change)
            XCTAssertEqual(ShiftTime.wallClock(year: change.year, month: change.month, day: change.day, minutes: minutes,
                                               timeZone: zone), instant, "\(change.zone) \(change.month)/\(change.day)")
            let template = Configuration.ShiftTemplate(name: "t", days: Array(1...7), start: minutes, end: 4 * 60,
                                                       minSeats: 1, maxSeats: 2, buddyRequired: false)
            let slot = ShiftTemplates.slots([template], from: try midnight(change), to: try midnight(change, plusDays: 1),
                                            timeZone: zone).first
            XCTAssertEqual(slot?.startsAt, instant)
            XCTAssertEqual(slot.map { local($0.endsAt, zone).minutes }, 4 * 60)
        }
    }

    // MARK: - Plans across the change

    /// A month planned in the changing zone, with people in five zones: every rule kept, every
    /// shift at its wall-clock time, and nobody on shift between 22:00 and 06:00 their time.
    func testAPlanAcrossEachChangeKeepsEveryRuleAndNobodyWorksTheirNight() throws {
        let zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Los_Angeles"]
        for change in Self.changes {
            let zone = try zone(change)
            var policy = Configuration.default.rotation
            policy.templates = (0..<8).map { k in
                Configuration.ShiftTemplate(name: "block-\(k)", days: Array(1...7), start: k * 180, end: (k + 1) * 180 % 1_440,
                                            minSeats: 1, maxSeats: 10, buddyRequired: true)
            } + Configuration.default.rotation.templates
            let from = try XCTUnwrap(ShiftTime.wallClock(year: change.year, month: change.month, day: 1, minutes: 0, timeZone: zone))
            let to = try XCTUnwrap(ShiftTime.wallClock(year: change.year, month: change.month + 1, day: 1, minutes: 0, timeZone: zone))
            let shifts = ShiftTemplates.slots(policy.templates, from: from, to: to, timeZone: zone).map(PlanShift.init)
            var people: [PlanPerson] = []
            for (z, name) in zones.enumerated() {
                let personZone = try XCTUnwrap(TimeZone(identifier: name))
                let roles: [Role] = [.support, .support, .support, .lead, .exec] + Array(repeating: .employee, count: 8)
                for (r, role) in roles.enumerated() {
                    let id = people.count + 1
                    people.append(PlanPerson(id: id, login: "p\(id)", role: role, team: "team-\(r % 4)", timeZone: personZone,
                                             targetPerMonth: policy.target(for: role), shiftsBefore: (z + r) % 4))
                }
            }
            let input = PlanInput(people: people, shifts: shifts, seats: [], policy: policy, from: from, to: to, now: from,
                                  timeZone: zone)
            let result = Planner.plan(input)
            let context = "\(change.zone) \(change.year)-\(change.month)"
            XCTAssertGreaterThan(result.added.count, people.count, context)
            let checker = RotaChecker(input, seats: result.seats)
            for violation in checker.violations(checking: result.added).prefix(5) { XCTFail("\(violation): \(context)") }
            let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
            for seat in result.added {
                let person = try XCTUnwrap(byID[seat.person])
                let shift = shifts[seat.shift]
                // Every quarter hour of the shift, read in their zone, is between 06:00 and 22:00.
                let night = stride(from: shift.startsAt, to: shift.endsAt, by: 900).contains { instant in
                    let minutes = local(instant, person.timeZone).minutes
                    return minutes < 6 * 60 || minutes >= 22 * 60
                }
                XCTAssertFalse(night, "\(person.login) (\(person.timeZone.identifier)) at \(Timestamp.iso8601(shift.startsAt)): \(context)")
            }
            // The people of other zones sit the company's night shifts, across the change too.
            let spanning = shifts.indices.filter { shifts[$0].endsAt - shifts[$0].startsAt != 3 * 3_600 && shifts[$0].template.hasPrefix("block") }
            if change.nightHours != 8 {
                XCTAssertEqual(spanning.count, 1, "one three-hour block spans the change: \(context)")
            }
            let nightShifts = Set(shifts.indices.filter { local(shifts[$0].startsAt, zone).minutes < 6 * 60 })
            XCTAssertTrue(result.added.contains { nightShifts.contains($0.shift) }, context)
        }
    }
}
