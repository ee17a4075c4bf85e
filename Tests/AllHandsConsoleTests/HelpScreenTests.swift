@testable import AllHandsConsole
import TerminalUI
import XCTest

/// Help comes from the action table and is laid out right at every width.
final class HelpScreenTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    func testEveryActionIsListedWithAKeyOrItsCommandForm() throws {
        let text = HelpScreen.page(width: 80).lines.map(\.text)
        for action in ActionTable.all {
            let key = HelpScreen.keyColumn(action)
            XCTAssertFalse(key.isEmpty, "\(action.id) has an empty key column")
            XCTAssertTrue(text.contains { $0.hasPrefix("  " + key) }, "\(action.id) listed under \(key)")
        }
        XCTAssertEqual(HelpScreen.keyColumn(try XCTUnwrap(ActionTable.action(.goto))), ":goto N")
    }

    func testAGlobalKeyThatMeansSomethingElseSomewhereSaysSo() throws {
        let quit = HelpScreen.description(try XCTUnwrap(ActionTable.action(.quit)))
        XCTAssertTrue(quit.contains("in the ticket and help views, q means “back”"), quit)
        XCTAssertFalse(HelpScreen.description(try XCTUnwrap(ActionTable.action(.help))).contains(" means "))
    }

    func testDescriptionsWrapUnderThemselvesAndFitAtEveryWidth() {
        for width in 40...220 {
            let page = HelpScreen.page(width: width)
            let limit = TextPage.textWidth(width)
            var indent: Int?
            for line in page.lines where !line.text.isEmpty {
                XCTAssertLessThanOrEqual(TextWidth.columns(line.text), limit, "width \(width): \(line.text)")
                guard line.role == .normal else { indent = nil; continue }
                let leading = line.text.prefix { $0 == " " }.count
                if leading > 2 {
                    // A continuation: it hangs at the description column, never at column 1.
                    XCTAssertEqual(leading, indent, "width \(width): \(line.text)")
                } else {
                    XCTAssertEqual(leading, 2, "width \(width): \(line.text)")
                    indent = HelpScreen.entryIndent(width: width)
                }
            }
        }
    }

    func testThePriorityMarksAreExplained() {
        let text = HelpScreen.page(width: 120).lines.map(\.text).joined(separator: "\n")
        XCTAssertTrue(text.contains("! urgent  ↑ high  · normal  ↓ low"), text)
        XCTAssertTrue(text.contains("—"))
    }
}
