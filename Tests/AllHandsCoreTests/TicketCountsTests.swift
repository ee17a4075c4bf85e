import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The view bar's counts that triggers keep (issue 10): after every change, by any path and
/// from any connection, each view's count equals a plain scan of the tickets, and `tags verify`
/// finds no drift; a broken trigger is found.
final class TicketCountsTests: XCTestCase {
    /// A view's tickets counted by a scan that shares nothing with the kept counts.
    static func scanned(_ view: TicketView, me: Int, now: Int64, in db: Database) throws -> Int {
        let active = "status IN ('new', 'open', 'pending')"
        let sql: String
        var arguments: [any DatabaseValueConvertible] = []
        switch view {
        case .unassigned: sql = "SELECT count(*) FROM tickets NOT INDEXED WHERE \(active) AND assignee_id IS NULL"
        case .mine:
            sql = "SELECT count(*) FROM tickets NOT INDEXED WHERE \(active) AND assignee_id = ?"
            arguments = [me]
        case .allOpen: sql = "SELECT count(*) FROM tickets NOT INDEXED WHERE \(active)"
        case .pending: sql = "SELECT count(*) FROM tickets NOT INDEXED WHERE status = 'pending'"
        case .recentlySolved:
            sql = "SELECT count(*) FROM tickets NOT INDEXED WHERE solved_at >= ?"
            arguments = [now - Int64(TicketView.recentlySolvedDays) * 86_400]
        case .byTag(let name):
            sql = """
                SELECT count(*) FROM tickets t NOT INDEXED JOIN ticket_tags tt ON tt.ticket_id = t.id
                JOIN tags g ON g.id = tt.tag_id WHERE t.\(active) AND g.name = ?
                """
            arguments = [name]
        case .everything: sql = "SELECT count(*) FROM tickets NOT INDEXED"
        }
        return try db.fetchInt(sql, arguments: arguments) ?? -1
    }

    private func assertCountsEqualAScan(_ ws: Workspace, _ db: Database, _ message: String,
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let counts = try ws.tickets.viewCounts(tag: "billing")
        XCTAssertEqual(counts.count, TicketView.bar.count + 1, file: file, line: line)
        for count in counts {
            let scan = try Self.scanned(count.view, me: ws.actor.person.id, now: ws.clock.epochSeconds, in: db)
            XCTAssertEqual(count.count, scan, "\(count.view.name), \(message)", file: file, line: line)
        }
    }

