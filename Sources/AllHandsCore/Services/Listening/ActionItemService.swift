import Foundation
import Storage

/// Follow-ups from calls and check-ins, each with an owner and a due day, so nothing said is lost.
///
/// - Anyone who listens may create an item for any active person: handing someone a follow-up
///   is what happens at the end of a meeting, and the owner sees it in their list at once.
/// - Everyone may read everyone's items (they come from check-ins whose notes everyone reads);
///   a listing shows the actor's own unless asked for another owner's or all.
/// - Only the owner, or someone who manages follow-ups (leads, admins), closes or reassigns an
///   item; its creator does not, once it is someone else's.
/// - Overdue: open, and its due day (company zone) is over.
public struct ActionItemService {
    let context: ServiceContext

    /// Today in the company's zone, `YYYY-MM-DD`.
    public var today: String {
        Timestamp.date(context.now, timeZone: ShiftTime.companyZone(context.config))
    }

    /// Creates an item for `owner` due on `due` (`YYYY-MM-DD`, `today`, `tomorrow`, `+3d`, `+2w`).
    /// The customer is the one given, else the linked ticket's, call-down's or check-in's; links
    /// that name different customers are refused.
    @discardableResult
    public func add(title: String, owner: String, due: String, customerEmail: String? = nil, ticketID: Int? = nil,
                    callDownID: Int? = nil, checkInID: Int? = nil) throws -> ActionItem {
        try context.check(.listen)
        let title = try FieldLimits.required(title, "a title", limit: FieldLimits.subject)
        guard !title.contains(where: \.isNewline) else { throw AllHandsError.invalid("a title is one line") }
        let dueDay = try dueDay(due)
        return try context.write { db in
            guard let person = try PeopleService.find(login: owner, in: db), person.active else {
                throw AllHandsError.invalid("no active person with login '\(FieldLimits.excerpt(owner))' to own the item")
            }
            let customer = try linkedCustomer(email: customerEmail, ticketID: ticketID, callDownID: callDownID,
                                              checkInID: checkInID, in: db)
            try db.execute("""
                INSERT INTO action_items (title, owner_id, due_day, customer_id, ticket_id, calldown_id, checkin_id,
                                          created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, title, person.id, dueDay, customer, ticketID, callDownID, checkInID,
                context.actor.person.id, context.now)
            let id = Int(db.lastInsertRowID)
            var after: [String: String?] = ["title": title, "owner": person.login, "due": dueDay]
            if let customer { after["customer"] = String(customer) }
            if let ticket = ticketID { after["ticket"] = String(ticket) }
            if let callDown = callDownID { after["calldown"] = String(callDown) }
            if let checkIn = checkInID { after["checkin"] = String(checkIn) }
            try context.audit("action.add", entity: "action", id: id, after: after)
            return try Self.find(id: id, in: db)
        }
    }

    /// Items by due day then id: the actor's own, or `owner`'s, or with `everyone` all; only
    /// `state` (nil: any), only overdue ones with `overdueOnly`.
    public func list(owner: String? = nil, everyone: Bool = false, state: ActionItem.State? = .open,
                     overdueOnly: Bool = false, limit: Int = 500) throws -> [ActionItem] {
        try context.check(.listen)
        return try context.read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if !everyone {
                let login = owner ?? context.actor.person.login
                guard let person = try PeopleService.find(login: login, in: db) else {
                    throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
                }
                clauses.append("a.owner_id = ?")
                arguments.append(person.id)
            }
            if overdueOnly {
                clauses.append("a.state = 'open' AND a.due_day < ?")
                arguments.append(today)
            } else if let state {
                clauses.append("a.state = ?")
                arguments.append(state.rawValue)
            }
            arguments.append(limit)
            return try db.fetchAll(Self.select + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
                                   + " ORDER BY a.due_day, a.id LIMIT ?", arguments: arguments, transform: Self.item)
        }
    }

    /// The actor's open items, overdue (the earliest due) first.
    public func mine() throws -> [ActionItem] {
        try list()
    }

    public func find(id: Int) throws -> ActionItem {
        try context.check(.listen)
        return try context.read { db in try Self.find(id: id, in: db) }
    }

    /// Closes an open item as done or dropped: its owner, or someone who manages follow-ups.
    @discardableResult
    public func close(id: Int, as outcome: ActionItem.State, expectedVersion: Int? = nil) throws -> ActionItem {
        guard outcome != .open else { throw AllHandsError.invalid("an item is closed as done or dropped") }
        return try change(id: id, expectedVersion: expectedVersion, action: "action.\(outcome == .done ? "done" : "drop")") {
            current, db in
            guard current.state == .open else {
                throw AllHandsError.notAllowed("action item #\(id) is already \(current.state.rawValue)"
                    + (current.closedBy.map { " by \($0)" } ?? "") + "; nothing was changed")
            }
            try db.execute("""
                UPDATE action_items SET state = ?, closed_by = ?, closed_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, outcome.rawValue, context.actor.person.id, context.now, id, current.version)
            return (["state": current.state.rawValue], ["state": outcome.rawValue])
        }
    }

