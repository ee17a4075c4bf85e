import Foundation
import Storage

/// Tickets: listings by keyset in any sort, the thread of one ticket. Changes live in
/// `TicketLifecycle.swift` and `Conversation.swift`, views in `TicketViews.swift`.
public struct TicketService {
    let context: ServiceContext

    /// What `ticket(_:)` reads, from `tickets t` joined with `requesterAndAssignee`.
    static let columns = """
        SELECT t.id, t.subject, t.status, t.priority, t.requester_id, c.name, p.login,
               t.created_at, t.updated_at, t.version, t.first_response_at, t.solved_at
        """
    static let requesterAndAssignee = """
        JOIN customers c ON c.id = t.requester_id
        LEFT JOIN people p ON p.id = t.assignee_id
        """

    static func listColumns(indexedBy index: String? = nil) -> String {
        columns + "\nFROM tickets t\(index.map { " INDEXED BY \($0)" } ?? "")\n" + requesterAndAssignee
    }

    /// The index a listing walks. Without these SQLite may pick the status index and sort every
    /// active ticket for each page: the working queue walks its partial index in the sort's
    /// order, and the solved order walks the solved-time index. (Pages in the first-response
    /// order merge index walks of their own, `TicketDueOrder.swift`; its counts use these.)
    static func listingIndex(_ filter: TicketFilter) -> String? {
        if filter.sort == .solved { return "tickets_recently_solved" }
        guard filter.statuses == .active, filter.assignee == .anyone else { return nil }
        switch filter.sort {
        case .priority, .firstResponseDue: return "tickets_active_queue"
        case .age: return "tickets_active_age"
        case .solved: return nil
        }
    }

    static func ticket(_ row: Row) -> Ticket {
        Ticket(id: row.int(0), subject: row.string(1), status: TicketStatus(rawValue: row.string(2)) ?? .open,
               priority: Priority(rawValue: row.int(3)) ?? .normal, requesterID: row.int(4),
               requesterName: row.string(5), assigneeLogin: row.optionalString(6), tags: [],
               createdAt: row.int64(7), updatedAt: row.int64(8), version: row.int(9),
               firstResponseAt: row.isNull(10) ? nil : row.int64(10), solvedAt: row.isNull(11) ? nil : row.int64(11))
    }

    // MARK: - Listing

    /// One page of tickets in the filter's order, `limit` long at most, starting at `anchor`.
    public func page(_ filter: TicketFilter, from anchor: PageAnchor = .start, limit: Int) throws -> [Ticket] {
        try context.check(.viewTickets)
        return try context.read { db in
            var tickets = try Self.page(canonical(filter), from: anchor, limit: limit, sla: context.config.sla, in: db)
            try Self.attachTags(to: &tickets, in: db)
            return tickets
        }
    }

    /// The filter with its tag's name through the taxonomy's aliases (`defect` → `bug`); the
    /// static queries below resolve merged and renamed tags' old names themselves.
    func canonical(_ filter: TicketFilter) -> TicketFilter {
        var filter = filter
        filter.tags = filter.tags.map(context.config.taxonomy.canonical)
        return filter
    }

    /// The ticket's cursor in the filter's order: where to page from after (or before) it.
    public func cursor(for ticket: Ticket, in filter: TicketFilter) -> QueueCursor {
        QueueCursor(ticket, sort: filter.sort, sla: context.config.sla)
    }

    static func page(_ filter: TicketFilter, from anchor: PageAnchor, limit: Int, sla: Configuration.SLA,
                     in db: Database) throws -> [Ticket] {
        if filter.sort == .firstResponseDue { return try duePage(filter, from: anchor, limit: limit, sla: sla, in: db) }
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        try whereClauses(filter, into: &clauses, arguments: &arguments, in: db)
        let keys = filter.sort.keys(sla: sla)
        let tuple = "(" + keys.joined(separator: ", ") + ")"
        let ascending = !filter.sort.descending
        // Walking backwards (to the end, or before a cursor) reads the order reversed, then flips the page.
        var backwards = false
        switch anchor {
        case .start: break
        case .end: backwards = true
        case .after(let c, let inclusive):
            let op = (ascending ? ">" : "<") + (inclusive ? "=" : "")
            clauses.append("\(tuple) \(op) \(try placeholders(c, keys: keys, filter: filter, arguments: &arguments))")
        case .before(let c):
            clauses.append("\(tuple) \(ascending ? "<" : ">") \(try placeholders(c, keys: keys, filter: filter, arguments: &arguments))")
            backwards = true
        }
        let direction = ascending == !backwards ? "" : " DESC"
        let sql = listColumns(indexedBy: listingIndex(filter))
            + (clauses.isEmpty ? "" : "\nWHERE " + clauses.joined(separator: " AND "))
            + "\nORDER BY " + keys.map { $0 + direction }.joined(separator: ", ") + " LIMIT ?"
        arguments.append(limit)
        let rows = try db.fetchAll(sql, arguments: arguments, transform: ticket)
        return backwards ? rows.reversed() : rows
    }

