import TerminalUI
import XCTest

final class GridTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    func testWideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var grid = Grid(Size(width: 5, height: 1))
        XCTAssertEqual(grid.write("日本語", x: 0, y: 0), 4)
        XCTAssertEqual(grid.text(row: 0), "日本 ")
        XCTAssertEqual(grid[1, 0].width, 0)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(Size(width: 6, height: 1))
        grid.write("漢字", x: 0, y: 0)
        grid.write("a", x: 1, y: 0)
        XCTAssertEqual(grid.text(row: 0), " a字  ")
        XCTAssertFalse(grid.cells.isEmpty)
        XCTAssertTrue(grid.cells.allSatisfy { $0.width != 0 || $0.character == " " })
    }

    func testWritesAreClippedToTheLimitAndTheGrid() {
        var grid = Grid(Size(width: 10, height: 2))
        XCTAssertEqual(grid.write("hello world", x: 2, y: 0, limit: 4), 4)
        XCTAssertEqual(grid.text(row: 0), "  hell    ")
        XCTAssertEqual(grid.write("x", x: 3, y: 5), 0)
        XCTAssertEqual(grid.write("abcdef", x: 8, y: 1), 2)
    }

    func testCombiningMarksJoinTheirBase() {
        var grid = Grid(Size(width: 4, height: 1))
        grid.write("e\u{301}a", x: 0, y: 0)
        XCTAssertEqual(grid[0, 0].character, "e\u{301}")
        XCTAssertEqual(grid[1, 0].character, "a")
    }

    func testEmojiSequencesAndFlagsAreWrittenWholeIntoOneCell() {
        var grid = Grid(Size(width: 12, height: 1))
        let text = "A👨‍👩‍👧‍👦🇯🇵👍🏽e\u{301}B"
        XCTAssertEqual(grid.write(text, x: 0, y: 0), 9)
        XCTAssertEqual(grid.text(row: 0), text + "   ", "every scalar of every cluster reaches the grid")
        XCTAssertEqual(grid[1, 0].character, "👨‍👩‍👧‍👦")
        XCTAssertEqual(grid[1, 0].width, 2)
        XCTAssertEqual(grid[2, 0].width, 0, "the continuation cell of the family")
        XCTAssertEqual(grid[3, 0].character, "🇯🇵")
        XCTAssertEqual(grid[5, 0].character, "👍🏽")
        XCTAssertEqual(grid[7, 0].character, "e\u{301}")
        XCTAssertEqual(grid[8, 0].character, "B")
    }

    func testAClusterThatWouldStraddleTheLimitIsLeftOutWhole() {
        var grid = Grid(Size(width: 6, height: 1))
        XCTAssertEqual(grid.write("abc🇯🇵", x: 0, y: 0, limit: 4), 3)
        XCTAssertEqual(grid.text(row: 0), "abc   ")
    }

    func testTheVirtualBackendShowsStylesUnderEachRow() {
        var grid = Grid(Size(width: 4, height: 1))
        grid.write("ab", x: 0, y: 0, role: .urgent)
        let backend = VirtualBackend(size: grid.size)
        backend.draw(grid)
        XCTAssertEqual(backend.textWithStyles(), "ab  \nUU..\n")
    }
}
