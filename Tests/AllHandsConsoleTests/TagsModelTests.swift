@testable import AllHandsConsole
import AllHandsCore
import TerminalUI
import XCTest

/// The tags board's pure parts: the glyphs and the locale that picks them, the columns that
/// fit a width, the layout, the cursor, and what counts as changed between two loads.
final class TagsModelTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    static func trend(_ name: String, dimension: String?, id: Int, open: Int, new24h: Int = 0, daily: [Int] = [])
        -> TagTrend {
        TagTrend(tag: Tag(id: id, name: name, dimension: dimension), open: open, new24h: new24h, new7d: new24h,
                 inWindow: new24h, previousWindow: 0, daily: daily.isEmpty ? Array(repeating: 0, count: 14) : daily)
    }

    static let board = TagBoard(
        window: .week, asOf: 0,
        trends: [trend("billing", dimension: "area", id: 1, open: 5, new24h: 2), trend("mobile", dimension: "area", id: 2, open: 1),
                 trend("bug", dimension: "type", id: 3, open: 4), trend("vip", dimension: nil, id: 4, open: 1)],
        matrix: TagMatrix(rowDimension: "area", columnDimension: "type", rows: ["billing", "mobile"], columns: ["bug", "outage"],
                          cells: [[3, 0], [1, 2]]))

    // MARK: - Glyphs

    func testTheLocaleOfTheEnvironmentPicksBlocksOrAscii() {
        XCTAssertEqual(Glyphs.detect(environment: ["LANG": "en_US.UTF-8"]), .unicode)
        XCTAssertEqual(Glyphs.detect(environment: ["LANG": "C.utf8"]), .unicode)
        XCTAssertEqual(Glyphs.detect(environment: ["LANG": "C"]), .ascii)
        XCTAssertEqual(Glyphs.detect(environment: [:]), .ascii, "no locale is the C locale")
        XCTAssertEqual(Glyphs.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]), .ascii, "LC_ALL wins")
        XCTAssertEqual(Glyphs.detect(environment: ["LC_CTYPE": "de_DE.UTF-8", "LANG": "C"]), .unicode, "then LC_CTYPE")
        XCTAssertEqual(Glyphs.detect(environment: ["LC_ALL": "", "LANG": "en_GB.UTF-8"]), .unicode, "an empty one is unset")
        XCTAssertEqual(Glyphs.detect(environment: ["LANG": "en_US.ISO-8859-1"]), .ascii)
    }

    func testASparklineScalesToItsLargestDayAndKeepsEveryNonEmptyDayVisible() {
        XCTAssertEqual(Glyphs.unicode.sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]), " ▁▂▃▄▅▆▇█")
        XCTAssertEqual(Glyphs.ascii.sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]), " .:-=+*#@")
        XCTAssertEqual(Glyphs.unicode.sparkline([1, 800, 0]), "▁█ ", "one ticket beside 800 still shows")
        XCTAssertEqual(Glyphs.unicode.sparkline([0, 0]), "  ")
        XCTAssertEqual(Glyphs.unicode.sparkline([]), "")
    }

    func testChangesBarsAndNothingInEitherSet() {
        XCTAssertEqual(Glyphs.unicode.change(12), "▲12")
        XCTAssertEqual(Glyphs.unicode.change(-3), "▼3")
        XCTAssertEqual(Glyphs.ascii.change(-3), "-3")
        XCTAssertNil(Glyphs.ascii.change(0))
        XCTAssertEqual(Glyphs.unicode.bar(5, top: 10, width: 20), String(repeating: "█", count: 10))
        XCTAssertEqual(Glyphs.ascii.bar(1, top: 1_000, width: 20), "#", "any ticket shows")
        XCTAssertEqual(Glyphs.ascii.bar(0, top: 10, width: 20), "")
        XCTAssertEqual(Glyphs.ascii.fit("feature-request", to: 8), "feature~")
    }

    // MARK: - Columns and rows

    /// Narrower lists give up 7 d, the sparkline, the change, then 24 h; the name keeps its room,
    /// and a column that still fits takes what a wider one left.
    func testColumnsAppearAsWidthAllows() {
        func shown(_ width: Int) -> [TagColumn] { TagList.columns(for: Self.board, width: width, glyphs: .unicode).shown }
        XCTAssertEqual(shown(200), [.open, .new24h, .new7d, .change, .sparkline])
        XCTAssertEqual(shown(40), [.open, .new24h, .change, .sparkline])
        XCTAssertEqual(shown(30), [.open, .new24h, .new7d, .change])
        XCTAssertEqual(shown(16), [.open])
        for width in 10...120 {
            let rows = TagList.rows(Self.board, width: width, glyphs: .unicode, changed: [])
            XCTAssertFalse(rows.isEmpty)
            for row in rows { XCTAssertLessThanOrEqual(TextWidth.columns(row.line.text), max(width, 16), "\(width): \(row.line.text)") }
        }
        let wide = TagColumn.allCases.filter { $0 != .window }
        XCTAssertEqual(TagList.columns(for: TagBoard(window: .month, asOf: 0, trends: Self.board.trends, matrix: nil),
                                       width: 200, glyphs: .unicode).shown, Array(wide.dropLast(2)) + [.window] + Array(wide.suffix(2)),
                       "30d and 90d get their own column; 24h and 7d already show theirs")
    }

    func testRowsGroupByDimensionAndMarkChangedTags() {
        let rows = TagList.rows(Self.board, width: 60, glyphs: .unicode, changed: ["area:mobile"])
        XCTAssertEqual(rows.map(\.tag), [nil, "area:billing", "area:mobile", nil, "type:bug", nil, "vip"])
        XCTAssertTrue(rows[0].line.text.hasPrefix(" area "))
        XCTAssertTrue(rows[0].line.text.contains(" open 24h 7d ±7d 14 days"), "the first heading names the columns")
        XCTAssertTrue(rows[5].line.text.hasPrefix(" other "))
        XCTAssertEqual(rows[2].line.fill, .changed)
        XCTAssertNil(rows[1].line.fill)
        XCTAssertEqual(TagList.size(Self.board, glyphs: .unicode).height, 7)
    }

    // MARK: - Layout

    func testTheLayoutPutsTheMatrixBesideUnderOrAtTheBottom() {
        let list = Size(width: 60, height: 20), matrix = Size(width: 50, height: 10)
        let wide = TagsLayout.compute(Rect(x: 0, y: 0, width: 200, height: 49), list: list, matrix: matrix)
        XCTAssertEqual(wide.list, Rect(x: 0, y: 1, width: 60, height: 48))
        XCTAssertEqual(wide.separator, Rect(x: 60, y: 1, width: 1, height: 48))
        XCTAssertEqual(wide.matrix, Rect(x: 61, y: 1, width: 139, height: 48))
        let tall = TagsLayout.compute(Rect(x: 0, y: 0, width: 100, height: 40), list: list, matrix: matrix)
        XCTAssertEqual(tall.list, Rect(x: 0, y: 1, width: 100, height: 21), "the list, a blank row")
        XCTAssertEqual(tall.matrix, Rect(x: 0, y: 22, width: 100, height: 10), "then the matrix")
        let short = TagsLayout.compute(Rect(x: 0, y: 0, width: 100, height: 23), list: list, matrix: matrix)
        XCTAssertEqual(short.matrix, Rect(x: 0, y: 13, width: 100, height: 10), "at the bottom")
        XCTAssertEqual(short.list.height, 12)
        let tiny = TagsLayout.compute(Rect(x: 0, y: 0, width: 40, height: 6), list: list, matrix: matrix)
        XCTAssertNil(tiny.matrix, "no room for a matrix: the list alone")
        XCTAssertNil(TagsLayout.compute(Rect(x: 0, y: 0, width: 100, height: 40), list: list, matrix: nil).matrix)
    }

    func testThePartsNeverOverlapAndStayInside() {
        for width in stride(from: 40, through: 240, by: 9) {
            for height in [9, 12, 23, 39, 59] {
                for rows in [0, 5, 30] {
                    let content = Rect(x: 0, y: 0, width: width, height: height)
                    let l = TagsLayout.compute(content, list: Size(width: 64, height: rows), matrix: Size(width: 70, height: 11))
                    let parts = [l.title, l.list] + [l.matrix, l.separator].compactMap { $0 }
                    for (i, a) in parts.enumerated() {
                        XCTAssertTrue(a.x >= 0 && a.y >= 0 && a.maxX <= width && a.maxY <= height, "\(a) in \(width)×\(height)")
                        for b in parts.dropFirst(i + 1) {
                            let overlap = a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY && !a.isEmpty && !b.isEmpty
                            XCTAssertFalse(overlap, "\(a) overlaps \(b) at \(width)×\(height)")
                        }
                    }
                }
            }
        }
    }

    // MARK: - The cursor and changes

    func testTheCursorKeepsItsTagAcrossReloadsAndFallsBackToTheFirst() {
        var model = TagsModel()
        model.board = Self.board
        XCTAssertEqual(model.selected, .tag("area:billing"))
        model.move(by: 2)
        XCTAssertEqual(model.selected, .tag("type:bug"))
        var reordered = Self.board
        reordered.trends.reverse()
        model.board = reordered
        XCTAssertEqual(model.selected, .tag("type:bug"), "the same tag, wherever it moved")
        reordered.trends.removeAll { $0.tag.name == "bug" }
        model.board = reordered
        XCTAssertEqual(model.selected, .tag("vip"), "a tag that went: the first one")
        model.move(by: 10)
        XCTAssertEqual(model.selected, .cell(row: "billing", column: "bug"))
        XCTAssertEqual(model.selectedFilter, "area:billing+type:bug")
        model.moveColumn(by: 5)
        model.move(by: 5)
        XCTAssertEqual(model.selected, .cell(row: "mobile", column: "outage"), "clamped at the matrix's edges")
        XCTAssertEqual(model.selectedCell?.row, 1)
        XCTAssertEqual(model.selectedCell?.column, 1)
        XCTAssertNil(model.selectedTag)
    }

    func testChangesNameTheRowsAndCellsWhoseNumbersMoved() {
        var after = Self.board
        after.trends[1].open += 1
        after.trends[3].new24h += 1
        after.matrix?.cells[1][1] += 1
        XCTAssertEqual(TagsModel.changes(from: Self.board, to: after), ["area:mobile", "vip", "area:mobile+type:outage"])
        XCTAssertEqual(TagsModel.changes(from: Self.board, to: Self.board), [])
        var added = Self.board
        added.trends.append(Self.trend("churn", dimension: nil, id: 9, open: 1))
        XCTAssertEqual(TagsModel.changes(from: Self.board, to: added), ["churn"], "a tag that appears")
    }
}