    /// `(?, ?, ?)` for the cursor's keys, appending their values; a cursor of another order is refused.
    private static func placeholders(_ cursor: QueueCursor, keys: [String], filter: TicketFilter,
                                     arguments: inout [any DatabaseValueConvertible]) throws -> String {
        guard cursor.sort == filter.sort, cursor.keys.count == keys.count else {
            throw AllHandsError.invalid("internal: a cursor in \(cursor.sort.name) order used for a listing in \(filter.sort.name) order")
        }
        arguments += cursor.keys.map { $0 as any DatabaseValueConvertible }
        return "(" + keys.map { _ in "?" }.joined(separator: ", ") + ")"
    }

    /// Builds the WHERE clauses of a filter. Status sets are written as literals so SQLite can
    /// match the partial index of the active queue.
    static func whereClauses(_ filter: TicketFilter, into clauses: inout [String],
                             arguments: inout [any DatabaseValueConvertible], in db: Database) throws {
        switch filter.statuses {
        case .all: break
        case .active: clauses.append("t.status IN \(TicketStatus.activeSQLList)")
        case .only(let set):
            let names = TicketStatus.allCases.filter(set.contains).map { "'\($0.rawValue)'" }
            clauses.append("t.status IN (\(names.joined(separator: ", ")))")
        }
        for tagName in filter.tags {
            guard let tag = try TagService.resolve(tagName, in: db) else {
                throw AllHandsError.notFound(what: "tag '\(tagName)'")
            }
            // A correlated lookup by primary key per ticket walked in queue order; `t.id IN (SELECT …)`
            // built the whole list of the tag's tickets for every page.
            clauses.append("EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.tag_id = ?)")
            arguments.append(tag.id)
        }
        switch filter.assignee {
        case .anyone: break
        case .unassigned: clauses.append("t.assignee_id IS NULL")
        case .login(let login):
            guard let person = try PeopleService.find(login: login, in: db) else {
                throw AllHandsError.notFound(what: "person '\(login)'")
            }
            clauses.append("t.assignee_id = ?")
            arguments.append(person.id)
        }
        if let since = filter.solvedSince {
            clauses.append("t.solved_at >= ?")
            arguments.append(since)
        }
        if let required = filter.sort.requiredClause { clauses.append(required) }
    }

    /// Fills in each ticket's tags with one query for the whole page: each id of the page looks
    /// its tags up by primary key (no list subquery), and the few tags of a ticket are put in
    /// order here (dimension tags by dimension, then free tags, each by name) rather than by a
    /// temporary b-tree.
    static func attachTags(to tickets: inout [Ticket], in db: Database) throws {
        guard !tickets.isEmpty else { return }
        let ids = "[" + tickets.map { String($0.id) }.joined(separator: ",") + "]"
        var tagsByTicket: [Int: [Tag]] = [:]
        try db.forEachRow("""
            SELECT tt.ticket_id, g.name, g.dimension FROM json_each(?) page
            CROSS JOIN ticket_tags tt ON tt.ticket_id = page.value
            JOIN tags g ON g.id = tt.tag_id
            """, ids) { row in
            tagsByTicket[row.int(0), default: []].append(Tag(id: 0, name: row.string(1), dimension: row.optionalString(2)))
        }
        for index in tickets.indices {
            tickets[index].tags = (tagsByTicket[tickets[index].id] ?? []).sorted(by: tagOrder).map(\.qualifiedName)
        }
    }

    /// Dimension tags first, by dimension, then free tags; by name within each (byte order, as SQLite sorts).
    private static func tagOrder(_ a: Tag, _ b: Tag) -> Bool {
        if (a.dimension == nil) != (b.dimension == nil) { return a.dimension != nil }
        if let x = a.dimension, let y = b.dimension, x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }

    /// How many tickets match a filter.
    public func count(_ filter: TicketFilter) throws -> Int {
        try context.check(.viewTickets)
        return try context.read { db in try Self.count(canonical(filter), sla: context.config.sla, in: db) }
    }

