@testable import AllHandsConsole
import AllHandsCore
import Storage
import TerminalUI
import XCTest

/// The queue's viewport over a real database while other processes change it and the window
/// is resized: always filled when there are tickets to fill it, the selection kept on its
/// ticket (or its neighbour) without the view jumping.
final class QueueModelTests: XCTestCase {
    /// The active queue's ids in order, straight from the service.
    func queueIDs(_ f: ConsoleFixture) throws -> [Int] {
        try f.console.workspace.tickets.page(f.console.queue.filter, limit: 100_000).map(\.id)
    }

    /// What must hold after anything at all.
    func assertSettled(_ f: ConsoleFixture, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let q = f.console.queue
        let ids = try queueIDs(f)
        XCTAssertEqual(q.total, ids.count, "total: \(context)", file: file, line: line)
        XCTAssertEqual(q.visible.count, min(q.visibleRows, ids.count), "the viewport is filled: \(context)", file: file, line: line)
        XCTAssertEqual(q.visible.map(\.ticket.id), Array(ids.dropFirst(q.top).prefix(q.visibleRows)),
                       "the rows are the queue from the top row on: \(context)", file: file, line: line)
        if !ids.isEmpty {
            XCTAssertTrue((q.top..<q.top + q.visibleRows).contains(q.selected), "the selection is in view: \(context)", file: file, line: line)
            XCTAssertEqual(q.selectedTicket?.id, ids[q.selected], "the selection is a ticket: \(context)", file: file, line: line)
        }
        // Every row of the pane below the header holds a ticket.
        let frame = f.backend.frame
        let rect = try XCTUnwrap(f.console.layout.panes[.queue])
        let body = QueuePane.body(rect)
        let blank = (body.y..<body.maxY).filter { frame.text(row: $0).prefix(rect.width).allSatisfy { $0 == " " } }
        XCTAssertTrue(ids.count < q.visibleRows || blank.isEmpty, "no blank rows under tickets: \(context)", file: file, line: line)
    }

    func lowerPriority(of id: Int, in f: ConsoleFixture, to priority: Priority = .low) throws {
        try f.otherProcess().execute("UPDATE tickets SET priority = ?, version = version + 1 WHERE id = ?", priority.rawValue, id)
        try f.console.tick()
    }

    func testLoweringTheFirstTicketsPriorityKeepsTheViewAndSelectsItsNeighbour() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30), content: .small(extraTickets: 51))
        let before = f.console.queue.visible.map(\.ticket.id)
        XCTAssertEqual(f.console.queue.selected, 0)
        try lowerPriority(of: before[0], in: f)
        f.console.draw()
        try assertSettled(f, "after the first ticket moved down")
        XCTAssertEqual(f.console.queue.top, 0, "the view does not follow the ticket to the bottom")
        XCTAssertEqual(f.console.queue.selectedTicket?.id, before[1], "the selection moves to its neighbour")
    }

    func testAChangeThatKeepsTheTicketInViewKeepsTheSelectionOnIt() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30), content: .small(extraTickets: 51))
        try f.press(.character("j"), .character("j"), .character("j"))
        let selected = try XCTUnwrap(f.console.queue.selectedTicket)
        try lowerPriority(of: selected.id, in: f, to: .urgent)
        f.console.draw()
        try assertSettled(f, "after the selected ticket moved up")
        XCTAssertEqual(f.console.queue.selectedTicket?.id, selected.id)
        XCTAssertEqual(f.console.queue.top, 0)
    }

    func testShrinkingAndGrowingTheWindowNearTheEndLeavesNoBlankRows() throws {
        let f = try ConsoleFixture(size: Size(width: 200, height: 60), content: .small(extraTickets: 51))
        let total = f.console.queue.total
        try f.press(.character("G"))
        for _ in 0..<(total - 48) { try f.console.handle(.character("k")) }
        let selected = try XCTUnwrap(f.console.queue.selectedTicket?.id)
        XCTAssertEqual(f.console.queue.selected, 47)
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 200, height: 60), Size(width: 100, height: 12)] {
            try f.resize(size)
            try assertSettled(f, "at \(size)")
            XCTAssertEqual(f.console.queue.selectedTicket?.id, selected, "the selection stays on its ticket at \(size)")
        }
    }

    /// Random moves, resizes and changes by another process; after each, the viewport is filled,
    /// shows the queue in order and holds the selection.
    func testRandomMovesResizesAndOutsideChangesKeepTheViewportSettled() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30), content: .small(extraTickets: 120))
        let other = try f.otherProcess()
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let sizes = [Size(width: 120, height: 30), Size(width: 80, height: 24), Size(width: 200, height: 60), Size(width: 60, height: 12)]
        let keys: [Key] = [.character("j"), .character("k"), .pageDown, .pageUp, .character("G"), .character("g")]
        var nextID = 10_000
        for step in 0..<200 {
            let before = f.console.queue.selectedTicket?.id
            var description: String
            switch next(5) {
            case 0:
                let size = sizes[next(sizes.count)]
                try f.resize(size)
                description = "resize to \(size)"
            case 1:
                let visible = f.console.queue.visible
                let id = visible[next(visible.count)].ticket.id
                try other.execute("UPDATE tickets SET priority = ?, version = version + 1 WHERE id = ?", next(4), id)
                try f.console.tick()
                description = "priority of #\(id) changed"
            case 2:
                let visible = f.console.queue.visible
                let id = visible[next(visible.count)].ticket.id
                try other.execute("UPDATE tickets SET status = 'solved', version = version + 1 WHERE id = ?", id)
                try f.console.tick()
                description = "#\(id) solved"
            case 3:
                nextID += 1
                try other.execute("""
                    INSERT INTO tickets (id, subject, status, priority, requester_id, created_at, updated_at)
                    VALUES (?, 'Arrived meanwhile', 'new', ?, 1, ?, ?)
                    """, nextID, next(4), ConsoleFixture.now - Int64(next(100_000)), ConsoleFixture.now)
                try f.console.tick()
                description = "#\(nextID) arrived"
            default:
                let key = keys[next(keys.count)]
                for _ in 0..<(1 + next(8)) { try f.console.handle(key) }
                description = "keys \(key.label)"
            }
            f.console.draw()
            try assertSettled(f, "step \(step): \(description)")
            if description.hasPrefix("#") || description.hasPrefix("priority"), let before,
               f.console.queue.visible.contains(where: { $0.ticket.id == before }) {
                XCTAssertEqual(f.console.queue.selectedTicket?.id, before, "step \(step): the selection stays while its ticket is in view")
            }
        }
    }
}
