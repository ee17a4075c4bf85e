import Storage

/// Tags and the friction they measure.
public struct TagService {
    let context: ServiceContext

    /// Every tag with its active count, tickets created in the last 24 hours, and all-time total
    /// (`tags`). Taxonomy dimensions first (in config order), free tags last. The console's pane
    /// reads `board(window:after:)` instead, which never scans the links.
    ///
    /// Open counts are read from the maintained table; the last day's walk only that day's
    /// tickets and look their tags up by primary key (`INDEXED BY` and `CROSS JOIN` pin that plan).
    public func counts() throws -> [TagCount] {
        try context.check(.viewTickets)
        let since = context.now - 86_400
        return try context.read { db in
            // Open counts are maintained by triggers (`Schema.liveTags`): O(number of tags).
            let open = try LiveCounts.maintained(in: db)
            var recent: [Int: Int] = [:], total: [Int: Int] = [:]
            try db.forEachRow("""
                SELECT tt.tag_id, count(*) FROM tickets t INDEXED BY tickets_created
                CROSS JOIN ticket_tags tt ON tt.ticket_id = t.id
                WHERE t.created_at >= ? GROUP BY tt.tag_id
                """, since) { recent[$0.int(0)] = $0.int(1) }
            try db.forEachRow("SELECT tag_id, count(*) FROM ticket_tags GROUP BY tag_id") {
                total[$0.int(0)] = $0.int(1)
            }
            let counts = try Self.all(in: db).map { tag in
                TagCount(tag: tag, open: open[tag.id] ?? 0, last24h: recent[tag.id] ?? 0, total: total[tag.id] ?? 0)
            }
            return ordered(counts, tag: \.tag, value: \.open)
        }
    }

    /// Sorts `items` by dimension order from the config, then free tags; the larger `value`
    /// (open tickets, additions) first within a group, then by name.
    func ordered<T>(_ items: [T], tag: (T) -> Tag, value: (T) -> Int) -> [T] {
        let dimensions = context.config.taxonomy.dimensions
        let rank = Dictionary(dimensions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        return items.map { (item: $0, rank: tag($0).dimension.flatMap { rank[$0] } ?? dimensions.count,
                            value: value($0), name: tag($0).name) }
            .sorted { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.value != b.value { return a.value > b.value }
                return a.name < b.name
            }.map(\.item)
    }

    static func all(in db: Database) throws -> [Tag] {
        try db.fetchAll("SELECT id, name, dimension FROM tags ORDER BY name", transform: tag)
    }

    /// Finds a tag by `name` or `dimension:name`, or by a merged or renamed tag's old name.
    /// Callers put the name through the config's aliases first (`Taxonomy.canonical`).
    static func resolve(_ text: String, in db: Database) throws -> Tag? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.last ?? text
        guard let tag = try named(name, in: db) ?? aliased(name, in: db) else { return nil }
        if parts.count == 2, tag.dimension != parts[0] { return nil }
        return tag
    }

    /// The tag whose name is `name`.
    static func named(_ name: String, in db: Database) throws -> Tag? {
        try db.fetchOne("SELECT id, name, dimension FROM tags WHERE name = ?", name, transform: tag)
    }

    /// The tag `name` is an old name of (a merged or renamed tag's).
    static func aliased(_ name: String, in db: Database) throws -> Tag? {
        try db.fetchOne("SELECT g.id, g.name, g.dimension FROM tag_aliases a JOIN tags g ON g.id = a.tag_id WHERE a.name = ?",
                        name, transform: tag)
    }

    static func tag(_ row: Row) -> Tag {
        Tag(id: row.int(0), name: row.string(1), dimension: row.optionalString(2))
    }
}
