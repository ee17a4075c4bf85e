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
            // The weeks' tickets from the creation-time index, each one's link found by primary key.
            try db.forEachRow("""
                SELECT (t.created_at - ?1) / 604800, count(*),
                       sum(EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ?2))
                FROM tickets t INDEXED BY tickets_created
                WHERE t.created_at >= ?1 AND t.created_at < ?3 GROUP BY 1
                """, start, tag.id, min(end, now + 1)) { row in
                let w = row.int(0)
                guard w >= 0, w < 2 * weeks else { return }
                total[w] = row.int(1)
                tagged[w] = row.int(2)
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
