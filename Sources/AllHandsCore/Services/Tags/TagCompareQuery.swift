import Storage

extension TagService {
    /// How many weeks `compare` may look each way.
    public static let compareWeeks = 1...52

    /// Tickets created per week that carry `tag`, `weeks` weeks before `at` and `weeks` after,
    /// with all tickets created in each week: did a change at `at` move the needle? Weeks are
    /// counted from `at` (seven days each); after-weeks that have not begun are left out, and the
    /// one under way is marked incomplete.
    public func compare(tag name: String, at: Int64, weeks: Int) throws -> TagComparison {
        try context.check(.viewTickets)
        guard Self.compareWeeks.contains(weeks) else {
            throw AllHandsError.invalid("--weeks must be between \(Self.compareWeeks.lowerBound) and \(Self.compareWeeks.upperBound)")
        }
        let now = context.now
        let week: Int64 = 7 * 86_400
        let start = at - Int64(weeks) * week, end = at + Int64(weeks) * week
        return try context.read { db in
            guard let tag = try Self.resolve(context.config.taxonomy.canonical(name), in: db) else {
                throw AllHandsError.notFound(what: "tag '\(FieldLimits.excerpt(name))'")
            }
            var tagged = Array(repeating: 0, count: 2 * weeks), total = tagged
            let upTo = min(end, now + 1)
            // All tickets per week: an aggregate over the creation-time index alone.
            try db.forEachRow("""
                SELECT (created_at - ?1) / 604800, count(*) FROM tickets INDEXED BY tickets_created
                WHERE created_at >= ?1 AND created_at < ?2 GROUP BY 1
                """, start, upTo) { row in
                if (0..<(2 * weeks)).contains(row.int(0)) { total[row.int(0)] = row.int(1) }
            }
            // The tagged ones, by whichever is fewer: the tag's links (each ticket's creation
            // time by primary key), or the weeks' tickets (each one's link by primary key).
            let links = try db.fetchInt("SELECT count(*) FROM ticket_tags INDEXED BY ticket_tags_tag WHERE tag_id = ?", tag.id) ?? 0
            let sql = links < total.reduce(0, +) ? """
                SELECT (t.created_at - ?1) / 604800, count(*) FROM ticket_tags tt INDEXED BY ticket_tags_tag
                CROSS JOIN tickets t ON t.id = tt.ticket_id
                WHERE tt.tag_id = ?3 AND t.created_at >= ?1 AND t.created_at < ?2 GROUP BY 1
                """ : """
                SELECT (t.created_at - ?1) / 604800, count(*) FROM tickets t INDEXED BY tickets_created
                WHERE t.created_at >= ?1 AND t.created_at < ?2
                  AND EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ?3) GROUP BY 1
                """
            try db.forEachRow(sql, start, upTo, tag.id) { row in
                if (0..<(2 * weeks)).contains(row.int(0)) { tagged[row.int(0)] = row.int(1) }
            }
            let all = (0..<(2 * weeks)).compactMap { w -> TagComparison.Week? in
                let from = start + Int64(w) * week
                guard from <= now else { return nil }
                return TagComparison.Week(start: from, end: from + week, tagged: tagged[w], total: total[w],
                                          complete: from + week <= now)
            }
            return TagComparison(tag: tag, at: at, before: Array(all.prefix(weeks)), after: Array(all.dropFirst(weeks)))
        }
    }
}
