import Foundation
import AllHandsConsole
import TerminalUI
import XCTest

/// The main screen, the ticket view and help at the sizes people use, on the hand-written
/// small company (`SmallCompany`) with the clock stopped at 2026-11-22 16:00 UTC.
final class SnapshotTests: XCTestCase {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60), Size(width: 40, height: 10),
                        Size(width: 30, height: 8)]

    func name(_ screen: String, _ size: Size) -> String { "\(screen)-\(size.width)x\(size.height)" }

    func testMainScreen() throws {
        for size in Self.sizes {
            let f = try ConsoleFixture(size: size)
            assertSnapshot(f.screen, named: name("main", size))
        }
    }

    func testMainScreenStyles() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 40))
        try f.press(.character("j"), .character("j"))
        f.console.draw()
        assertSnapshot(f.backend.textWithStyles(), named: "main-styles-120x40")
    }

    func testTicketView() throws {
        for size in Self.sizes {
            let f = try ConsoleFixture(size: size)
            try f.press(.character("j"), .enter)
            assertSnapshot(f.screen, named: name("ticket", size))
        }
    }

    /// Ticket 6: goodwill (one awaiting a lead), a boundary, a colleague writing, a draft; then
    /// its history.
    func testTicketViewWithShiftWorkAndItsHistory() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 36))
        try f.command("goto 6")
        assertSnapshot(f.backend.textWithStyles(), named: "ticket-shift-work-100x36")
        try f.press(.character("h"))
        assertSnapshot(f.screen, named: "ticket-history-100x36")
    }

    func testSearchResults() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 20))
        try f.press(.character("/"))
        try f.press("never arri*".map { Key.character($0) } + [.enter])
        assertSnapshot(f.backend.textWithStyles(), named: "search-100x20")
    }

    func testHelp() throws {
        for size in Self.sizes {
            let f = try ConsoleFixture(size: size)
            try f.press(.character("?"))
            assertSnapshot(f.screen, named: name("help", size))
        }
    }

    func testWelcomeScreenOfAnEmptyDatabase() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 30), content: .empty)
        // The temp path differs every run: replace it and the padding it leaves.
        let screen = f.screen.replacingOccurrences(of: f.path, with: "<database>")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
        assertSnapshot(screen, named: "welcome-100x30")
    }

    func testNarrowPanesByTab() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 24))
        try f.press(.tab)
        assertSnapshot(f.screen, named: "rotation-80x24")
        try f.press(.tab)
        assertSnapshot(f.screen, named: "tags-80x24")
    }
}
