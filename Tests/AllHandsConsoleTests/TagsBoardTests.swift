@testable import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import XCTest

/// The tags pane and the tags board on `SmallCompany` with `TagTrendsCompany`'s four weeks of
/// tagging (the clock stopped at Sunday 22 November 2026, 16:00 UTC, 11:00 for ada in New
/// York): snapshots at the sizes people use, the window, the cursor, the queue a tag or a cell
/// opens and the way back, the comparison around a date, the ASCII fallback, and another
/// process's tagging marked live.
final class TagsBoardTests: XCTestCase {
    func fixture(size: Size = Size(width: 120, height: 40), glyphs: Glyphs = .unicode) throws -> ConsoleFixture {
        let f = try ConsoleFixture(size: size) { db, clock in try TagTrendsCompany.write(into: db, clock: clock) }
        f.console.glyphs = glyphs
        return f
    }

    func board(_ f: ConsoleFixture) throws -> TagBoard { try XCTUnwrap(f.console.tags.board) }

    func trend(_ f: ConsoleFixture, _ name: String) throws -> TagTrend {
        try XCTUnwrap(try board(f).trends.first { $0.tag.qualifiedName == name }, name)
    }

    /// The screen's row that starts (after the margin and indent) with a tag's name.
    func row(_ f: ConsoleFixture, _ name: String) -> String? {
        f.screen.split(separator: "\n").map(String.init).first { $0.hasPrefix("   " + name + " ") }
    }

    // MARK: - Snapshots

    func testThePaneOnTheMainScreen() throws {
        let f = try fixture()
        f.console.draw()
        assertSnapshot(f.backend.textWithStyles(), named: "tags-pane-120x40")
        let narrow = try fixture(size: Size(width: 80, height: 24))
        try narrow.press(.character("3"))
        assertSnapshot(narrow.screen, named: "tags-pane-80x24")
    }

