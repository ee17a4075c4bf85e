import AllHandsCore
import Foundation
import Storage
import XCTest

/// Helpers for the ticket-work tests: people by role, shifts, a config of one's own, checks of
/// the full-text indexes.
extension Fixture {
    /// A small company (admin, an employee, a support agent, a lead, an exec) with one unassigned
    /// new ticket carrying no tags; returns the fixture, the admin's workspace and the ticket.
    static func ticketWork() throws -> (Fixture, Workspace, Int) {
        let f = Fixture()
        try f.addPeople([.employee, .support, .lead, .exec])
        let ws = try f.workspace()
        let id = try ws.tickets.create(requesterEmail: "ann@example.com", requesterName: "Ann Lee",
                                       subject: "Printer on fire", body: "It is smoking.").id
        return (f, ws, id)
    }

    /// A workspace for `login` with `config` instead of the default one.
    func workspace(_ login: String, config: Configuration) throws -> Workspace {
        try Workspace(database: database(), config: config, clock: clock, login: login)
    }

    /// A workspace for `login` whose clock stands at `instant`.
    func workspace(_ login: String = "admin", at instant: Int64) throws -> Workspace {
        let clock = FixedClock(epochSeconds: instant)
        return try Workspace(database: Workspace.openDatabase(path: path, clock: clock), config: .default, clock: clock,
                             login: login)
    }

    /// The login of the first active person with `role` in the database.
    func login(_ role: Role) throws -> String {
        try XCTUnwrap(try workspace().people.list().first { $0.role == role && $0.active }?.login, "no \(role)")
    }

    /// Puts `login` on a shift `[from, to)` (UTC seconds), written straight into the file.
    func addShift(_ login: String, from: Int64, to: Int64) throws {
        let db = try database()
        try db.write { db in
            try db.execute("INSERT INTO shifts (starts_at, ends_at, created_at) VALUES (?, ?, ?)", from, to, Fixture.now)
            let shift = Int(db.lastInsertRowID)
            try db.execute("""
                INSERT INTO shift_assignments (shift_id, person_id, created_at)
                SELECT ?, id, ? FROM people WHERE login = ?
                """, shift, Fixture.now, login)
        }
    }

    /// Both full-text indexes agree with their content tables (FTS5 compares them when rank is 1).
    func checkSearchIndexes(file: StaticString = #filePath, line: UInt = #line) throws {
        let db = try database()
        for table in ["tickets_fts", "messages_fts"] {
            XCTAssertNoThrow(try db.execute("INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 1)"),
                             table, file: file, line: line)
        }
    }

    /// Audit entries with `action` for one ticket.
    func auditCount(_ action: String, ticket: Int) throws -> Int {
        try database().fetchInt("SELECT count(*) FROM audit_log WHERE action = ? AND entity = 'ticket' AND entity_id = ?",
                                action, String(ticket)) ?? 0
    }
}

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrows<T>(_ expected: AllHandsError, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> T) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? AllHandsError, expected, file: file, line: line)
    }
}
