@testable import AllHandsConsole
import AllHandsCore
import Storage
import TerminalUI
import XCTest

final class ConsoleBehaviourTests: XCTestCase {
    /// Every ticket id of the queue in order, straight from the service.
    func allIDs(_ f: ConsoleFixture, _ filter: TicketFilter) throws -> [Int] {
        try f.console.workspace.tickets.page(filter, limit: 100_000).map(\.id)
    }

    func testScrollingLineByLineAndPageByPageVisitsTheQueueInOrder() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30), content: .small(extraTickets: 2_992))
        try f.command("view everything") // every ticket, not only the working queue
        let expected = try allIDs(f, TicketFilter(statuses: .all))
        XCTAssertEqual(f.console.queue.total, 3_000)
        var seen: [Int] = []
        for _ in 0..<1_000 {
            seen.append(try XCTUnwrap(f.console.queue.selectedTicket?.id))
            try f.console.handle(.character("j"))
        }
        XCTAssertEqual(seen, Array(expected.prefix(1_000)))
        XCTAssertLessThanOrEqual(f.console.queue.window.count, QueueModel.maximumWindow + 200, "the window stays bounded")

        var pages: [Int] = []
        try f.press(.character("g"))
        while pages.count < 3_000 {
            let visible = f.console.queue.visible.map(\.ticket.id)
            pages += visible
            let before = f.console.queue.top
            try f.console.handle(.pageDown)
            if f.console.queue.top == before { break }
            // Pages overlap by one line so the last line stays in view.
            pages.removeLast(visible.count - (f.console.queue.top - before))
        }
        XCTAssertEqual(pages, expected)
    }

    func testEndAndHomeJumpAndBackwardsScrollingIsConsistent() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30), content: .small(extraTickets: 2_992))
        try f.command("view everything")
        try f.press(.character("G"))
        let expected = try allIDs(f, TicketFilter(statuses: .all))
        XCTAssertEqual(f.console.queue.selectedTicket?.id, expected.last)
        XCTAssertEqual(f.console.queue.selected, 2_999)
        var seen: [Int] = []
        for _ in 0..<700 {
            seen.append(try XCTUnwrap(f.console.queue.selectedTicket?.id))
            try f.console.handle(.character("k"))
        }
        XCTAssertEqual(seen, Array(expected.suffix(700).reversed()))
        for _ in 0..<30 { try f.console.handle(.pageUp) }
        try f.press(.home)
        XCTAssertEqual(f.console.queue.selectedTicket?.id, expected.first)
        XCTAssertTrue(f.screen.contains("1/3000"))
    }

    func testAnotherProcessesChangeMarksTheWholeRowOnTheNextTickKeepingTheSelection() throws {
        let f = try ConsoleFixture(content: .small(extraTickets: 20))
        try f.press(.character("j"), .character("j"))
        let selected = try XCTUnwrap(f.console.queue.selectedTicket)
        let frames = f.backend.framesDrawn
        try f.console.tick()
        XCTAssertEqual(f.backend.framesDrawn, frames, "an idle tick draws nothing")

        try f.otherProcess().write { db in
            try db.execute("UPDATE tickets SET priority = 0, version = version + 1 WHERE id = ?", selected.id)
        }
        try f.console.tick()
        XCTAssertEqual(f.backend.framesDrawn, frames + 1)
        XCTAssertEqual(f.console.queue.selectedTicket?.id, selected.id, "the selection follows the ticket while it is in view")
        XCTAssertEqual(f.console.queue.selectedTicket?.priority, .urgent)
        let rect = try XCTUnwrap(f.console.layout.panes[.queue])
        let row = QueuePane.body(rect).y + f.console.queue.selected - f.console.queue.top
        XCTAssertTrue(f.backend.frame.text(row: row).contains(" \(selected.id) !"), f.backend.frame.text(row: row))
        let cells = (rect.x..<rect.maxX).map { f.backend.frame[$0, row] }.filter { $0.width != 0 }
        XCTAssertFalse(cells.isEmpty)
        XCTAssertTrue(cells.allSatisfy { $0.role == .changedSelection }, "the whole selected row is marked")
        try f.press(.character("k"))
        let moved = (rect.x..<rect.maxX).map { f.backend.frame[$0, row] }.filter { $0.width != 0 }
        XCTAssertTrue(moved.allSatisfy { $0.role == .changed }, "the whole row stays marked once the selection moves on")
        f.clock.epochSeconds += Console.markSeconds
        try f.console.tick()
        XCTAssertFalse(f.backend.frame.cells.contains { $0.role == .changed }, "the mark goes after \(Console.markSeconds) s")
    }

    func testResizingRedrawsExactlyWhatAFreshStartWouldShow() throws {
        let f = try ConsoleFixture(size: Size(width: 200, height: 60))
        try f.press(.character("j"))
        for size in [Size(width: 80, height: 24), Size(width: 30, height: 8), Size(width: 120, height: 40)] {
            try f.resize(size)
            let fresh = try ConsoleFixture(size: size)
            try fresh.press(.character("j"))
            XCTAssertEqual(f.screen, fresh.screen, "\(size)")
        }
    }

    func testTheCommandLineCompletesAndRunsActionsByName() throws {
        let f = try ConsoleFixture()
        try f.press(.character(":"), .character("g"), .character("o"), .tab)
        XCTAssertEqual(f.console.state.commandLine?.text, "go", "goodwill and goto share the prefix")
        try f.press(.character("t"), .tab)
        XCTAssertEqual(f.console.state.commandLine?.text, "goto ")
        for c in "3" { try f.console.handle(.character(c)) }
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 3))
        XCTAssertTrue(f.screen.contains("Ticket #3"))
        try f.press(.character(":"), .character("h"), .character("e"), .character("l"), .character("p"), .enter)
        XCTAssertEqual(f.console.state.screen, .help)
        try f.press(.character(":"), .character("n"), .character("o"), .enter)
        XCTAssertTrue(f.screen.contains("unknown command :no"))
        try f.press(.character(":"), .character("g"), .character("o"), .character("t"), .character("o"), .character(" "),
                    .character("9"), .character("9"), .character("9"), .character("9"), .enter)
        XCTAssertTrue(f.screen.contains("ticket #9999 not found"), f.screen)
        try f.press(.character(":"), .character("q"), .character("u"), .character("i"), .character("t"), .enter)
        XCTAssertFalse(f.console.running)
    }

    func testAClickSelectsARowAndATab() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 24), content: .small(extraTickets: 20))
        try f.press(.mouse(MouseEvent(x: 10, y: 8, button: .left)))
        XCTAssertEqual(f.console.queue.selected, 4)
        try f.press(.mouse(MouseEvent(x: 25, y: 0, button: .left)))
        XCTAssertEqual(f.console.state.focus, .tags)
        try f.press(.mouse(MouseEvent(x: 3, y: 0, button: .left)), .mouse(MouseEvent(x: 3, y: 9, button: .wheelDown)))
        XCTAssertEqual(f.console.queue.selected, 7)
    }

    func testHostileSubjectsAndBodiesReachTheGridInert() throws {
        let f = try ConsoleFixture()
        let db = try Database(path: f.path)
        let first = try XCTUnwrap(f.console.queue.selectedTicket)
        let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m\u{1B}]8;;http://x\u{1B}\\link\u{202E}txt.exe\u{0}"
        try db.execute("UPDATE tickets SET subject = ?, version = version + 1 WHERE id = ?", hostile, first.id)
        try db.execute("UPDATE messages SET body = ? WHERE ticket_id = ?", hostile + "\nsecond line\u{1B}[1A", first.id)
        try f.console.tick()
        let grids = [f.backend.frame] + (try { try f.press(.enter); return [f.backend.frame] }())
        for grid in grids {
            for cell in grid.cells {
                for scalar in cell.character.unicodeScalars {
                    XCTAssertFalse(Sanitizer.isUnsafe(scalar), "unsafe U+\(String(scalar.value, radix: 16)) reached the grid")
                }
            }
        }
        XCTAssertTrue(f.screen.contains("␛]0;owned␇"), f.screen)
    }

    func testTheWelcomeScreenLoadsTheDemoWithD() throws {
        let f = try ConsoleFixture(content: .empty)
        XCTAssertEqual(f.console.state.screen, .welcome)
        try f.press(.character("j"))
        XCTAssertEqual(f.console.state.screen, .welcome)
        try f.press(.character("d"))
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertGreaterThan(f.console.queue.total, 10)
        XCTAssertTrue(f.screen.contains("Loaded the demo company"))
        XCTAssertTrue(f.console.workspace.isDemo)
    }
}