    /// Counts the filter's tickets, optionally only those before `cursor` in its order. A whole
    /// listing's count is read from the counts kept by triggers when they hold it
    /// (`TicketCounts`); otherwise it counts index entries only where the filter allows (the active queue's partial index for the
    /// working queue, the solved-time index for the solved order).
    static func count(_ filter: TicketFilter, before cursor: QueueCursor? = nil, sla: Configuration.SLA,
                      in db: Database) throws -> Int {
        if let cursor, filter.sort == .firstResponseDue { return try dueCount(filter, before: cursor, sla: sla, in: db) }
        if cursor == nil, let kept = try TicketCounts.kept(filter, in: db) { return kept }
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        try whereClauses(filter, into: &clauses, arguments: &arguments, in: db)
        if let cursor {
            let keys = filter.sort.keys(sla: sla)
            let op = filter.sort.descending ? ">" : "<"
            clauses.append("(\(keys.joined(separator: ", "))) \(op) \(try placeholders(cursor, keys: keys, filter: filter, arguments: &arguments))")
        }
        let sql = "SELECT count(*) FROM tickets t" + (listingIndex(filter).map { " INDEXED BY \($0)" } ?? "")
            + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
        return try db.fetchInt(sql, arguments: arguments) ?? 0
    }

    /// How many tickets of the filter come before `cursor` in its order: the cursor's position,
    /// for "12 of 3,456".
    public func position(of cursor: QueueCursor, in filter: TicketFilter) throws -> Int {
        try context.check(.viewTickets)
        return try context.read { db in try Self.count(canonical(filter), before: cursor, sla: context.config.sla, in: db) }
    }

    // MARK: - One ticket

    public func find(id: Int) throws -> Ticket {
        try context.check(.viewTickets)
        return try context.read { db in try Self.find(id: id, in: db) }
    }

    static func find(id: Int, in db: Database) throws -> Ticket {
        guard var ticket = try db.fetchOne(listColumns() + "\nWHERE t.id = ?", id, transform: ticket) else {
            throw AllHandsError.notFound(what: "ticket #\(id)")
        }
        var one = [ticket]
        try attachTags(to: &one, in: db)
        ticket = one[0]
        return ticket
    }

    /// The ticket with its requester, its whole thread (oldest message first), the viewer's
    /// draft and its response times. Goodwill, boundary and presence are filled by their services.
    public func detail(id: Int) throws -> TicketDetail {
        try context.check(.viewTickets)
        return try context.read { db in
            let ticket = try Self.find(id: id, in: db)
            let requester = try Self.customer(id: ticket.requesterID, in: db)
                ?? Customer(id: ticket.requesterID, name: ticket.requesterName, email: "")
            var detail = TicketDetail(ticket: ticket, requester: requester, messages: try Self.messages(ticketID: id, in: db))
            let me = context.actor.person.id
            detail.drafts = try Self.drafts(ticketID: id, personID: me, in: db)
            detail.goodwill = try GoodwillService.forTicket(id, in: db)
            detail.boundary = try BoundaryService.forCustomer(ticket.requesterID, in: db)
            detail.presence = try PresenceService.others(onTickets: [id], excluding: me, at: context.now, in: db)[id] ?? []
            return detail
        }
    }

    static func customer(id: Int, in db: Database) throws -> Customer? {
        try db.fetchOne("SELECT id, name, email, organization FROM customers WHERE id = ?", id) { row in
            Customer(id: row.int(0), name: row.string(1), email: row.string(2), organization: row.string(3))
        }
    }

    /// A ticket's messages in thread order, or only those with an id above `after` (the ones
    /// that arrived since a writer saw the thread), optionally leaving out one person's own.
    static func messages(ticketID: Int, after: Int? = nil, excludingPerson: Int? = nil, in db: Database) throws -> [Message] {
        var sql = """
            SELECT m.id, m.ticket_id, m.kind, coalesce(p.login, c.name, ''), m.body, m.created_at
            FROM messages m
            LEFT JOIN people p ON p.id = m.author_person_id
            LEFT JOIN customers c ON c.id = m.author_customer_id
            WHERE m.ticket_id = ?
            """
        var arguments: [any DatabaseValueConvertible] = [ticketID]
        if let after {
            sql += " AND m.id > ?"
            arguments.append(after)
        }
        if let excludingPerson {
            sql += " AND m.author_person_id IS NOT ?"
            arguments.append(excludingPerson)
        }
        sql += " ORDER BY m.created_at, m.id"
        return try db.fetchAll(sql, arguments: arguments) { row in
            Message(id: row.int(0), ticketID: row.int(1), kind: MessageKind(rawValue: row.string(2)) ?? .note,
                    author: row.string(3), body: row.string(4), createdAt: row.int64(5))
        }
    }
}
