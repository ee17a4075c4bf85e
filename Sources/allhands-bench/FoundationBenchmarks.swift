import AllHandsCore
import Foundation
import Storage

/// The foundation's figures: generating the demo, inserting in bulk, paging the queue at depth,
/// polling for changes, opening a big file.
struct FoundationBenchmarks {
    let options: DemoOptions
    let path: String
    let clock: any Clock
    let report: Report

    func generation() throws {
        let result = try DemoBenchmark.generateOnly(options, now: clock.epochSeconds)
        report.add("demo", "generation alone (tickets with threads and tags)", Double(result.tickets) / result.seconds,
                   "tickets/s", atLeast: 100_000)
        report.add("demo", "generation alone (rows)", Double(result.tickets + result.messages + result.tagLinks) / result.seconds, "rows/s")
    }

    /// The whole `allhands demo` into a new file: generation, insert, indexes, commit, checkpoint.
    func demoIntoFile() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try Workspace.openDatabase(path: path, clock: clock)
        let workspace = try Workspace(database: db, config: .default, clock: clock, login: "bench")
        var summary: DemoSummary?
        let seconds = try Measure.seconds { summary = try workspace.demo.generate(options) }
        guard let summary else { return }
        report.add("demo", "allhands demo end to end (\(options.tickets) tickets, \(options.people) people)", seconds, "s", atMost: 60)
        report.add("demo", "allhands demo end to end rate", Double(summary.tickets) / seconds, "tickets/s")
        report.add("demo", "rows written (tickets + messages + tag links)", Double(summary.tickets + summary.messages + summary.tagLinks), "rows")
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        report.add("demo", "database file size", Double(size) / 1_048_576, "MiB")
    }

    /// Storage's insert path alone: a million message-like rows, prepared text, one transaction.
    func bulkInsert(rows: Int) throws {
        let scratch = path + ".bulk"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
        let db = try Migrator([.init("bulk", """
            CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, kind TEXT NOT NULL,
                                   body TEXT NOT NULL, created_at INTEGER NOT NULL);
            """)]).open(path: scratch, now: 0)
        let bodies = (0..<100).map { "Customer message \($0): " + String(repeating: "the sync stopped again after the token refresh; ", count: 3) }
        let seconds = try Measure.seconds {
            try db.write { db in
                let insert = try db.statement("INSERT INTO messages (ticket_id, kind, body, created_at) VALUES (?, ?, ?, ?)")
                for i in 0..<rows {
                    insert.bind(i / 3 + 1, at: 1)
                    insert.bind(i % 3 == 0 ? "customer" : "reply", at: 2)
                    insert.bind(bodies[i % bodies.count], at: 3)
                    insert.bind(Int64(1_700_000_000 + i), at: 4)
                    try insert.run()
                }
            }
        }
        report.add("storage", "bulk insert (\(rows) rows of ~170 bytes, one transaction)", Double(rows) / seconds, "rows/s")
    }

    /// Keyset pages of 50 at depth 0, 500k and 990k of the full queue order, forwards and backwards.
    func queuePages() throws {
        let db = try Workspace.openDatabase(path: path, clock: clock)
        let workspace = try Workspace(database: db, config: .default, clock: clock, login: "bench")
        let all = TicketFilter(statuses: .all)
        let total = try workspace.tickets.count(all)
        for depth in [0, total / 2, max(0, total - 10_000)] {
            // Finding the anchor uses OFFSET once (setup, not timed); the timed fetch is keyset only.
            guard let cursor = try db.fetchOne(
                "SELECT priority, created_at, id FROM tickets ORDER BY priority, created_at, id LIMIT 1 OFFSET ?", depth,
                transform: { QueueCursor(priority: $0.int(0), createdAt: $0.int64(1), id: $0.int(2)) }) else { continue }
            let forward = try Measure.percentiles(300) { _ in
                _ = try workspace.tickets.page(all, from: .after(cursor, inclusive: true), limit: 50)
            }
            let backward = try Measure.percentiles(300) { _ in
                _ = try workspace.tickets.page(all, from: .before(cursor), limit: 50)
            }
            let label = depth >= 1_000 ? "\(depth / 1_000)k" : String(depth)
            report.add("queue", "page of 50 at depth \(label), p50", forward.p50, "ms")
            report.add("queue", "page of 50 at depth \(label), p99", forward.p99, "ms", atMost: 2)
            report.add("queue", "page of 50 before depth \(label), p99", backward.p99, "ms", atMost: 2)
        }
        let active = try Measure.percentiles(300) { _ in _ = try workspace.tickets.page(.activeQueue, from: .end, limit: 50) }
        report.add("queue", "last page of the active queue, p99", active.p99, "ms", atMost: 2)
        let counts = try Measure.percentiles(20) { _ in _ = try workspace.tags.board() }
        report.add("queue", "tags board read in full (open, 24 h, 7 d, 14 days, matrix), p50", counts.p50, "ms")
        report.add("queue", "active queue count, p50",
                   try Measure.percentiles(20) { _ in _ = try workspace.tickets.count(.activeQueue) }.p50, "ms")
    }

    func changePolling() throws {
        let db = try Database(path: path)
        let watcher = try ChangeWatcher(database: db)
        let polls = 200_000
        let seconds = try Measure.seconds { for _ in 0..<polls { _ = try watcher.poll() } }
        report.add("live", "data_version poll (nothing changed)", seconds / Double(polls) * 1e6, "µs/poll")
    }

    func openAndMigrate() throws {
        let timing = try Measure.percentiles(21) { _ in
            let db = try Workspace.openDatabase(path: path, clock: clock)
            _ = try Workspace(database: db, config: .default, clock: clock, login: "bench")
        }
        report.add("storage", "open + migrate + resolve identity on the 1M file, p50", timing.p50, "ms")
        report.add("storage", "open + migrate + resolve identity on the 1M file, p99", timing.p99, "ms")
    }
}
