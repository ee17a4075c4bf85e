import AllHandsConsole
import TerminalUI
import TestSupport
import XCTest

/// The inline composer as a pure value: editing keys across lines, wrapping, scrolling and a
/// sanitised view.
final class TextAreaTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    private typealias P = TextArea.Position

    @discardableResult
    private func press(_ keys: [Key], _ area: inout TextArea, width: Int = 40, height: Int = 5) -> TextArea.Outcome {
        var outcome = TextArea.Outcome.editing
        for key in keys { outcome = area.handle(key, width: width, height: height) }
        return outcome
    }

    private func type(_ text: String, _ area: inout TextArea, width: Int = 40, height: Int = 5) {
        press(text.map { Key.character($0) }, &area, width: width, height: height)
    }

    func testTypingEnterAndTheTextJoinedWithNewlines() {
        var area = TextArea()
        XCTAssertTrue(area.isBlank)
        type("Hello Ann,", &area)
        press([.enter, .enter], &area)
        type("Thanks for writing.", &area)
        XCTAssertEqual(area.text, "Hello Ann,\n\nThanks for writing.")
        XCTAssertEqual(area.lines.count, 3)
        XCTAssertEqual(area.cursor, P(line: 2, column: 19))
        XCTAssertFalse(area.isBlank)
        // Enter in the middle of a line splits it there.
        press([.home, .right, .right, .right, .right, .right, .right, .enter], &area)
        XCTAssertEqual(area.lines, ["Hello Ann,", "", "Thanks", " for writing."])
        XCTAssertEqual(area.cursor, P(line: 3, column: 0))
    }

    func testBackspaceAndDeleteJoinLinesAtTheirEnds() {
        var area = TextArea(text: "one\ntwo")
        XCTAssertEqual(area.cursor, P(line: 1, column: 3), "a draft opens with the cursor at its end")
        press([.home, .backspace], &area)
        XCTAssertEqual(area.text, "onetwo")
        XCTAssertEqual(area.cursor, P(line: 0, column: 3))
        press([.enter, .up, .end, .delete], &area)
        XCTAssertEqual(area.text, "onetwo")
        press([.end, .delete], &area)
        XCTAssertEqual(area.text, "onetwo", "Delete at the very end does nothing")
        press([.home, .backspace], &area)
        XCTAssertEqual(area.text, "onetwo", "Backspace at the very start does nothing")
        press([.delete], &area)
        XCTAssertEqual(area.text, "netwo")
    }

    func testArrowsCrossLineEndsAndStopAtTheTextsEnds() {
        var area = TextArea(text: "ab\ncd")
        press([.right], &area)
        XCTAssertEqual(area.cursor, P(line: 1, column: 2), "→ stops at the end")
        press([.home, .left], &area)
        XCTAssertEqual(area.cursor, P(line: 0, column: 2), "← from a line's start goes to the end of the one before")
        press([.right], &area)
        XCTAssertEqual(area.cursor, P(line: 1, column: 0))
        press([.up, .up], &area)
        XCTAssertEqual(area.cursor, P(line: 0, column: 0), "↑ on the first row goes to the start")
        press([.down, .down], &area)
        XCTAssertEqual(area.cursor, P(line: 1, column: 2), "↓ on the last row goes to the end")
        press([.ctrl("a")], &area)
        XCTAssertEqual(area.cursor.column, 0)
        press([.ctrl("e")], &area)
        XCTAssertEqual(area.cursor.column, 2)
        press([.ctrl("b"), .ctrl("p"), .ctrl("f"), .ctrl("n")], &area)
        XCTAssertEqual(area.cursor, P(line: 1, column: 2))
    }

    func testUpAndDownKeepTheColumnAcrossShortLines() {
        var area = TextArea(text: "a long first line\nab\nanother long line")
        XCTAssertEqual(area.cursor, P(line: 2, column: 17))
        press([.home, .right, .right, .right, .right, .right, .right, .right, .right, .right, .right], &area)
        XCTAssertEqual(area.cursor, P(line: 2, column: 10))
        press([.up], &area)
        XCTAssertEqual(area.cursor, P(line: 1, column: 2))
        press([.up], &area)
        XCTAssertEqual(area.cursor, P(line: 0, column: 10), "the column is remembered across the short line")
    }

    func testKillingToTheEndToTheStartAndTheWordBefore() {
        var area = TextArea(text: "keep this | drop that\nnext")
        press([.up, .home], &area)
        for _ in 0..<10 { press([.right], &area) }
        press([.ctrl("k")], &area)
        XCTAssertEqual(area.lines, ["keep this ", "next"])
        press([.ctrl("k")], &area)
        XCTAssertEqual(area.lines, ["keep this next"], "C-k at a line's end joins the next")
        press([.ctrl("w")], &area)
        XCTAssertEqual(area.lines, ["keep next"])
        press([.ctrl("u")], &area)
        XCTAssertEqual(area.lines, ["next"])
        XCTAssertEqual(area.cursor, P(line: 0, column: 0))
        press([.ctrl("w")], &area)
        XCTAssertEqual(area.lines, ["next"])
    }

    func testSendAndCancelKeysLeaveTheTextAlone() {
        var area = TextArea(text: "draft")
        XCTAssertEqual(press([.ctrl("d")], &area), .send)
        XCTAssertEqual(press([.ctrl("x")], &area), .send)
        XCTAssertEqual(press([.escape], &area), .cancel)
        XCTAssertEqual(press([.ctrl("c")], &area), .cancel)
        XCTAssertEqual(press([.character("!")], &area), .editing)
        XCTAssertEqual(press([.resize, .function(5)], &area), .editing)
        XCTAssertEqual(area.text, "draft!")
    }

    func testAPasteKeepsItsLinesAndTabsBecomeSpacesToTheNextStop() {
        var area = TextArea()
        area.insert("first\r\nsecond\rthird\nfourth")
        XCTAssertEqual(area.lines, ["first", "second", "third", "fourth"])
        var tabbed = TextArea(text: "a\tb\n\tc")
        XCTAssertEqual(tabbed.lines, ["a   b", "    c"])
        press([.tab], &tabbed)
        XCTAssertEqual(tabbed.lines, ["a   b", "    c   "])
        // A paste typed as many keys ends up the same as one inserted at once.
        var typed = TextArea()
        let pasted = String(repeating: "Lorem ipsum dolor sit amet. ", count: 200)
        type(pasted, &typed)
        XCTAssertEqual(typed.text, pasted)
    }

    func testWideCharactersAreInsertedAndMeasuredInColumns() {
        var area = TextArea()
        type("日本語 ok", &area)
        XCTAssertEqual(area.cursor, P(line: 0, column: 6))
        let view = area.render(width: 20, height: 3)
        XCTAssertEqual(view.lines, ["日本語 ok"])
        XCTAssertEqual(view.cursorColumn, 9)
        press([.home, .right], &area)
        XCTAssertEqual(area.render(width: 20, height: 3).cursorColumn, 2)
    }

    func testLongLinesWrapAtSpacesWithinTheWidth() {
        var area = TextArea(text: "The quick brown fox jumps over the lazy dog")
        let view = area.render(width: 12, height: 10)
        XCTAssertEqual(view.lines, ["The quick ", "brown fox ", "jumps over ", "the lazy dog", ""],
                       "a row filled to the edge leaves an empty row for the cursor at the line's end")
        XCTAssertEqual(view.cursorRow, 4)
        XCTAssertEqual(view.cursorColumn, 0)
        press([.left], &area, width: 12, height: 10)
        XCTAssertEqual(area.render(width: 12, height: 10).cursorRow, 3)
        XCTAssertEqual(area.render(width: 12, height: 10).cursorColumn, 11)
        // A word longer than the row is cut inside.
        XCTAssertEqual(TextArea(text: "abcdefghij xy").render(width: 4, height: 9).lines, ["abcd", "efgh", "ij ", "xy"])
    }

    func testUpAndDownMoveByScreenRowInsideAWrappedLine() {
        var area = TextArea(text: "The quick brown fox jumps")
        press([.up], &area, width: 12, height: 5)
        XCTAssertEqual(area.cursor, P(line: 0, column: 15))
        press([.up], &area, width: 12, height: 5)
        XCTAssertEqual(area.cursor, P(line: 0, column: 5))
        var longer = TextArea(text: "The quick brown fox jumps over")
        press([.up], &longer, width: 12, height: 5)
        XCTAssertEqual(longer.cursor, P(line: 0, column: 19), "aiming past a row's end stops before the next row's start")
        XCTAssertEqual(longer.render(width: 12, height: 5).cursorRow, 1)
        XCTAssertEqual(longer.render(width: 12, height: 5).cursorColumn, 9)
    }

    func testEveryRowFitsAndTheRowsOfALineAreTheLine() {
        let text = "Since an hour ago every call returns 502 — 日本語のお客様も影響を受けています.\n\nhttps://status.example.com/incidents/very-long-identifier-0123456789 ok"
        let area = TextArea(text: text)
        for width in 2...50 {
            let view = area.render(width: width, height: 1_000)
            XCTAssertFalse(view.lines.isEmpty)
            for line in view.lines { XCTAssertLessThanOrEqual(TextWidth.columns(line), width, "\(width): \(line)") }
            XCTAssertEqual(view.totalRows, view.lines.count)
            XCTAssertEqual(view.lines.joined().filter { $0 != " " }, text.filter { $0 != " " && $0 != "\n" }, "\(width)")
            XCTAssertLessThanOrEqual(view.cursorColumn, width - 1, "the cursor stays in the view at \(width)")
        }
    }

    func testTheViewScrollsOnlyToKeepTheCursorVisible() {
        var area = TextArea(text: (1...20).map { "line \($0)" }.joined(separator: "\n"))
        var view = area.render(width: 20, height: 5)
        XCTAssertEqual(view.firstRow, 15, "opens scrolled to the cursor at the end")
        XCTAssertEqual(view.lines.last, "line 20")
        XCTAssertEqual(view.cursorRow, 4)
        press([.up, .up], &area, width: 20, height: 5)
        view = area.render(width: 20, height: 5)
        XCTAssertEqual(view.firstRow, 15, "moving inside the view does not scroll")
        XCTAssertEqual(view.cursorRow, 2)
        press([.up, .up, .up], &area, width: 20, height: 5)
        view = area.render(width: 20, height: 5)
        XCTAssertEqual(view.firstRow, 14)
        XCTAssertEqual(view.cursorRow, 0)
        XCTAssertEqual(view.lines.first, "line 15")
        press([.pageUp], &area, width: 20, height: 5)
        view = area.render(width: 20, height: 5)
        XCTAssertEqual(area.cursor.line, 10, "PgUp moves a screen less one row")
        XCTAssertEqual(view.firstRow, 10)
        press([.pageUp, .pageUp, .pageUp, .pageUp], &area, width: 20, height: 5)
        XCTAssertEqual(area.cursor.line, 0)
        XCTAssertEqual(area.render(width: 20, height: 5).firstRow, 0)
        press([.pageDown], &area, width: 20, height: 5)
        view = area.render(width: 20, height: 5)
        XCTAssertEqual(area.cursor.line, 4)
        XCTAssertEqual(view.firstRow, 4)
        XCTAssertEqual(view.cursorRow, 0)
        for _ in 0..<10 { press([.pageDown], &area, width: 20, height: 5) }
        XCTAssertEqual(area.cursor.line, 19)
        XCTAssertEqual(area.render(width: 20, height: 5).firstRow, 15, "no empty rows below the text")
    }

    func testTheCursorIsAlwaysInsideTheViewWhateverTheKeys() {
        var area = TextArea(text: "a b c d e f g h i j k l m n o p q r s t u v w x y z\n\n日本 語\nend")
        let keys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .backspace,
                           .character("x"), .character("語"), .ctrl("k"), .ctrl("w"), .delete, .tab]
        var generator = SplitMix(seed: 8)
        for step in 0..<2_000 {
            let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
            press([key], &area, width: 7, height: 3)
            let view = area.render(width: 7, height: 3)
            XCTAssertTrue((0..<3).contains(view.cursorRow) && view.cursorRow < view.lines.count, "step \(step) \(key)")
            XCTAssertTrue((0..<7).contains(view.cursorColumn), "step \(step) \(key)")
            XCTAssertLessThanOrEqual(area.cursor.column, area.lines[area.cursor.line].count)
        }
    }

    func testControlCharactersShowAsInertPlaceholders() {
        var area = TextArea()
        type("a\u{1B}[2Jb\u{7}\u{202E}c", &area)
        XCTAssertEqual(area.text, "a\u{1B}[2Jb\u{7}\u{202E}c", "the text keeps what was typed")
        let view = area.render(width: 40, height: 3)
        XCTAssertEqual(view.lines, ["a␛[2Jb␇\u{FFFD}c"])
        XCTAssertEqual(view.cursorColumn, 9)
        XCTAssertFalse(view.lines.joined().unicodeScalars.contains(where: Sanitizer.isUnsafe))
    }
}
