import Foundation
import Storage

/// A week's call-down after planning: what was there already and what was added.
public struct CallDownPlan: Sendable, Equatable {
    public var week: ISOWeek
    /// Entries planned before, kept as they were.
    public var kept: [CallDown]
    /// Entries this plan added.
    public var added: [CallDown]

    /// Every entry of the week in list order (`CallDownService.order`).
    public var all: [CallDown] {
        (kept + added).sorted { ($0.executive, $0.reason.rank, $0.id) < ($1.executive, $1.reason.rank, $1.id) }
    }
}

/// The weekly executive call-down: planning the lists (`CallDownPlanner` decides, this reads and
/// writes), reading them, and recording the calls.
///
/// Everyone may read every list (what executives hear is for everyone, like check-in notes); a
/// listing shows the actor's own list unless asked for another executive's or all.
public struct CallDownService {
    let context: ServiceContext

    /// The week now, in the company's zone.
    public var currentWeek: ISOWeek {
        ISOWeek.containing(context.now, zone: ShiftTime.companyZone(context.config))
    }

    /// Plans `week`: keeps what is planned already and fills every active executive's list up to
    /// `calldown.customersPerExecutive` (planning again adds only what is missing). One
    /// transaction, one audit entry when anything was added.
    @discardableResult
    public func plan(week: ISOWeek) throws -> CallDownPlan {
        try context.check(.planCallDowns)
        let zone = ShiftTime.companyZone(context.config)
        let settings = context.config.calldown
        let weekText = week.description
        return try context.write { db in
            let executives = try db.fetchAll("""
                SELECT id FROM people WHERE role = 'exec' AND active = 1 ORDER BY login
                """) { $0.int(0) }
            let kept = try db.fetchAll(Self.select + " WHERE d.week = ? " + Self.order, weekText,
                                       transform: Self.callDown)
            let planned = try db.fetchAll("SELECT exec_id, customer_id, reason FROM calldowns WHERE week = ?", weekText) {
                CallDownPlanner.Entry(executiveID: $0.int(0), candidate: .init(
                    customerID: $0.int(1), reason: CallDown.Reason(rawValue: $0.string(2)) ?? .random, detail: ""))
            }
            var recent: Set<Int> = []
            if settings.noRepeatWeeks > 1 {
                try db.forEachRow("SELECT customer_id FROM calldowns WHERE week > ? AND week < ? AND week <> ?",
                                  week.adding(-settings.noRepeatWeeks).description,
                                  week.adding(settings.noRepeatWeeks).description, weekText) { recent.insert($0.int(0)) }
            }
            let excluded = recent.union(planned.map(\.candidate.customerID))
            let need = executives.count * settings.customersPerExecutive
            let start = week.start(in: zone)
            var random = SeededRandom(seed: CallDownPlanner.seed(for: week))
            let bad = need == 0 ? [] : try CallDownCandidates.badExperiences(
                before: start, config: context.config, excluding: excluded, in: db)
            let silent = need == 0 ? [] : try CallDownCandidates.silences(
                before: start, silenceDays: settings.silenceDays, limit: need, excluding: excluded, in: db)
            // Random picks are drawn from everyone else, so the pool is not spent on customers
            // already chosen for a reason.
            let pool = try CallDownCandidates.randomPool(
                limit: need, excluding: excluded.union((bad + silent).map(\.customerID)), random: &random, in: db)
            let input = CallDownPlanner.Input(
                executives: executives, perExecutive: settings.customersPerExecutive, badExperiences: bad,
                silences: silent, randomPool: pool, recentlyCalled: recent, planned: planned, seed: random.next())
            let entries = CallDownPlanner.plan(input)
            guard !entries.isEmpty else { return CallDownPlan(week: week, kept: kept, added: []) }
            var ids: [Int] = []
            for entry in entries {
                try db.execute("""
                    INSERT INTO calldowns (week, exec_id, customer_id, reason, detail, ticket_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, weekText, entry.executiveID, entry.candidate.customerID, entry.candidate.reason.rawValue,
                    entry.candidate.detail, entry.candidate.ticketID, context.now, context.now)
                ids.append(Int(db.lastInsertRowID))
            }
            try context.audit("calldown.plan", entity: "calldown-week", id: weekText, after: [
                "added": String(entries.count), "executives": String(executives.count),
                "customers": entries.map { String($0.candidate.customerID) }.joined(separator: ","),
            ])
            let added = try db.fetchAll(Self.select + " WHERE d.week = ? AND d.id >= ? " + Self.order,
                                        weekText, ids.min() ?? 0, transform: Self.callDown)
            return CallDownPlan(week: week, kept: kept, added: added)
        }
    }

    /// A list's order: by executive, then bad experiences (worst first: they were dealt in that
    /// order), long silences, random customers.
    static let order = """
        ORDER BY p.login, CASE d.reason WHEN 'bad-experience' THEN 0 WHEN 'silence' THEN 1 ELSE 2 END, d.id
        """

    /// A week's call-downs (this week by default) in list order: the actor's own list,
    /// or `executive`'s, or with `everyone` all of them.
    public func list(week: ISOWeek? = nil, executive: String? = nil, everyone: Bool = false) throws -> [CallDown] {
        try context.check(.listen)
        let week = week ?? currentWeek
        return try context.read { db in
            if everyone {
                return try db.fetchAll(Self.select + " WHERE d.week = ? " + Self.order, week.description,
                                       transform: Self.callDown)
            }
            let login = executive ?? context.actor.person.login
            guard let person = try PeopleService.find(login: login, in: db) else {
                throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
            }
            return try db.fetchAll(Self.select + " WHERE d.exec_id = ? AND d.week = ? " + Self.order, person.id,
                                   week.description, transform: Self.callDown)
        }
    }

    public func find(id: Int) throws -> CallDown {
        try context.check(.listen)
        return try context.read { db in try Self.find(id: id, in: db) }
    }

    static func find(id: Int, in db: Database) throws -> CallDown {
        guard let found = try db.fetchOne(select + " WHERE d.id = ?", id, transform: callDown) else {
            throw AllHandsError.notFound(what: "call-down #\(id)")
        }
        return found
    }

    /// Records a call: its state, its notes, or both. The executive it belongs to, or someone who
    /// manages follow-ups; compare-and-set on `expectedVersion` when given; audited.
    @discardableResult
    public func update(id: Int, state: CallDown.State? = nil, notes: String? = nil,
                       expectedVersion: Int? = nil) throws -> CallDown {
        let notes = try notes.map { try FieldLimits.optional($0, "the notes", limit: FieldLimits.messageBody) }
        return try context.write { db in
            let current = try Self.find(id: id, in: db)
            try context.check(Permissions.followUpAction(people: [current.executive], actor: context.actor.person.login))
            if let expectedVersion, expectedVersion != current.version {
                throw AllHandsError.conflict(what: "call-down #\(id)", expected: expectedVersion, found: current.version)
            }
            var next = current
            next.state = state ?? current.state
            next.notes = notes ?? current.notes
            guard next != current else { return current }
            try db.execute("""
                UPDATE calldowns SET state = ?, notes = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, next.state.rawValue, next.notes, context.now, id, current.version)
            var before: [String: String?] = [:], after: [String: String?] = [:]
            if next.state != current.state {
                before["state"] = current.state.rawValue
                after["state"] = next.state.rawValue
            }
            if next.notes != current.notes {
                before["notes"] = current.notes
                after["notes"] = next.notes
            }
            try context.audit("calldown.update", entity: "calldown", id: id, before: before, after: after)
            return try Self.find(id: id, in: db)
        }
    }

    /// The customer's newest tickets, for the call-down view's "one key away".
    public func recentTickets(customerID: Int, limit: Int = 5) throws -> [Ticket] {
        try context.check(.viewTickets)
        return try context.read { db in try TicketService.recent(customerID: customerID, limit: limit, in: db) }
    }

    static let select = """
        SELECT d.id, d.week, p.login, d.customer_id, c.name, c.email, d.reason, d.detail, d.ticket_id, d.state, d.notes,
               d.updated_at, d.version
        FROM calldowns d JOIN people p ON p.id = d.exec_id JOIN customers c ON c.id = d.customer_id
        """

    static func callDown(_ row: Row) -> CallDown {
        CallDown(id: row.int(0), week: ISOWeek(row.string(1)) ?? ISOWeek(year: 1970, week: 1), executive: row.string(2),
                 customerID: row.int(3), customerName: row.string(4), customerEmail: row.string(5),
                 reason: CallDown.Reason(rawValue: row.string(6)) ?? .random, detail: row.string(7),
                 ticketID: row.optionalInt(8), state: CallDown.State(rawValue: row.string(9)) ?? .toCall,
                 notes: row.string(10), updatedAt: row.int64(11), version: row.int(12))
    }
}

extension CallDown.Reason {
    /// Where the reason comes in a list: bad experiences, silences, random customers.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

extension TicketService {
    /// A customer's newest tickets first, with their tags (`tickets_requester` keeps it one seek).
    static func recent(customerID: Int, limit: Int, in db: Database) throws -> [Ticket] {
        var tickets = try db.fetchAll(listColumns() + " WHERE t.requester_id = ? ORDER BY t.id DESC LIMIT ?",
                                      customerID, limit, transform: ticket)
        try attachTags(to: &tickets, in: db)
        return tickets
    }
}
