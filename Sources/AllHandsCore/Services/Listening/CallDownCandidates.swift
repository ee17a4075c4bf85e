import Foundation
import Storage

/// The customers a week's call-down may choose from, read with SQL that walks indexes, so a
/// plan costs the same at a million tickets as at a thousand: the planner only needs a few
/// dozen, so each query reads a window of time, not the whole history.
///
/// - **Bad experience**, in the four weeks before the week starts (company zone):
///   - a first reply later than its priority's target (`config.sla`): severity is the wait
///     over the target (3.0 = three times the target);
///   - a ticket reopened at least twice: the audit log's status changes from solved back to
///     active (a customer writing after a solve, or an agent reopening). One reopening is often
///     a "thank you"; two is a problem. Severity is the number of reopenings;
///   - a goodwill gesture granted or approved: someone judged it bad enough to put right.
///     Severity 4 (as bad as a wait of four targets) plus the amount in shift budgets.
///   Each customer counts once, with their worst.
/// - **Silence**: customers whose newest ticket is more than `calldown.silenceDays` days before
///   the week starts, most recently gone quiet first (the ones still worth winning back).
/// - **Random**: customers with at least one ticket, drawn by a generator seeded from the week.
enum CallDownCandidates {
    static let window: Int64 = 28 * 86_400
    static let reopeningsThatCount = 2
    /// Silent customers looked up one by one at most (each reads that customer's tickets);
    /// beyond, the walk back from the cutoff finds enough of them sooner.
    static let lookupsAtMost = 1_000

    static func badExperiences(before weekStart: Int64, config: Configuration, excluding: Set<Int>,
                               in db: Database) throws -> [CallDownPlanner.Candidate] {
        let from = weekStart - window
        var worst: [Int: CallDownPlanner.Candidate] = [:]
        func keep(_ candidate: CallDownPlanner.Candidate) {
            guard !excluding.contains(candidate.customerID) else { return }
            if let other = worst[candidate.customerID], other.severity >= candidate.severity { return }
            worst[candidate.customerID] = candidate
        }
        let sla = config.sla
        let targets = Priority.allCases.sorted { $0.rawValue < $1.rawValue }.map { sla.target(for: $0) }
        try db.forEachRow("""
            SELECT t.requester_id, t.id, t.first_response_at - t.created_at, t.priority
            FROM tickets t INDEXED BY tickets_created
            WHERE t.created_at >= ? AND t.created_at < ? AND t.first_response_at IS NOT NULL
              AND t.first_response_at - t.created_at > CASE t.priority WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END
            """, arguments: [from, weekStart] + targets) { row in
            let waited = row.int64(2)
            let target = sla.target(for: Priority(rawValue: row.int(3)) ?? .normal)
            keep(.init(customerID: row.int(0), reason: .badExperience,
                       detail: "waited \(duration(waited)) for a first reply on #\(row.int(1))", ticketID: row.int(1),
                       severity: Double(waited) / Double(max(1, target))))
        }
        let first = try firstAuditID(atOrAfter: from, in: db), end = try firstAuditID(atOrAfter: weekStart, in: db)
        try db.forEachRow("""
            SELECT t.requester_id, t.id, count(*)
            FROM audit_log a INDEXED BY audit_by_entity JOIN tickets t ON t.id = CAST(a.entity_id AS INTEGER)
            WHERE a.entity = 'ticket' AND a.id >= ? AND a.id < ? AND a.at >= ? AND a.at < ?
              AND instr(a.before, '"status":"solved"') > 0 AND json_extract(a.before, '$.status') = 'solved'
              AND json_extract(a.after, '$.status') IN \(TicketStatus.activeSQLList)
            GROUP BY t.id HAVING count(*) >= ?
            """, first, end, from, weekStart, reopeningsThatCount) { row in
            keep(.init(customerID: row.int(0), reason: .badExperience,
                       detail: "reopened \(row.int(2)) times (#\(row.int(1)))", ticketID: row.int(1),
                       severity: Double(row.int(2))))
        }
        let budget = Double(max(1, config.goodwill.budgetPerShift))
        try db.forEachRow("""
            SELECT t.requester_id, g.ticket_id, g.kind, g.amount, g.currency
            FROM goodwill g JOIN tickets t ON t.id = g.ticket_id
            WHERE g.created_at >= ? AND g.created_at < ? AND g.status IN ('granted', 'approved')
            """, from, weekStart) { row in
            let amount = row.int(3)
            keep(.init(customerID: row.int(0), reason: .badExperience,
                       detail: "goodwill: \(row.string(2)) \(GoodwillService.format(amount, currency: row.string(4))) "
                           + "on #\(row.int(1))",
                       ticketID: row.int(1), severity: 4 + Double(amount) / budget))
        }
        return worst.values.sorted { ($0.severity, -$0.customerID) > ($1.severity, -$1.customerID) }
    }

    /// The first audit entry written at or after `instant`, by bisection over ids (entries are
    /// written in commit order, so their times rise with their ids; one written by a clock set
    /// back may be missed, never one outside the window counted: the query still checks each
    /// entry's time).
    static func firstAuditID(atOrAfter instant: Int64, in db: Database) throws -> Int {
        var low = try db.fetchInt("SELECT min(id) FROM audit_log") ?? 0
        var high = (try db.fetchInt("SELECT max(id) FROM audit_log") ?? 0) + 1
        while low < high {
            let middle = low + (high - low) / 2
            guard let (id, at) = try db.fetchOne("SELECT id, at FROM audit_log WHERE id >= ? ORDER BY id LIMIT 1", middle,
                                                 transform: { ($0.int(0), $0.int64(1)) }) else {
                high = middle
                continue
            }
            if at < instant { low = id + 1 } else { high = middle }
        }
        return low
    }

