import Storage

/// The ticket counts the `live-tags` migration's triggers keep in every change's transaction
/// (tickets by status, by assignee and status, solved tickets by UTC hour): the view bar's
/// counts and the queue's total read a few rows of them instead of walking an index of
/// thousands of tickets. `drift` recounts from scratch; there must never be a difference.
enum TicketCounts {
    /// The filter's count from the kept counts, or nil when they cannot answer it and the
    /// tickets must be counted. They answer any statuses by any assignee (anyone, nobody, one
    /// person), a tag's active tickets (`tag_open_counts`), and every ticket solved since an
    /// instant. An unknown tag or person is refused as the listing refuses it.
    static func kept(_ filter: TicketFilter, in db: Database) throws -> Int? {
        if let since = filter.solvedSince {
            guard filter.tag == nil, filter.assignee == .anyone, filter.statuses == .all else { return nil }
            return try solved(since: since, in: db)
        }
        // The solved order lists only solved tickets: not a count the kept rows hold.
        guard filter.sort.requiredClause == nil else { return nil }
        if let name = filter.tag {
            guard filter.statuses == .active, filter.assignee == .anyone else { return nil }
            guard let tag = try TagService.resolve(name, in: db) else { throw AllHandsError.notFound(what: "tag '\(name)'") }
            return try db.fetchInt("SELECT open FROM tag_open_counts WHERE tag_id = ?", tag.id) ?? 0
        }
        let statuses: [TicketStatus]
        switch filter.statuses {
        case .all: statuses = TicketStatus.allCases
        case .active: statuses = TicketStatus.active
        case .only(let set): statuses = TicketStatus.allCases.filter(set.contains)
        }
        guard !statuses.isEmpty else { return 0 }
        let list = "(" + statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        switch filter.assignee {
        case .anyone:
            return try db.fetchInt("SELECT coalesce(sum(tickets), 0) FROM ticket_status_counts WHERE status IN \(list)") ?? 0
        case .unassigned:
            return try assigned(to: 0, list, in: db)
        case .login(let login):
            guard let person = try PeopleService.find(login: login, in: db) else {
                throw AllHandsError.notFound(what: "person '\(login)'")
            }
            return try assigned(to: person.id, list, in: db)
        }
    }

    private static func assigned(to id: Int, _ statuses: String, in db: Database) throws -> Int {
        try db.fetchInt("""
            SELECT coalesce(sum(tickets), 0) FROM ticket_assignee_counts WHERE assignee_id = ? AND status IN \(statuses)
            """, id) ?? 0
    }

    /// Tickets solved at or after `since`: the whole hours after `since`'s own hour from the kept
    /// rows (a week is 168 of them), and the rest of that hour from the solved-time index. Nil
    /// before 1970's second hour, where SQLite's truncating division would put two hours in one.
    private static func solved(since: Int64, in db: Database) throws -> Int? {
        guard since >= 3_600 else { return nil }
        let hour = since / 3_600
        let whole = try db.fetchInt("SELECT coalesce(sum(tickets), 0) FROM ticket_solved_hours WHERE hour > ?", hour) ?? 0
        let part = try db.fetchInt("""
            SELECT count(*) FROM tickets INDEXED BY tickets_recently_solved
            WHERE solved_at IS NOT NULL AND solved_at >= ? AND solved_at < ?
            """, since, (hour + 1) * 3_600) ?? 0
        return whole + part
    }

    // MARK: - Recount

    /// The three kept tables, each as what it keeps by key and how a key is named.
    private struct Kept {
        var table: String
        var keys: String
        var value: String
        /// The same rows counted from the tickets.
        var recount: String
    }

    private static let tables = [
        Kept(table: "ticket_status_counts", keys: "status", value: "tickets",
             recount: "SELECT status, count(*) FROM tickets GROUP BY 1"),
        Kept(table: "ticket_assignee_counts", keys: "assignee_id, status", value: "tickets",
             recount: "SELECT coalesce(assignee_id, 0), status, count(*) FROM tickets GROUP BY 1, 2"),
        Kept(table: "ticket_solved_hours", keys: "hour", value: "tickets",
             recount: "SELECT solved_at / 3600, count(*) FROM tickets WHERE solved_at IS NOT NULL GROUP BY 1"),
    ]

    /// Sets every kept count from a recount: after a bulk load that ran without the triggers.
    static func rebuild(in db: Database) throws {
        for kept in tables {
            try db.execute("DELETE FROM \(kept.table)")
            try db.execute("INSERT INTO \(kept.table) (\(kept.keys), \(kept.value)) \(kept.recount)")
        }
    }

    /// Every kept count that differs from a recount from scratch, named for `tags verify`
    /// (tag `(tickets)`, what `status open, assigned to ada`). A missing row counts as zero.
    static func drift(in db: Database) throws -> [TagDrift] {
        var drift: [TagDrift] = []
        for kept in tables {
            let width = kept.keys.split(separator: ",").count
            func read(_ sql: String) throws -> [[String]: Int] {
                var rows: [[String]: Int] = [:]
                try db.forEachRow(sql) { row in rows[(0..<Int32(width)).map { row.string($0) }] = row.int(Int32(width)) }
                return rows
            }
            let maintained = try read("SELECT \(kept.keys), \(kept.value) FROM \(kept.table)")
            let recounted = try read(kept.recount)
            for key in Set(maintained.keys).union(recounted.keys).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let a = maintained[key] ?? 0, b = recounted[key] ?? 0
                if a != b { drift.append(TagDrift(tag: "(tickets)", what: try name(kept.table, key, in: db), maintained: a, recounted: b)) }
            }
        }
        return drift
    }

    private static func name(_ table: String, _ key: [String], in db: Database) throws -> String {
        switch table {
        case "ticket_status_counts":
            return "status \(key[0])"
        case "ticket_assignee_counts":
            let id = Int(key[0]) ?? 0
            let who = id == 0 ? "nobody" : try db.fetchOne("SELECT login FROM people WHERE id = ?", id) { $0.string(0) } ?? "#\(id)"
            return "status \(key[1]), assigned to \(who)"
        default:
            return "solved in the hour from \(Timestamp.iso8601((Int64(key[0]) ?? 0) * 3_600))"
        }
    }
}