    func testTheBoardAtTheSizesPeopleUse() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 50)] {
            let f = try fixture(size: size)
            try f.press(.character("T"))
            XCTAssertEqual(f.console.state.screen, .tags)
            assertSnapshot(f.backend.textWithStyles(), named: "tags-board-\(size.width)x\(size.height)")
        }
    }

    func testTheAsciiFallbackDrawsNoBlockOrArrow() throws {
        let f = try fixture(size: Size(width: 80, height: 24), glyphs: .ascii)
        try f.press(.character("T"))
        let screen = f.screen
        assertSnapshot(screen, named: "tags-board-ascii-80x24")
        let drawn = screen.unicodeScalars.filter { (0x2581...0x2588).contains($0.value) || "▲▼×…".unicodeScalars.contains($0) }
        XCTAssertTrue(drawn.isEmpty, "no block, arrow, × or … in ASCII: \(String(String.UnicodeScalarView(drawn)))")
        XCTAssertTrue(screen.contains(" area x type "), screen)
        XCTAssertTrue(screen.contains(" open 24h  7d +-7d 14 days"), screen)
    }

    // MARK: - What the pane and the board say

    /// Every number of a row is the board's, exactly: open now, new in 24 h and 7 d, the change
    /// against the 7 days before, and the sparkline of the last 14 days.
    func testTheRowsShowTheBoardsNumbers() throws {
        let f = try fixture(size: Size(width: 200, height: 50))
        try f.press(.character("T"))
        let billing = try trend(f, "area:billing")
        // SmallCompany's billing tickets 1, 4, 5 and 6 (50, 12, 2 and 70 hours ago) and
        // TagTrendsCompany's: 3 a day in the last 7 days, 1 a day in the 21 before.
        XCTAssertEqual(billing.open, 4 + 7 * 3 + 21)
        XCTAssertEqual(billing.new24h, 3 + 2)
        XCTAssertEqual(billing.new7d, 7 * 3 + 4)
        XCTAssertEqual(billing.previousWindow, 7)
        XCTAssertEqual(billing.daily.count, TagBoard.sparklineDays)
        let shown = try XCTUnwrap(row(f, "billing"), f.screen)
        XCTAssertTrue(shown.contains(" \(billing.open)  +5 +25 ▲18 "), shown)
        XCTAssertTrue(shown.contains(Glyphs.unicode.sparkline(billing.daily)), shown)
        let onboarding = try trend(f, "area:onboarding")
        XCTAssertEqual(onboarding.new7d, 0)
        XCTAssertEqual(onboarding.previousWindow, 14)
        XCTAssertTrue(try XCTUnwrap(row(f, "onboarding")).contains(" ▼14 "), f.screen)
        XCTAssertEqual(onboarding.open, 14, "the two a day older than 14 days are solved")
    }

    func testTheMatrixHighlightsTheHottestCellsAndNamesThem() throws {
        let f = try fixture()
        try f.press(.character("T"))
        let matrix = try XCTUnwrap(try board(f).matrix)
        let hottest = matrix.hottest(3)
        XCTAssertEqual(hottest.map(\.open), [7 * 3 + 21 + 1, 14, 14], "billing × bug; onboarding × usability; reporting × question")
        XCTAssertTrue(f.screen.contains(" hottest: billing × bug 43 · onboarding × usability 14 ·"), f.screen)
        XCTAssertTrue(f.screen.contains(" reporting × question 14 "), "the rest on the next row: \(f.screen)")
        let l = f.console.tagsLayout(f.console.layout.content)
        let area = try XCTUnwrap(l.matrix)
        var urgent = ""
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                let cell: Cell = f.backend.frame[x, y]
                if cell.role == .urgent, cell.character != " " { urgent.append(cell.character) }
            }
        }
        XCTAssertEqual(urgent, "431414", "the three hottest cells, and only they, are highlighted")
    }

    // MARK: - Moving, the window, and the queue

    func testTheWindowCyclesAndIsShownInTheTitle() throws {
        let f = try fixture()
        try f.press(.character("T"))
        XCTAssertTrue(f.screen.hasPrefix(" Tags · 7d vs the 7d before "), f.screen)
        try f.press(.character("w"))
        XCTAssertEqual(try board(f).window, .month)
        XCTAssertTrue(f.screen.hasPrefix(" Tags · 30d vs the 30d before "), f.screen)
        XCTAssertTrue(f.screen.contains(" open 24h  7d 30d ±30d 14 days"), "the window's own column appears")
        XCTAssertEqual(try trend(f, "area:billing").inWindow, 7 * 3 + 21 + 4)
        try f.press(.character("w"), .character("w"))
        XCTAssertEqual(try board(f).window, .day)
        XCTAssertTrue(f.screen.hasPrefix(" Tags · 24h vs the 24h before "), f.screen)
        try f.command("window 90d")
        XCTAssertEqual(try board(f).window, .quarter)
        try f.command("window 2w")
        XCTAssertTrue(f.screen.contains("usage: :window 24h|7d|30d|90d"), f.screen)
        XCTAssertEqual(try board(f).window, .quarter, "a bad window changes nothing")
        try f.press(.character("q"))
        XCTAssertTrue(f.screen.contains(" Tags · 90d vs the 90d before "), "the pane shows the window chosen on the board")
    }

    func testTheCursorGoesDownTheListIntoTheMatrixAndBack() throws {
        let f = try fixture()
        try f.press(.character("T"))
        let names = try board(f).trends.map(\.tag.qualifiedName)
        XCTAssertEqual(f.console.tags.selected, .tag(names[0]))
        try f.press(.character("j"))
        XCTAssertEqual(f.console.tags.selected, .tag(names[1]))
        try f.press(.character("G"), .character("j"))
        XCTAssertEqual(f.console.tags.selected, .cell(row: "billing", column: "bug"), "below the last tag, the matrix")
        try f.press(.character("l"), .character("l"), .character("j"))
        XCTAssertEqual(f.console.tags.selected, .cell(row: "onboarding", column: "question"))
        try f.press(.tab)
        XCTAssertEqual(f.console.tags.selected, .tag(names[names.count - 1]), "Tab: back to the tag last selected")
        try f.press(.tab)
        XCTAssertEqual(f.console.tags.selected, .cell(row: "onboarding", column: "question"), "and to the cell")
        try f.press(.character("k"), .character("k"))
        XCTAssertEqual(f.console.tags.selected, .tag(names[names.count - 1]), "up out of the matrix's first row")
        try f.press(.character("g"))
        XCTAssertEqual(f.console.tags.selected, .tag(names[0]))
    }

    /// Enter on a tag: the queue of that tag; q: the board as it was (the tag, the window) and
    /// the queue's own view again.
    func testEnterOpensTheTagsQueueAndQComesBackToTheSamePlace() throws {
        let f = try fixture()
        try f.press(.character("T"), .character("w"), .character("j"))
        let selected = try XCTUnwrap(f.console.tags.selectedTag)
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertEqual(f.console.state.view, .byTag(selected.tag.qualifiedName))
        XCTAssertEqual(f.console.queue.total, selected.open, "the queue holds the tag's open tickets")
        XCTAssertTrue(f.screen.contains(" Queue · Tag \(selected.tag.qualifiedName) · "), f.screen)
        XCTAssertEqual(f.console.contexts.first, .tagQueue, "q goes back to the board")
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .tags)
        XCTAssertEqual(f.console.tags.selected, .tag(selected.tag.qualifiedName))
        XCTAssertEqual(try board(f).window, .month)
        XCTAssertEqual(f.console.state.view, .allOpen)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertTrue(f.console.isRunning, "q leaves the board, it does not quit")
    }

    /// Enter on a matrix cell: the tickets carrying both tags; Esc: back on the same cell.
    func testEnterOnACellOpensTheQueueOfBothTagsAndEscComesBack() throws {
        let f = try fixture(size: Size(width: 80, height: 24))
        try f.press(.character("3"), .enter)
        XCTAssertEqual(f.console.state.screen, .tags, "Enter on the focused tags pane opens the board")
        try f.press(.tab, .character("l"), .character("j"))
        XCTAssertEqual(f.console.tags.selected, .cell(row: "onboarding", column: "usability"))
        try f.press(.enter)
        XCTAssertEqual(f.console.state.view, .byTag("area:onboarding+type:usability"))
        XCTAssertEqual(f.console.queue.total, 14)
        XCTAssertEqual(f.console.state.focus, .queue)
        try f.press(.character("T"))
        XCTAssertEqual(f.console.state.screen, .tags, "T in that queue goes back to the board")
        XCTAssertEqual(f.console.state.stack, [.main], "without stacking another")
        try f.press(.enter, .escape)
        XCTAssertEqual(f.console.state.screen, .tags)
        XCTAssertEqual(f.console.tags.selected, .cell(row: "onboarding", column: "usability"))
        XCTAssertEqual(f.console.state.view, .allOpen)
        try f.press(.escape)
        XCTAssertEqual(f.console.state.focus, .tags, "the main screen keeps the pane that had focus")
    }

    func testOpeningTheBoardByCommand() throws {
        let f = try fixture()
        try f.command("tags")
        XCTAssertEqual(f.console.state.screen, .tags)
        try f.press(.escape)
        try f.press(.character("3"))
        XCTAssertEqual(f.console.state.focus, .tags)
    }

    func testTheWheelMovesTheCursorAndTheBoardDrawsAtEverySize() throws {
        let f = try fixture()
        try f.press(.character("T"))
        let names = try board(f).trends.map(\.tag.qualifiedName)
        try f.press(.mouse(MouseEvent(x: 5, y: 5, button: .wheelDown)))
        XCTAssertEqual(f.console.tags.selected, .tag(names[3]), "three tags down")
        XCTAssertEqual(f.console.queue.selected, 0, "the queue behind stays where it was")
        let name = try XCTUnwrap(f.console.tags.selectedTag?.tag.name)
        for width in stride(from: 40, through: 220, by: 15) {
            for height in [10, 13, 24, 37, 60] {
                try f.resize(Size(width: width, height: height))
                let screen = f.screen
                XCTAssertTrue(screen.hasPrefix(" Tags · 7d"), "\(width)×\(height):\n\(screen)")
                XCTAssertTrue(screen.contains("\n   \(name) "), "the selected tag stays in view: \(width)×\(height):\n\(screen)")
            }
        }
    }

    // MARK: - Moving the needle

    /// `m` asks for a date in the viewer's zone; the comparison shows each week before and after
    /// it with a bar, then the change and the share.
    func testMarkingADateComparesTheTagBeforeAndAfter() throws {
        let f = try fixture(size: Size(width: 100, height: 30))
        try f.press(.character("T"), .character("m"))
        XCTAssertTrue(f.screen.contains("Mark a date for area:billing, YYYY-MM-DD: "), f.screen)
        try f.press("2026-11-15".map { Key.character($0) } + [.enter])
        XCTAssertEqual(f.console.state.screen, .tagCompare)
        let c = try XCTUnwrap(f.console.tags.comparison)
        // Midnight in New York (ada's zone), not in UTC.
        XCTAssertEqual(c.at, try ShiftTime.parse("2026-11-15T05:00Z", timeZone: .gmt))
        // The plan's billing tickets from 26 October, one a day, three a day from 16 November, and
        // SmallCompany's four (one in the week under way).
        XCTAssertEqual(c.before.map(\.tagged), [0, 6, 7, 7])
        XCTAssertEqual(c.after.map(\.tagged), [1 + 3 * 6 + 3, 3 + 1])
        XCTAssertEqual(c.after.map(\.complete), [true, false])
        assertSnapshot(f.backend.textWithStyles(), named: "tags-compare-100x30")
        let screen = f.screen
        XCTAssertTrue(screen.contains(" Per week     "), screen)
        let zone = Timestamp.zone(c.at, timeZone: RotationCompany.newYork)
        XCTAssertTrue(screen.contains(" ── 2026-11-15 00:00 \(zone) ──"), screen)
        XCTAssertTrue(screen.contains(" * not over yet: left out of the averages"), screen)
        try f.press(.character("m"))
        try f.press("2026-11-08 2".map { Key.character($0) } + [.enter])
        XCTAssertEqual(f.console.tags.comparison?.before.count, 2, ":compare's WEEKS, typed after the date")
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .tags)
    }

    func testADateIsRefusedWithTheFormAndACellIsNotCompared() throws {
        let f = try fixture()
        try f.press(.character("T"))
        try f.command("compare 15/11/2026")
        XCTAssertEqual(f.console.state.message,
                       "Type a date as YYYY-MM-DD, in the company's time zone (America/New_York), and optionally the weeks each side: 2026-11-01 8")
        try f.command("compare 2026-11-01 99")
        XCTAssertEqual(f.console.state.message, "WEEKS must be between 1 and 52")
        XCTAssertEqual(f.console.state.screen, .tags)
        try f.press(.tab, .character("m"))
        XCTAssertEqual(f.console.state.message,
                       "A date is compared for one tag: select a tag in the list (Tab goes back to it)")
    }

    // MARK: - Live

    /// Another process tags a ticket: on the next tick the row and the matrix cell show the new
    /// counts, marked; the mark goes after `Console.markSeconds`.
    func testAnotherProcessesTaggingShowsOnTheNextTickMarked() throws {
        let f = try fixture()
        try f.press(.character("T"))
        let before = try trend(f, "area:accounts")
        let other = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        try other.tickets.tag(id: 1, ["area:accounts"])
        try f.console.tick()
        let after = try trend(f, "area:accounts")
        XCTAssertEqual(after.open, before.open + 1)
        XCTAssertEqual(after.new24h, before.new24h + 1)
        XCTAssertEqual(Set(f.console.changedTags.keys), ["area:accounts", "area:accounts+type:bug"])
        let shown = try XCTUnwrap(f.backend.text().split(separator: "\n").firstIndex { $0.hasPrefix("   accounts ") })
        let cells = (0..<f.backend.size.width).map { f.backend.frame[$0, shown] }.filter { $0.width != 0 }
        XCTAssertTrue(cells.contains { $0.role == .changed }, "the row is marked")
        f.clock.epochSeconds += Console.markSeconds
        try f.console.tick()
        XCTAssertFalse(f.backend.frame.cells.contains { $0.role == .changed }, "the mark goes after \(Console.markSeconds) s")
    }

    // MARK: - Help

    func testHelpListsTheBoardsKeys() throws {
        let f = try fixture(size: Size(width: 120, height: 40))
        try f.press(.character("?"))
        let text = HelpScreen.page(width: 120).lines.map(\.text).joined(separator: "\n")
        for needle in ["Tags board", "A queue opened from the tags board", "A tag before and after a date",
                       "  T                       Open the tags board", "  w                       Next time window: 24h",
                       "  m                       Mark a date", ":window 24h|7d|30d|90d", "Tags marks",
                       "  ▲12 ▼3 ±7d              the window against the one just before it"] {
            XCTAssertTrue(text.contains(needle), needle)
        }
        XCTAssertEqual(f.console.state.screen, .help)
    }
}
