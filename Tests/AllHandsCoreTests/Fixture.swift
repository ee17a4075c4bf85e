import AllHandsCore
import Foundation
import Storage
import TestSupport

/// A real database file in a temp dir, with the clock stopped at a known instant.
final class Fixture {
    static let now: Int64 = 1_795_000_000 // 2026-11-18T…Z, a Wednesday
    let dir = TemporaryDirectory()
    let clock = FixedClock(epochSeconds: Fixture.now)
    var path: String { dir.file("allhands.db") }

    func database() throws -> Database {
        try Workspace.openDatabase(path: path, clock: clock)
    }

    /// A workspace for `login` on this file (a new connection each time).
    func workspace(_ login: String = "admin", as actAs: String? = nil) throws -> Workspace {
        try Workspace(database: database(), config: .default, clock: clock, login: login, actAs: actAs)
    }

    /// An admin-owned database with a demo company.
    func demo(people: Int = 40, tickets: Int = 200, seed: UInt64 = 7) throws -> Workspace {
        let ws = try workspace()
        try ws.demo.generate(DemoOptions(people: people, tickets: tickets, seed: seed))
        return try workspace()
    }

    /// Adds people with the given roles (as the admin) and returns their logins by role.
    func addPeople(_ roles: [Role]) throws {
        let admin = try workspace()
        for role in roles {
            try admin.people.add(Person(login: role.rawValue + "1", name: "A \(role.rawValue)", role: role))
        }
    }

    /// One ticket from a new customer, written straight into the file; returns its id.
    func addTicket(_ ws: Workspace, assignee: String? = nil, subject: String = "Printer on fire") throws -> Int {
        let db = try database()
        return try db.write { db in
            try db.execute("INSERT INTO customers (name, email, created_at) VALUES ('Ann Lee', 'ann@example.com', ?)", Fixture.now)
            let customer = Int(db.lastInsertRowID)
            let assigneeID = try assignee.flatMap { try db.fetchInt("SELECT id FROM people WHERE login = ?", $0) }
            try db.execute("""
                INSERT INTO tickets (subject, status, priority, requester_id, assignee_id, created_at, updated_at)
                VALUES (?, 'open', 2, ?, ?, ?, ?)
                """, subject, customer, assigneeID, Fixture.now, Fixture.now)
            return Int(db.lastInsertRowID)
        }
    }
}
