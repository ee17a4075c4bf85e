import Foundation
import Storage
import TestSupport
import XCTest

/// An application id for these tests only ("Test").
let testApplicationID: Int32 = 0x5465_7374

final class MigratorTests: XCTestCase {
    let migrator = Migrator(applicationID: testApplicationID, [
        .init("one", "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
        .init("two", "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));"),
    ])

    func testFreshDatabaseGetsEveryMigrationRecordedInOrderAndIsMarked() throws {
        let dir = TemporaryDirectory()
        let db = try migrator.open(path: dir.file("x.db"), now: 100)
        XCTAssertEqual(try migrator.appliedNames(in: db), ["one", "two"])
        XCTAssertEqual(try db.fetchOne("PRAGMA journal_mode") { $0.string(0) }, "wal")
        XCTAssertEqual(try db.fetchInt("PRAGMA foreign_keys"), 1)
        XCTAssertEqual(try db.fetchInt("PRAGMA synchronous"), 1, "NORMAL")
        XCTAssertEqual(try db.fetchInt("PRAGMA application_id"), Int(testApplicationID))
        XCTAssertEqual(try db.fetchInt("PRAGMA user_version"), 2)
    }

    func testReopeningAppliesNothingAndAddingAMigrationAppliesOnlyIt() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        _ = try Migrator(applicationID: testApplicationID, Array(migrator.migrations.prefix(1))).open(path: path, now: 1)
        let db = try Database(path: path)
        XCTAssertEqual(try migrator.migrate(db, now: 2), 1)
        XCTAssertEqual(try migrator.migrate(db, now: 3), 0)
        XCTAssertEqual(try db.fetchInt("SELECT applied_at FROM schema_migrations WHERE name = 'two'"), 2)
        XCTAssertEqual(try db.fetchInt("PRAGMA user_version"), 2)
    }

    func testAMigrationCanBeSwiftCode() throws {
        let dir = TemporaryDirectory()
        let withCode = Migrator(applicationID: testApplicationID, migrator.migrations + [
            .init("fill") { db in
                for name in ["x", "y", "z"] { try db.execute("INSERT INTO a (name) VALUES (?)", name) }
            },
        ])
        let db = try withCode.open(path: dir.file("x.db"), now: 1)
        XCTAssertEqual(try db.fetchAll("SELECT name FROM a ORDER BY id") { $0.string(0) }, ["x", "y", "z"])
        XCTAssertEqual(try withCode.appliedNames(in: db), ["one", "two", "fill"])
    }

    func testADatabaseRecordingAMigrationThisBinaryDoesNotKnowIsTooNewAndLeftUnchanged() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        do {
            // Same count as this binary knows, but a name it has never heard of: a newer branch.
            let other = Migrator(applicationID: testApplicationID, [migrator.migrations[0], .init("elsewhere", "CREATE TABLE c (id INTEGER);")])
            let db = try other.open(path: path, now: 1)
            try db.checkpoint()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try migrator.open(path: path, now: 2)) { error in
            // Counted as one beyond what this binary knows, so the message never reads "2 is newer than 2".
            XCTAssertEqual((error as? DatabaseError)?.kind, .schemaTooNew(found: 3, known: 2))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testNewerSchemaIsRefusedAndTheFileIsLeftByteForByteUnchanged() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        do {
            let newer = Migrator(applicationID: testApplicationID, migrator.migrations + [.init("three", "CREATE TABLE c (id INTEGER);")])
            let db = try newer.open(path: path, now: 1)
            try db.checkpoint()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try migrator.open(path: path, now: 2)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .schemaTooNew(found: 3, known: 2))
            XCTAssertTrue("\(error)".contains("newer"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testAFailingMigrationLeavesNoTrace() throws {
        let dir = TemporaryDirectory()
        let broken = Migrator(applicationID: testApplicationID,
                              [.init("ok", "CREATE TABLE a (id INTEGER);"), .init("bad", "CREATE TABLE b (; nonsense")])
        XCTAssertThrowsError(try broken.open(path: dir.file("x.db"), now: 1))
        let db = try Database(path: dir.file("x.db"))
        XCTAssertEqual(try broken.appliedNames(in: db), [])
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 0)
    }

    // MARK: - Foreign keys

    static let tickets = Migrator.Migration("tickets", """
        CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT NOT NULL);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            body TEXT NOT NULL);
        """)

    /// The standard SQLite way to change a table: create the new shape, copy, drop, rename.
    static let rebuildTickets = """
        CREATE TABLE tickets_new (id INTEGER PRIMARY KEY, subject TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 2);
        INSERT INTO tickets_new (id, subject) SELECT id, subject FROM tickets;
        DROP TABLE tickets;
        ALTER TABLE tickets_new RENAME TO tickets;
        """

    func seededTickets(_ dir: TemporaryDirectory) throws -> Database {
        let db = try Migrator(applicationID: testApplicationID, [Self.tickets]).open(path: dir.file("t.db"), now: 1)
        try db.write { db in
            try db.execute("INSERT INTO tickets (id, subject) VALUES (1, 'a'), (2, 'b')")
            try db.execute("INSERT INTO messages (ticket_id, body) VALUES (1, 'x'), (1, 'y'), (2, 'z')")
        }
        return db
    }

    /// What the migrator protects against: with foreign keys on, DROP TABLE deletes every row
    /// first, and ON DELETE CASCADE takes every message with it.
    func testRebuildingATableWithForeignKeysOnLosesEveryMessage() throws {
        let dir = TemporaryDirectory()
        let db = try seededTickets(dir)
        XCTAssertEqual(try db.fetchInt("PRAGMA foreign_keys"), 1)
        try db.write { try $0.executeScript(Self.rebuildTickets) }
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM messages"), 0)
    }

    func testRebuildingATableInAMigrationKeepsEveryMessage() throws {
        let dir = TemporaryDirectory()
        let db = try seededTickets(dir)
        let rebuilt = Migrator(applicationID: testApplicationID, [Self.tickets, .init("rebuild-tickets", Self.rebuildTickets)])
        XCTAssertEqual(try rebuilt.migrate(db, now: 2), 1)
        XCTAssertEqual(try db.fetchAll("SELECT body FROM messages ORDER BY id") { $0.string(0) }, ["x", "y", "z"])
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM tickets WHERE priority = 2"), 2)
        XCTAssertEqual(try db.fetchInt("PRAGMA foreign_keys"), 1, "foreign keys are back on after the migration")
    }

    func testAMigrationThatBreaksAForeignKeyIsRolledBackWithAClearError() throws {
        let dir = TemporaryDirectory()
        let db = try seededTickets(dir)
        let lossy = Migrator(applicationID: testApplicationID, [Self.tickets, .init("drop-ticket-2", "DELETE FROM tickets WHERE id = 2;")])
        XCTAssertThrowsError(try lossy.migrate(db, now: 2)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .foreignKeyViolation)
            XCTAssertTrue("\(error)".contains("drop-ticket-2"), "\(error)")
        }
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM tickets"), 2)
        XCTAssertEqual(try lossy.appliedNames(in: db), ["tickets"])
        XCTAssertEqual(try db.fetchInt("PRAGMA foreign_keys"), 1)
    }
}
