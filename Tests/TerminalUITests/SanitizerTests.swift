import TerminalUI
import XCTest

final class SanitizerTests: XCTestCase {
    /// Subjects an attacker might send: each would do something to a terminal if printed raw.
    static let hostile: [String: String] = [
        "cursor move": "Invoice \u{1B}[10;10H overdue",
        "clear screen": "Hello \u{1B}[2J\u{1B}[H world",
        "colour change": "\u{1B}[31;1mURGENT\u{1B}[0m refund",
        "OSC 0 title": "\u{1B}]0;you have been pwned\u{07}Password reset",
        "OSC 8 link": "\u{1B}]8;;https://evil.example/\u{1B}\\click here\u{1B}]8;;\u{1B}\\",
        "8-bit CSI": "Refund \u{9B}2J now",
        "8-bit OSC": "\u{9D}0;title\u{9C} text",
        "DCS": "\u{1B}Pq#0;2;0;0;0\u{1B}\\ sixel",
        "NUL": "before\u{0}after",
        "BEL": "ding\u{07}ding",
        "DEL": "back\u{7F}space",
        "backspace overwrite": "safe\u{08}\u{08}\u{08}\u{08}evil",
        "carriage return": "Looks fine\rEVIL",
        "newline": "line one\nline two",
        "RLO": "invoice_\u{202E}fdp.exe",
        "isolates": "\u{2066}abc\u{2069}\u{2067}def\u{2069}",
        "NEL": "next\u{85}line",
    ]

    func isTerminalControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value) || s.value == 0x200E || s.value == 0x200F
    }

    func testHostileSubjectsComeOutWithoutAnyControlCharacter() {
        for (name, text) in Self.hostile {
            let clean = Sanitizer.clean(text)
            XCTAssertFalse(clean.unicodeScalars.contains(where: isTerminalControl), "\(name): \(clean.debugDescription)")
            XCTAssertFalse(clean.isEmpty, name)
        }
    }

    func testEscapeSequencesStayVisibleAsText() {
        XCTAssertEqual(Sanitizer.clean("\u{1B}[31mred"), "␛[31mred")
        XCTAssertEqual(Sanitizer.clean("a\u{0}b\u{07}c\u{7F}"), "a␀b␇c␡")
        XCTAssertEqual(Sanitizer.clean("x\u{9B}y"), "x\u{FFFD}y")
        XCTAssertEqual(Sanitizer.clean("abc\u{202E}def"), "abc\u{FFFD}def")
    }

    func testOrdinaryTextIsUntouched() {
        for text in ["Charged twice for the Monday renewal", "日本語のチケット", "Café crème", "👩‍💻 fixed it 🎉",
                     "עברית ومرحبا", "e\u{301}te\u{301}"] {
            XCTAssertEqual(Sanitizer.clean(text), text)
        }
    }

    func testLinesSplitOnEveryNewlineAndExpandTabs() {
        XCTAssertEqual(Sanitizer.lines("one\r\ntwo\nthree\rfour"), ["one", "two", "three", "four"])
        XCTAssertEqual(Sanitizer.lines("a\tb"), ["a   b"])
        XCTAssertEqual(Sanitizer.lines("x\u{1B}[2Jy"), ["x␛[2Jy"])
    }
}
