import Storage

/// The first-response order without sorting the queue.
///
/// Due = created + the target of the ticket's priority, so within one priority the due order is
/// the age order, and the tickets still waiting for an answer come first. A page is therefore
/// the merge of eight index walks, one per priority and answered-or-not, each reading at most
/// a page in `(created_at, id)` order: `tickets_unanswered` for the waiting ones, the queue
/// indexes for the answered ones. A page costs the same at any depth of a million tickets.
extension TicketService {
    /// One walk: the tickets of one priority, answered or not.
    private struct Stream {
        let priority: Priority
        /// 0 for waiting for the first response, 1 for answered: the first key of the order.
        let answered: Int64
        /// Due minus created.
        let target: Int64
    }

    private static func streams(_ sla: Configuration.SLA) -> [Stream] {
        [0, 1].flatMap { answered in
            Priority.allCases.map { Stream(priority: $0, answered: Int64(answered), target: sla.target(for: $0)) }
        }
    }

    /// The index a walk reads when the filter leaves it free to choose.
    private static func index(of stream: Stream, _ filter: TicketFilter) -> String? {
        guard filter.assignee == .anyone else { return nil }
        if stream.answered == 0 { return "tickets_unanswered" }
        switch filter.statuses {
        case .active: return "tickets_active_queue"
        case .all: return "tickets_queue"
        case .only: return nil
        }
    }

    /// Where the walk of `stream` starts relative to `cursor` (keys: answered, due, id), or
    /// nil when none of its tickets lie on the wanted side.
    private enum Bound {
        case none
        case from(createdAt: Int64, id: Int64)
    }

    private static func bound(_ stream: Stream, _ cursor: QueueCursor, after: Bool) -> Bound? {
        let answered = cursor.keys[0], due = cursor.keys[1], id = cursor.keys[2]
        if stream.answered == answered { return .from(createdAt: due - stream.target, id: id) }
        return (stream.answered > answered) == after ? Bound.none : nil
    }

    static func duePage(_ filter: TicketFilter, from anchor: PageAnchor, limit: Int, sla: Configuration.SLA,
                        in db: Database) throws -> [Ticket] {
        var base: [String] = []
        var baseArguments: [any DatabaseValueConvertible] = []
        try whereClauses(filter, into: &base, arguments: &baseArguments, in: db)
        var backwards = false
        var cursor: QueueCursor?
        var comparison = ">"
        switch anchor {
        case .start: break
        case .end: backwards = true
        case .after(let c, let inclusive):
            cursor = c
            comparison = inclusive ? ">=" : ">"
        case .before(let c):
            cursor = c
            comparison = "<"
            backwards = true
        }
        if let cursor { try checkDueCursor(cursor) }
        var candidates: [(key: [Int64], id: Int)] = []
        for stream in streams(sla) {
            var clauses = base + ["t.priority = \(stream.priority.rawValue)",
                                  "t.first_response_at IS \(stream.answered == 0 ? "" : "NOT ")NULL"]
            var arguments = baseArguments
            if let cursor {
                guard let bound = bound(stream, cursor, after: !backwards) else { continue }
                if case .from(let createdAt, let id) = bound {
                    clauses.append("(t.created_at, t.id) \(comparison) (?, ?)")
                    arguments += [createdAt, id]
                }
            }
            let direction = backwards ? " DESC" : ""
            let sql = "SELECT t.id, t.created_at FROM tickets t" + (index(of: stream, filter).map { " INDEXED BY \($0)" } ?? "")
                + " WHERE " + clauses.joined(separator: " AND ")
                + " ORDER BY t.created_at\(direction), t.id\(direction) LIMIT ?"
            arguments.append(limit)
            candidates += try db.fetchAll(sql, arguments: arguments) { row in
                (key: [stream.answered, row.int64(1) + stream.target, row.int64(0)], id: row.int(0))
            }
        }
        candidates.sort { backwards ? $1.key.lexicographicallyPrecedes($0.key) : $0.key.lexicographicallyPrecedes($1.key) }
        var ids = candidates.prefix(limit).map(\.id)
        if backwards { ids.reverse() }
        return try tickets(ids, in: db)
    }

    /// How many of the filter's tickets come before `cursor` in the first-response order.
    static func dueCount(_ filter: TicketFilter, before cursor: QueueCursor, sla: Configuration.SLA,
                         in db: Database) throws -> Int {
        try checkDueCursor(cursor)
        var base: [String] = []
        var baseArguments: [any DatabaseValueConvertible] = []
        try whereClauses(filter, into: &base, arguments: &baseArguments, in: db)
        var total = 0
        for stream in streams(sla) {
            guard let bound = bound(stream, cursor, after: false) else { continue }
            var clauses = base + ["t.priority = \(stream.priority.rawValue)",
                                  "t.first_response_at IS \(stream.answered == 0 ? "" : "NOT ")NULL"]
            var arguments = baseArguments
            if case .from(let createdAt, let id) = bound {
                clauses.append("(t.created_at, t.id) < (?, ?)")
                arguments += [createdAt, id]
            }
            total += try db.fetchInt("SELECT count(*) FROM tickets t" + (index(of: stream, filter).map { " INDEXED BY \($0)" } ?? "")
                                     + " WHERE " + clauses.joined(separator: " AND "), arguments: arguments) ?? 0
        }
        return total
    }

    private static func checkDueCursor(_ cursor: QueueCursor) throws {
        guard cursor.sort == .firstResponseDue, cursor.keys.count == 3 else {
            throw AllHandsError.invalid("internal: a cursor in \(cursor.sort.name) order used for a listing in due order")
        }
    }

    /// The tickets with `ids`, in that order, with their tags.
    static func tickets(_ ids: [Int], in db: Database) throws -> [Ticket] {
        guard !ids.isEmpty else { return [] }
        // Each id looked up by primary key, as `attachTags` does (no list subquery).
        var found = try db.fetchAll(columns + "\nFROM json_each(?) page CROSS JOIN tickets t ON t.id = page.value\n"
                                    + requesterAndAssignee, "[" + ids.map(String.init).joined(separator: ",") + "]",
                                    transform: ticket)
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        found.sort { (position[$0.id] ?? 0) < (position[$1.id] ?? 0) }
        return found
    }
}
