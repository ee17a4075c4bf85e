import Foundation
import Storage

/// Tickets: queue listings by keyset, the thread of one ticket, compare-and-set updates.
public struct TicketService {
    let context: ServiceContext

    static func listColumns(indexedBy index: String? = nil) -> String {
        """
        SELECT t.id, t.subject, t.status, t.priority, t.requester_id, c.name, p.login,
               t.created_at, t.updated_at, t.version
        FROM tickets t\(index.map { " INDEXED BY \($0)" } ?? "")
        JOIN customers c ON c.id = t.requester_id
        LEFT JOIN people p ON p.id = t.assignee_id
        """
    }

    /// The working queue walks its partial index in queue order; without this SQLite may pick
    /// the status index and sort every active ticket for each page.
    static func queueIndex(_ filter: TicketFilter) -> String? {
        filter.statuses == .active && filter.assignee == .anyone ? "tickets_active_queue" : nil
    }

    static func ticket(_ row: Row) -> Ticket {
        Ticket(id: row.int(0), subject: row.string(1), status: TicketStatus(rawValue: row.string(2)) ?? .open,
               priority: Priority(rawValue: row.int(3)) ?? .normal, requesterID: row.int(4),
               requesterName: row.string(5), assigneeLogin: row.optionalString(6), tags: [],
               createdAt: row.int64(7), updatedAt: row.int64(8), version: row.int(9))
    }

    // MARK: - Listing

    /// One page of tickets in queue order, `limit` long at most, starting at `anchor`.
    public func page(_ filter: TicketFilter, from anchor: PageAnchor = .start, limit: Int) throws -> [Ticket] {
        try context.check(.viewTickets)
        return try context.read { db in
            var tickets = try Self.page(filter, from: anchor, limit: limit, in: db)
            try Self.attachTags(to: &tickets, in: db)
            return tickets
        }
    }

