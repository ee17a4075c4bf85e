import Foundation
import Storage

/// What the person holding a check-in reads before it: "the caller arrives prepared".
public struct CheckInBrief: Sendable, Equatable {
    public var checkIn: CheckIn
    /// The customer's newest tickets first.
    public var recentTickets: [Ticket]
    /// The customer's other check-ins, newest first, with their notes.
    public var pastCheckIns: [CheckIn]
    /// Action items still open for the customer, earliest due first.
    public var openActionItems: [ActionItem]
}

/// Cross-functional customer check-ins: anyone may hold a short conversation with a customer who
/// has written to support (a check-in is with an existing customer: an unknown email is refused,
/// not turned into a new customer), write notes into one central place, and everyone may read
/// every check-in's notes. Notes are changed by the check-in's people, or by someone who manages
/// follow-ups.
public struct CheckInService {
    let context: ServiceContext

    /// How many recent tickets and past check-ins a brief shows.
    public static let briefLength = 5

    /// Schedules a check-in with the customer whose email is `customerEmail` at `at`, held by the
    /// actor and `with` (logins of active people).
    @discardableResult
    public func add(customerEmail: String, at: Int64, with others: [String] = []) throws -> CheckIn {
        try context.check(.listen)
        let email = customerEmail.trimmingCharacters(in: .whitespaces)
        return try context.write { db in
            guard let customer = try CustomerLookup.id(email: email, in: db) else {
                throw AllHandsError.invalid("no customer has the email '\(FieldLimits.excerpt(email))': a check-in is "
                    + "with a customer who has written to support")
            }
            var people = [context.actor.person]
            for login in others where !people.contains(where: { $0.login == login }) {
                guard let person = try PeopleService.find(login: login, in: db), person.active else {
                    throw AllHandsError.invalid("no active person with login '\(FieldLimits.excerpt(login))' to hold the check-in")
                }
                people.append(person)
            }
            try db.execute("""
                INSERT INTO checkins (customer_id, at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                """, customer, at, context.actor.person.id, context.now, context.now)
            let id = Int(db.lastInsertRowID)
            for person in people {
                try db.execute("INSERT INTO checkin_people (checkin_id, person_id) VALUES (?, ?)", id, person.id)
            }
            try context.audit("checkin.add", entity: "checkin", id: id, after: [
                "customer": String(customer), "at": Timestamp.iso8601(at),
                "people": people.map(\.login).joined(separator: ","),
            ])
            return try Self.find(id: id, in: db)
        }
    }

