import Foundation
import Storage

/// People: the whole company, since everyone takes support shifts.
public struct PeopleService {
    let context: ServiceContext

    static let columns = "id, login, name, email, team, role, timezone, active"

    static func person(_ row: Row) -> Person {
        Person(id: row.int(0), login: row.string(1), name: row.string(2), email: row.string(3),
               team: row.string(4), role: Role(rawValue: row.string(5)) ?? .employee,
               timeZone: row.string(6), active: row.int(7) != 0)
    }

    public func list() throws -> [Person] {
        try context.check(.viewPeople)
        return try context.read { db in
            try db.fetchAll("SELECT \(Self.columns) FROM people ORDER BY login", transform: Self.person)
        }
    }

    public func find(login: String) throws -> Person? {
        try context.read { db in try Self.find(login: login, in: db) }
    }

    static func find(login: String, in db: Database) throws -> Person? {
        try db.fetchOne("SELECT \(columns) FROM people WHERE login = ?", login, transform: person)
    }

    /// Whether anyone at all is in the database (nobody: the first login becomes its admin).
    static func anyone(in db: Database) throws -> Bool {
        try db.fetchInt("SELECT EXISTS (SELECT 1 FROM people)") == 1
    }

    public func count() throws -> Int {
        try context.read { db in try db.fetchInt("SELECT count(*) FROM people") ?? 0 }
    }

    /// Adds one person. The login must be new; only an admin may add an admin.
    @discardableResult
    public func add(_ person: Person) throws -> Person {
        try context.check(.managePeople)
        try Self.validate(person)
        try checkAdminRights(before: nil, after: person)
        return try context.write { db in
            if try Self.find(login: person.login, in: db) != nil {
                throw AllHandsError.invalid("a person with login '\(person.login)' already exists")
            }
            return try Self.insert(person, in: db, context: context)
        }
    }

    static func insert(_ person: Person, in db: Database, context: ServiceContext) throws -> Person {
        try db.execute("""
            INSERT INTO people (login, name, email, team, role, timezone, active, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, person.login, person.name, person.email, person.team, person.role.rawValue,
            person.timeZone, person.active, context.now)
        var stored = person
        stored.id = Int(db.lastInsertRowID)
        try context.audit("person.create", entity: "person", id: person.login, after: snapshot(stored))
        return stored
    }

    /// Creates or updates people from CSV (`login,name,email,team,role,timezone`) in one transaction:
    /// a bad row names its line and column and nothing is written. A row that would create or
    /// change an admin, or make someone admin, needs an admin; a file that would leave no active
    /// admin is refused whole.
    public func importCSV(_ text: String, source: String) throws -> ImportSummary {
        try context.check(.managePeople)
        let rows = try PeopleCSV.parse(text, source: source)
        return try context.write { db in
            var summary = ImportSummary()
            for row in rows {
                let existing = try Self.find(login: row.person.login, in: db)
                let incoming = existing.map { Self.applying(row.person, to: $0) } ?? row.person
                do {
                    try checkAdminRights(before: existing, after: incoming)
                } catch AllHandsError.notAllowed(let reason) {
                    throw AllHandsError.notAllowed("\(source):\(row.line): \(reason)")
                }
                guard let existing else {
                    _ = try Self.insert(incoming, in: db, context: context)
                    summary.added += 1
                    continue
                }
                if incoming == existing {
                    summary.unchanged += 1
                    continue
                }
                try db.execute("""
                    UPDATE people SET name = ?, email = ?, team = ?, role = ?, timezone = ? WHERE id = ?
                    """, incoming.name, incoming.email, incoming.team, incoming.role.rawValue, incoming.timeZone, existing.id)
                try context.audit("person.update", entity: "person", id: incoming.login,
                                  before: Self.snapshot(existing), after: Self.snapshot(incoming))
                summary.updated += 1
            }
            try Self.requireAnActiveAdmin(in: db)
            return summary
        }
    }

    /// A file's row for a person already stored: it keeps their id and whether they are active,
    /// which the file says nothing about.
    static func applying(_ row: Person, to existing: Person) -> Person {
        var updated = row
        updated.id = existing.id
        updated.active = existing.active
        return updated
    }

    /// Only an admin may grant, change or remove the admin role, or edit an admin's row.
    /// `after` is the person as they would be stored; an unchanged row needs no right.
    private func checkAdminRights(before: Person?, after: Person) throws {
        let touchesAdmin = after.role == .admin || before?.role == .admin
        guard touchesAdmin, before != after, !Permissions.allows(context.actor.person.role, .manageAdmins) else { return }
        let what = before == nil ? "add '\(after.login)' as an admin"
            : before?.role == .admin ? "change '\(after.login)', who is an admin" : "make '\(after.login)' an admin"
        throw AllHandsError.notAllowed("\(English.withArticle(context.actor.person.role.rawValue)) may not \(what); only an admin may")
    }

    /// The database must always keep one active admin: the last one cannot be demoted or deactivated.
    static func requireAnActiveAdmin(in db: Database) throws {
        if try db.fetchInt("SELECT EXISTS (SELECT 1 FROM people WHERE role = 'admin' AND active = 1)") != 1 {
            throw AllHandsError.notAllowed("this would leave no active admin; make someone else admin first")
        }
    }

    public struct ImportSummary: Sendable, Equatable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0

        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
        }
    }

    static func snapshot(_ p: Person) -> [String: String?] {
        ["login": p.login, "name": p.name, "email": p.email, "team": p.team, "role": p.role.rawValue,
         "timezone": p.timeZone, "active": p.active ? "true" : "false"]
    }

    /// Checks a person's fields against their formats and `FieldLimits`; the message names the
    /// field and quotes at most an excerpt of what was given.
    public static func validate(_ person: Person) throws {
        let who = FieldLimits.excerpt(person.login)
        if !isValidLogin(person.login) {
            throw AllHandsError.invalid("login '\(who)' is not valid: use 1–\(FieldLimits.login) letters, digits, '.', '_' or '-'")
        }
        if reservedLogins.contains(person.login) {
            throw AllHandsError.invalid("login '\(person.login)' is reserved: where a person is named, 'me' means whoever acts and 'none' means nobody")
        }
        if person.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw AllHandsError.invalid("name is empty for '\(who)'")
        }
        for (field, value, limit) in [("name", person.name, FieldLimits.name), ("team", person.team, FieldLimits.team),
                                      ("email", person.email, FieldLimits.email)] where FieldLimits.length(value) > limit {
            throw AllHandsError.invalid("\(field) for '\(who)' is too long: \(FieldLimits.length(value)) characters, at most \(limit)")
        }
        if !person.email.isEmpty && !isPlausibleEmail(person.email) {
            throw AllHandsError.invalid("email '\(FieldLimits.excerpt(person.email))' for '\(who)' is not an address")
        }
        if TimeZone(identifier: person.timeZone) == nil {
            throw AllHandsError.invalid("time zone '\(FieldLimits.excerpt(person.timeZone))' for '\(who)' is not an IANA zone (e.g. Europe/Berlin)")
        }
    }

    /// Words commands give a meaning of their own where a login goes.
    public static let reservedLogins: Set<String> = ["me", "none"]

    static func isValidLogin(_ login: String) -> Bool {
        (1...FieldLimits.login).contains(login.count) && login.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "." || $0 == "_" || $0 == "-"
        }
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !email.contains(where: { $0.isWhitespace })
    }
}
