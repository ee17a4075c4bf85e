import AllHandsCore
import Foundation
import Storage

/// Walk-a-mile listening at the bench's scale (issue 11): the listen timeline's refresh after
/// another process adds a message (the issue's p99 ≤ 5 ms), the first page of each filter,
/// listening time for a month over 50k sessions of the bench's people, and insights search
/// over 20k insights. Sessions and insights are added through plain SQL (triggers on).
struct ListenBenchmarks {
    let path: String
    let report: Report
    static let sessionCount = 50_000
    static let insightCount = 20_000

    func run() throws {
        let database = try Workspace.openDatabase(path: path, clock: SystemClock())
        let workspace = try Workspace(database: database, config: .default, clock: SystemClock(), login: "bench")
        let messages = try database.read { try $0.fetchInt("SELECT count(*) FROM messages") } ?? 0
        let label = "\(messages / 1_000)k messages"
        let shadow = try database.read {
            try $0.fetchOne("""
                SELECT p.login FROM people p WHERE p.role = 'support' AND p.active = 1
                ORDER BY (SELECT count(*) FROM tickets t WHERE t.assignee_id = p.id) DESC LIMIT 1
                """) { $0.string(0) }
        }
        var filters: [(String, ListenFilter)] = [("all", .all), ("tag billing", .tag("billing"))]
        if let shadow { filters.append(("shadow \(shadow)", .shadow(login: shadow))) }

        for (name, filter) in filters {
            _ = try workspace.listening.timeline(filter: filter)
            let page = try Measure.percentiles(100) { _ in _ = try workspace.listening.timeline(filter: filter) }
            report.add("listen", "listen timeline first page (200 entries, \(name)), \(label), p50", page.p50, "ms")
            report.add("listen", "listen timeline first page (\(name)), p99", page.p99, "ms")
        }
        try refreshAfterOthersWrite(workspace, filters: filters, label: label)
        try listeningTime(workspace, database)
        try insights(workspace, database)
    }

    /// Another connection notes on an open ticket (a commit), then the listener reads what
    /// arrived after its last entry: what a live listen view pays per change.
    private func refreshAfterOthersWrite(_ workspace: Workspace, filters: [(String, ListenFilter)], label: String) throws {
        let other = try Workspace(database: Workspace.openDatabase(path: path, clock: SystemClock()), config: .default,
                                  clock: SystemClock(), login: "bench")
        let open = try other.tickets.page(TicketFilter(statuses: .active), limit: 300).map(\.id)
        guard !open.isEmpty else { return }
        for (name, filter) in filters {
            var last = try workspace.listening.timeline(filter: .all, limit: 1).last?.id ?? 0
            var samples: [Double] = []
            for i in 0..<300 {
                _ = try other.tickets.note(id: open[i % open.count], body: "Listening bench note \(i)")
                var entries: [TimelineEntry] = []
                samples.append(try Measure.seconds {
                    entries = try workspace.listening.timeline(filter: filter, after: last)
                } * 1_000)
                last = max(last, entries.last?.id ?? last)
            }
            report.add("listen", "listen refresh after another process adds a message (\(name)), \(label), p50",
                       Measure.quantile(samples, 0.5), "ms")
            report.add("listen", "listen refresh after another process adds a message (\(name)), p99",
                       Measure.quantile(samples, 0.99), "ms", atMost: 5)
        }
    }

    /// 50k sessions of 5 to 60 minutes over the last 30 days, spread over everyone; then a
    /// month's listening time and the fairness report that carries it.
    private func listeningTime(_ workspace: Workspace, _ database: Database) throws {
        let now = Int64(Date().timeIntervalSince1970)
        let people = try database.read { try $0.fetchAll("SELECT id FROM people WHERE active = 1") { $0.int(0) } }
        guard !people.isEmpty else { return }
        var random = SeededRandom(seed: 11)
        // Once per bench database (a `--reuse` run measures the same sessions again).
        let existing = try database.read { try $0.fetchInt("SELECT count(*) FROM listening_sessions") } ?? 0
        if existing < Self.sessionCount { try database.write { db in
            for i in 0..<Self.sessionCount {
                let start = now - Int64(random.below(30 * 86_400))
                let length = Int64(300 + random.below(3_300))
                let ended: Int64? = i % 10 == 0 ? nil : start + length
                try db.execute("""
                    INSERT INTO listening_sessions (person_id, started_at, active_at, ended_at, follows) VALUES (?, ?, ?, ?, 'all')
                    """, people[i % people.count], start, start + length / 2, ended)
            }
        } }
        var rows = 0
        let month = try Measure.percentiles(20) { _ in rows = try workspace.listening.listeningTime(monthContaining: now).count }
        report.add("listen", "listening time for a month (\(people.count / 1_000)k people, \(Self.sessionCount / 1_000)k sessions, "
                   + "\(rows) rows), p50", month.p50, "ms")
        report.add("listen", "listening time for a month, p99", month.p99, "ms")
        let fairness = try Measure.percentiles(10) { _ in _ = try workspace.rotation.fairness() }
        report.add("listen", "rotation fairness with listening hours, p50", fairness.p50, "ms")
    }

    /// 20k insights quoting recent customer messages, then a search and a random one.
    private func insights(_ workspace: Workspace, _ database: Database) throws {
        let existing = try database.read { try $0.fetchInt("SELECT count(*) FROM insights") } ?? 0
        if existing < Self.insightCount { try database.write { db in
            try db.execute("""
                INSERT INTO insights (quote, note, ticket_id, message_id, customer_id, author_id, created_at)
                SELECT substr(m.body, 1, 300), 'bench', m.ticket_id, m.id, m.author_customer_id,
                       (SELECT id FROM people ORDER BY id LIMIT 1), m.created_at
                FROM messages m WHERE m.kind = 'customer' ORDER BY m.id DESC LIMIT ?
                """, Self.insightCount)
        } }
        let word = try database.read {
            try $0.fetchOne("SELECT quote FROM insights ORDER BY id DESC LIMIT 1") { row in
                row.string(0).split(separator: " ").first { $0.count > 4 }.map(String.init)
            }
        } ?? "invoice"
        var found = 0
        let search = try Measure.percentiles(50) { _ in
            found = try workspace.insights.list(filter: InsightFilter(search: word ?? "invoice")).count
        }
        report.add("listen", "insights search '\(word ?? "invoice")' (\(Self.insightCount / 1_000)k insights, \(found) shown), p50",
                   search.p50, "ms")
        report.add("listen", "insights search, p99", search.p99, "ms")
        let random = try Measure.percentiles(50) { _ in _ = try workspace.insights.random() }
        report.add("listen", "insight random, p50", random.p50, "ms")
    }
}
