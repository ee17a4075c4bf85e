import Foundation
import Storage
import TestSupport
import XCTest

final class MigratorTests: XCTestCase {
    let migrator = Migrator([
        .init("one", "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
        .init("two", "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));"),
    ])

    func testFreshDatabaseGetsEveryMigrationRecordedInOrder() throws {
        let dir = TemporaryDirectory()
        let db = try migrator.open(path: dir.file("x.db"), now: 100)
        XCTAssertEqual(try migrator.appliedVersion(in: db), 2)
        let names = try db.fetchAll("SELECT name FROM schema_migrations ORDER BY version") { $0.string(0) }
        XCTAssertEqual(names, ["one", "two"])
        XCTAssertEqual(try db.fetchOne("PRAGMA journal_mode") { $0.string(0) }, "wal")
        XCTAssertEqual(try db.fetchInt("PRAGMA foreign_keys"), 1)
        XCTAssertEqual(try db.fetchInt("PRAGMA synchronous"), 1, "NORMAL")
    }

    func testReopeningAppliesNothingAndAddingAMigrationAppliesOnlyIt() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        _ = try Migrator(Array(migrator.migrations.prefix(1))).open(path: path, now: 1)
        let db = try Database(path: path)
        XCTAssertEqual(try migrator.migrate(db, now: 2), 1)
        XCTAssertEqual(try migrator.migrate(db, now: 3), 0)
        XCTAssertEqual(try db.fetchInt("SELECT applied_at FROM schema_migrations WHERE version = 2"), 2)
    }

    func testNewerSchemaIsRefusedAndTheFileIsLeftByteForByteUnchanged() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        do {
            let newer = Migrator(migrator.migrations + [.init("three", "CREATE TABLE c (id INTEGER);")])
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

    func testAFileThatIsNotADatabaseIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("notes.txt")
        let text = Data("these are my notes, not a database\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try migrator.open(path: path, now: 1)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .notADatabase)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    func testAFailingMigrationLeavesNoTrace() throws {
        let dir = TemporaryDirectory()
        let broken = Migrator([.init("ok", "CREATE TABLE a (id INTEGER);"), .init("bad", "CREATE TABLE b (; nonsense")])
        XCTAssertThrowsError(try broken.open(path: dir.file("x.db"), now: 1))
        let db = try Database(path: dir.file("x.db"))
        XCTAssertEqual(try broken.appliedVersion(in: db), 0)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 0)
    }
}
