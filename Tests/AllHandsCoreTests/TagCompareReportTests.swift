import AllHandsCore
import Foundation
import Storage
import XCTest

/// `TagService.compare` and `report` on hand-built tickets at fixed times (issue 10, "Moving the
/// needle"): exact weekly numbers, the week not over yet, the change and the share; a report's
/// period against the one before it.
final class TagCompareReportTests: XCTestCase {
    static let zone = TimeZone(identifier: "America/New_York") ?? .gmt

    /// Midnight of a date in the company's zone (the default config's New York).
    func midnight(_ date: String) throws -> Int64 {
        try ShiftTime.parse(date, timeZone: Self.zone)
    }

    /// An ISO 8601 instant.
    func instant(_ text: String) throws -> Int64 {
        try XCTUnwrap(DemoOptions.asOfInstant(text), text)
    }

    /// A ticket created at `at` by the admin, tagged with `tags` at the same moment.
    @discardableResult
    func ticket(_ f: Fixture, at: Int64, _ tags: [String] = []) throws -> Int {
        let ws = try f.workspace(at: at)
        let id = try ws.tickets.create(requesterEmail: "ann@example.com", requesterName: "Ann Lee",
                                       subject: "Help", body: "Something is wrong.").id
        if !tags.isEmpty { try ws.tickets.tag(id: id, tags) }
        return id
    }

    // MARK: - compare

    /// Weeks of seven local days from Friday 2026-10-23 00:00 in New York, four each way; the
    /// clock stands on Wednesday 2026-11-18, inside the fourth week after.
    func compareCompany() throws -> Fixture {
        let f = Fixture()
        try ticket(f, at: midnight("2026-09-24"), ["billing"])                    // before the first week
        try ticket(f, at: midnight("2026-09-25"), ["billing"])                    // week 1 before
        try ticket(f, at: midnight("2026-09-30") + 3_600)
        for day in ["2026-10-02", "2026-10-03", "2026-10-05", "2026-10-08"] {     // week 2 before
            try ticket(f, at: midnight(day) + 36_000, day < "2026-10-04" ? ["area:billing"] : ["bug"])
        }
        // week 3 before: none. Week 4 before: three, the last a second before the date.
        try ticket(f, at: midnight("2026-10-16"), ["billing", "bug"])
        try ticket(f, at: midnight("2026-10-20") + 50_000, ["billing"])
        try ticket(f, at: midnight("2026-10-23") - 1, ["billing"])
        // Week 1 after: one at the date exactly (tagged), one not.
        try ticket(f, at: midnight("2026-10-23"), ["billing"])
        try ticket(f, at: midnight("2026-10-25"))
        // Week 2 after: the clocks go back on 2026-11-01; 23:30 on Thursday 11-05 is still this week.
        try ticket(f, at: midnight("2026-10-30") + 7_200)
        try ticket(f, at: instant("2026-11-06T04:30:00Z"), ["billing"])          // 2026-11-05 23:30 EST
        // Week 3 after: one untagged; one tagged and untagged again (it does not carry it now).
        try ticket(f, at: midnight("2026-11-06"))
        let untagged = try ticket(f, at: midnight("2026-11-07"), ["billing"])
        try f.workspace(at: midnight("2026-11-08")).tickets.untag(id: untagged, ["billing"])
        // Week 4 after, not over yet: every one tagged.
        for hours: Int64 in [1, 20, 40, 60, 100] { try ticket(f, at: midnight("2026-11-13") + hours * 3_600, ["billing"]) }
        return f
    }

