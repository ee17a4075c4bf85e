import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// Many changes through the domain, with the maintenance the CLI and the console run, keep the
/// WAL file bounded, while other people's connections stay open.
final class MaintenanceTests: XCTestCase {
    func walSize(_ f: Fixture) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: f.path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Notes and tags on one ticket, `count` times, calling `maintain` after each; returns the
    /// largest WAL file seen.
    func work(_ f: Fixture, count: Int, maintain: (Workspace) -> Void) throws -> Int {
        let ws = try f.workspace()
        let others = try f.workspace()  // a console of someone else, between two refreshes
        let ticket = try f.addTicket(ws)
        var largest = 0
        for i in 0..<count {
            try ws.tickets.note(id: ticket, body: String(repeating: "Checked the billing console again. ", count: 20) + "\(i)")
            try ws.tickets.tag(id: ticket, ["note-\(i % 7)"])
            maintain(ws)
            largest = max(largest, walSize(f))
        }
        XCTAssertEqual(try others.tickets.detail(id: ticket).messages.count, count)
        return largest
    }

    func testAfterEachCommandTheWALStaysAtTheSizeOfOneCommand() throws {
        let f = Fixture()
        let largest = try work(f, count: 200) { $0.maintain(promptly: true) }
        XCTAssertGreaterThan(largest, 0)
        XCTAssertLessThan(largest, 512 * 1024)
    }

    func testOnAConsolesTicksTheWALStaysUnderTheCheckpointSize() throws {
        let f = Fixture()
        // Ticks come faster than `maintenanceSeconds` here: only the size rule checkpoints.
        let largest = try work(f, count: 600) { $0.maintain() }
        XCTAssertGreaterThan(largest, 0)
        // A checkpoint at 1,000 pages; the WAL starts over at the first commit after one that
        // copied everything, which in this loop is every other one: the file peaks near two
        // rounds of 1,000 pages and the commit that passed them (a note with its search index, or
        // a tag with its history rows: a few dozen pages), each with its 24-byte frame header.
        // The peak is the same after 1,800 rounds as after 600: bounded, not growing.
        let pageSize = try XCTUnwrap(try f.database().read { try $0.fetchInt("PRAGMA page_size") })
        XCTAssertLessThan(largest, 2 * (1_000 + 32) * (pageSize + 24), "two rounds of 1,000 pages and the commit that passed them")
    }
}
