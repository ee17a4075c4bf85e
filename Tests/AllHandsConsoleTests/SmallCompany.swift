import AllHandsCore
import Foundation
import Storage

/// A small company written by hand, straight into the schema, for console tests: five people
/// in five zones, four customers, eight tickets across every status and priority with tags and
/// threads (one subject hostile, one with emoji sequences, one in Japanese), and optionally
/// plain numbered tickets for scrolling. Ticket 6 carries what working a shift adds: two
/// goodwill gestures (one waiting for a lead), a boundary on its requester, a colleague writing
/// a reply right now, the viewer's draft and its history; the admin is on shift until 20:00 UTC. Nothing here depends on the demo generator, so a
/// change to the demo never re-records a console snapshot.
enum SmallCompany {
    struct Seed {
        var subject: String
        var status: String
        var priority: Priority
        var requester: Int
        var assignee: String?
        var hoursAgo: Int64
        var tags: [String]
    }

    static let people: [(login: String, name: String, team: String, role: Role, zone: String)] = [
        ("fkim", "Fatima Kim", "support", .support, "Asia/Seoul"),
        ("bbianchi", "Bruno Bianchi", "support", .lead, "Europe/Rome"),
        ("jsato", "Jun Sato", "engineering", .employee, "Asia/Tokyo"),
        ("mexec", "Maya Exec", "leadership", .exec, "America/Los_Angeles"),
    ]

    static let customers: [(name: String, email: String, organization: String)] = [
        ("Dana Whitfield", "dana@northwind.example", "Northwind"),
        ("Omar Haddad", "omar@haddad.example", ""),
        ("Keiko Tanaka", "keiko@sakura.example", "Sakura KK"),
        ("Lee Park", "lee@park.example", "Park & Co"),
    ]

    /// The hostile subject: a title-setting OSC, a screen clear and a bidi override.
    static let hostileSubject = "\u{1B}]0;owned\u{07}Refund \u{1B}[2Jplease \u{202E}txt.exe"
    static let emojiSubject = "Family 👨‍👩‍👧‍👦 plan for our 🇯🇵 office 👍🏽"

    static let tickets: [Seed] = [
        Seed(subject: "Charged twice for the November renewal", status: "open", priority: .urgent, requester: 1,
             assignee: "fkim", hoursAgo: 50, tags: ["area:billing", "type:bug"]),
        Seed(subject: "Cannot invite a second admin", status: "new", priority: .high, requester: 2,
             assignee: nil, hoursAgo: 5, tags: ["area:accounts", "type:question"]),
        Seed(subject: "Export to CSV drops accented names like café", status: "pending", priority: .normal, requester: 3,
             assignee: "jsato", hoursAgo: 30, tags: ["area:reporting", "type:bug"]),
        Seed(subject: emojiSubject, status: "open", priority: .normal, requester: 4,
             assignee: nil, hoursAgo: 12, tags: ["area:billing", "type:feature-request"]),
        Seed(subject: hostileSubject, status: "new", priority: .low, requester: 1,
             assignee: nil, hoursAgo: 2, tags: ["area:billing"]),
        Seed(subject: "請求書が届きません (invoice never arrives)", status: "open", priority: .high, requester: 3,
             assignee: "bbianchi", hoursAgo: 70, tags: ["area:billing", "type:question", "vip"]),
        Seed(subject: "Dark mode for the dashboard", status: "solved", priority: .low, requester: 2,
             assignee: "fkim", hoursAgo: 200, tags: ["area:reporting", "type:feature-request"]),
        Seed(subject: "Password reset email never arrives", status: "closed", priority: .normal, requester: 4,
             assignee: "jsato", hoursAgo: 400, tags: ["area:accounts", "type:bug"]),
    ]

    static let companyZone = TimeZone(identifier: "America/New_York") ?? .gmt

