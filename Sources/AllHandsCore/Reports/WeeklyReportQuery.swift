import Foundation
import Storage

/// The reports a company reads: `Workspace.reports`.
public struct ReportService {
    let context: ServiceContext

    /// The weekly report of `week` (the company's calendar) against the week before, in one read
    /// transaction. A week under way runs to now ("so far"); a week that has not begun is refused.
    /// Reads only the week's rows through their time indexes, so its cost follows a week's
    /// volume, not the database's size.
    public func weekly(week: ISOWeek) throws -> WeeklyReport {
        try context.check(.viewTickets)
        let zone = ShiftTime.companyZone(context.config)
        let now = context.now
        let start = week.start(in: zone), end = week.end(in: zone)
        guard start <= now else {
            throw AllHandsError.invalid("week \(week) has not begun yet (it starts \(Timestamp.localWithZone(start, timeZone: zone)))")
        }
        let previousStart = week.adding(-1).start(in: zone)
        let asOf = min(end, now)
        // A week under way is compared with the same part of the week before.
        let previousCut = asOf < end ? previousStart + (asOf - start) : start
        let bounds = WeeklyBounds(week: week, previousStart: previousStart, previousCut: previousCut, start: start, end: end,
                                  asOf: asOf, now: now)
        return try context.read { db in
            let query = WeeklyReportReader(db: db, bounds: bounds, config: context.config, zone: zone)
            return try query.read(week: week)
        }
    }
}

/// The instants a weekly report reads between.
struct WeeklyBounds {
    let week: ISOWeek
    let previousStart: Int64
    /// Where last week's figures stop: its end, or for a week under way as far into it as this
    /// week has run.
    let previousCut: Int64
    let start: Int64
    let end: Int64
    /// `min(end, now)`: where the figures stop.
    let asOf: Int64
    let now: Int64
}

/// The SQL behind one weekly report, inside the caller's read transaction.
struct WeeklyReportReader {
    let db: Database
    let bounds: WeeklyBounds
    let config: Configuration
    let zone: TimeZone

    func read(week: ISOWeek) throws -> WeeklyReport {
        let (ticketsIn, firstResponse) = try created()
        let (ticketsSolved, resolution, fastSolves, fastest) = try solved()
        let (dimensions, frustrations, topTags) = try tagged()
        let (thanks, quotes) = try thanksMessages()
        let (insights, insightCount) = try weeksInsights()
        return WeeklyReport(
            week: week, start: bounds.start, end: bounds.end, asOf: bounds.asOf, timeZone: zone.identifier,
            companyName: config.company.name, ticketsIn: ticketsIn, ticketsSolved: ticketsSolved,
            firstResponse: firstResponse, resolution: resolution, frustrationDimensions: dimensions,
            frustrations: frustrations, topTags: topTags,
            successes: .init(fastSolves: fastSolves, fastest: fastest, thanks: thanks, thanksQuotes: quotes),
            insights: insights, insightCount: insightCount, participation: try participation(),
            actionItems: try actionItems())
    }

    /// Tickets created in each week, and the first-response times of those answered.
    private func created() throws -> (WeeklyReport.Figure, WeeklyReport.Timing) {
        var counts = [0, 0]
        var waits: [[Int64]] = [[], []]
        try db.forEachRow("""
            SELECT created_at >= ?2, first_response_at - created_at FROM tickets INDEXED BY tickets_created
            WHERE created_at >= ?1 AND created_at < ?3 AND (created_at >= ?2 OR created_at < ?4)
            """, bounds.previousStart, bounds.start, bounds.asOf, bounds.previousCut) { row in
            let w = row.int(0)
            counts[w] += 1
            if !row.isNull(1) { waits[w].append(max(0, row.int64(1))) }
        }
        return (.init(this: counts[1], previous: counts[0]), timing(this: waits[1], previous: waits[0]))
    }

