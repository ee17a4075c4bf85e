import AllHandsCore
import Foundation
import Storage

/// Live tags at the bench's scale (issue 10): the tags pane's data (`TagService.board`) at a
/// million tickets and 500 tags, `tags compare` and `tags report` over all the tickets, and a
/// rename and a merge of a busy tag. Free tags are added until there are 500, each on a share of
/// the tickets, through plain SQL with the triggers on (as the services would keep them) and
/// with their events over the demo's days, so the pane has 500 rows of history to read.
struct TagBenchmarks {
    let path: String
    let report: Report
    static let tagCount = 500

    func run() throws {
        let database = try Workspace.openDatabase(path: path, clock: SystemClock())
        try addFreeTags(database)
        let workspace = try Workspace(database: database, config: .default, clock: SystemClock(), login: "bench")
        let tags = try database.read { try $0.fetchInt("SELECT count(*) FROM tags") } ?? 0
        let tickets = try database.read { try $0.fetchInt("SELECT count(*) FROM tickets") } ?? 0
        let label = "\(tickets / 1_000)k tickets, \(tags) tags"

        for window in [TagWindow.week, .quarter] {
            _ = try workspace.tags.board(window: window)
            let board = try Measure.percentiles(300) { _ in _ = try workspace.tags.board(window: window) }
            report.add("tags", "tags pane read in full (board, \(window.label) window), \(label), p50", board.p50, "ms")
            report.add("tags", "tags pane read in full (board, \(window.label) window), p99", board.p99, "ms")
        }
        try liveRefresh(workspace, label: label)
        let now = Int64(Date().timeIntervalSince1970)
        for weeks in [4, 12] {
            var last: TagComparison?
            let compare = try Measure.percentiles(20) { _ in
                last = try workspace.tags.compare(tag: "billing", at: now - Int64(weeks) * 7 * 86_400, weeks: weeks)
            }
            let counted = (last.map { $0.before + $0.after } ?? []).reduce(0) { $0 + $1.total }
            report.add("tags", "tags compare billing ±\(weeks) weeks (\(counted / 1_000)k tickets in range), p50",
                       compare.p50, "ms")
            report.add("tags", "tags compare billing ±\(weeks) weeks, p99", compare.p99, "ms", atMost: 200)
        }
        let month = try Measure.percentiles(10) { _ in _ = try workspace.tags.report(from: now - 30 * 86_400, to: now) }
        report.add("tags", "tags report, last 30 days, p50", month.p50, "ms")
        var drift: [TagDrift] = []
        let verify = try Measure.seconds { drift = try workspace.tags.verify() }
        report.add("tags", "tags verify (recount open, pairs and days from scratch)", verify * 1_000, "ms")
        report.add("tags", "tags verify: counts that differ", Double(drift.count), "", atMost: 0)

        // A rename touches one row; a merge moves every link and event of the merged tag.
        let busiest = try database.read {
            try $0.fetchAll("""
                SELECT g.name, count(*) FROM tags g JOIN ticket_tags tt ON tt.tag_id = g.id
                WHERE g.dimension IS NULL GROUP BY g.id ORDER BY 2 DESC LIMIT 2
                """) { ($0.string(0), $0.int(1)) }
        }
        guard busiest.count == 2 else { return }
        let (name, links) = busiest[0]
        let renamed = name + "-renamed"
        let rename = try Measure.seconds { _ = try workspace.tags.rename(name, to: renamed) }
        report.add("tags", "tags rename (a free tag on \(links / 1_000)k tickets)", rename * 1_000, "ms")
        let merge = try Measure.seconds { _ = try workspace.tags.merge(renamed, into: busiest[1].0) }
        report.add("tags", "tags merge (its \(links / 1_000)k tickets into another free tag)", merge * 1_000, "ms")
    }

    /// What a live tags pane pays after another process's change: another connection tags an
    /// open ticket (a commit), then the board is read after the previous one (only the change).
    private func liveRefresh(_ workspace: Workspace, label: String) throws {
        let other = try Workspace(database: Workspace.openDatabase(path: path, clock: SystemClock()), config: .default,
                                  clock: SystemClock(), login: "bench")
        let open = try other.tickets.page(TicketFilter(statuses: .active), limit: 300).map(\.id)
        guard !open.isEmpty else { return }
        var board = try workspace.tags.board(window: .week)
        var samples: [Double] = []
        for i in 0..<300 {
            try other.tickets.tag(id: open[i % open.count], ["bench-\(i % 400)"])
            samples.append(try Measure.seconds { board = try workspace.tags.board(window: .week, after: board) } * 1_000)
        }
        report.add("tags", "tags pane refresh after another process tags a ticket, \(label), p50",
                   Measure.quantile(samples, 0.5), "ms")
        report.add("tags", "tags pane refresh after another process tags a ticket, p99", Measure.quantile(samples, 0.99), "ms",
                   atMost: 5)
    }

    /// Free tags `bench-N` until there are 500, each on one ticket in 2,000 (a different slice
    /// for each), with one event per link at the ticket's creation (dated by the zone's offset
    /// now: a bench approximation). Skipped when a run with `--reuse` already added them.
    private func addFreeTags(_ database: Database) throws {
        let zone = ShiftTime.companyZone(.default)
        let offset = zone.secondsFromGMT()
        try database.write { db in
            let have = try db.fetchInt("SELECT count(*) FROM tags") ?? 0
            guard have < Self.tagCount else { return }
            let maxID = try db.fetchInt("SELECT max(id) FROM tickets") ?? 0
            let insertTag = try db.statement("INSERT INTO tags (name, dimension, created_at) VALUES (?, NULL, 0)")
            let link = try db.statement("INSERT OR IGNORE INTO ticket_tags (ticket_id, tag_id) VALUES (?, ?)")
            let event = try db.statement("""
                INSERT INTO tag_events (ticket_id, tag_id, added, at, day)
                SELECT id, ?, 1, created_at, (created_at + ?) / 86400 FROM tickets WHERE id = ?
                """)
            let taken = Set(try db.fetchAll("SELECT name FROM tags") { $0.string(0) })
            let names = (0...).lazy.map { "bench-\($0)" }.filter { !taken.contains($0) }.prefix(Self.tagCount - have)
            for (n, name) in names.enumerated() {
                insertTag.bind(name, at: 1)
                try insertTag.run()
                let tag = Int(db.lastInsertRowID)
                for ticket in stride(from: 1 + n, through: maxID, by: 2_000) {
                    link.bind(ticket, at: 1)
                    link.bind(tag, at: 2)
                    try link.run()
                    event.bind(tag, at: 1)
                    event.bind(offset, at: 2)
                    event.bind(ticket, at: 3)
                    try event.run()
                }
            }
        }
    }
}