    func testEveryViewsCountEqualsAScanAfterEveryRandomChangeFromTwoConnections() throws {
        for seed: UInt64 in [1, 2] {
            let f = Fixture()
            _ = try f.demo(people: 12, tickets: 80, seed: seed)
            let raw = try f.database()
            let logins = try raw.read { try $0.fetchAll("SELECT login FROM people WHERE active = 1 ORDER BY id") { $0.string(0) } }
            let connections = [try f.workspace(), try f.workspace(logins[1 % logins.count])]
            XCTAssertEqual(try connections[0].tags.verify(), [], "the demo's bulk load is recounted")
            try assertCountsEqualAScan(connections[0], raw, "after the demo")
            var rng = SplitMix(seed: seed)
            var steps = 0
            for step in 0..<300 {
                let ws = connections[step % 2]
                let ids = try raw.read { try $0.fetchAll("SELECT id FROM tickets ORDER BY id") { $0.int(0) } }
                XCTAssertFalse(ids.isEmpty)
                let id = ids[Int.random(in: 0..<ids.count, using: &rng)]
                let login = logins[Int.random(in: 0..<logins.count, using: &rng)]
                let status = TicketStatus.allCases[Int.random(in: 0..<TicketStatus.allCases.count, using: &rng)]
                // Solved times spread over nine days before and after now, across hour boundaries.
                let instant = Fixture.now + Int64.random(in: -9 * 86_400...86_400, using: &rng)
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: _ = try? ws.tickets.claim(id: id)
                case 1: _ = try? ws.tickets.assign(id: id, to: login)
                case 2: _ = try? ws.tickets.assign(id: id, to: nil)
                case 3, 4: _ = try? ws.tickets.setStatus(id: id, status)
                case 5: _ = try? ws.tickets.tag(id: id, ["area:billing"])
                case 6:
                    // Paths that go round the services: the triggers still keep count.
                    try raw.write { db in
                        try db.execute("""
                            UPDATE tickets SET status = ?, solved_at = CASE WHEN ? IN ('solved', 'closed') THEN ? END,
                                assignee_id = (SELECT id FROM people WHERE login = ?) WHERE id = ?
                            """, status.rawValue, status.rawValue, instant, login, id)
                    }
                case 7:
                    try raw.write { db in try db.execute("UPDATE tickets SET solved_at = ? WHERE id = ?", instant, id) }
                case 8:
                    try raw.write { db in
                        try db.execute("""
                            INSERT INTO tickets (subject, status, priority, requester_id, assignee_id, created_at, updated_at, solved_at)
                            SELECT 'raw', ?, 2, requester_id, (SELECT id FROM people WHERE login = ?), ?, ?,
                                   CASE WHEN ? IN ('solved', 'closed') THEN ? END FROM tickets WHERE id = ?
                            """, status.rawValue, login, Fixture.now, Fixture.now, status.rawValue, instant, id)
                    }
                default:
                    try raw.write { db in try db.execute("DELETE FROM tickets WHERE id = ?", id) }
                }
                let drift = try connections[(step + 1) % 2].tags.verify()
                XCTAssertEqual(drift, [], "seed \(seed), step \(step)")
                try assertCountsEqualAScan(connections[(step + 1) % 2], raw, "seed \(seed), step \(step)")
                if !drift.isEmpty { break }
                steps += 1
            }
            XCTAssertEqual(steps, 300)
        }
    }

    /// "Recently solved" adds whole hours from the kept rows and walks only the hour its window
    /// starts in: exact at every second around an hour's edge, as the window slides.
    func testRecentlySolvedIsExactWhereverTheWindowStartsInAnHour() throws {
        let f = Fixture()
        let ws = try f.workspace()
        let hour = (Fixture.now - 7 * 86_400) / 3_600 * 3_600
        let solvedTimes: [Int64] = [hour - 3_601, hour - 1, hour, hour + 1, hour + 1_800, hour + 3_599, hour + 3_600,
                                    hour + 7_200, Fixture.now - 10]
        for at in solvedTimes {
            let id = try f.addTicket(ws)
            try f.database().write { db in try db.execute("UPDATE tickets SET status = 'solved', solved_at = ? WHERE id = ?", at, id) }
        }
        let raw = try f.database()
        XCTAssertEqual(try ws.tags.verify(), [])
        var windows = 0
        for now in [hour - 2, hour, hour + 1, hour + 2, hour + 1_799, hour + 1_800, hour + 3_599, hour + 3_600, hour + 3_601, hour + 7_201]
            .map({ $0 + 7 * 86_400 }) {
            let at = try Workspace(database: raw, config: .default, clock: FixedClock(epochSeconds: now), login: "admin")
            let kept = try XCTUnwrap(try at.tickets.viewCounts().first { $0.view == .recentlySolved }).count
            XCTAssertEqual(kept, try Self.scanned(.recentlySolved, me: 0, now: now, in: raw), "now \(now)")
            windows += 1
        }
        XCTAssertEqual(windows, 10)
    }

    /// The check can fail: with a counting trigger gone, a change leaves a count that differs,
    /// and `tags verify` names it.
    func testVerifyFindsACountThatABrokenTriggerLeftBehind() throws {
        let cases: [(trigger: String, change: String, named: String)] = [
            ("ticket_counts_moved", "UPDATE tickets SET status = 'pending' WHERE id = ?", "status pending"),
            ("ticket_counts_moved", "UPDATE tickets SET assignee_id = NULL WHERE id = ?", "status open, assigned to nobody"),
            ("ticket_counts_solved", "UPDATE tickets SET status = 'solved', solved_at = 1795000000 WHERE id = ?",
             "solved in the hour from 2026-11-18T11:00:00Z"),
            ("ticket_counts_gone", "DELETE FROM tickets WHERE id = ?", "status open"),
        ]
        for (trigger, change, named) in cases {
            let f = Fixture()
            try f.addPeople([.support])
            let ws = try f.workspace()
            let id = try f.addTicket(ws, assignee: "support1")
            XCTAssertEqual(try ws.tags.verify(), [])
            let raw = try f.database()
            try raw.execute("DROP TRIGGER \(trigger)")
            try raw.write { db in try db.execute(change, id) }
            let drift = try ws.tags.verify()
            XCTAssertTrue(drift.contains { $0.tag == "(tickets)" && $0.what == named }, "\(trigger): \(drift)")
        }
    }
}
