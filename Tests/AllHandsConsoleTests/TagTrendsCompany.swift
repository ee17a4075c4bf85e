import AllHandsCore
import Foundation
import Storage

/// Four weeks of tagging on top of `SmallCompany`, for the tags pane and board: tickets opened
/// and tagged through the domain, each at its own moment of a moved test clock (never the wall
/// clock), so the tag history, the daily sums and the matrix are what real work writes.
///
/// Days count back from the fixture's now (Sunday 22 November 2026, 16:00 UTC); each day's
/// tickets arrive at 14:00 UTC, today's at 14:00 and 15:00:
/// - `area:billing` + `type:bug`: one a day, three a day in the last seven days (rising: ▲);
/// - `area:onboarding` + `type:usability`: two a day until seven days ago, none since (falling: ▼);
///   those older than fourteen days solved;
/// - `area:reporting` + `type:question`: one every other day;
/// - `area:integrations` + `type:outage` + `churn-risk`: two today (new in the last 24 hours).
enum TagTrendsCompany {
    static let days = 28

    /// What ticket `n` of day `daysAgo` carries, and whether it is solved, by the plan above.
    static func plan(daysAgo: Int) -> [(tags: [String], solved: Bool)] {
        var tickets: [(tags: [String], solved: Bool)] = []
        for _ in 0..<(daysAgo < 7 ? 3 : 1) { tickets.append((["area:billing", "type:bug"], false)) }
        if daysAgo >= 7 {
            for _ in 0..<2 { tickets.append((["area:onboarding", "type:usability"], daysAgo >= 14)) }
        }
        if daysAgo % 2 == 0 { tickets.append((["area:reporting", "type:question"], false)) }
        if daysAgo == 0 {
            for _ in 0..<2 { tickets.append((["area:integrations", "type:outage", "churn-risk"], false)) }
        }
        return tickets
    }

    /// Writes the plan as ada (the admin) and puts the clock back where it was.
    static func write(into database: Database, clock: TestClock) throws {
        let now = clock.epochSeconds
        defer { clock.epochSeconds = now }
        let ws = try Workspace(database: database, config: .default, clock: clock, login: "ada")
        for daysAgo in stride(from: days - 1, through: 0, by: -1) {
            for (n, ticket) in plan(daysAgo: daysAgo).enumerated() {
                // 14:00 UTC that day; today's spread over the two hours before now.
                clock.epochSeconds = now - Int64(daysAgo) * 86_400 - 2 * 3_600 + (daysAgo == 0 ? Int64(n % 2) * 3_600 : 0)
                let created = try ws.tickets.create(requesterEmail: "trend\(n % 3)@example.com", subject: "Trend ticket",
                                                    body: "Tagged for the trends.")
                try ws.tickets.tag(id: created.id, ticket.tags)
                if ticket.solved { try ws.tickets.setStatus(id: created.id, .solved) }
            }
        }
    }
}
