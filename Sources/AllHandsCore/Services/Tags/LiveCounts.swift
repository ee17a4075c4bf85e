import Storage

/// A tag whose maintained open count differs from a recount: there must never be one. `tag` may
/// also name one of the view bar's kept ticket counts (`ticket count: open, assigned to ada`).
public struct TagDrift: Sendable, Equatable {
    public var tag: String
    public var maintained: Int
    public var recounted: Int
}

/// The maintained counts of the `live-tags` migration: read, recounted, rebuilt.
enum LiveCounts {
    /// Each tag's open tickets by a scan of every active ticket's links (what the triggers keep).
    static func recount(in db: Database) throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        try db.forEachRow("""
            SELECT tt.tag_id, count(*) FROM tickets t INDEXED BY tickets_active_queue
            CROSS JOIN ticket_tags tt ON tt.ticket_id = t.id
            WHERE t.status IN \(TicketStatus.activeSQLList) GROUP BY tt.tag_id
            """) { counts[$0.int(0)] = $0.int(1) }
        return counts
    }

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
        try db.execute("""
            INSERT INTO tag_open_counts (tag_id, open) SELECT g.id, 0 FROM tags g
            """)
        let update = try db.statement("UPDATE tag_open_counts SET open = ? WHERE tag_id = ?")
        for (tag, open) in try recount(in: db) {
            update.bind(open, at: 1)
            update.bind(tag, at: 2)
            try update.run()
        }
        try TicketCounts.rebuild(in: db)
        try db.execute("UPDATE change_counters SET version = version + 1")
    }

    /// Every tag whose maintained count differs from a recount, by name, then every kept ticket
    /// count of the view bar that does (`TicketCounts.drift`).
    static func drift(in db: Database) throws -> [TagDrift] {
        let kept = try maintained(in: db), counted = try recount(in: db)
        return try TagService.all(in: db).compactMap { tag in
            let a = kept[tag.id] ?? 0, b = counted[tag.id] ?? 0
            return a == b && kept[tag.id] != nil ? nil : TagDrift(tag: tag.name, maintained: a, recounted: b)
        } + TicketCounts.drift(in: db)
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
