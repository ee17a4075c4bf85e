import AllHandsConsole
import AllHandsCore
import Foundation
import TerminalUI
import XCTest

/// The `:` line as a pure value: readline keys, history and completion.
final class LineEditorTests: XCTestCase {
    func type(_ text: String, into editor: inout LineEditor) {
        for c in text { _ = editor.handle(.character(c)) }
    }

    func testTheCursorMovesAndEditsHappenAtIt() {
        var e = LineEditor()
        type("goto 42", into: &e)
        XCTAssertEqual(e.cursor, 7)
        _ = e.handle(.left); _ = e.handle(.left)
        type("1", into: &e)
        XCTAssertEqual(e.text, "goto 142")
        XCTAssertEqual(e.cursor, 6)
        _ = e.handle(.backspace)
        XCTAssertEqual(e.text, "goto 42")
        _ = e.handle(.delete)
        XCTAssertEqual(e.text, "goto 2", "Delete removes the character under the cursor")
        _ = e.handle(.ctrl("a"))
        XCTAssertEqual(e.cursor, 0)
        _ = e.handle(.delete)
        XCTAssertEqual(e.text, "oto 2")
        _ = e.handle(.ctrl("e"))
        XCTAssertEqual(e.cursor, 5)
        _ = e.handle(.right)
        XCTAssertEqual(e.cursor, 5, "→ stops at the end")
        _ = e.handle(.home)
        _ = e.handle(.left)
        XCTAssertEqual(e.cursor, 0, "← stops at the start")
    }

    func testKillingToTheStartAndTheWordBefore() {
        var e = LineEditor(text: "goto  12 34")
        _ = e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "goto  12 ")
        _ = e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "goto  ", "C-w takes the spaces before the cursor with the word")
        _ = e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "")
        e = LineEditor(text: "help me")
        _ = e.handle(.left); _ = e.handle(.left)
        _ = e.handle(.ctrl("u"))
        XCTAssertEqual(e.text, "me")
        XCTAssertEqual(e.cursor, 0)
        _ = e.handle(.ctrl("k"))
        XCTAssertEqual(e.text, "")
    }

    func testEnterSubmitsEscapeAndBackspaceOnEmptyCancel() {
        var e = LineEditor(text: "quit")
        XCTAssertEqual(e.handle(.enter), .submit("quit"))
        XCTAssertEqual(e.handle(.escape), .cancel)
        var empty = LineEditor()
        XCTAssertEqual(empty.handle(.backspace), .cancel)
    }

    func testHistoryWalksBackAndForwardAndKeepsTheDraft() {
        let history = LineEditor.remembering("goto 2", in: LineEditor.remembering("help", in: []))
        XCTAssertEqual(history, ["help", "goto 2"])
        XCTAssertEqual(LineEditor.remembering("goto 2", in: history), history, "a repeat is not stored twice")
        XCTAssertEqual(LineEditor.remembering("  ", in: history), history, "nor an empty line")
        var e = LineEditor(history: history)
        type("ref", into: &e)
        _ = e.handle(.up)
        XCTAssertEqual(e.text, "goto 2")
        _ = e.handle(.up)
        XCTAssertEqual(e.text, "help")
        _ = e.handle(.up)
        XCTAssertEqual(e.text, "help", "↑ stops at the oldest")
        _ = e.handle(.down); _ = e.handle(.down)
        XCTAssertEqual(e.text, "ref", "↓ past the newest brings back what was being typed")
        XCTAssertEqual(e.cursor, 3)
    }

    func testTabCompletesTheCommonPrefixOfTheCommandWord() {
        let commands = ["previous", "quit", "queue", "refresh"]
        let complete = { (prefix: String) in commands.filter { $0.hasPrefix(prefix) } }
        var e = LineEditor(text: "q")
        _ = e.handle(.tab, complete: complete)
        XCTAssertEqual(e.text, "qu", "two candidates: their common prefix")
        type("e", into: &e)
        _ = e.handle(.tab, complete: complete)
        XCTAssertEqual(e.text, "queue ", "one candidate: the word and a space")
        var none = LineEditor(text: "x")
        _ = none.handle(.tab, complete: complete)
        XCTAssertEqual(none.text, "x")
        var argument = LineEditor(text: "goto q")
        _ = argument.handle(.tab, complete: complete)
        XCTAssertEqual(argument.text, "goto q", "only the command word completes")
    }
}

/// The status bar while the command line or a message shows.
final class StatusBarTests: XCTestCase {
    func testAShortMessageSitsBesideTheClock() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 12))
        try f.command("goto 99")
        let bar = String(try XCTUnwrap(f.screen.split(separator: "\n").last))
        XCTAssertTrue(bar.contains("│ ticket #99 not found"), bar)
        XCTAssertTrue(bar.hasSuffix(" 11:00 \(Timestamp.zone(ConsoleFixture.now, timeZone: try XCTUnwrap(TimeZone(identifier: "America/New_York")))) "), bar)
    }

    /// A refusal too long for the bar is wrapped onto the rows above it, between words, and read
    /// whole; the next key clears it.
    func testALongMessageIsWrappedAboveTheBarAndReadWhole() throws {
        let f = try ConsoleFixture(size: Size(width: 60, height: 12))
        try f.command("nosuchcommand")
        let rows = f.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        let full = "unknown command :nosuchcommand (Tab lists commands, ? shows help)"
        let last = rows.suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(last.joined(separator: " "), full, rows.suffix(2).joined(separator: "\n"))
        try f.press(.character("j"))
        XCTAssertFalse(f.screen.contains("unknown command"), f.screen)
    }

    func testTheCommandLineShowsItsCursorAndScrollsToKeepItInView() throws {
        let f = try ConsoleFixture(size: Size(width: 40, height: 10))
        try f.press(.character(":"))
        for c in "goto 1234567890123456789012345678901234567890" { try f.console.handle(.character(c)) }
        f.console.draw()
        let y = f.backend.frame.size.height - 1
        let cursor = (0..<40).filter { f.backend.frame[$0, y].role == .selection }
        XCTAssertEqual(cursor.count, 1, "one cursor cell")
        XCTAssertTrue(f.backend.frame.text(row: y).hasPrefix("…"), "the start scrolled out of view")
        try f.press(.ctrl("a"))
        XCTAssertTrue(f.backend.frame.text(row: y).hasPrefix(":goto"))
        XCTAssertEqual(f.backend.frame[1, y].role, .selection, "the cursor on the first character")
    }
}
