import Foundation
import Storage

/// What one person may still give alone in their current shift.
public struct GoodwillBudget: Sendable, Equatable {
    /// The config's budget per shift, in cents of `currency`.
    public var perShift: Int
    public var currency: String
    /// Granted and approved gestures of the person's current shift; 0 off shift.
    public var spent: Int
    /// The shift the budget belongs to; nil off shift, where there is no budget and every
    /// gesture waits for a lead.
    public var shiftID: Int?

    /// What is left to give alone (nothing off shift).
    public var left: Int { shiftID == nil ? 0 : max(0, perShift - spent) }
}

/// Goodwill gestures with "one good reason": a refund, credit, swag or other gift that puts a
/// customer's situation right. Within the per-shift budget (`goodwill.budgetPerShift` in the
/// config) the person on shift decides alone and the gesture is granted; above it, or off
/// shift, it awaits a lead's approval. Leads and admins have the same budget: over it, another
/// lead decides (nobody decides on their own gesture). Amounts are whole cents in the config's one currency: a gesture in another
/// currency is refused, since the budget could not be compared. Every gesture and decision is
/// audited on its ticket, and a decision leaves an internal note there for the giver.
public struct GoodwillService {
    let context: ServiceContext

    /// The largest single gesture, in cents: a typo guard (1,000,000.00).
    public static let largestAmount = 100_000_000

