import Storage

/// The listen view's timeline query: messages joined to their ticket and author, in message id
/// order, for the whole floor, one tag's tickets, or one agent shadowed.
enum ListenTimeline {
    static let largestPage = 1_000

    /// A filter with its tag or person looked up.
    enum Scope {
        case all
        case tag(Tag)
        case shadow(Person)

        init(_ filter: ListenFilter, taxonomy: Configuration.Taxonomy, in db: Database) throws {
            switch filter {
            case .all:
                self = .all
            case .tag(let name):
                self = .tag(try filterTag(name, taxonomy: taxonomy, in: db))
            case .shadow(let login):
                guard let person = try PeopleService.find(login: login, in: db) else {
                    throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
                }
                self = .shadow(person)
            }
        }

        /// The filter as a session records it (a tag by its canonical name).
        var filter: ListenFilter {
            switch self {
            case .all: .all
            case .tag(let tag): .tag(tag.name)
            case .shadow(let person): .shadow(login: person.login)
            }
        }
    }

    /// The tag a filter names (`billing`, `area:billing`, an alias, an old name), or `notFound`.
    /// A taxonomy tag no ticket has carried yet has no row: it comes back with id 0, which
    /// nothing links to, so it filters to nothing instead of failing.
    static func filterTag(_ name: String, taxonomy: Configuration.Taxonomy, in db: Database) throws -> Tag {
        let text = taxonomy.canonical(name.trimmingCharacters(in: .whitespaces).lowercased())
        if let tag = try TagService.resolve(text, in: db) { return tag }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let bare = parts.last ?? text
        if let dimension = taxonomy.dimension(ofTag: bare), parts.count == 1 || parts[0] == dimension {
            return Tag(id: 0, name: bare, dimension: dimension)
        }
        throw AllHandsError.notFound(what: "tag '\(FieldLimits.excerpt(name))'")
    }

    /// What one entry reads, from `messages m` joined to `tickets t`. `first` tells a ticket's
    /// first customer message (its arrival) from a later one: only the ticket's own earlier
    /// messages are looked at, through `messages_ticket`.
    static let columns = """
        SELECT m.id, m.kind, m.ticket_id, t.subject, coalesce(p.login, c.name, ''), m.body, m.created_at,
               m.kind = 'customer' AND NOT EXISTS (SELECT 1 FROM messages f INDEXED BY messages_ticket
                   WHERE f.ticket_id = m.ticket_id AND f.kind = 'customer' AND f.id < m.id) AS first
        """

    static let joins = """
        CROSS JOIN tickets t ON t.id = m.ticket_id
        LEFT JOIN people p ON p.id = m.author_person_id
        LEFT JOIN customers c ON c.id = m.author_customer_id
        """

    static func entries(_ scope: Scope, after: Int?, limit: Int, in db: Database) throws -> [TimelineEntry] {
        var condition = "1"
        var arguments: [any DatabaseValueConvertible] = []
        switch scope {
        case .all:
            break
        case .tag(let tag):
            condition = "EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = m.ticket_id AND tt.tag_id = ?)"
            arguments.append(tag.id)
        case .shadow(let person):
            if after == nil { return try shadowPage(person, limit: limit, in: db) }
            condition = "(t.assignee_id = ? OR m.author_person_id = ?)"
            arguments += [person.id, person.id]
        }
        if let after {
            // A refresh: forward along the primary key from the cursor.
            return try db.fetchAll(columns + "\nFROM messages m\n" + joins + """

                WHERE m.id > ? AND \(condition) ORDER BY m.id LIMIT ?
                """, arguments: [after] + arguments + [limit], transform: entry)
        }
        // The first page: backward along the primary key from the newest message.
        return try db.fetchAll(columns + "\nFROM messages m\n" + joins + """

            WHERE \(condition) ORDER BY m.id DESC LIMIT ?
            """, arguments: arguments + [limit], transform: entry).reversed()
    }

    /// The first page when shadowing: the newest messages the agent wrote (their messages'
    /// index, newest first) and the newest on the tickets they hold (their tickets, then each
    /// ticket's messages), merged. Walking the whole floor backward would pass every message
    /// of everyone else on the way.
    private static func shadowPage(_ person: Person, limit: Int, in db: Database) throws -> [TimelineEntry] {
        try db.fetchAll("""
            WITH picked(id) AS (
                SELECT id FROM (SELECT w.id FROM messages w INDEXED BY messages_author_person
                                WHERE w.author_person_id = ?1 ORDER BY w.id DESC LIMIT ?2)
                UNION
                SELECT id FROM (SELECT h.id FROM tickets ht INDEXED BY tickets_assignee_queue
                                CROSS JOIN messages h INDEXED BY messages_ticket ON h.ticket_id = ht.id
                                WHERE ht.assignee_id = ?1 ORDER BY h.id DESC LIMIT ?2)
            )
            \(columns)
            FROM picked CROSS JOIN messages m ON m.id = picked.id
            \(joins)
            ORDER BY m.id DESC LIMIT ?2
            """, person.id, limit, transform: entry).reversed()
    }

    static func entry(_ row: Row) -> TimelineEntry {
        let kind: TimelineEntry.Kind = switch row.string(1) {
        case "customer": row.int(7) == 1 ? .newTicket : .customer
        case "reply": .reply
        default: .note
        }
        return TimelineEntry(id: row.int(0), kind: kind, ticketID: row.int(2), subject: row.string(3),
                             author: row.string(4), body: row.string(5), at: row.int64(6))
    }

    /// The entry with customers' contacts hidden: a customer author's name, the subject (the
    /// customer wrote it) and the body. An agent's login is not a customer's contact.
    static func masked(_ entry: TimelineEntry) -> TimelineEntry {
        var entry = entry
        if entry.kind == .newTicket || entry.kind == .customer { entry.author = ContactMask.mask(entry.author) }
        entry.subject = ContactMask.mask(entry.subject)
        entry.body = ContactMask.mask(entry.body)
        return entry
    }
}
