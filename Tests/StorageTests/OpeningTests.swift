import Foundation
import Storage
import TestSupport
import XCTest

/// What `Migrator.open` accepts, refuses untouched, and writes.
final class OpeningTests: XCTestCase {
    let migrator = Migrator(applicationID: testApplicationID, [
        .init("foundation", "CREATE TABLE people (id INTEGER PRIMARY KEY, login TEXT NOT NULL);"),
        .init("more", "CREATE TABLE tickets (id INTEGER PRIMARY KEY);"),
    ])

    static let sidecars = ["-wal", "-shm", "-journal"]

    /// Something exists at `path` (a link counts, even a dangling one).
    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    func assertRefusedUntouched(_ path: String, as kind: DatabaseError.Kind, create: Bool = true,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try migrator.open(path: path, now: 1, create: create), file: file, line: line) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, kind, "\(error)", file: file, line: line)
            if case .schemaTooNew = kind { return }  // the caller names the path around the versions
            XCTAssertTrue("\(error)".contains(path), "names the path: \(error)", file: file, line: line)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "same bytes", file: file, line: line)
        for suffix in Self.sidecars {
            XCTAssertFalse(exists(path + suffix), "no \(suffix) beside it", file: file, line: line)
        }
    }

    /// Someone else's SQLite file, closed (so its WAL, if any, is folded back and removed).
    func foreignDatabase(_ path: String, wal: Bool = false, applicationID: Int32 = 0, schema: String) throws {
        let db = try Database(path: path)
        if wal { try db.enableSharedMode() }
        try db.executeScript(schema)
        try db.execute("PRAGMA application_id = \(applicationID)")
    }

    // MARK: - Foreign files

    func testSomeoneElsesDatabaseIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("notes.db")
        try foreignDatabase(path, schema: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');")
        try assertRefusedUntouched(path, as: .notAllhands)
    }

    func testSomeoneElsesWALDatabaseIsRefusedWithoutCreatingItsWAL() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("notes.db")
        try foreignDatabase(path, wal: true, schema: "CREATE TABLE notes (id INTEGER PRIMARY KEY);")
        try assertRefusedUntouched(path, as: .notAllhands)
    }

    func testADatabaseThatHappensToHaveOurTableNamesIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("crm.db")
        try foreignDatabase(path, schema: "CREATE TABLE people (id INTEGER PRIMARY KEY, login TEXT NOT NULL);")
        try assertRefusedUntouched(path, as: .notAllhands)
    }

    func testADatabaseMarkedByAnotherApplicationIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("other.db")
        // Even with a record that looks like ours: the mark says it belongs to someone else.
        try foreignDatabase(path, applicationID: 0x0F0F_0F0F, schema: """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 'foundation', 0);
            """)
        try assertRefusedUntouched(path, as: .notAllhands)
    }

    func testAnotherProgramsSchemaMigrationsTableIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("rails.db")
        try foreignDatabase(path, schema: "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations VALUES ('2024');")
        try assertRefusedUntouched(path, as: .notAllhands)
    }

    func testANonEmptyDatabaseWithNoTablesIsNotTakenOver() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("blank.db")
        try foreignDatabase(path, schema: "PRAGMA user_version = 0; CREATE TABLE t (x); DROP TABLE t;")
        try assertRefusedUntouched(path, as: .notAllhands)
    }

    func testATextFileIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("notes.txt")
        try Data("these are my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        try assertRefusedUntouched(path, as: .notADatabase)
    }

    func testAUserVersionNewerThanThisBuildIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        do {
            let db = try migrator.open(path: path, now: 1)
            try db.execute("PRAGMA user_version = 9")
            try db.checkpoint()
        }
        try assertRefusedUntouched(path, as: .schemaTooNew(found: 9, known: 2))
    }

    // MARK: - The previous build's databases

    /// A database as the previous build wrote it: WAL, no application id, no user_version.
    func previousBuildDatabase(_ path: String) throws {
        let db = try Database(path: path)
        try db.enableSharedMode()
        try db.executeScript("""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
            CREATE TABLE people (id INTEGER PRIMARY KEY, login TEXT NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 'foundation', 5);
            INSERT INTO people (login) VALUES ('ana');
            """)
    }

    func testThePreviousBuildsDatabaseIsAcceptedMarkedAndMigrated() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.db")
        try previousBuildDatabase(path)
        let db = try migrator.open(path: path, now: 9)
        XCTAssertEqual(try db.fetchInt("PRAGMA application_id"), Int(testApplicationID))
        XCTAssertEqual(try db.fetchInt("PRAGMA user_version"), 2)
        XCTAssertEqual(try migrator.appliedNames(in: db), ["foundation", "more"])
        XCTAssertEqual(try db.fetchAll("SELECT login FROM people") { $0.string(0) }, ["ana"])
    }

    func testThePreviousBuildsDatabaseIsAcceptedWhileItsWALIsInUse() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.db")
        try previousBuildDatabase(path)
        let running = try Database(path: path)  // an old console still has it open
        try running.write { try $0.execute("INSERT INTO people (login) VALUES ('ben')") }
        let db = try migrator.open(path: path, now: 9)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM people"), 2)
        XCTAssertEqual(try db.fetchInt("PRAGMA application_id"), Int(testApplicationID))
    }

    // MARK: - What is not a regular file

    func testAFolderAFIFOAndDevNullAreRefusedLeavingNothingBeside() throws {
        let dir = TemporaryDirectory()
        let folder = dir.file("folder.db")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let fifo = dir.file("pipe.db")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        for path in [folder, fifo, "/dev/null"] {
            XCTAssertThrowsError(try migrator.open(path: path, now: 1)) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .notARegularFile, "\(path): \(error)")
            }
            for suffix in Self.sidecars { XCTAssertFalse(exists(path + suffix), path + suffix) }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["folder.db", "pipe.db"])
    }

    func testASymbolicLinkIsRefusedEvenToARealDatabase() throws {
        let dir = TemporaryDirectory()
        let real = dir.file("real.db")
        _ = try migrator.open(path: real, now: 1)
        let link = dir.file("link.db")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let dangling = dir.file("dangling.db")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.file("nowhere.db"))
        for path in [link, dangling] {
            XCTAssertThrowsError(try migrator.open(path: path, now: 1)) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .notARegularFile, "\(path): \(error)")
                XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
            }
            for suffix in Self.sidecars { XCTAssertFalse(exists(path + suffix), path + suffix) }
        }
        XCTAssertFalse(exists(dir.file("nowhere.db")), "the link's target was not created")
    }

    // MARK: - Creating, or not

    func testOpeningWithoutCreateReportsMissingAndCreatesNothing() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("typo.db")
        XCTAssertThrowsError(try migrator.open(path: path, now: 1, create: false)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .missing)
            XCTAssertEqual("\(error)", "no allhands database at \(path)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }

    func testOpeningWithoutCreateOpensAnExistingDatabase() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        _ = try migrator.open(path: path, now: 1)
        XCTAssertEqual(try migrator.appliedNames(in: migrator.open(path: path, now: 2, create: false)), ["foundation", "more"])
    }

    // MARK: - No write unless needed

    func testAnUpToDateDatabaseOpensWhileAnotherConnectionHoldsTheWriteLock() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        _ = try migrator.open(path: path, now: 1)
        let writer = try Database(path: path)
        try writer.execute("BEGIN IMMEDIATE")
        defer { try? writer.execute("ROLLBACK") }
        try writer.execute("INSERT INTO people (login) VALUES ('pending')")
        // Taking the write lock here would wait out the busy timeout and throw `busy`.
        let reader = try migrator.open(path: path, now: 2, create: false)
        XCTAssertEqual(try reader.fetchInt("SELECT count(*) FROM people"), 0)
    }

    func testAnUpToDateDatabaseIsNotWrittenByOpening() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        let first = try migrator.open(path: path, now: 1)
        let version = try first.dataVersion()
        _ = try migrator.open(path: path, now: 2)
        XCTAssertEqual(try first.dataVersion(), version, "no other connection committed")
    }
}