    /// Gives an open item to another active person: its owner, or someone who manages follow-ups.
    @discardableResult
    public func reassign(id: Int, owner: String, expectedVersion: Int? = nil) throws -> ActionItem {
        try change(id: id, expectedVersion: expectedVersion, action: "action.reassign") { current, db in
            guard current.state == .open else {
                throw AllHandsError.notAllowed("action item #\(id) is \(current.state.rawValue); only open items move")
            }
            guard let person = try PeopleService.find(login: owner, in: db), person.active else {
                throw AllHandsError.invalid("no active person with login '\(FieldLimits.excerpt(owner))' to own the item")
            }
            try db.execute("UPDATE action_items SET owner_id = ?, version = version + 1 WHERE id = ? AND version = ?",
                           person.id, id, current.version)
            return (["owner": current.owner], ["owner": person.login])
        }
    }

    /// One guarded change: the owner or a manager of follow-ups, compare-and-set, one audit entry.
    private func change(id: Int, expectedVersion: Int?, action: String,
                        _ body: (ActionItem, Database) throws -> ([String: String?], [String: String?])) throws -> ActionItem {
        try context.write { db in
            let current = try Self.find(id: id, in: db)
            let me = context.actor.person
            guard Permissions.allows(me.role, Permissions.followUpAction(people: [current.owner], actor: me.login)) else {
                throw AllHandsError.notAllowed("action item #\(id) is \(current.owner)'s: only its owner or a lead "
                    + "may close or reassign it")
            }
            if let expectedVersion, expectedVersion != current.version {
                throw AllHandsError.conflict(what: "action item #\(id)", expected: expectedVersion, found: current.version)
            }
            let (before, after) = try body(current, db)
            try context.audit(action, entity: "action", id: id, before: before, after: after)
            return try Self.find(id: id, in: db)
        }
    }

    /// `YYYY-MM-DD` from what a person types: a date, `today`, `tomorrow`, `+3d` or `+2w`
    /// (days in the company's zone).
    public func dueDay(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let zone = ShiftTime.companyZone(context.config)
        var offset: Int?
        switch trimmed {
        case "today": offset = 0
        case "tomorrow": offset = 1
        default:
            if let match = trimmed.wholeMatch(of: /\+(\d{1,3})([dw])/), let count = Int(match.1) {
                offset = match.2 == "w" ? count * 7 : count
            }
        }
        if let offset {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let now = Date(timeIntervalSince1970: TimeInterval(context.now))
            guard let day = calendar.date(byAdding: .day, value: offset, to: now) else {
                throw AllHandsError.invalid("a due day of '\(FieldLimits.excerpt(text))' is out of range")
            }
            return Timestamp.date(Int64(day.timeIntervalSince1970), timeZone: zone)
        }
        guard ShiftTime.isDateAlone(trimmed),
              let midnight = try? ShiftTime.parse(trimmed, timeZone: zone, what: "due day"),
              Timestamp.date(midnight, timeZone: zone) == trimmed else {
            throw AllHandsError.invalid("due day '\(FieldLimits.excerpt(text))' is not a day: use 2026-12-01, today, "
                + "tomorrow, +3d or +2w")
        }
        return trimmed
    }

    /// The customer an item is about: the one named, else the one its links point at.
    private func linkedCustomer(email: String?, ticketID: Int?, callDownID: Int?, checkInID: Int?,
                                in db: Database) throws -> Int? {
        var found: [(what: String, customer: Int)] = []
        if let email = email?.trimmingCharacters(in: .whitespaces) {
            guard let id = try CustomerLookup.id(email: email, in: db) else {
                throw AllHandsError.notFound(what: "customer with email '\(FieldLimits.excerpt(email))'")
            }
            found.append(("customer \(email)", id))
        }
        if let ticket = ticketID {
            found.append(("ticket #\(ticket)", try TicketService.find(id: ticket, in: db).requesterID))
        }
        if let callDown = callDownID {
            found.append(("call-down #\(callDown)", try CallDownService.find(id: callDown, in: db).customerID))
        }
        if let checkIn = checkInID {
            found.append(("check-in #\(checkIn)", try CheckInService.find(id: checkIn, in: db).customerID))
        }
        if let first = found.first, let other = found.first(where: { $0.customer != first.customer }) {
            throw AllHandsError.invalid("\(first.what) and \(other.what) are about different customers; link one of them")
        }
        return found.first?.customer
    }

    static func find(id: Int, in db: Database) throws -> ActionItem {
        guard let found = try db.fetchOne(select + " WHERE a.id = ?", id, transform: item) else {
            throw AllHandsError.notFound(what: "action item #\(id)")
        }
        return found
    }

    static let select = """
        SELECT a.id, a.title, o.login, a.due_day, a.customer_id, c.name, a.ticket_id, a.calldown_id, a.checkin_id,
               a.state, b.login, a.created_at, x.login, a.closed_at, a.version
        FROM action_items a JOIN people o ON o.id = a.owner_id JOIN people b ON b.id = a.created_by
        LEFT JOIN people x ON x.id = a.closed_by LEFT JOIN customers c ON c.id = a.customer_id
        """

    static func item(_ row: Row) -> ActionItem {
        ActionItem(id: row.int(0), title: row.string(1), owner: row.string(2), dueDay: row.string(3),
                   customerID: row.optionalInt(4), customerName: row.optionalString(5), ticketID: row.optionalInt(6),
                   callDownID: row.optionalInt(7), checkInID: row.optionalInt(8),
                   state: ActionItem.State(rawValue: row.string(9)) ?? .open, createdBy: row.string(10),
                   createdAt: row.int64(11), closedBy: row.optionalString(12),
                   closedAt: row.isNull(13) ? nil : row.int64(13), version: row.int(14))
    }
}