    /// Tickets solved in each week, their resolution times, and this week's fast solves.
    private func solved() throws -> (WeeklyReport.Figure, WeeklyReport.Timing, Int, [WeeklyReport.FastSolve]) {
        var counts = [0, 0]
        var times: [[Int64]] = [[], []]
        var fast: [(id: Int, seconds: Int64)] = []
        try db.forEachRow("""
            SELECT solved_at >= ?2, solved_at - created_at, id FROM tickets INDEXED BY tickets_recently_solved
            WHERE solved_at >= ?1 AND solved_at < ?3 AND (solved_at >= ?2 OR solved_at < ?4)
            """, bounds.previousStart, bounds.start, bounds.asOf, bounds.previousCut) { row in
            let w = row.int(0), seconds = max(0, row.int64(1))
            counts[w] += 1
            times[w].append(seconds)
            if w == 1, seconds <= WeeklyReport.fastSolveSeconds { fast.append((row.int(2), seconds)) }
        }
        let fastest = try fast.sorted { ($0.seconds, $0.id) < ($1.seconds, $1.id) }.prefix(WeeklyReport.fastestLimit)
            .map { solve in
                WeeklyReport.FastSolve(ticketID: solve.id, subject: try db.fetchOne("SELECT subject FROM tickets WHERE id = ?",
                                                                                     solve.id) { $0.string(0) } ?? "",
                                       seconds: solve.seconds)
            }
        return (.init(this: counts[1], previous: counts[0]), timing(this: times[1], previous: times[0]), fast.count, fastest)
    }

    private func timing(this: [Int64], previous: [Int64]) -> WeeklyReport.Timing {
        let now = WeeklyReport.Timing.percentiles(this), before = WeeklyReport.Timing.percentiles(previous)
        return .init(count: this.count, median: now.median, p90: now.p90, previousMedian: before.median,
                     previousP90: before.p90)
    }

    /// The dimensions frustrations pair: `area` and `type` when the taxonomy has them, else its
    /// first two.
    static func frustrationDimensions(_ taxonomy: Configuration.Taxonomy) -> WeeklyReport.DimensionPair? {
        let names = taxonomy.dimensions.map(\.name)
        if names.contains("area"), names.contains("type") { return .init(row: "area", column: "type") }
        return names.count >= 2 ? .init(row: names[0], column: names[1]) : nil
    }

    /// Pairs of the two dimensions on tickets created in each week (top `frustrationLimit` of
    /// this week), and the tags on this week's tickets (the chart), from one pass over the links.
    private func tagged() throws -> (WeeklyReport.DimensionPair?, [WeeklyReport.Frustration], [WeeklyReport.TagCount]) {
        var names: [Int: (name: String, dimension: String?)] = [:]
        try db.forEachRow("SELECT id, name, dimension FROM tags") { names[$0.int(0)] = ($0.string(1), $0.optionalString(2)) }
        let dimensions = Self.frustrationDimensions(config.taxonomy)
        var tagTickets: [Int: Int] = [:]
        var pairs: [[String: Int]] = [[:], [:]]
        var ticket = -1, week = 0
        var rows: [String] = [], columns: [String] = []
        func flush() {
            guard ticket >= 0 else { return }
            for r in rows { for c in columns { pairs[week]["\(r)\u{0}\(c)", default: 0] += 1 } }
            rows.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
        }
        try db.forEachRow("""
            SELECT t.id, t.created_at >= ?2, tt.tag_id FROM tickets t INDEXED BY tickets_created
            CROSS JOIN ticket_tags tt ON tt.ticket_id = t.id
            WHERE t.created_at >= ?1 AND t.created_at < ?3 AND (t.created_at >= ?2 OR t.created_at < ?4)
            ORDER BY t.created_at, t.id
            """, bounds.previousStart, bounds.start, bounds.asOf, bounds.previousCut) { row in
            if row.int(0) != ticket {
                flush()
                ticket = row.int(0)
                week = row.int(1)
            }
            guard let tag = names[row.int(2)] else { return }
            if week == 1 { tagTickets[row.int(2), default: 0] += 1 }
            if let dimensions, tag.dimension == dimensions.row { rows.append(tag.name) }
            if let dimensions, tag.dimension == dimensions.column { columns.append(tag.name) }
        }
        flush()
        let frustrations = pairs[1].map { key, count -> WeeklyReport.Frustration in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            return .init(row: parts[0], column: parts.count > 1 ? parts[1] : "",
                         tickets: .init(this: count, previous: pairs[0][key] ?? 0))
        }.sorted { ($1.tickets.this, $0.row, $0.column) < ($0.tickets.this, $1.row, $1.column) }
        let top = tagTickets.compactMap { id, count in names[id].map { WeeklyReport.TagCount(tag: $0.name, tickets: count) } }
            .sorted { ($1.tickets, $0.tag) < ($0.tickets, $1.tag) }
        return (dimensions, Array(frustrations.prefix(WeeklyReport.frustrationLimit)),
                Array(top.prefix(WeeklyReport.topTagLimit)))
    }

