@testable import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import XCTest

/// The rotation calendar on the small company with `RotationCompany`'s shifts (the clock at
/// 11:00 New York time on Sunday 22 November 2026): its views as snapshots, moving around,
/// filtering, a lead assigning from it, and an employee seeing why they cannot.
final class RotationScreenTests: XCTestCase {
    func fixture(size: Size = Size(width: 120, height: 40), login: String = "ada", notice: String? = nil) throws -> ConsoleFixture {
        let f = try ConsoleFixture(size: size, login: login)
        try RotationCompany.write(into: f, notice: notice)
        try f.console.tick()
        return f
    }

    func model(_ f: ConsoleFixture) throws -> CalendarModel { try XCTUnwrap(f.console.calendar) }

    func type(_ f: ConsoleFixture, _ text: String) throws {
        try f.press(text.map { $0 == "\n" ? Key.enter : Key.character($0) })
    }

    // MARK: - Snapshots

    func testTheMonthViewWithTheFairnessPanel() throws {
        let f = try fixture()
        try f.press(.character("C"))
        assertSnapshot(f.backend.textWithStyles(), named: "rotation-month-120x40")
    }

    /// A gap, a missing buddy, an over-full shift, someone to re-plan, a buddy, a newcomer paired
    /// with them, a listener, and the now line between the shift on now and the ones after it.
    func testTheWeekViewMarksEveryProblemAndTheNowLine() throws {
        let f = try fixture(size: Size(width: 100, height: 30))
        try f.press(.character("C"), .character("w"))
        let screen = f.screen
        XCTAssertTrue(screen.contains("── now 11:00 "), screen)
        XCTAssertTrue(screen.contains("1/2/3 gap no buddy"), screen)
        XCTAssertTrue(screen.contains("2/1/1 re-plan over max"), screen)
        XCTAssertTrue(screen.contains("fkim*, jsato→fkim, (mexec)"), screen)
        XCTAssertTrue(screen.contains("ada×, bbianchi"), screen)
        assertSnapshot(f.backend.textWithStyles(), named: "rotation-week-100x30")
    }

    /// Below 120 columns the fairness panel is behind F, in the calendar's place.
    func testTheFairnessPanelBehindAKeyOnANarrowTerminal() throws {
        let f = try fixture(size: Size(width: 80, height: 24))
        try f.press(.character("C"))
        XCTAssertFalse(f.screen.contains("Fairness · November 2026"))
        try f.press(.character("F"))
        assertSnapshot(f.backend.textWithStyles(), named: "rotation-fairness-80x24")
        try f.press(.character("F"))
        XCTAssertTrue(f.screen.contains(" Mon        Tue "), f.screen)
    }

    /// More people than rows: the panel says how many more and scrolls with } and { (and j k
    /// while it is shown in the calendar's place).
    func testTheFairnessPanelScrollsWhenEveryoneDoesNotFit() throws {
        let f = try fixture(size: Size(width: 60, height: 12))
        try f.otherProcess().write { db in
            for n in 1...12 {
                try db.execute("INSERT INTO people (login, name, role, created_at) VALUES (?, ?, 'employee', 0)",
                               "extra\(n)", "Extra \(n)")
            }
        }
        try f.press(.character("C"), .character("F"))
        let top = f.screen
        let more = try XCTUnwrap(top.firstMatch(of: /… (\d+) more \(\{ \} scroll\)/), top)
        XCTAssertGreaterThan(Int(more.1) ?? 0, 0)
        try f.press(.character("}"))
        XCTAssertNotEqual(f.screen, top, "a page further")
        XCTAssertTrue(f.screen.contains("Fairness · "), "the title stays")
        try f.press(.character("{"))
        XCTAssertEqual(f.screen, top, "and back")
        try f.press(.character("j"))
        XCTAssertNotEqual(f.screen, top, "j scrolls the panel while it is shown alone")
    }

    func testTheMainScreensRotationPaneShowsTheNoticeAndTheNextShift() throws {
        let f = try fixture(notice: "bbianchi moved you to Sun 19:00–21:00")
        assertSnapshot(f.backend.textWithStyles(), named: "main-rotation-notice-120x40")
        XCTAssertTrue(f.screen.contains("Your schedule changed: bbianchi moved you"), f.screen)
        XCTAssertTrue(f.screen.contains("Next shift: Sun 15:00–17:00 jsato"), f.screen)
    }