    /// Gives a gesture on ticket `ticketID`. `currency` defaults to (and must be) the config's.
    @discardableResult
    public func give(ticketID: Int, kind: Goodwill.Kind, amount: Int, currency: String? = nil,
                     reason: String) throws -> Goodwill {
        try context.check(.updateTicket)
        let reason = try FieldLimits.required(reason, "a reason", limit: FieldLimits.reason)
        let expected = context.config.goodwill.currency
        let currency = currency?.trimmingCharacters(in: .whitespaces).uppercased() ?? expected
        guard currency == expected else {
            throw AllHandsError.invalid("goodwill is given in \(expected), the currency of the shift budget "
                + "(not \(FieldLimits.excerpt(currency, length: 10)))")
        }
        guard (1...Self.largestAmount).contains(amount) else {
            throw AllHandsError.invalid("an amount is more than 0 and at most \(Self.format(Self.largestAmount, currency: expected))")
        }
        // One good reason is plain words: no control characters or direction overrides (which
        // only hide or disguise text), and at least one letter or digit.
        guard !reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isBidiControl }),
              reason.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            throw AllHandsError.invalid("a reason needs words: say why the customer should have this")
        }
        let me = context.actor.person
        return try context.write { db in
            let ticket = try TicketService.find(id: ticketID, in: db)
            try TicketRules.checkNotClosed(ticket)
            // A gesture is part of answering the customer: on someone else's ticket it is theirs.
            if !Permissions.allows(me.role, Permissions.holderAction(holder: ticket.assigneeLogin, actor: me.login,
                                                                     touchesTheirWork: true)),
               let holder = ticket.assigneeLogin {
                throw AllHandsError.notAllowed("#\(ticketID) is \(holder)'s ticket: goodwill on it is theirs to give "
                    + "(support, leads and admins may take over); you can add a note suggesting it")
            }
            let budget = try Self.budget(for: me, config: context.config, at: context.now, in: db)
            let withinBudget = amount <= budget.left
            let status: Goodwill.Status = withinBudget ? .granted : .awaiting
            let shiftID = budget.shiftID
            try db.execute("""
                INSERT INTO goodwill (ticket_id, person_id, shift_id, kind, amount, currency, reason, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ticketID, me.id, shiftID, kind.rawValue, amount, currency, reason, status.rawValue, context.now)
            let gesture = Goodwill(id: Int(db.lastInsertRowID), ticketID: ticketID, by: me.login, kind: kind,
                                   amount: amount, currency: currency, reason: reason, status: status,
                                   createdAt: context.now)
            try context.audit("goodwill.give", entity: "ticket", id: ticketID, after: [
                "goodwill": String(gesture.id), "kind": kind.rawValue, "amount": Self.format(amount, currency: currency),
                "reason": reason, "status": status.rawValue,
            ])
            return gesture
        }
    }

    /// The actor's budget now.
    public func budget() throws -> GoodwillBudget {
        try context.read { db in try Self.budget(for: context.actor.person, config: context.config, at: context.now, in: db) }
    }

    static func budget(for person: Person, config: Configuration, at now: Int64, in db: Database) throws -> GoodwillBudget {
        var budget = GoodwillBudget(perShift: config.goodwill.budgetPerShift, currency: config.goodwill.currency,
                                    spent: 0, shiftID: nil)
        if case .onShift(let shiftID, _) = try ShiftRules.standing(personID: person.id, at: now, in: db) {
            budget.shiftID = shiftID
            budget.spent = try db.fetchInt("""
                SELECT coalesce(sum(amount), 0) FROM goodwill
                WHERE person_id = ? AND shift_id = ? AND status IN ('granted', 'approved')
                """, person.id, shiftID) ?? 0
        }
        return budget
    }

    /// Gestures newest first, `status` only when given: everyone's for those who approve
    /// gestures, else the actor's own.
    public func list(status: Goodwill.Status? = nil, limit: Int = 100) throws -> [Goodwill] {
        try context.check(.viewTickets)
        let everyone = Permissions.allows(context.actor.person.role, .approveGoodwill)
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let status {
            clauses.append("g.status = ?")
            arguments.append(status.rawValue)
        }
        if !everyone {
            clauses.append("g.person_id = ?")
            arguments.append(context.actor.person.id)
        }
        arguments.append(limit)
        return try context.read { db in
            try db.fetchAll(Self.select + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
                            + " ORDER BY g.id DESC LIMIT ?", arguments: arguments, transform: Self.gesture)
        }
    }

    /// A ticket's gestures, oldest first.
    public func forTicket(_ id: Int) throws -> [Goodwill] {
        try context.check(.viewTickets)
        return try context.read { db in try Self.forTicket(id, in: db) }
    }

    /// A ticket's gestures, oldest first, inside the caller's transaction (the ticket view).
    public static func forTicket(_ id: Int, in db: Database) throws -> [Goodwill] {
        try db.fetchAll(select + " WHERE g.ticket_id = ? ORDER BY g.id", id, transform: gesture)
    }

    /// Approves an awaiting gesture.
    @discardableResult
    public func approve(id: Int) throws -> Goodwill {
        try decide(id: id, .approved, reason: nil)
    }

    /// Declines an awaiting gesture; the reason goes in the note on its ticket.
    @discardableResult
    public func decline(id: Int, reason: String) throws -> Goodwill {
        let reason = try FieldLimits.required(reason, "a reason for declining", limit: FieldLimits.reason)
        return try decide(id: id, .declined, reason: reason)
    }

    /// Compare-and-set on the status: of two leads deciding at once, the second is told who
    /// decided first. Nobody decides on their own gesture.
    private func decide(id: Int, _ outcome: Goodwill.Status, reason: String?) throws -> Goodwill {
        try context.check(.approveGoodwill)
        let me = context.actor.person
        return try context.write { db in
            guard var gesture = try db.fetchOne(Self.select + " WHERE g.id = ?", id, transform: Self.gesture) else {
                throw AllHandsError.notFound(what: "goodwill #\(id)")
            }
            guard gesture.status == .awaiting else {
                if let by = gesture.decidedBy {
                    throw AllHandsError.alreadyDecided(what: "goodwill #\(id)", outcome: gesture.status.rawValue, by: by)
                }
                throw AllHandsError.notAllowed("goodwill #\(id) was granted within its giver's budget; there is nothing to decide")
            }
            guard gesture.by != me.login else {
                throw AllHandsError.notAllowed("goodwill #\(id) is your own; another lead decides on it")
            }
            let now = context.now
            try db.execute("""
                UPDATE goodwill SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'awaiting'
                """, outcome.rawValue, me.id, now, id)
            guard db.changes == 1 else {
                throw AllHandsError.invalid("internal: goodwill #\(id) changed while it was being decided")
            }
            gesture.status = outcome
            gesture.decidedBy = me.login
            gesture.decidedAt = now
            let what = "Goodwill #\(id) (\(gesture.kind.rawValue), \(Self.format(gesture.amount, currency: gesture.currency)))"
            try InternalNote.add(ticketID: gesture.ticketID,
                                 body: "\(what) \(outcome.rawValue) by \(me.login)" + (reason.map { ": \($0)" } ?? "."),
                                 by: me.id, at: now, in: db)
            var after: [String: String?] = ["goodwill": String(id), "status": outcome.rawValue]
            if let reason { after["reason"] = reason }
            try context.audit("goodwill.\(outcome == .approved ? "approve" : "decline")", entity: "ticket",
                              id: gesture.ticketID, before: ["goodwill": String(id), "status": "awaiting"], after: after)
            return gesture
        }
    }

    static let select = """
        SELECT g.id, g.ticket_id, p.login, g.kind, g.amount, g.currency, g.reason, g.status, d.login,
               g.decided_at, g.created_at
        FROM goodwill g JOIN people p ON p.id = g.person_id LEFT JOIN people d ON d.id = g.decided_by
        """

    static func gesture(_ row: Row) -> Goodwill {
        Goodwill(id: row.int(0), ticketID: row.int(1), by: row.string(2), kind: Goodwill.Kind(rawValue: row.string(3)) ?? .other,
                 amount: row.int(4), currency: row.string(5), reason: row.string(6),
                 status: Goodwill.Status(rawValue: row.string(7)) ?? .awaiting, decidedBy: row.optionalString(8),
                 decidedAt: row.isNull(9) ? nil : row.int64(9), createdAt: row.int64(10))
    }

    // MARK: - Amounts

    /// `12.50 USD`: cents as a decimal amount with two places and the currency.
    public static func format(_ cents: Int, currency: String) -> String {
        let sign = cents < 0 ? "-" : ""
        let whole = abs(cents) / 100, part = abs(cents) % 100
        return "\(sign)\(whole).\(part < 10 ? "0" : "")\(part) \(currency)"
    }

    /// Reads `12`, `12.5` or `12.50` as cents (1250); nil for anything else (negative amounts,
    /// more than two decimals, thousands separators, or more than `largestAmount`).
    public static func parseAmount(_ text: String) -> Int? {
        guard let match = text.trimmingCharacters(in: .whitespaces).wholeMatch(of: /(\d{1,9})(?:\.(\d{1,2}))?/),
              let whole = Int(match.1) else { return nil }
        let fraction = match.2.map { $0.count == 1 ? (Int($0) ?? 0) * 10 : Int($0) ?? 0 } ?? 0
        let cents = whole * 100 + fraction
        return cents <= largestAmount ? cents : nil
    }
}