    /// Customers' messages written in the week that thank (`thanksWords`), on tickets solved in the
    /// week or the one before (a thank-you follows the solution): how many, and the newest few.
    private func thanksMessages() throws -> (Int, [WeeklyReport.ThanksQuote]) {
        let words = WeeklyReport.thanksWords.map { "instr(lower(m.body), '\($0)') > 0" }.joined(separator: " OR ")
        var count = 0
        var quotes: [(id: Int, quote: WeeklyReport.ThanksQuote)] = []
        try db.forEachRow("""
            SELECT m.id, t.id, coalesce(c.name, ''), m.body FROM tickets t INDEXED BY tickets_recently_solved
            CROSS JOIN messages m ON m.ticket_id = t.id AND m.created_at >= ?2 AND m.created_at < ?3 AND m.kind = 'customer'
            LEFT JOIN customers c ON c.id = m.author_customer_id
            WHERE t.solved_at >= ?1 AND t.solved_at < ?3 AND (\(words))
            """, bounds.previousStart, bounds.start, bounds.asOf) { row in
            count += 1
            quotes.append((row.int(0), .init(ticketID: row.int(1), customer: row.string(2),
                                             quote: FieldLimits.excerpt(row.string(3), length: WeeklyReport.quoteLength))))
        }
        let newest = quotes.sorted { $0.id > $1.id }.prefix(WeeklyReport.thanksQuoteLimit).map(\.quote)
        return (count, newest)
    }

    private func weeksInsights() throws -> ([WeeklyReport.InsightQuote], Int) {
        let count = try db.fetchInt("""
            SELECT count(*) FROM insights INDEXED BY insights_created WHERE created_at >= ? AND created_at < ?
            """, bounds.start, bounds.asOf) ?? 0
        let insights = try db.fetchAll("""
            SELECT i.id, i.quote, i.note, c.name, i.ticket_id, coalesce(p.name, ''), i.created_at
            FROM insights i INDEXED BY insights_created
            LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN people p ON p.id = i.author_id
            WHERE i.created_at >= ? AND i.created_at < ? ORDER BY i.created_at, i.id LIMIT ?
            """, bounds.start, bounds.asOf, WeeklyReport.insightLimit) { row in
            WeeklyReport.InsightQuote(id: row.int(0), quote: row.string(1), note: row.string(2),
                                      customer: row.optionalString(3), ticketID: row.optionalInt(4),
                                      author: row.string(5), at: row.int64(6))
        }
        return (insights, count)
    }

