@testable import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import XCTest

/// Time off and swaps from the calendar, on `RotationCompany`'s shifts: the viewer's own time
/// off, a lead's for someone else followed by a rebalance, offering a seat, taking an offer, a
/// lead approving it, a take refused with the rule's reason, and an employee told why they
/// cannot approve.
final class RotationSwapsConsoleTests: XCTestCase {
    func fixture(login: String = "ada") throws -> ConsoleFixture {
        let f = try ConsoleFixture(size: Size(width: 140, height: 40), login: login)
        try RotationCompany.write(into: f)
        try f.console.tick()
        return f
    }

    /// Another console on the same database, as `login`.
    func console(_ f: ConsoleFixture, as login: String) throws -> Console {
        let workspace = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: login)
        return try Console(workspace: workspace, backend: VirtualBackend(size: Size(width: 140, height: 40)), clock: f.clock)
    }

    func command(_ console: Console, _ text: String) throws {
        for key in [Key.character(":")] + text.map({ Key.character($0) }) + [.enter] { try console.handle(key) }
    }

    func seats(_ f: ConsoleFixture, shift: Int) throws -> [String] {
        try f.otherProcess().fetchAll("""
            SELECT p.login FROM shift_assignments a JOIN people p ON p.id = a.person_id WHERE a.shift_id = ? ORDER BY p.login
            """, shift) { $0.string(0) }
    }

    /// jsato is in Tokyo: the time off (15:00 New York on Sunday through Monday) shows in his zone.
    func testAnEmployeeAsksForTimeOffAndTheCalendarMarksTheShiftsItHits() throws {
        let f = try fixture(login: "jsato")
        try f.press(.character("C"), .character("T"))
        XCTAssertEqual(f.console.state.commandLine?.text, "timeoff ")
        try f.press("2026-11-22T19:00Z 2026-11-23 dentist".map { Key.character($0) } + [.enter])
        XCTAssertEqual(f.console.state.message, "Your time off #1 (2026-11-23 04:00 UTC+9 to 2026-11-24 14:00 UTC+9): "
                       + "2 planned shifts marked for re-planning (a lead rebalances)")
        XCTAssertTrue(f.screen.contains("1/2/3 re-plan gap no buddy  afternoon  jsato×"), f.screen)
        XCTAssertTrue(f.screen.contains("fkim*, jsato→fkim×, (mexec)"), f.screen)
        try f.command("timeoff fkim 2026-11-30 2026-11-30")
        XCTAssertEqual(f.console.state.message, "not permitted: an employee may not plan the rotation, or change someone else's shifts, swaps or time off")
    }

    /// The lead marks someone's time off and rebalances: the seats it hit are re-planned and the
    /// person is told their schedule changed.
    func testALeadMarksTimeOffAndRebalances() throws {
        let f = try fixture(login: "bbianchi")
        try f.press(.character("C"))
        try f.command("timeoff jsato 2026-11-22T19:00Z 2026-11-23 sick")
        XCTAssertEqual(f.console.state.message, "jsato's time off #1 (2026-11-22 20:00 UTC+1 to 2026-11-24 06:00 UTC+1): "
                       + "2 planned shifts marked for re-planning (R rebalances)")
        try f.press(.character("R"))
        let message = try XCTUnwrap(f.console.state.message)
        XCTAssertTrue(message.hasPrefix("Rebalanced 2026-11-22 to "), message)
        XCTAssertTrue(message.contains("; affected: ") && message.contains("jsato"), message)
        XCTAssertFalse(try seats(f, shift: 2).contains("jsato"))
        XCTAssertFalse(try seats(f, shift: 3).contains("jsato"))
        let jsato = try console(f, as: "jsato")
        jsato.draw()
        XCTAssertTrue(VirtualBackend.render(jsato.render(), styles: false).contains("Your schedule changed: "))
    }

    /// ada offers her seat in the late shift; fkim cannot take it (the rule says why); fkim
    /// offers his Monday seat, ada takes it, the lead approves and the seat moves.
    func testOfferTakeAndApproveASwapAndARefusalWithItsReason() throws {
        let f = try fixture()
        try f.press(.character("C"), .tab, .tab, .tab)
        XCTAssertEqual(f.console.calendar?.selectedShift?.label, "late")
        try f.press(.character("o"))
        XCTAssertEqual(f.console.state.message, "Your seat in Sun 22 Nov 19:00–21:00 is offered to anyone as swap #1 (:take 1 takes it)")

        let fkim = try console(f, as: "fkim")
        try command(fkim, "take 1")
        XCTAssertEqual(fkim.state.message, "not permitted: fkim cannot be in shift #4: less than 12 hours of rest from another of their shifts")
        XCTAssertTrue(fkim.state.messageIsError)

        // Shift 5 is Monday's 09:00–12:00 with fkim alone.
        let monday = try XCTUnwrap(f.console.calendar?.shifts.first { $0.template == "americas-am" })
        XCTAssertEqual(monday.id, 5)
        try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim").swaps.offer(shiftID: 5)
        try f.command("take 2")
        XCTAssertEqual(f.console.state.message, "Swap #2 taken by you: the seat moves once a lead approves")
        try f.press(.character("s"))
        XCTAssertEqual(f.console.state.screen, .report(.swaps))
        let list = f.screen
        XCTAssertTrue(list.contains("#1  open  ada's seat in Sun 22 Nov 19:00–21:00 (shift #4) → anyone"), list)
        XCTAssertTrue(list.contains("#2  taken  fkim's seat in Mon 23 Nov 09:00–12:00 (shift #5) → anyone, taken by ada, waiting for a lead"), list)
        XCTAssertEqual(try seats(f, shift: 5), ["fkim"], "not before a lead approves")

        let lead = try console(f, as: "bbianchi")
        try command(lead, "approveswap 2")
        XCTAssertEqual(lead.state.message, "Swap #2 approved: fkim's seat in shift #5 is ada's now")
        XCTAssertEqual(try seats(f, shift: 5), ["ada"])
        try f.console.tick()
        XCTAssertFalse(f.screen.contains("#2  taken"), "the list follows the change")
        try f.command("withdraw 1")
        XCTAssertEqual(f.console.state.message, "Swap #1 withdrawn: nobody's seat moves")
        XCTAssertTrue(f.screen.contains("Nothing here."), f.screen)
    }

    func testAnEmployeeIsToldWhyTheyCannotApprove() throws {
        let f = try fixture(login: "jsato")
        try f.command("approveswap 1")
        XCTAssertEqual(f.console.state.message, "not for an employee: only lead, admin may plan the rotation, or change someone else's shifts, swaps or time off")
        try f.command("swaps")
        XCTAssertEqual(f.console.state.screen, .report(.swaps))
        XCTAssertTrue(f.screen.contains("Nothing here."), f.screen)
    }
}
