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
            var all: [TagComparison.Week] = []
            for w in 0..<(2 * weeks) where bounds[w] <= now {
                // The week's tickets from the creation-time index, each one's link found by primary key.
                let counts = try db.fetchOne("""
                    SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ?3)), 0)
                    FROM tickets t INDEXED BY tickets_created WHERE t.created_at >= ?1 AND t.created_at < ?2
                    """, bounds[w], min(bounds[w + 1], now + 1), tag.id) { (total: $0.int(0), tagged: $0.int(1)) }
                all.append(TagComparison.Week(start: bounds[w], end: bounds[w + 1], tagged: counts?.tagged ?? 0,
                                              total: counts?.total ?? 0, complete: bounds[w + 1] <= now))
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