    static func page(_ filter: TicketFilter, from anchor: PageAnchor, limit: Int, in db: Database) throws -> [Ticket] {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        try whereClauses(filter, into: &clauses, arguments: &arguments, in: db)
        var descending = false
        switch anchor {
        case .start: break
        case .end: descending = true
        case .after(let c, let inclusive):
            clauses.append("(t.priority, t.created_at, t.id) \(inclusive ? ">=" : ">") (?, ?, ?)")
            arguments += [c.priority, c.createdAt, c.id]
        case .before(let c):
            clauses.append("(t.priority, t.created_at, t.id) < (?, ?, ?)")
            arguments += [c.priority, c.createdAt, c.id]
            descending = true
        }
        let order = descending ? "t.priority DESC, t.created_at DESC, t.id DESC" : "t.priority, t.created_at, t.id"
        let sql = listColumns(indexedBy: queueIndex(filter))
            + (clauses.isEmpty ? "" : "\nWHERE " + clauses.joined(separator: " AND "))
            + "\nORDER BY \(order) LIMIT ?"
        arguments.append(limit)
        let rows = try db.fetchAll(sql, arguments: arguments, transform: ticket)
        return descending ? rows.reversed() : rows
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
        if let tagName = filter.tag {
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
        return try context.read { db in try Self.count(filter, in: db) }
    }

    /// Counts the filter's tickets, optionally only those before `cursor` in queue order.
    /// Counts index entries only (the active queue's partial index for the working queue).
    static func count(_ filter: TicketFilter, before cursor: QueueCursor? = nil, in db: Database) throws -> Int {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        try whereClauses(filter, into: &clauses, arguments: &arguments, in: db)
        if let cursor {
            clauses.append("(t.priority, t.created_at, t.id) < (?, ?, ?)")
            arguments += [cursor.priority, cursor.createdAt, cursor.id]
        }
        let sql = "SELECT count(*) FROM tickets t" + (queueIndex(filter).map { " INDEXED BY \($0)" } ?? "")
            + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
        return try db.fetchInt(sql, arguments: arguments) ?? 0
    }

    /// How many tickets of the filter come before `cursor` in queue order: the cursor's
    /// position, for "12 of 3,456".
    public func position(of cursor: QueueCursor, in filter: TicketFilter) throws -> Int {
        try context.check(.viewTickets)
        return try context.read { db in try Self.count(filter, before: cursor, in: db) }
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

    /// The ticket with its requester and whole thread, oldest message first.
    public func detail(id: Int) throws -> TicketDetail {
        try context.check(.viewTickets)
        return try context.read { db in
            let ticket = try Self.find(id: id, in: db)
            let requester = try db.fetchOne(
                "SELECT id, name, email, organization FROM customers WHERE id = ?", ticket.requesterID) { row in
                Customer(id: row.int(0), name: row.string(1), email: row.string(2), organization: row.string(3))
            } ?? Customer(id: ticket.requesterID, name: ticket.requesterName, email: "")
            let messages = try db.fetchAll("""
                SELECT m.id, m.ticket_id, m.kind, coalesce(p.login, c.name, ''), m.body, m.created_at
                FROM messages m
                LEFT JOIN people p ON p.id = m.author_person_id
                LEFT JOIN customers c ON c.id = m.author_customer_id
                WHERE m.ticket_id = ? ORDER BY m.created_at, m.id
                """, id) { row in
                Message(id: row.int(0), ticketID: row.int(1), kind: MessageKind(rawValue: row.string(2)) ?? .note,
                        author: row.string(3), body: row.string(4), createdAt: row.int64(5))
            }
            return TicketDetail(ticket: ticket, requester: requester, messages: messages)
        }
    }

    // MARK: - Changes

    /// Applies `change` to a ticket. With `expectedVersion`, the change is made only if the ticket
    /// is still at that version (compare-and-set): a caller that read version N and finds N+1
    /// gets `conflict` and nothing is written. Without it, the read and the write happen in one
    /// transaction. The audit entry is written in the same transaction.
    @discardableResult
    public func update(id: Int, expectedVersion: Int? = nil, _ change: TicketChange) throws -> Ticket {
        try context.check(.updateTicket)
        return try context.write { db in
            let current = try Self.find(id: id, in: db)
            if let expectedVersion, expectedVersion != current.version {
                throw AllHandsError.conflict(what: "ticket #\(id)", expected: expectedVersion, found: current.version)
            }
            var next = current
            var assigneeID: Int?? = nil
            if let status = change.status { next.status = status }
            if let priority = change.priority { next.priority = priority }
            switch change.assignee {
            case nil: break
            case .unassign?:
                next.assigneeLogin = nil
                assigneeID = .some(nil)
            case .login(let login)?:
                guard let person = try PeopleService.find(login: login, in: db), person.active else {
                    throw AllHandsError.invalid("no active person with login '\(login)' to assign")
                }
                next.assigneeLogin = login
                assigneeID = .some(person.id)
            }
            try context.check(Permissions.assignmentAction(current: current.assigneeLogin, target: next.assigneeLogin,
                                                           actor: context.actor.person.login))
            let before = Self.snapshot(current), after = Self.snapshot(next)
            let changedKeys = before.keys.filter { before[$0]! != after[$0]! }
            guard !changedKeys.isEmpty else { return current }

            let now = context.now
            try db.execute("""
                UPDATE tickets SET status = ?, priority = ?,
                    assignee_id = CASE WHEN ? THEN ? ELSE assignee_id END,
                    updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, next.status.rawValue, next.priority.rawValue, assigneeID != nil, assigneeID ?? nil,
                now, id, current.version)
            guard db.changes == 1 else {
                let found = try db.fetchInt("SELECT version FROM tickets WHERE id = ?", id) ?? current.version
                throw AllHandsError.conflict(what: "ticket #\(id)", expected: current.version, found: found)
            }
            try context.audit("ticket.update", entity: "ticket", id: id,
                              before: before.filter { changedKeys.contains($0.key) },
                              after: after.filter { changedKeys.contains($0.key) })
            next.version = current.version + 1
            next.updatedAt = now
            return next
        }
    }

    static func snapshot(_ t: Ticket) -> [String: String?] {
        ["status": t.status.rawValue, "priority": t.priority.name, "assignee": t.assigneeLogin]
    }
}
