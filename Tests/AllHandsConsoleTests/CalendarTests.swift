@testable import AllHandsConsole
import AllHandsCore
import Foundation
import TerminalUI
import XCTest

/// The calendar's pure parts: days across daylight-saving changes, what is wrong with a shift,
/// the marks on people, wrapping, the fairness bar, the filter and the screen's layout.
final class CalendarTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    func zone(_ name: String) throws -> TimeZone { try XCTUnwrap(TimeZone(identifier: name)) }

    /// Every day of a year, stepped one at a time, is the next calendar day and 23 to 25 hours
    /// long, in zones with spring and autumn changes both sides of the equator, a half-hour
    /// offset, and one whose clocks skip midnight itself (Santiago).
    func testDaysStepByTheCalendarAcrossDaylightSavingChanges() throws {
        for name in ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Santiago"] {
            let days = CalendarDays(timeZone: try zone(name))
            var day = days.day(containing: 1_767_225_600) // 2026-01-01T00:00Z
            var lengths: Set<Int64> = []
            for _ in 0..<366 {
                let next = days.adding(days: 1, to: day)
                lengths.insert(next - day)
                let expected = days.dayOfMonth(day) + 1
                XCTAssertTrue(days.dayOfMonth(next) == expected || days.dayOfMonth(next) == 1, "\(name) after \(day)")
                XCTAssertEqual(days.adding(days: -1, to: next), day, "\(name): back a day from \(next)")
                XCTAssertEqual(days.day(containing: next + 3_600 * 5), next, "\(name): the day of an instant in it")
                day = next
            }
            XCTAssertTrue(lengths.isSubset(of: [23 * 3_600, 24 * 3_600, 25 * 3_600]), "\(name): \(lengths)")
            if name != "Asia/Kolkata" { XCTAssertGreaterThan(lengths.count, 1, "\(name) changes its clocks") }
        }
    }

    func testAMonthIsWholeWeeksFromMondayAndMonthsKeepTheirDayOrTheLast() throws {
        let days = CalendarDays(timeZone: try zone("America/New_York"))
        let november = days.day(containing: ConsoleFixture.now)
        let weeks = days.monthWeeks(containing: november)
        XCTAssertEqual(weeks.count, 6)
        XCTAssertTrue(weeks.allSatisfy { $0.count == 7 })
        XCTAssertEqual(weeks.first.map { days.dayOfMonth($0[0]) }, 26, "Monday 26 October opens November 2026")
        XCTAssertEqual(weeks.last.map { days.dayOfMonth($0[0]) }, 30)
        XCTAssertEqual(weeks.flatMap { $0 }.map(days.isoWeekday), Array(repeating: Array(1...7), count: 6).flatMap { $0 })
        XCTAssertEqual(days.heading(november), "Sun 22 Nov")
        let thirtyFirst = days.adding(days: 9, to: november) // 1 December
        let january = days.adding(months: 1, to: days.adding(days: 30, to: thirtyFirst)) // 31 December + 1 month
        XCTAssertEqual(days.dayOfMonth(january), 31)
        XCTAssertEqual(days.dayOfMonth(days.adding(months: 1, to: january)), 28, "31 January + 1 month is 28 February")
        XCTAssertEqual(MonthCalendar(containing: ConsoleFixture.now, timeZone: days.timeZone).weeks.first,
                       [nil, nil, nil, nil, nil, nil, 1])
    }

    func shift(seats: (Int, Int), buddy: Bool = false, _ assignments: [Assignment]) -> Shift {
        Shift(id: 7, startsAt: ConsoleFixture.now, endsAt: ConsoleFixture.now + 3_600, minSeats: seats.0, maxSeats: seats.1,
              buddyRequired: buddy, assignments: assignments)
    }

    func testProblemsAreFoundWorstFirstByTheRotationRules() {
        let roles: [String: Role] = ["s": .support, "e": .employee, "x": .exec]
        let role = { (login: String) in roles[login] }
        XCTAssertEqual(ShiftProblem.of(shift(seats: (1, 2), [Assignment(shiftID: 7, login: "s")]), role: role), [])
        XCTAssertEqual(ShiftProblem.of(shift(seats: (2, 3), buddy: true, [Assignment(shiftID: 7, login: "e")]), role: role),
                       [.gap, .missingBuddy])
        XCTAssertEqual(ShiftProblem.of(shift(seats: (1, 1), [Assignment(shiftID: 7, login: "s"),
                                                              Assignment(shiftID: 7, login: "e", conflict: "on time off")]), role: role),
                       [.conflict, .overFull])
        // A listener takes no seat and needs no buddy; a paired newcomer needs one even where the shift does not ask.
        XCTAssertEqual(ShiftProblem.of(shift(seats: (1, 1), [Assignment(shiftID: 7, login: "s"),
                                                              Assignment(shiftID: 7, login: "x", role: .listener)]), role: role), [])
        XCTAssertEqual(ShiftProblem.of(shift(seats: (1, 2), [Assignment(shiftID: 7, login: "e", pairedWith: "gone")]), role: role),
                       [.missingBuddy])
        XCTAssertEqual(Set(ShiftProblem.allCases.map(\.mark)).count, ShiftProblem.allCases.count, "marks tell problems apart")
    }

    func testPeopleAreMarkedAndSanitised() {
        XCTAssertEqual(CalendarAgenda.person(Assignment(shiftID: 1, login: "fkim", role: .buddy)), "fkim*")
        XCTAssertEqual(CalendarAgenda.person(Assignment(shiftID: 1, login: "jsato", pairedWith: "fkim")), "jsato→fkim")
        XCTAssertEqual(CalendarAgenda.person(Assignment(shiftID: 1, login: "mexec", role: .listener)), "(mexec)")
        XCTAssertEqual(CalendarAgenda.person(Assignment(shiftID: 1, login: "ada", conflict: "away")), "ada×")
        XCTAssertEqual(CalendarAgenda.person(Assignment(shiftID: 1, login: "a\u{1B}[2J")), "a␛[2J")
    }

    func testWrappedSpansNeverPassTheWidthAndContinueUnderTheIndent() {
        let spans = [Span("  09:00–12:00"), Span("  ")] + (1...12).flatMap { [Span("person\($0),"), Span(" ")] }
        for width in 10...60 {
            let lines = StyledLine.wrap(spans, width: width, indent: 15)
            XCTAssertFalse(lines.isEmpty)
            for line in lines { XCTAssertLessThanOrEqual(TextWidth.columns(line.text), width, "width \(width): \(line.text)") }
            let everyone = lines.map(\.text).joined()
            if width >= 30 {
                XCTAssertTrue((1...12).allSatisfy { everyone.contains("person\($0),") }, "nobody cut at \(width)")
                XCTAssertTrue(lines.dropFirst().allSatisfy { $0.text.hasPrefix(String(repeating: " ", count: 15)) })
            }
        }
    }

    func testTheFairnessBarMarksTheTargetAtItsMiddle() {
        XCTAssertEqual(FairnessPanel.bar(ratio: 0, width: 10), "     │    ")
        XCTAssertEqual(FairnessPanel.bar(ratio: 1, width: 10), "█████│    ")
        XCTAssertEqual(FairnessPanel.bar(ratio: 2, width: 10), "█████│████")
        XCTAssertEqual(FairnessPanel.bar(ratio: 9, width: 10), FairnessPanel.bar(ratio: 2, width: 10), "capped")
        XCTAssertEqual(FairnessPanel.bar(ratio: .nan, width: 4), "██│█")
        XCTAssertEqual(FairnessPanel.bar(ratio: 1, width: 0), "")
        let load = PersonLoad(login: "ada", name: "Ada", role: .admin, team: "", hours: 10, target: 3, shifts: 2)
        for width in 25...60 {
            let row = FairnessPanel.row(load, me: "ada", width: width).text
            XCTAssertLessThanOrEqual(TextWidth.columns(row), width, row)
            XCTAssertTrue(row.hasSuffix(" +7.0h"), row)
        }
    }

    func testTheFilterReadsWhatItIsGivenAndCycles() {
        XCTAssertEqual(CalendarFilter.parse(" all "), .all)
        XCTAssertEqual(CalendarFilter.parse("mine"), .mine)
        XCTAssertEqual(CalendarFilter.parse("team:support"), .team("support"))
        XCTAssertEqual(CalendarFilter.parse("jsato"), .person("jsato"))
        XCTAssertNil(CalendarFilter.parse("team:"))
        XCTAssertNil(CalendarFilter.parse(" "))
        XCTAssertEqual(CalendarFilter.all.next(myTeam: "ops"), .mine)
        XCTAssertEqual(CalendarFilter.mine.next(myTeam: "ops"), .team("ops"))
        XCTAssertEqual(CalendarFilter.mine.next(myTeam: ""), .all)
        XCTAssertEqual(CalendarFilter.person("x").next(myTeam: "ops"), .all)
        let people = [Person(login: "b", name: "B", team: "ops"), Person(login: "a", name: "A", team: "sales"),
                      Person(login: "gone", name: "G", team: "old", active: false)]
        XCTAssertEqual(CalendarFilter.completions(people: people), ["all", "mine", "team:ops", "team:sales", "b", "a"])
        let empty = shift(seats: (1, 1), [])
        XCTAssertTrue(CalendarFilter.all.shows(empty, me: "a", team: { _ in "" }), "everyone's view shows gaps")
        XCTAssertFalse(CalendarFilter.mine.shows(empty, me: "a", team: { _ in "" }))
    }

    func testTheLayoutPutsFairnessBesideFromWideTerminalsAndBehindAKeyBelow() {
        for width in stride(from: 40, through: 260, by: 11) {
            let content = Rect(x: 0, y: 0, width: width, height: 30)
            for show in [false, true] {
                let l = RotationLayout.compute(content, showFairness: show)
                XCTAssertEqual(l.title, Rect(x: 0, y: 0, width: width, height: 1))
                let parts = [l.calendar, l.fairness, l.separator].compactMap { $0 }
                XCTAssertEqual(parts.reduce(0) { $0 + $1.width * $1.height }, width * 29, "\(width) covered")
                if width >= Layout.wideFrom {
                    XCTAssertNotNil(l.calendar)
                    XCTAssertGreaterThanOrEqual(l.fairness?.width ?? 0, 36)
                } else {
                    XCTAssertEqual(l.fairness != nil, show)
                    XCTAssertEqual(l.calendar != nil, !show)
                }
            }
        }
    }

    func testAMonthCellPrefersTheMarkToTheCountWhenNarrow() {
        XCTAssertEqual(CalendarMonthView.cell(day: 3, count: 4, worst: .gap, width: 11).map(\.text), [" 3 ", "4!     "])
        XCTAssertEqual(CalendarMonthView.cell(day: 23, count: 12, worst: .gap, width: 6).map(\.text), ["23 ", "! "])
        XCTAssertEqual(CalendarMonthView.cell(day: 23, count: 0, worst: nil, width: 6).map(\.text), ["23   "])
        XCTAssertEqual(CalendarMonthView.cell(day: 9, count: 2, worst: nil, width: 11)[1].role, .normal)
        XCTAssertEqual(CalendarMonthView.cell(day: 9, count: 2, worst: .missingBuddy, width: 11)[1].role, .warning)
    }
}