    /// Labels, logins and team names come from the database: they reach the grid inert.
    func testHostileLabelsAndTeamsReachTheGridInert() throws {
        let f = try fixture(size: Size(width: 160, height: 40))
        try f.otherProcess().write { db in
            try db.execute("UPDATE shifts SET label = ? WHERE label = 'afternoon'", "\u{1B}]0;owned\u{07}after\u{202E}noon")
            try db.execute("UPDATE people SET team = ? WHERE login = 'ada'", "ops\u{1B}[2J")
        }
        try f.press(.character("C"), .character("w"))
        try f.command("filter team:ops\u{1B}[2J")
        try f.command("filter all")
        let screen = f.screen
        XCTAssertTrue(screen.contains("␛]0;owned␇after�noon"), screen)
        XCTAssertFalse(screen.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0 == "\u{202E}" }, screen)
        try f.press(.character("f"), .character("f"))
        XCTAssertTrue(f.screen.contains("team ops␛[2J"), f.screen)
    }

    /// From the smallest terminal to a large one, both views and the fairness panel draw within
    /// the frame, with the title and (where there is room) the now line.
    func testEverySizeDrawsTheCalendar() throws {
        for size in [Size(width: 40, height: 10), Size(width: 80, height: 24), Size(width: 119, height: 30),
                     Size(width: 120, height: 30), Size(width: 200, height: 60)] {
            let f = try fixture(size: size)
            try f.press(.character("C"))
            XCTAssertTrue(f.screen.hasPrefix(" Rotation · November 2026"), "\(size): \(f.screen)")
            try f.press(.character("w"))
            XCTAssertTrue(f.screen.hasPrefix(" Rotation · week of Mon 16 Nov"), "\(size)")
            XCTAssertTrue(f.screen.contains("── now 11:00"), "\(size): \(f.screen)")
            try f.press(.character("F"))
            XCTAssertTrue(f.screen.contains("Fairness · November 2026"), "\(size): \(f.screen)")
        }
    }

    // MARK: - Opening and leaving

    func testEnterOnTheRotationPaneOpensTheCalendarDismissingTheNoticeAndQGoesBack() throws {
        let f = try fixture(notice: "2 shifts added")
        try f.press(.character("2"))
        XCTAssertTrue(f.screen.contains(" Enter calendar "), f.screen)
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .rotation)
        XCTAssertEqual(f.console.state.message, "Your schedule changed: 2 shifts added")
        let notices = try f.otherProcess().fetchInt("SELECT count(*) FROM rotation_notices")
        XCTAssertEqual(notices, 0, "seen: the notice is dismissed")
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertEqual(f.console.state.focus, .rotation, "back where the person was")
        XCTAssertFalse(f.screen.contains("Your schedule changed"), f.screen)
        try f.command("calendar")
        XCTAssertEqual(f.console.state.screen, .rotation)
        try f.press(.escape)
        XCTAssertEqual(f.console.state.screen, .main)
        // C works from a ticket too, and q goes back to it.
        try f.command("goto 2")
        try f.press(.character("C"))
        XCTAssertEqual(f.console.state.screen, .rotation)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .ticket(id: 2))
    }

    // MARK: - Moving around

    func testArrowsMoveTheDayPeriodsMoveTheMonthAndTodayComesBack() throws {
        let f = try fixture()
        try f.press(.character("C"))
        let days = try model(f).days
        let today = days.day(containing: ConsoleFixture.now)
        XCTAssertEqual(try model(f).day, today)
        XCTAssertEqual(try model(f).selectedShift?.label, "Day", "the shift on now is selected")
        try f.press(.tab)
        XCTAssertEqual(try model(f).selectedShift?.label, "afternoon", "Tab: the day's next shift")
        try f.press(.character("l"))
        XCTAssertEqual(try model(f).day, days.adding(days: 1, to: today))
        XCTAssertEqual(try model(f).selectedShift?.template, "americas-am")
        try f.press(.character("j"))
        XCTAssertEqual(days.dayOfMonth(try model(f).day), 30, "j: a week on in the month")
        XCTAssertNil(try model(f).selectedShift)
        try f.press(.character("]"))
        XCTAssertTrue(f.screen.contains(" Rotation · December 2026 "), f.screen)
        XCTAssertEqual(days.dayOfMonth(try model(f).day), 30)
        try f.press(.pageUp, .pageUp)
        XCTAssertTrue(f.screen.contains(" Rotation · October 2026 "), f.screen)
        try f.press(.character("t"))
        XCTAssertEqual(try model(f).day, today)
        XCTAssertTrue(f.screen.contains(" Rotation · November 2026 "), f.screen)
    }

    /// In the week view j and k walk the shifts in time order, over days without any, into
    /// the next week (which loads as it comes into view).
    func testTheWeekViewWalksShiftByShiftIntoTheNextWeek() throws {
        let f = try fixture()
        try f.press(.character("C"), .character("w"))
        XCTAssertTrue(f.screen.contains(" Rotation · week of Mon 16 Nov "), f.screen)
        var labels: [String] = []
        for _ in 0..<5 {
            try f.press(.character("j"))
            labels.append(try model(f).selectedShift.map { $0.label.isEmpty ? $0.template : $0.label } ?? "none")
        }
        XCTAssertEqual(labels, ["afternoon", "evening", "late", "americas-am", "pm"])
        XCTAssertTrue(f.screen.contains(" Rotation · week of Mon 23 Nov "), f.screen)
        try f.press(.character("k"), .character("k"))
        XCTAssertEqual(try model(f).selectedShift?.label, "late")
        XCTAssertTrue(f.screen.contains(" Rotation · week of Mon 16 Nov "), f.screen)
        try f.press(.character("m"))
        XCTAssertTrue(f.screen.contains(" Rotation · November 2026 "), f.screen)
    }

    // MARK: - Filter

    func testTheFilterShowsMineThenMyTeamThenOnePersonAndRefusesNobody() throws {
        let f = try fixture()
        try f.press(.character("C"))
        XCTAssertEqual(try model(f).shown(on: model(f).day).count, 4)
        try f.press(.character("f"))
        XCTAssertEqual(f.console.state.message, "Showing your shifts")
        XCTAssertEqual(try model(f).shown(on: model(f).day).map(\.label), ["Day", "late"])
        XCTAssertTrue(f.screen.contains(" Rotation · November 2026 · mine "), f.screen)
        try f.press(.character("f"))
        XCTAssertEqual(try model(f).filter, .team("operations"))
        try f.press(.character("f"))
        XCTAssertEqual(try model(f).filter, .all)

        try f.press(.character(":"))
        try type(f, "filter team:s")
        try f.press(.tab)
        XCTAssertEqual(f.console.state.commandLine?.text, "filter team:support ")
        try f.press(.enter)
        XCTAssertEqual(try model(f).shown(on: model(f).day).map(\.label), ["Day", "evening", "late"])
        let fairness = f.screen
        XCTAssertTrue(fairness.contains(" fkim ") && fairness.contains(" bbianchi ") && !fairness.contains(" jsato "), fairness)

        try f.command("filter jsato")
        XCTAssertEqual(try model(f).shown(on: model(f).day).map(\.label), ["afternoon", "evening"])
        try f.command("filter nobody")
        XCTAssertEqual(f.console.state.message, "Nobody has the login 'nobody' (Tab completes logins and teams)")
        XCTAssertEqual(try model(f).filter, .person("jsato"), "the filter stays")
    }

    // MARK: - Acting on a shift

    /// bbianchi is in Rome: Monday there starts with the late shift (01:00–03:00), then the
    /// morning one at 15:00.
    func testALeadAssignsAndUnassignsFromTheCalendar() throws {
        let f = try fixture(login: "bbianchi")
        try f.press(.character("C"), .character("l"), .tab)
        let shift = try XCTUnwrap(model(f).selectedShift)
        XCTAssertEqual(shift.template, "americas-am")
        try f.press(.character("a"))
        XCTAssertEqual(f.console.state.commandLine?.text, "seat ")
        try type(f, "jsato\n")
        XCTAssertEqual(f.console.state.message, "jsato is now in the shift of Mon 23 Nov 15:00–18:00 (2/1/2 seats filled/min/max)")
        let people = try f.otherProcess().fetchAll("""
            SELECT p.login FROM shift_assignments a JOIN people p ON p.id = a.person_id WHERE a.shift_id = ? ORDER BY p.login
            """, shift.id) { $0.string(0) }
        XCTAssertEqual(people, ["fkim", "jsato"])
        XCTAssertTrue(f.screen.contains("15:00–18:00  2/1/2  americas-am  fkim, jsato"), f.screen)
        try f.press(.character("x"))
        try f.press(.character("j"), .tab)
        XCTAssertEqual(f.console.state.commandLine?.text, "unseat jsato ")
        try f.press(.enter)
        XCTAssertEqual(f.console.state.message, "jsato is out of the shift of Mon 23 Nov 15:00–18:00 (1/1/2 seats filled/min/max)")
        try f.command("seat fkim")
        XCTAssertEqual(f.console.state.message, "fkim is already in shift #\(shift.id)")
        XCTAssertTrue(f.console.state.messageIsError)
    }

    /// P plans a quarter from today in one keystroke; the notice says what it did, and the
    /// database agrees. R rebalances; c lists what is still wrong; q comes back to the calendar.
    func testALeadPlansAQuarterWithOneKeyRebalancesAndChecks() throws {
        let f = try fixture(login: "bbianchi")
        try f.press(.character("C"), .character("P"))
        let message = try XCTUnwrap(f.console.state.message)
        let match = try XCTUnwrap(message.wholeMatch(of: /Planned 2026-11-22 to 2027-02-20: (\d+) shifts created, (\d+) added, 0 removed, 0 moved; .*/),
                                  message)
        let db = try f.otherProcess()
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM shifts WHERE template <> '' AND id > 6"), Int(match.1))
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM shift_assignments WHERE source = 'planner'"), Int(match.2))
        XCTAssertGreaterThan(Int(match.1) ?? 0, 0)
        try f.press(.character("w"), .character("]"))
        XCTAssertTrue(f.screen.contains("americas-pm"), "the planned shifts show:\n\(f.screen)")

        try f.press(.character("R"))
        XCTAssertTrue(f.console.state.message?.hasPrefix("Rebalanced ") ?? false, f.console.state.message ?? "")
        try f.press(.character("c"))
        XCTAssertEqual(f.console.state.screen, .report(.rotationCheck))
        XCTAssertTrue(f.screen.hasPrefix(" Rotation check · "), f.screen)
        XCTAssertTrue(f.screen.contains("   coverage gap  2026-11-23 "), f.screen)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .rotation)
    }

    func testAnEmployeeSeesAssignDisabledWithTheReason() throws {
        let f = try fixture(login: "jsato")
        try f.press(.character("C"))
        f.console.draw()
        let styled = f.backend.textWithStyles().split(separator: "\n").map(String.init)
        let bar = try XCTUnwrap(styled.dropLast().last), marks = try XCTUnwrap(styled.last)
        let assign = try XCTUnwrap(bar.range(of: " a assign "))
        let offset = bar.distance(from: bar.startIndex, to: assign.lowerBound)
        XCTAssertEqual(Set(marks.dropFirst(offset).prefix(10)), [VirtualBackend.mark(.statusBarDisabled)], marks)
        let week = bar.range(of: " w week ").map { bar.distance(from: bar.startIndex, to: $0.lowerBound) }
        XCTAssertEqual(Set(marks.dropFirst(try XCTUnwrap(week)).prefix(8)), [VirtualBackend.mark(.statusBar)])
        let reason = "not for an employee: only lead, admin may plan the rotation, or change someone else's shifts, swaps or time off"
        try f.press(.character("a"))
        XCTAssertNil(f.console.state.commandLine, "no command line opens")
        XCTAssertEqual(f.console.state.message, reason)
        try f.command("unseat fkim")
        XCTAssertEqual(f.console.state.message, reason)
        for key in ["P", "R"] {
            try f.press(.character(Character(key)))
            XCTAssertEqual(f.console.state.message, reason, key)
        }
        try f.press(.character("c"))
        XCTAssertEqual(f.console.state.screen, .report(.rotationCheck), "anyone may see what is wrong")
        let seated = try f.otherProcess().fetchInt("SELECT count(*) FROM shift_assignments")
        XCTAssertEqual(seated, 9, "nothing changed")
    }

    /// Another process's change shows on the next tick, the selection kept.
    func testAnotherProcessesChangeShowsOnTheNextTick() throws {
        let f = try fixture()
        try f.press(.character("C"), .character("l"))
        let shift = try XCTUnwrap(model(f).selectedShift)
        let lead = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "bbianchi")
        try lead.shifts.assign("mexec", toShift: shift.id)
        try f.console.tick()
        XCTAssertEqual(try model(f).selectedShift?.people, ["fkim", "mexec"])
        XCTAssertTrue(f.screen.contains("2/1/2  americas-am  fkim, mexec"), f.screen)
    }
}