    func testCompareCountsTaggedAndAllTicketsPerLocalWeekAroundTheDate() throws {
        let f = try compareCompany()
        let at = try midnight("2026-10-23")
        let c = try f.workspace().tags.compare(tag: "billing", at: at, weeks: 4)
        XCTAssertEqual(c.tag.qualifiedName, "area:billing")
        XCTAssertEqual(c.at, at)
        XCTAssertEqual(c.before.map(\.tagged), [1, 2, 0, 3])
        XCTAssertEqual(c.before.map(\.total), [2, 4, 0, 3])
        XCTAssertEqual(c.after.map(\.tagged), [1, 1, 0, 5])
        XCTAssertEqual(c.after.map(\.total), [2, 2, 2, 5])
        // Every week starts at local midnight on a Friday, across the change of the clocks too.
        let starts = try ["2026-09-25", "2026-10-02", "2026-10-09", "2026-10-16", "2026-10-23", "2026-10-30",
                          "2026-11-06", "2026-11-13"].map(midnight)
        XCTAssertEqual((c.before + c.after).map(\.start), starts)
        XCTAssertEqual((c.before + c.after).map(\.end), Array(starts.dropFirst()) + [try midnight("2026-11-20")])
        XCTAssertEqual((c.before + c.after).map(\.complete), [true, true, true, true, true, true, true, false])
        XCTAssertNil(c.before[2].share, "a week without tickets has no share")
        XCTAssertEqual(try XCTUnwrap(c.after[0].share), 0.5, accuracy: 1e-9)
    }

    func testCompareAveragesOnlyCompleteWeeksForTheChangeAndTheShare() throws {
        let f = try compareCompany()
        let c = try f.workspace().tags.compare(tag: "area:billing", at: try midnight("2026-10-23"), weeks: 4)
        XCTAssertEqual(try XCTUnwrap(c.beforePerWeek), 1.5, accuracy: 1e-9)           // 6 in 4 weeks
        XCTAssertEqual(try XCTUnwrap(c.afterPerWeek), 2.0 / 3.0, accuracy: 1e-9)      // 2 in 3 weeks; the 4th is not over
        XCTAssertEqual(try XCTUnwrap(c.changePercent), (2.0 / 3.0 - 1.5) / 1.5 * 100, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(c.shareBefore), 6.0 / 9.0, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(c.shareAfter), 2.0 / 6.0, accuracy: 1e-9)
        // Weeks before the first ticket of all are no evidence: 52 weeks back averages the same.
        let long = try f.workspace().tags.compare(tag: "area:billing", at: try midnight("2026-10-23"), weeks: 52)
        XCTAssertEqual(long.before.count, 52)
        let first = try XCTUnwrap(long.before.firstIndex { $0.total > 0 })
        XCTAssertGreaterThan(first, 40, "most of the 52 weeks come before any ticket")
        let counted = long.before[first...]
        XCTAssertEqual(try XCTUnwrap(long.beforePerWeek),
                       Double(counted.reduce(0) { $0 + $1.tagged }) / Double(counted.count), accuracy: 1e-9)
    }

    func testCompareLeavesOutWeeksNotBegunAndNeedsAWeekBeforeForAChange() throws {
        let f = try compareCompany()
        let ws = try f.workspace()
        // Six weeks each way: the fifth and sixth after have not begun on 2026-11-18.
        let wide = try ws.tags.compare(tag: "billing", at: try midnight("2026-10-23"), weeks: 6)
        XCTAssertEqual(wide.before.count, 6)
        XCTAssertEqual(wide.after.count, 4)
        XCTAssertEqual(wide.after.last?.complete, false)
        // A date in the week under way: no complete week after it, so no change.
        let recent = try ws.tags.compare(tag: "billing", at: try midnight("2026-11-13"), weeks: 1)
        XCTAssertEqual(recent.before.map(\.tagged), [0])
        XCTAssertEqual(recent.after.map(\.complete), [false])
        XCTAssertEqual(recent.beforePerWeek, 0)
        XCTAssertNil(recent.afterPerWeek)
        XCTAssertNil(recent.changePercent)
        // Nothing before: a change in percent means nothing.
        let early = try ws.tags.compare(tag: "billing", at: try midnight("2026-09-11"), weeks: 2)
        XCTAssertEqual(early.before.map(\.total), [0, 0])
        XCTAssertEqual(early.after.map(\.tagged), [0, 1])
        XCTAssertNil(early.changePercent)
        XCTAssertNil(early.shareBefore)
    }

