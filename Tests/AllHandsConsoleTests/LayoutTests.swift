@testable import AllHandsConsole
import TerminalUI
import XCTest

final class LayoutTests: XCTestCase {
    func testWideTerminalsShowTheQueueLeftAndRotationOverTagsRight() {
        let l = Layout.compute(size: Size(width: 200, height: 60), focus: .queue)
        XCTAssertEqual(l.mode, .wide)
        let queue = try! XCTUnwrap(l.panes[.queue]), rotation = try! XCTUnwrap(l.panes[.rotation]), tags = try! XCTUnwrap(l.panes[.tags])
        XCTAssertEqual(queue.x, 0)
        XCTAssertEqual(queue.height, 59)
        XCTAssertEqual(rotation.x, tags.x)
        XCTAssertGreaterThan(rotation.x, queue.maxX - 1)
        XCTAssertEqual(rotation.maxY, tags.y)
        XCTAssertEqual(tags.maxY, 59)
        XCTAssertEqual(l.statusBar, Rect(x: 0, y: 59, width: 200, height: 1))
        XCTAssertNil(l.tabBar)
    }

    func testPanesNeverOverlapAndCoverTheBodyAtEveryWideSize() {
        for width in stride(from: 120, through: 300, by: 7) {
            for height in [10, 11, 24, 40, 80] {
                let l = Layout.compute(size: Size(width: width, height: height), focus: .tags)
                let rects = Array(l.panes.values) + [l.separator!, l.statusBar]
                let area = rects.reduce(0) { $0 + $1.width * $1.height }
                XCTAssertEqual(area, width * height, "\(width)×\(height)")
                for (i, a) in rects.enumerated() {
                    for b in rects.dropFirst(i + 1) {
                        let overlap = a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
                        XCTAssertFalse(overlap, "\(a) overlaps \(b) at \(width)×\(height)")
                    }
                }
            }
        }
    }

    func testNarrowTerminalsShowOnePaneUnderATabBar() {
        for focus in Pane.allCases {
            let l = Layout.compute(size: Size(width: 80, height: 24), focus: focus)
            XCTAssertEqual(l.mode, .narrow)
            XCTAssertEqual(Array(l.panes.keys), [focus])
            XCTAssertEqual(l.tabBar, Rect(x: 0, y: 0, width: 80, height: 1))
            XCTAssertEqual(l.panes[focus], Rect(x: 0, y: 1, width: 80, height: 22))
        }
        XCTAssertEqual(Layout.compute(size: Size(width: 119, height: 50), focus: .queue).mode, .narrow)
        XCTAssertEqual(Layout.compute(size: Size(width: 120, height: 50), focus: .queue).mode, .wide)
    }

    func testBelowFortyByTenOnlyTheNoticeShows() {
        for size in [Size(width: 39, height: 30), Size(width: 100, height: 9), Size(width: 0, height: 0), Size(width: 1, height: 1)] {
            let l = Layout.compute(size: size, focus: .queue)
            XCTAssertEqual(l.mode, .tooSmall, "\(size)")
            XCTAssertTrue(l.panes.isEmpty)
        }
        XCTAssertEqual(Layout.compute(size: Size(width: 40, height: 10), focus: .queue).mode, .narrow)
    }

    func testQueueColumnsFillTheirPaneExactlyAndDropAssigneeThenTheDimension() {
        // " id " then the priority mark, the presence mark and a space.
        func total(_ c: QueuePane.Columns) -> Int {
            1 + c.id + 1 + 3 + (c.dimension > 0 ? c.dimension + 1 : 0) + c.subject + (c.status > 0 ? c.status + 1 : 0)
                + (c.age > 0 ? c.age + 1 : 0) + (c.assignee > 0 ? c.assignee + 1 : 0)
        }
        for width in 30...200 {
            for showStatus in [false, true] {
                let c = QueuePane.Columns.compute(width: width, maxID: 1_000_000, showStatus: showStatus)
                XCTAssertEqual(total(c), width, "width \(width)")
            }
        }
        XCTAssertGreaterThan(QueuePane.Columns.compute(width: 120, maxID: 600).assignee, 0)
        XCTAssertEqual(QueuePane.Columns.compute(width: 45, maxID: 600).assignee, 0)
    }
}
