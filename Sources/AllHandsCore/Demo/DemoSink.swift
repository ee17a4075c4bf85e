import Foundation
import Storage

/// Where generated demo rows go: the database, or (for the benchmark) a counter that
/// measures the generator alone.
protocol DemoSink {
    mutating func ticket(id: Int, subject: String, status: TicketStatus, priority: Priority, requester: Int,
                         assignee: Int?, created: Int64, updated: Int64, firstResponse: Int64?, solved: Int64?) throws
    mutating func message(ticket: Int, kind: MessageKind, person: Int?, customer: Int?, body: String, at: Int64) throws
    /// Puts `tag` on `ticket` at `at`, by `person` (the tag event log gets its entry too).
    mutating func tag(ticket: Int, tag: Int, at: Int64, by person: Int?) throws
}

/// Inserts rows with four cached statements and direct binds.
struct DatabaseDemoSink: DemoSink {
    private let tickets: Statement
    private let messages: Statement
    private let links: Statement
    private let events: Statement
    private var days: LocalDays
    private(set) var counts = DemoSummary()

    /// `zone` dates the tag events' days (the company's).
    init(_ db: Database, zone: TimeZone) throws {
        days = LocalDays(zone: zone)
        tickets = try db.statement("""
            INSERT INTO tickets (id, subject, status, priority, requester_id, assignee_id, created_at, updated_at, version,
                                 first_response_at, solved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """)
        messages = try db.statement("""
            INSERT INTO messages (ticket_id, kind, author_person_id, author_customer_id, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        links = try db.statement("INSERT INTO ticket_tags (ticket_id, tag_id) VALUES (?, ?)")
        events = try db.statement("""
            INSERT INTO tag_events (ticket_id, tag_id, added, at, day, person_id) VALUES (?, ?, 1, ?, ?, ?)
            """)
    }

    mutating func ticket(id: Int, subject: String, status: TicketStatus, priority: Priority, requester: Int,
                         assignee: Int?, created: Int64, updated: Int64, firstResponse: Int64?, solved: Int64?) throws {
        let s = tickets
        s.bind(id, at: 1)
        s.bind(subject, at: 2)
        s.bind(status.rawValue, at: 3)
        s.bind(priority.rawValue, at: 4)
        s.bind(requester, at: 5)
        if let assignee { s.bind(assignee, at: 6) } else { s.bindNull(at: 6) }
        s.bind(created, at: 7)
        s.bind(updated, at: 8)
        if let firstResponse { s.bind(firstResponse, at: 9) } else { s.bindNull(at: 9) }
        if let solved { s.bind(solved, at: 10) } else { s.bindNull(at: 10) }
        try s.run()
        counts.tickets += 1
    }

    mutating func message(ticket: Int, kind: MessageKind, person: Int?, customer: Int?, body: String, at: Int64) throws {
        let s = messages
        s.bind(ticket, at: 1)
        s.bind(kind.rawValue, at: 2)
        if let person { s.bind(person, at: 3) } else { s.bindNull(at: 3) }
        if let customer { s.bind(customer, at: 4) } else { s.bindNull(at: 4) }
        s.bind(body, at: 5)
        s.bind(at, at: 6)
        try s.run()
        counts.messages += 1
    }

    mutating func tag(ticket: Int, tag: Int, at: Int64, by person: Int?) throws {
        links.bind(ticket, at: 1)
        links.bind(tag, at: 2)
        try links.run()
        events.bind(ticket, at: 1)
        events.bind(tag, at: 2)
        events.bind(at, at: 3)
        events.bind(days.day(of: at), at: 4)
        if let person { events.bind(person, at: 5) } else { events.bindNull(at: 5) }
        try events.run()
        counts.tagLinks += 1
    }
}

/// Keeps nothing, counts everything: the generator's own speed, without SQLite.
struct CountingDemoSink: DemoSink {
    private(set) var counts = DemoSummary()
    private(set) var textBytes = 0

    mutating func ticket(id: Int, subject: String, status: TicketStatus, priority: Priority, requester: Int,
                         assignee: Int?, created: Int64, updated: Int64, firstResponse: Int64?, solved: Int64?) throws {
        counts.tickets += 1
        textBytes += subject.utf8.count
    }

    mutating func message(ticket: Int, kind: MessageKind, person: Int?, customer: Int?, body: String, at: Int64) throws {
        counts.messages += 1
        textBytes += body.utf8.count
    }

    mutating func tag(ticket: Int, tag: Int, at: Int64, by person: Int?) throws {
        counts.tagLinks += 1
    }
}