    /// Replaces the notes. The check-in's people, or someone who manages follow-ups;
    /// compare-and-set on `expectedVersion` when given; audited.
    @discardableResult
    public func setNotes(id: Int, notes: String, expectedVersion: Int? = nil) throws -> CheckIn {
        let notes = try FieldLimits.optional(notes, "the notes", limit: FieldLimits.messageBody)
        return try context.write { db in
            let current = try Self.find(id: id, in: db)
            try context.check(Permissions.followUpAction(people: current.people, actor: context.actor.person.login))
            if let expectedVersion, expectedVersion != current.version {
                throw AllHandsError.conflict(what: "check-in #\(id)", expected: expectedVersion, found: current.version)
            }
            guard notes != current.notes else { return current }
            try db.execute("UPDATE checkins SET notes = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                           notes, context.now, id, current.version)
            try context.audit("checkin.notes", entity: "checkin", id: id, before: ["notes": current.notes],
                              after: ["notes": notes])
            return try Self.find(id: id, in: db)
        }
    }

    /// Check-ins newest first: with one customer, held by one person, in `[from, to)`.
    public func list(customerEmail: String? = nil, person: String? = nil, from: Int64? = nil, to: Int64? = nil,
                     limit: Int = 100) throws -> [CheckIn] {
        try context.check(.listen)
        return try context.read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let customerEmail {
                clauses.append("c.email = ?")
                arguments.append(customerEmail.trimmingCharacters(in: .whitespaces))
            }
            if let person {
                guard let found = try PeopleService.find(login: person, in: db) else {
                    throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(person))'")
                }
                clauses.append("k.id IN (SELECT checkin_id FROM checkin_people WHERE person_id = ?)")
                arguments.append(found.id)
            }
            if let from {
                clauses.append("k.at >= ?")
                arguments.append(from)
            }
            if let to {
                clauses.append("k.at < ?")
                arguments.append(to)
            }
            arguments.append(limit)
            let sql = Self.select + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
                + " ORDER BY k.at DESC, k.id DESC LIMIT ?"
            return try Self.withPeople(db.fetchAll(sql, arguments: arguments, transform: Self.checkIn), in: db)
        }
    }

    public func find(id: Int) throws -> CheckIn {
        try context.check(.listen)
        return try context.read { db in try Self.find(id: id, in: db) }
    }

    /// The check-in with what to read before it.
    public func brief(id: Int) throws -> CheckInBrief {
        try context.check(.listen)
        return try context.read { db in
            let checkIn = try Self.find(id: id, in: db)
            let past = try db.fetchAll(Self.select + " WHERE k.customer_id = ? AND k.id <> ? ORDER BY k.at DESC, k.id DESC LIMIT ?",
                                       checkIn.customerID, id, Self.briefLength, transform: Self.checkIn)
            let items = try db.fetchAll(ActionItemService.select
                                            + " WHERE a.customer_id = ? AND a.state = 'open' ORDER BY a.due_day, a.id",
                                        checkIn.customerID, transform: ActionItemService.item)
            return CheckInBrief(checkIn: checkIn,
                                recentTickets: try TicketService.recent(customerID: checkIn.customerID,
                                                                        limit: Self.briefLength, in: db),
                                pastCheckIns: try Self.withPeople(past, in: db), openActionItems: items)
        }
    }

    /// Check-ins whose notes match `query` (words, "phrases", prefix*), best match first.
    public func search(_ query: String, limit: Int = 20) throws -> [CheckIn] {
        try context.check(.listen)
        guard let match = SearchService.matchExpression(query) else { return [] }
        return try context.read { db in
            try Self.withPeople(db.fetchAll(Self.select + """
                 JOIN checkins_fts f ON f.rowid = k.id WHERE checkins_fts MATCH ? ORDER BY f.rank, k.id DESC LIMIT ?
                """, match, limit, transform: Self.checkIn), in: db)
        }
    }

    static func find(id: Int, in db: Database) throws -> CheckIn {
        guard let found = try db.fetchOne(select + " WHERE k.id = ?", id, transform: checkIn) else {
            throw AllHandsError.notFound(what: "check-in #\(id)")
        }
        return try withPeople([found], in: db)[0]
    }

    /// Fills in each check-in's people: who scheduled it first, then the others by login.
    static func withPeople(_ checkIns: [CheckIn], in db: Database) throws -> [CheckIn] {
        try checkIns.map { checkIn in
            var checkIn = checkIn
            let others = try db.fetchAll("""
                SELECT p.login FROM checkin_people cp JOIN people p ON p.id = cp.person_id
                WHERE cp.checkin_id = ? AND p.login <> ? ORDER BY p.login
                """, checkIn.id, checkIn.createdBy) { $0.string(0) }
            checkIn.people = [checkIn.createdBy] + others
            return checkIn
        }
    }

    static let select = """
        SELECT k.id, k.customer_id, c.name, c.email, k.at, k.notes, p.login, k.updated_at, k.version
        FROM checkins k JOIN customers c ON c.id = k.customer_id JOIN people p ON p.id = k.created_by
        """

    static func checkIn(_ row: Row) -> CheckIn {
        CheckIn(id: row.int(0), customerID: row.int(1), customerName: row.string(2), customerEmail: row.string(3),
                at: row.int64(4), people: [], notes: row.string(5), createdBy: row.string(6), updatedAt: row.int64(7),
                version: row.int(8))
    }
}
