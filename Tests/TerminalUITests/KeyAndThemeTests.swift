import CNcursesw
import TerminalUI
import XCTest

final class KeyAndThemeTests: XCTestCase {
    func testCursesKeyCodesBecomeKeys() {
        XCTAssertEqual(KeyDecoder.keyCode(KEY_UP), .up)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_DOWN), .down)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_NPAGE), .pageDown)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_PPAGE), .pageUp)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_HOME), .home)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_END), .end)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_BACKSPACE), .backspace)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_BTAB), .backTab)
        XCTAssertEqual(KeyDecoder.keyCode(KEY_RESIZE), .resize)
        XCTAssertEqual(KeyDecoder.keyCode(ah_key_f(1)), .function(1))
        XCTAssertEqual(KeyDecoder.keyCode(ah_key_f(12)), .function(12))
    }

    func testCharactersControlKeysAndUnicodeText() {
        let none: () -> UInt32? = { nil }
        XCTAssertEqual(KeyDecoder.character(13, readNext: none), .enter)
        XCTAssertEqual(KeyDecoder.character(9, readNext: none), .tab)
        XCTAssertEqual(KeyDecoder.character(127, readNext: none), .backspace)
        XCTAssertEqual(KeyDecoder.character(3, readNext: none), .ctrl("c"))
        XCTAssertEqual(KeyDecoder.character(27, readNext: none), .escape)
        XCTAssertEqual(KeyDecoder.character(0x6A, readNext: none), .character("j"))
        XCTAssertEqual(KeyDecoder.character(0x00E9, readNext: none), .character("é"))
        XCTAssertEqual(KeyDecoder.character(0x65E5, readNext: none), .character("日"))
        XCTAssertEqual(KeyDecoder.character(0x1F389, readNext: none), .character("🎉"))
    }

    func testAnUntranslatedEscapeSequenceIsSwallowedNotTyped() {
        var rest: [UInt32] = Array("[1;5A".unicodeScalars.map(\.value))
        XCTAssertNil(KeyDecoder.character(27, readNext: { rest.isEmpty ? nil : rest.removeFirst() }))
        XCTAssertTrue(rest.isEmpty)
    }

    func testNoColorAndColourlessTerminalsGetTheMonochromeTheme() {
        XCTAssertEqual(Theme.choose(environment: ["NO_COLOR": "1"], terminalHasColors: true).name, "monochrome")
        XCTAssertEqual(Theme.choose(environment: [:], terminalHasColors: false).name, "monochrome")
        XCTAssertEqual(Theme.choose(environment: [:], terminalHasColors: true).name, "standard")
        XCTAssertEqual(Theme.choose(environment: ["NO_COLOR": ""], terminalHasColors: true).name, "standard")
    }

    func testTheMonochromeThemeStillTellsTheImportantRolesApart() {
        let mono = Theme.monochrome
        for role in [StyleRole.selection, .urgent, .changed, .statusBar, .note, .customer, .today] {
            let look = mono.look(role)
            XCTAssertTrue(look.bold || look.reverse || look.underline || look.dim, "\(role) looks like plain text")
            XCTAssertEqual(look.foreground, -1)
        }
    }

    func testWrappingKeepsEveryLineWithinTheWidth() {
        TextWidth.prepareLocale()
        let text = "Since about an hour ago every call to your API returns 502 — 日本語のお客様も影響を受けています. https://status.example.com/incidents/very-long-identifier-0123456789"
        for width in 5...60 {
            for line in TextWrap.wrap(text, width: width) {
                XCTAssertLessThanOrEqual(TextWidth.columns(line), width, "\(width): \(line)")
            }
        }
        XCTAssertEqual(TextWrap.wrap("one two three", width: 7), ["one two", "three"])
    }
}
