import AllHandsCore
import Foundation
import Storage

/// A small company for call-downs, check-ins and action items: two executives, a lead, two
/// employees, and customers whose tickets give each reason to call (written straight into the
/// file at known instants before week 2026-W48).
struct FollowUpCompany {
    static let week = ISOWeek("2026-W48")!
    static let zone = ShiftTime.companyZone(.default)
    /// Monday 2026-11-23 00:00 in New York.
    static let weekStart = week.start(in: zone)
    static let day: Int64 = 86_400

    let f = Fixture()
    /// Ticket ids by customer email.
    var tickets: [String: Int] = [:]

    init() throws {
        try f.addPeople([.lead, .employee, .support])
        let admin = try f.workspace()
        for login in ["exec1", "exec2"] {
            try admin.people.add(Person(login: login, name: "Exec \(login.suffix(1))", role: .exec))
        }
        try admin.people.add(Person(login: "employee2", name: "B employee"))
        let start = Self.weekStart, day = Self.day
        // A first reply 2 d 4 h after a normal ticket (target 8 h): 6.5 times the target.
        tickets["late@example.com"] = try ticket("late@example.com", created: start - 7 * day, reply: 2 * day + 4 * 3_600)
        // A 20.00 USD refund: 4.4.
        tickets["refund@example.com"] = try ticket("refund@example.com", created: start - 3 * day, reply: 600)
        // Reopened three times: 3.
        tickets["reopen@example.com"] = try ticket("reopen@example.com", created: start - 20 * day, reply: 600)
        // Reopened once: not a bad experience.
        tickets["once@example.com"] = try ticket("once@example.com", created: start - 20 * day, reply: 600)
        tickets["quiet@example.com"] = try ticket("quiet@example.com", created: start - 140 * day, reply: 600)
        tickets["quieter@example.com"] = try ticket("quieter@example.com", created: start - 200 * day, reply: 600)
        // Late, but before the four weeks.
        tickets["old@example.com"] = try ticket("old@example.com", created: start - 40 * day, reply: 3 * day)
        for n in 1...5 {
            tickets["r\(n)@example.com"] = try ticket("r\(n)@example.com", created: start - Int64(n) * day, reply: 600)
        }
        let db = try f.database()
        let refund = tickets["refund@example.com"]!, reopen = tickets["reopen@example.com"]!, once = tickets["once@example.com"]!
        try db.write { db in
            try db.execute("""
                INSERT INTO goodwill (ticket_id, person_id, kind, amount, currency, reason, status, created_at)
                VALUES (?, 1, 'refund', 2000, 'USD', 'Charged twice', 'granted', ?)
                """, refund, start - 2 * day)
            for (ticket, times) in [(reopen, 3), (once, 1)] {
                for n in 0..<times {
                    try db.execute("""
                        INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
                        VALUES (?, 'admin', 'ticket.customer-message', 'ticket', ?, '{"status":"solved"}', '{"status":"open"}')
                        """, start - Int64(10 - n) * day, String(ticket))
                }
            }
        }
    }

    /// A customer (made on first use) and a normal-priority ticket of theirs, solved, first
    /// answered `reply` seconds after `created`.
    func ticket(_ email: String, created: Int64, reply: Int64) throws -> Int {
        let db = try f.database()
        return try db.write { db in
            var customer = try db.fetchInt("SELECT id FROM customers WHERE email = ?", email)
            if customer == nil {
                try db.execute("INSERT INTO customers (name, email, created_at) VALUES (?, ?, ?)",
                               String(email.prefix { $0 != "@" }).capitalized, email, created)
                customer = Int(db.lastInsertRowID)
            }
            try db.execute("""
                INSERT INTO tickets (subject, status, priority, requester_id, created_at, updated_at, first_response_at, solved_at)
                VALUES (?, 'solved', 2, ?, ?, ?, ?, ?)
                """, "Help for \(email)", customer, created, created + reply, created + reply, created + reply)
            return Int(db.lastInsertRowID)
        }
    }

    /// A workspace for `login` whose clock reads `instant` (the fixture's now by default).
    func workspace(_ login: String, at instant: Int64 = Fixture.now) throws -> Workspace {
        let clock = FixedClock(epochSeconds: instant)
        return try Workspace(database: Workspace.openDatabase(path: f.path, clock: clock), config: .default,
                             clock: clock, login: login)
    }
}