    private func participation() throws -> WeeklyReport.Participation {
        // Seats as agent or buddy, up to the report's instant (an early end stops the seat).
        var people: [Int: (team: String, seconds: Int64)] = [:]
        try db.forEachRow("""
            SELECT a.person_id, p.team,
                   max(0, min(s.ends_at, coalesce(a.ended_at, s.ends_at), ?2) - max(s.starts_at, ?1))
            FROM shifts s INDEXED BY shifts_time
            CROSS JOIN shift_assignments a ON a.shift_id = s.id AND a.role IN ('agent', 'buddy')
            JOIN people p ON p.id = a.person_id
            WHERE s.starts_at < ?2 AND s.starts_at >= ?3 AND s.ends_at > ?1
            """, bounds.start, bounds.asOf, bounds.start - ShiftService.longestShift) { row in
            let seconds = row.int64(2)
            guard seconds > 0 else { return }
            people[row.int(0), default: (row.string(1), 0)].seconds += seconds
        }
        var teams: [String: (people: Int, seconds: Int64)] = [:]
        for person in people.values {
            teams[person.team, default: (0, 0)].people += 1
            teams[person.team, default: (0, 0)].seconds += person.seconds
        }
        let teamRows = teams.map { WeeklyReport.TeamShifts(team: $0.key, people: $0.value.people, seconds: $0.value.seconds) }
            .sorted { ($1.seconds, $0.team) < ($0.seconds, $1.team) }

        // Listening per person, by the one rule.
        var listened: [Int: Int64] = [:]
        try db.forEachRow("""
            SELECT ls.person_id, sum(\(ListeningRules.secondsSQL("ls", now: bounds.now, from: bounds.start, to: bounds.end)))
            FROM listening_sessions ls INDEXED BY listening_sessions_time
            WHERE \(ListeningRules.overlapSQL("ls", from: bounds.start, to: bounds.end)) GROUP BY ls.person_id
            """) { listened[$0.int(0)] = $0.int64(1) }
        var calls: [Int: [CallDown.State: Int]] = [:]
        try db.forEachRow("SELECT exec_id, state, count(*) FROM calldowns WHERE week = ? GROUP BY exec_id, state",
                          String(describing: bounds.week)) { row in
            if let state = CallDown.State(rawValue: row.string(1)) { calls[row.int(0), default: [:]][state] = row.int(2) }
        }
        var executives: [WeeklyReport.Executive] = []
        var execIDs: Set<Int> = []
        try db.forEachRow("SELECT id, login, name FROM people WHERE role = 'exec' AND active = 1 ORDER BY name, login") { row in
            execIDs.insert(row.int(0))
            executives.append(executive(id: row.int(0), login: row.string(1), name: row.string(2), listened: listened, calls: calls))
        }
        for id in calls.keys.sorted() where !execIDs.contains(id) {
            if let person = try db.fetchOne("SELECT login, name FROM people WHERE id = ?", id, transform: { ($0.string(0), $0.string(1)) }) {
                executives.append(executive(id: id, login: person.0, name: person.1, listened: listened, calls: calls))
                execIDs.insert(id)
            }
        }
        let others = listened.filter { !execIDs.contains($0.key) && $0.value > 0 }
        // The same rule as the fairness panel's: the monthly target, prorated by the days of the
        // week's month(s).
        let target = ListeningService.targetSeconds(perMonth: config.listening.targetHoursPerMonth, from: bounds.start,
                                                    to: bounds.end, timeZone: zone)
        return .init(shiftPeople: people.count, shiftSeconds: people.values.reduce(0) { $0 + $1.seconds }, teams: teamRows,
                     listeningTargetSeconds: target, executives: executives, otherListeners: others.count,
                     otherListeningSeconds: others.values.reduce(0, +))
    }

    private func executive(id: Int, login: String, name: String, listened: [Int: Int64],
                           calls: [Int: [CallDown.State: Int]]) -> WeeklyReport.Executive {
        let states = calls[id] ?? [:]
        return .init(login: login, name: name, listenedSeconds: listened[id] ?? 0, called: states[.called] ?? 0,
                     noAnswer: states[.noAnswer] ?? 0, declined: states[.declined] ?? 0, toCall: states[.toCall] ?? 0)
    }

    /// Items open at the report's instant: created before it and not closed by then.
    private func actionItems() throws -> WeeklyReport.ActionItems {
        let today = Timestamp.date(bounds.asOf, timeZone: zone)
        var items: [WeeklyReport.Item] = []
        try db.forEachRow("""
            SELECT a.id, a.title, coalesce(p.name, ''), a.due_day FROM action_items a LEFT JOIN people p ON p.id = a.owner_id
            WHERE a.created_at < ?1 AND (a.state = 'open' OR a.closed_at >= ?1)
            ORDER BY a.due_day < ?2 DESC, a.due_day, a.id
            """, bounds.asOf, today) { row in
            let due = row.string(3)
            items.append(.init(id: row.int(0), title: row.string(1), owner: row.string(2), dueDay: due, overdue: due < today))
        }
        return .init(today: today, open: items.count, overdue: items.filter(\.overdue).count,
                     items: Array(items.prefix(WeeklyReport.actionItemLimit)))
    }
}