    /// Writes the company into a database whose first person (the admin, `admin`) exists.
    /// `extraTickets` adds open tickets numbered after the hand-written ones, every priority in
    /// turn, one every ten minutes back from `now`.
    static func write(into database: Database, admin: String, now: Int64, extraTickets: Int = 0) throws {
        try database.write { db in
            try db.execute("UPDATE people SET name = 'Ada Admin', team = 'operations', timezone = 'America/New_York' WHERE login = ?", admin)
            for p in people {
                try db.execute("INSERT INTO people (login, name, email, team, role, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               p.login, p.name, p.login + "@example.com", p.team, p.role.rawValue, p.zone, now - 86_400 * 90)
            }
            for (i, c) in customers.enumerated() {
                try db.execute("INSERT INTO customers (id, name, email, organization, created_at) VALUES (?, ?, ?, ?, ?)",
                               i + 1, c.name, c.email, c.organization, now - 86_400 * 120)
            }
            var tagIDs: [String: Int64] = [:]
            func tagID(_ qualified: String) throws -> Int64 {
                if let id = tagIDs[qualified] { return id }
                let parts = qualified.split(separator: ":", maxSplits: 1).map(String.init)
                let (dimension, name): (String?, String) = parts.count == 2 ? (parts[0], parts[1]) : (nil, parts[0])
                try db.execute("INSERT INTO tags (name, dimension, created_at) VALUES (?, ?, ?)", name, dimension, now - 86_400 * 100)
                tagIDs[qualified] = db.lastInsertRowID
                return db.lastInsertRowID
            }
            // Each link with its event in the tag history, on the day of the ticket's creation in the
            // company's zone (New York), as tagging a new ticket writes it.
            func link(_ ticket: Int, _ tag: Int64, at: Int64) throws {
                try db.execute("INSERT INTO ticket_tags (ticket_id, tag_id) VALUES (?, ?)", ticket, tag)
                let offset = Int64(companyZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(at))))
                let day = Int((Double(at + offset) / 86_400).rounded(.down))
                try db.execute("INSERT INTO tag_events (ticket_id, tag_id, added, at, day) VALUES (?, ?, 1, ?, ?)",
                               ticket, tag, at, day)
            }
            for (i, t) in tickets.enumerated() {
                let id = i + 1
                let created = now - t.hoursAgo * 3_600
                try db.execute("""
                    INSERT INTO tickets (id, subject, status, priority, requester_id, assignee_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, (SELECT id FROM people WHERE login = ?), ?, ?)
                    """, id, t.subject, t.status, t.priority.rawValue, t.requester, t.assignee, created, created)
                for tag in t.tags { try link(id, try tagID(tag), at: created) }
                try db.execute("INSERT INTO messages (ticket_id, kind, author_customer_id, body, created_at) VALUES (?, 'customer', ?, ?, ?)",
                               id, t.requester, "Hello,\n\(t.subject)\n\nThanks.", created)
                if let agent = t.assignee {
                    try db.execute("""
                        INSERT INTO messages (ticket_id, kind, author_person_id, body, created_at)
                        VALUES (?, 'reply', (SELECT id FROM people WHERE login = ?), ?, ?)
                        """, id, agent, "Thanks for writing in. I am looking into it now.", created + 1_800)
                    try db.execute("""
                        INSERT INTO messages (ticket_id, kind, author_person_id, body, created_at)
                        VALUES (?, 'note', (SELECT id FROM people WHERE login = ?), ?, ?)
                        """, id, agent, "Internal: checked the logs, see the linked incident.", created + 2_400)
                    try db.execute("UPDATE tickets SET first_response_at = ? WHERE id = ?", created + 1_800, id)
                }
                if t.status == "solved" || t.status == "closed" {
                    try db.execute("UPDATE tickets SET solved_at = ? WHERE id = ?", created + 7_200, id)
                }
            }
            try writeShiftWork(db, admin: admin, now: now)
            for n in 0..<extraTickets {
                let id = tickets.count + 1 + n
                let created = now - Int64(n + 1) * 600
                try db.execute("""
                    INSERT INTO tickets (id, subject, status, priority, requester_id, created_at, updated_at)
                    VALUES (?, ?, 'open', ?, ?, ?, ?)
                    """, id, "Numbered ticket \(id)", n % 4, n % customers.count + 1, created, created)
                try link(id, try tagID("area:onboarding"), at: created)
            }
        }
    }

    /// The shift, goodwill, boundary, presence, draft and audit rows of ticket 6.
    static func writeShiftWork(_ db: Database, admin: String, now: Int64) throws {
        func person(_ login: String) throws -> Int { try db.fetchInt("SELECT id FROM people WHERE login = ?", login) ?? 0 }
        try db.execute("INSERT INTO shifts (id, starts_at, ends_at, min_seats, max_seats, label, created_at) VALUES (1, ?, ?, 1, 3, 'Day', ?)",
                       now - 4 * 3_600, now + 4 * 3_600, now - 86_400)
        for login in [admin, "fkim"] {
            try db.execute("INSERT INTO shift_assignments (shift_id, person_id, created_at) VALUES (1, ?, ?)", try person(login), now - 86_400)
        }
        try db.execute("""
            INSERT INTO goodwill (ticket_id, person_id, shift_id, kind, amount, currency, reason, status, decided_by, decided_at, created_at)
            VALUES (6, ?, 1, 'credit', 1500, 'USD', 'Invoice emails failed for a month', 'granted', NULL, NULL, ?),
                   (6, ?, 1, 'refund', 12000, 'USD', 'Charged for a month they could not use', 'awaiting', NULL, NULL, ?)
            """, try person("bbianchi"), now - 3_600, try person("fkim"), now - 1_800)
        try db.execute("INSERT INTO boundaries (customer_id, reason, set_by, set_at) VALUES (3, 'Threatened the agent on the phone', ?, ?)",
                       try person("bbianchi"), now - 7_200)
        try db.execute("INSERT INTO presence (ticket_id, person_id, activity, seen_at) VALUES (6, ?, 'composing', ?)", try person("fkim"), now - 5)
        try db.execute("INSERT INTO drafts (ticket_id, person_id, kind, body, updated_at) VALUES (6, ?, 'reply', 'Half a reply', ?)",
                       try person(admin), now - 600)
        try db.execute("""
            INSERT INTO audit_log (at, actor, via, action, entity, entity_id, before, after) VALUES
            (?, 'bbianchi', NULL, 'ticket.claim', 'ticket', '6', '{"assignee":null,"status":"new"}', '{"assignee":"bbianchi","status":"open"}'),
            (?, 'bbianchi', NULL, 'ticket.tag', 'ticket', '6', NULL, '{"tags":"vip"}'),
            (?, 'fkim', 'ada', 'ticket.update', 'ticket', '6', '{"priority":"normal"}', '{"priority":"high"}')
            """, now - 70 * 3_600 + 600, now - 60 * 3_600, now - 3_600)
    }
}