    func testCompareRefusesAnUnknownTagAndWeeksOutOfRange() throws {
        let f = try compareCompany()
        let ws = try f.workspace()
        XCTAssertThrows(.notFound(what: "tag 'nonesuch'")) { try ws.tags.compare(tag: "nonesuch", at: Fixture.now, weeks: 4) }
        XCTAssertThrows(.notFound(what: "tag 'type:billing'")) { try ws.tags.compare(tag: "type:billing", at: Fixture.now, weeks: 4) }
        XCTAssertThrows(.invalid("--weeks must be between 1 and 52")) { try ws.tags.compare(tag: "billing", at: Fixture.now, weeks: 0) }
        XCTAssertThrows(.invalid("--weeks must be between 1 and 52")) { try ws.tags.compare(tag: "billing", at: Fixture.now, weeks: 53) }
        // A config alias and a renamed tag's old name find the tag.
        XCTAssertEqual(try ws.tags.compare(tag: "defect", at: try midnight("2026-10-23"), weeks: 4).tag.name, "bug")
        _ = try ws.tags.rename("billing", to: "invoicing")
        XCTAssertEqual(try ws.tags.compare(tag: "billing", at: try midnight("2026-10-23"), weeks: 4).before.map(\.tagged),
                       [1, 2, 0, 3])
    }

    // MARK: - report

    func testReportCountsAdditionsInThePeriodAndThePeriodBeforeAndTheTicketsCreatedInIt() throws {
        let f = Fixture()
        let day: Int64 = 86_400
        let to = Fixture.now, from = to - 7 * day
        // Long before both periods: a solved ticket with onboarding and question (left out).
        let old = try ticket(f, at: from - 30 * day, ["onboarding", "question"])
        try f.workspace(at: from - 29 * day).tickets.setStatus(id: old, .solved)
        // The previous period: C gets billing and bug, and is solved.
        let c = try ticket(f, at: from - 3 * day, ["billing", "bug"])
        try f.workspace(at: from - 2 * day).tickets.setStatus(id: c, .solved)
        // The period: A is new with billing and vip (vip comes off again); B, older, gets billing; D has no tag.
        let a = try ticket(f, at: from + day, ["billing", "vip"])
        try f.workspace(at: from + 2 * day).tickets.untag(id: a, ["vip"])
        let b = try ticket(f, at: from - 10 * day)
        try f.workspace(at: from + 3 * day).tickets.tag(id: b, ["billing"])
        try ticket(f, at: from + 4 * day)
        // After the period (the clock is at its end, so only a ticket at exactly `to` is outside).
        try ticket(f, at: to, ["billing"])

        let report = try f.workspace().tags.report(from: from, to: to)
        XCTAssertEqual(report.from, from)
        XCTAssertEqual(report.to, to)
        XCTAssertEqual(report.ticketsCreated, 2, "A and D")
        XCTAssertEqual(report.rows.map(\.tag.qualifiedName), ["area:billing", "type:bug", "vip"])
        let billing = report.rows[0], bug = report.rows[1], vip = report.rows[2]
        XCTAssertEqual([billing.open, billing.added, billing.previous, billing.tickets], [3, 2, 1, 1],
                       "open: A, B and the one at the end; added to A and B; C before")
        XCTAssertEqual(try XCTUnwrap(billing.changePercent), 100, accuracy: 1e-9)
        XCTAssertEqual([bug.open, bug.added, bug.previous, bug.tickets], [0, 0, 1, 0])
        XCTAssertEqual(try XCTUnwrap(bug.changePercent), -100, accuracy: 1e-9)
        XCTAssertEqual([vip.open, vip.added, vip.previous, vip.tickets], [0, 1, 0, 0], "A does not carry it now")
        XCTAssertNil(vip.changePercent, "nothing before: no percent")
        XCTAssertThrows(.invalid("the period's end must come after its start")) {
            try f.workspace().tags.report(from: to, to: to)
        }
    }
}
