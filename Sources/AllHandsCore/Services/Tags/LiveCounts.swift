import Storage

/// A count kept by triggers that differs from a recount: there must never be one. The view
/// bar's kept ticket counts report as tag `(tickets)`.
public struct TagDrift: Sendable, Equatable {
    /// The tag (or `a + b` for a pair) the count is about.
    public var tag: String
    /// Which count: `open`, `open together`, or `added on YYYY-MM-DD` (a day of the trends).
    public var what: String
    public var maintained: Int
    public var recounted: Int
}

/// The counts of the `live-tags` and `tag-history` migrations: read, recounted, rebuilt.
enum LiveCounts {
    /// The active tickets and their links, walked from the active queue's partial index.
    private static let activeLinks = """
        tickets t INDEXED BY tickets_active_queue CROSS JOIN ticket_tags x ON x.ticket_id = t.id
        """

    /// Each tag's open tickets by a scan of every active ticket's links (what the triggers keep).
    static func recount(in db: Database) throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        try db.forEachRow("""
            SELECT x.tag_id, count(*) FROM \(activeLinks)
            WHERE t.status IN \(TicketStatus.activeSQLList) GROUP BY x.tag_id
            """) { counts[$0.int(0)] = $0.int(1) }
        return counts
    }

    /// The open tickets per pair of tags (`a < b`), by a scan of every active ticket's links.
    private static let pairRecount = """
        SELECT x.tag_id, y.tag_id, count(*) FROM \(activeLinks)
        CROSS JOIN ticket_tags y ON y.ticket_id = t.id AND y.tag_id > x.tag_id
        WHERE t.status IN \(TicketStatus.activeSQLList) GROUP BY x.tag_id, y.tag_id
        """

    /// Additions per tag and day, summed from the event log.
    private static let dayRecount = "SELECT tag_id, day, count(*) FROM tag_events WHERE added = 1 GROUP BY tag_id, day"

    /// The maintained open count of every tag, by tag id.
    static func maintained(in db: Database) throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        try db.forEachRow("SELECT tag_id, open FROM tag_open_counts") { counts[$0.int(0)] = $0.int(1) }
        return counts
    }

    /// Sets every tag's count, and the kept ticket counts, from a recount: after a bulk load that
    /// ran without the triggers.
    static func rebuild(in db: Database) throws {
        try db.execute("DELETE FROM tag_open_counts")
        try db.execute("INSERT INTO tag_open_counts (tag_id, open) SELECT g.id, 0 FROM tags g")
        let update = try db.statement("UPDATE tag_open_counts SET open = ? WHERE tag_id = ?")
        for (tag, open) in try recount(in: db) {
            update.bind(open, at: 1)
            update.bind(tag, at: 2)
            try update.run()
        }
        try db.execute("DELETE FROM tag_pair_open")
        try db.execute("INSERT INTO tag_pair_open (a, b, open) " + pairRecount)
        try db.execute("DELETE FROM tag_days")
        try db.execute("INSERT INTO tag_days (tag_id, day, added) " + dayRecount)
        try TicketCounts.rebuild(in: db)
        try db.execute("UPDATE change_counters SET version = version + 1")
    }

    /// Every kept count that differs from a recount, by tag name, then every kept ticket count of
    /// the view bar that does (`TicketCounts.drift`).
    static func drift(in db: Database) throws -> [TagDrift] {
        let names = Dictionary(try TagService.all(in: db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: Int) -> String { names[id] ?? "#\(id)" }
        let kept = try maintained(in: db), counted = try recount(in: db)
        var drift: [TagDrift] = names.keys.sorted { name($0) < name($1) }.compactMap { id in
            let a = kept[id] ?? 0, b = counted[id] ?? 0
            return a == b && kept[id] != nil ? nil : TagDrift(tag: name(id), what: "open", maintained: a, recounted: b)
        }
        struct Key: Hashable { var x: Int, y: Int }
        func compare(kept keptSQL: String, counted countedSQL: String, what: (Key) -> (String, String)) throws {
            var kept: [Key: Int] = [:], counted: [Key: Int] = [:]
            try db.forEachRow(keptSQL) { kept[Key(x: $0.int(0), y: $0.int(1))] = $0.int(2) }
            try db.forEachRow(countedSQL) { counted[Key(x: $0.int(0), y: $0.int(1))] = $0.int(2) }
            for key in Set(kept.keys).union(counted.keys).sorted(by: { ($0.x, $0.y) < ($1.x, $1.y) }) {
                let a = kept[key] ?? 0, b = counted[key] ?? 0
                if a != b {
                    let (tag, label) = what(key)
                    drift.append(TagDrift(tag: tag, what: label, maintained: a, recounted: b))
                }
            }
        }
        try compare(kept: "SELECT a, b, open FROM tag_pair_open", counted: pairRecount) {
            (name($0.x) + " + " + name($0.y), "open together")
        }
        try compare(kept: "SELECT tag_id, day, added FROM tag_days", counted: dayRecount) {
            (name($0.x), "added on " + Timestamp.date(Int64($0.y) * 86_400, timeZone: .gmt))
        }
        return try drift + TicketCounts.drift(in: db)
    }

    /// The version of each console region (`ChangeRegion`), by name: one read of a few rows.
    static func versions(in db: Database) throws -> [String: Int] {
        var versions: [String: Int] = [:]
        try db.forEachRow("SELECT region, version FROM change_counters") { versions[$0.string(0)] = $0.int(1) }
        return versions
    }
}

extension TagService {
    /// `tags verify`: every tag whose maintained open count differs from a recount from scratch,
    /// and every kept ticket count of the view bar that does (empty when all is well, as it
    /// must always be). Reads only.
    public func verify() throws -> [TagDrift] {
        try context.check(.viewTickets)
        return try context.read { db in try LiveCounts.drift(in: db) }
    }

    /// The console regions' change versions (`ChangeRegion`: `queue`, `tags`, `rotation`,
    /// `presence`): a region needs reloading only when its version moved.
    public func regionVersions() throws -> [String: Int] {
        try context.read { db in try LiveCounts.versions(in: db) }
    }
}
