import Foundation
import Storage

extension TagService {
    /// How many weeks `compare` may look each way.
    public static let compareWeeks = 1...52

    /// Tickets created per week that carry `tag`, `weeks` weeks before `at` and `weeks` after,
    /// with all tickets created in each week: did a change at `at` move the needle? Weeks are
    /// seven days of the company's calendar counted from `at`, so each starts at the same local
    /// time as `at` (one across a change of the clocks is an hour shorter or longer); after-weeks
    /// that have not begun are left out, and the one under way is marked incomplete.
    public func compare(tag name: String, at: Int64, weeks: Int) throws -> TagComparison {
        try context.check(.viewTickets)
        guard Self.compareWeeks.contains(weeks) else {
            throw AllHandsError.invalid("--weeks must be between \(Self.compareWeeks.lowerBound) and \(Self.compareWeeks.upperBound)")
        }
        let now = context.now
        let bounds = Self.weekBounds(at: at, weeks: weeks, zone: ShiftTime.companyZone(context.config))
        return try context.read { db in
            guard let tag = try Self.resolve(context.config.taxonomy.canonical(name), in: db) else {
                throw AllHandsError.notFound(what: "tag '\(FieldLimits.excerpt(name))'")
            }
            // The weeks that have begun.
            let count = min(2 * weeks, bounds.firstIndex { $0 > now } ?? bounds.count)
            let end = min(bounds[count], now + 1)
            // All tickets per week: counts over the creation-time index alone.
            let total = try (0..<count).map { w in
                try db.fetchInt("SELECT count(*) FROM tickets INDEXED BY tickets_created WHERE created_at >= ? AND created_at < ?",
                                bounds[w], min(bounds[w + 1], end)) ?? 0
            }
            // The tagged ones, by whichever is fewer: the tag's links (each ticket's creation time
            // by primary key, put in its week here), or the weeks' tickets (each one's link by key).
            var tagged = Array(repeating: 0, count: count)
            let links = try db.fetchInt("SELECT count(*) FROM ticket_tags INDEXED BY ticket_tags_tag WHERE tag_id = ?", tag.id) ?? 0
            if links < total.reduce(0, +) {
                try db.forEachRow("""
                    SELECT t.created_at FROM ticket_tags tt INDEXED BY ticket_tags_tag CROSS JOIN tickets t ON t.id = tt.ticket_id
                    WHERE tt.tag_id = ? AND t.created_at >= ? AND t.created_at < ?
                    """, tag.id, bounds[0], end) { row in
                    let created = row.int64(0)
                    if let w = (0..<count).last(where: { bounds[$0] <= created }) { tagged[w] += 1 }
                }
            } else {
                tagged = try (0..<count).map { w in
                    try db.fetchInt("""
                        SELECT count(*) FROM tickets t INDEXED BY tickets_created WHERE t.created_at >= ? AND t.created_at < ?
                        AND EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ?)
                        """, bounds[w], min(bounds[w + 1], end), tag.id) ?? 0
                }
            }
            let all = (0..<count).map { w in
                TagComparison.Week(start: bounds[w], end: bounds[w + 1], tagged: tagged[w], total: total[w],
                                   complete: bounds[w + 1] <= now)
            }
            return TagComparison(tag: tag, at: at, before: Array(all.prefix(weeks)), after: Array(all.dropFirst(weeks)))
        }
    }

    /// The `2 × weeks + 1` instants that start and end the weeks around `at`, oldest first: `at`
    /// moved by whole weeks of the company's calendar (the same local time of day).
    static func weekBounds(at: Int64, weeks: Int, zone: TimeZone) -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let date = Date(timeIntervalSince1970: TimeInterval(at))
        return (-weeks...weeks).map { w in
            calendar.date(byAdding: .day, value: 7 * w, to: date).map { Int64($0.timeIntervalSince1970) }
                ?? at + Int64(w) * 604_800
        }
    }
}