    /// Up to `limit` customers whose newest ticket is older than `silenceDays` before the week,
    /// most recently gone quiet first. The customers who wrote since the cutoff are one range of
    /// `tickets_created`, everyone with a ticket one walk of `tickets_requester`; the rest are
    /// the silent. When they are few, each one's newest ticket is looked up; when they are many,
    /// the tickets before the cutoff are walked backwards until enough are found (they are
    /// dense there), so neither case reads the whole history.
    /// `lookups` is how many silent customers are looked up one by one at most (tests lower it to
    /// try the walk).
    static func silences(before weekStart: Int64, silenceDays: Int, limit: Int, excluding: Set<Int>,
                         lookups: Int? = nil, in db: Database) throws -> [CallDownPlanner.Candidate] {
        guard limit > 0 else { return [] }
        let cutoff = weekStart - Int64(silenceDays) * 86_400
        var spoken: Set<Int> = []
        try db.forEachRow("SELECT DISTINCT requester_id FROM tickets INDEXED BY tickets_created WHERE created_at >= ?",
                          cutoff) { spoken.insert($0.int(0)) }
        var silent: Set<Int> = []
        try db.forEachRow("SELECT DISTINCT requester_id FROM tickets INDEXED BY tickets_requester") { row in
            let customer = row.int(0)
            if !spoken.contains(customer), !excluding.contains(customer) { silent.insert(customer) }
        }
        func candidate(customer: Int, ticket: Int, at: Int64) -> CallDownPlanner.Candidate {
            .init(customerID: customer, reason: .silence, detail: "no ticket for \((weekStart - at) / 86_400) days",
                  ticketID: ticket)
        }
        if silent.count <= lookups ?? Self.lookupsAtMost {
            var newest: [(customer: Int, ticket: Int, at: Int64)] = []
            for customer in silent {
                if let row = try db.fetchOne("""
                    SELECT id, created_at FROM tickets INDEXED BY tickets_requester WHERE requester_id = ?
                    ORDER BY created_at DESC, id DESC LIMIT 1
                    """, customer, transform: { (customer, $0.int(0), $0.int64(1)) }) { newest.append(row) }
            }
            return newest.sorted { ($0.at, $0.ticket) > ($1.at, $1.ticket) }.prefix(limit)
                .map { candidate(customer: $0.customer, ticket: $0.ticket, at: $0.at) }
        }
        var found: [CallDownPlanner.Candidate] = []
        var cursor = (at: cutoff, id: Int.max)
        let page = 2_000
        while found.count < limit {
            let rows = try db.fetchAll("""
                SELECT requester_id, id, created_at FROM tickets INDEXED BY tickets_created
                WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?
                """, cursor.at, cursor.id, page) { (customer: $0.int(0), ticket: $0.int(1), at: $0.int64(2)) }
            for row in rows where found.count < limit && silent.remove(row.customer) != nil {
                found.append(candidate(customer: row.customer, ticket: row.ticket, at: row.at))
            }
            guard let last = rows.last, rows.count == page, !silent.isEmpty else { break }
            cursor = (last.at, last.ticket)
        }
        return found
    }

    /// Up to `limit` distinct customers with a ticket, drawn with `random` (ids picked at random,
    /// each taken to the next customer with a ticket), none of `excluding`.
    static func randomPool(limit: Int, excluding: Set<Int>, random: inout SeededRandom,
                           in db: Database) throws -> [CallDownPlanner.Candidate] {
        guard limit > 0, let low = try db.fetchInt("SELECT min(id) FROM customers"),
              let high = try db.fetchInt("SELECT max(id) FROM customers") else { return [] }
        let next = """
            SELECT c.id, (SELECT max(t.id) FROM tickets t WHERE t.requester_id = c.id) AS newest
            FROM customers c WHERE c.id >= ? AND newest IS NOT NULL ORDER BY c.id LIMIT 1
            """
        var chosen: Set<Int> = []
        var pool: [CallDownPlanner.Candidate] = []
        for _ in 0..<(limit * 4 + 16) where pool.count < limit {
            let start = low + random.below(high - low + 1)
            guard let (customer, ticket) = try db.fetchOne(next, start, transform: { ($0.int(0), $0.int(1)) })
                    ?? db.fetchOne(next, low, transform: { ($0.int(0), $0.int(1)) }) else { break }
            guard !excluding.contains(customer), chosen.insert(customer).inserted else { continue }
            pool.append(.init(customerID: customer, reason: .random, detail: "chosen at random, for balance",
                              ticketID: ticket))
        }
        return pool
    }

    /// `2 d 4 h`, `5 h 10 min`, `12 min`: a wait in words.
    static func duration(_ seconds: Int64) -> String {
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        if days > 0 { return hours % 24 == 0 ? "\(days) d" : "\(days) d \(hours % 24) h" }
        if hours > 0 { return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min" }
        return "\(max(1, minutes)) min"
    }
}
