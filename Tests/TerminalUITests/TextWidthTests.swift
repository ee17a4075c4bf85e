import TerminalUI
import XCTest

final class TextWidthTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        TextWidth.prepareLocale()
    }

    func testColumnsOfWideZeroWidthAndOrdinaryText() {
        XCTAssertEqual(TextWidth.columns("hello"), 5)
        XCTAssertEqual(TextWidth.columns("日本語"), 6, "CJK takes two columns")
        XCTAssertEqual(TextWidth.columns("한국어"), 6)
        XCTAssertEqual(TextWidth.columns("🎉"), 2, "emoji take two columns")
        XCTAssertEqual(TextWidth.columns("👩‍💻"), 2, "a ZWJ sequence is one glyph")
        XCTAssertEqual(TextWidth.columns("❤️"), 2, "VS16 asks for emoji presentation")
        XCTAssertEqual(TextWidth.columns("e\u{301}"), 1, "combining marks take none")
        XCTAssertEqual(TextWidth.columns("Cafe\u{301}"), 4)
        XCTAssertEqual(TextWidth.columns("مرحبا"), 5, "right-to-left letters are one column each")
        XCTAssertEqual(TextWidth.columns("שלום"), 4)
    }

    func testAGraphemeClusterIsOneGlyphOfItsWidth() {
        XCTAssertEqual(TextWidth.columns("👨‍👩‍👧‍👦"), 2, "a family ZWJ sequence of seven scalars")
        XCTAssertEqual(TextWidth.columns("🇯🇵"), 2, "a flag is a pair of regional indicators")
        XCTAssertEqual(TextWidth.columns("👍🏽"), 2, "a skin tone modifies its base")
        XCTAssertEqual(TextWidth.columns("1️⃣"), 2, "a keycap with emoji presentation")
        XCTAssertEqual(TextWidth.columns("a\u{301}\u{302}\u{303}"), 1, "stacked combining marks")
        XCTAssertEqual(TextWidth.columns("Tokyo 🇯🇵 👨‍👩‍👧‍👦!"), 12)
        XCTAssertEqual(TextWidth.truncate("👨‍👩‍👧‍👦🇯🇵abc", to: 5), "👨‍👩‍👧‍👦🇯🇵…",
                       "truncation keeps whole clusters")
        XCTAssertEqual(TextWidth.fit("🇯🇵", to: 3), "🇯🇵 ")
    }

    func testTruncatingAtAWordNeverCutsInsideOne() {
        XCTAssertEqual(TextWidth.truncateAtWord("unknown command :xyz (Tab lists commands)", to: 24), "unknown command :xyz…")
        XCTAssertEqual(TextWidth.truncateAtWord("short enough", to: 12), "short enough")
        XCTAssertEqual(TextWidth.truncateAtWord("Supercalifragilistic", to: 8), "Superca…", "one long word is cut as truncate cuts")
        XCTAssertEqual(TextWidth.truncateAtWord("日本 語のチケット", to: 7), "日本…")
        for width in 1...30 {
            XCTAssertLessThanOrEqual(TextWidth.columns(TextWidth.truncateAtWord("the queue is empty: nothing new", to: width)), width)
        }
    }

    func testTruncationNeverSplitsAWideCharacterNorOverflows() {
        let text = "日本語のチケットです"
        for width in 1...22 {
            let cut = TextWidth.truncate(text, to: width)
            XCTAssertLessThanOrEqual(TextWidth.columns(cut), width, "width \(width): \(cut)")
            XCTAssertGreaterThanOrEqual(TextWidth.columns(cut), min(width - 1, 20), "width \(width): \(cut)")
            if TextWidth.columns(text) > width { XCTAssertTrue(cut.hasSuffix("…"), cut) }
        }
        XCTAssertEqual(TextWidth.truncate("日本語", to: 4), "日…")
        XCTAssertEqual(TextWidth.truncate("hello world", to: 6), "hello…")
        XCTAssertEqual(TextWidth.truncate("short", to: 10), "short")
        XCTAssertEqual(TextWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2), "e\u{301}…")
    }

    func testFitPadsToExactlyTheWidth() {
        for text in ["日本語のチケット", "🎉 party", "abc", "e\u{301}te\u{301}", ""] {
            for width in 0...12 {
                XCTAssertEqual(TextWidth.columns(TextWidth.fit(text, to: width)), width, "\(text) in \(width)")
            }
        }
        XCTAssertEqual(TextWidth.fit("42", to: 5, alignRight: true), "   42")
    }
}
