import Storage

/// A few goodwill gestures and one boundary, so the demo shows them: refunds leads granted on
/// solved billing tickets, a credit over the shift budget that the first employee (on shift at
/// the as-of instant) asked for and a lead has yet to decide, and a requester marked abusive.
/// Picked from the generated tickets by query, so they follow the seed and as-of like the rest.
enum DemoGestures {
    static let refundReasons = [
        "Charged twice for the same month; refunded the duplicate.",
        "The outage cost them a day of invoicing.",
        "Renewal went through after they had asked to cancel.",
    ]

    static func write(in db: Database, now: Int64, budget: Configuration.Goodwill) throws {
        guard let lead = try db.fetchInt("SELECT min(id) FROM people WHERE role = 'lead'") else { return }
        let insert = try db.statement("""
            INSERT INTO goodwill (ticket_id, person_id, shift_id, kind, amount, currency, reason, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func give(_ ticket: Int, by person: Int, shift: Int?, _ kind: Goodwill.Kind, _ amount: Int, _ reason: String,
                  _ status: Goodwill.Status, at: Int64) throws {
            insert.bind(ticket, at: 1)
            insert.bind(person, at: 2)
            if let shift { insert.bind(shift, at: 3) } else { insert.bindNull(at: 3) }
            insert.bind(kind.rawValue, at: 4)
            insert.bind(amount, at: 5)
            insert.bind(budget.currency, at: 6)
            insert.bind(reason, at: 7)
            insert.bind(status.rawValue, at: 8)
            insert.bind(at, at: 9)
            try insert.run()
        }
        let refunds = try db.fetchAll("""
            SELECT t.id, t.updated_at FROM tickets t JOIN ticket_tags tt ON tt.ticket_id = t.id
            JOIN tags g ON g.id = tt.tag_id AND g.name = 'refund'
            WHERE t.status IN ('solved', 'closed') ORDER BY t.id DESC LIMIT ?
            """, refundReasons.count) { ($0.int(0), $0.int64(1)) }
        for (index, (ticket, at)) in refunds.enumerated() {
            try give(ticket, by: lead, shift: nil, .refund, 1_500 + 1_000 * index, refundReasons[index], .granted, at: at)
        }
        let shift = try db.fetchInt("SELECT id FROM shifts WHERE starts_at <= ? AND ? < ends_at", now, now)
        if let employee = try db.fetchInt("SELECT min(id) FROM people WHERE role = 'employee'"),
           let ticket = try db.fetchInt("""
               SELECT max(t.id) FROM tickets t JOIN ticket_tags tt ON tt.ticket_id = t.id
               JOIN tags g ON g.id = tt.tag_id AND g.name = 'billing' WHERE t.status IN ('open', 'pending')
               """) {
            try give(ticket, by: employee, shift: shift, .credit, budget.budgetPerShift + 3_000,
                     "Third failed export this month; a month's credit keeps them with us.", .awaiting, at: now - 60)
        }
        if let support = try db.fetchInt("SELECT min(id) FROM people WHERE role = 'support'"),
           let customer = try db.fetchInt("SELECT requester_id FROM tickets WHERE status = 'open' ORDER BY id DESC LIMIT 1") {
            try db.execute("INSERT INTO boundaries (customer_id, reason, set_by, set_at) VALUES (?, ?, ?, ?)", customer,
                           "Insulted the agent by name in two replies; answered with the boundary macro.", support, now - 7_200)
        }
    }
}
