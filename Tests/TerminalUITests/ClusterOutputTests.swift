@testable import TerminalUI
import XCTest

/// Which clusters the ncurses backend sends whole at an absolute position (a curses cell would
/// cut them, or measure them differently from the grid).
final class ClusterOutputTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    func testClustersCursesWouldCutOrMismeasureAreSentWhole() {
        for cluster: Character in ["👨‍👩‍👧‍👦", "🇯🇵", "👍🏽", "1️⃣", "❤️", "👩‍💻", "a\u{334}\u{322}\u{31B}\u{317}\u{34E}\u{313}"] {
            XCTAssertTrue(NcursesBackend.sentWhole(cluster), "\(cluster.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testOrdinaryCharactersAndShortCombiningSequencesStayInCursesCells() {
        for character: Character in ["a", "日", "🎉", "e\u{301}", "a\u{301}\u{302}"] {
            XCTAssertFalse(NcursesBackend.sentWhole(character), String(character))
        }
    }
}
