import Foundation
import Storage
import TestSupport
import XCTest

final class TransactionTests: XCTestCase {
    struct Boom: Error {}

    func makeDatabase(_ dir: TemporaryDirectory) throws -> Database {
        try Migrator([.init("t", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);")])
            .open(path: dir.file("t.db"), now: 0)
    }

    func testAnErrorRollsBackEveryStatementOfTheTransaction() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        XCTAssertThrowsError(try db.write { db in
            try db.execute("INSERT INTO t (v) VALUES ('a')")
            try db.execute("INSERT INTO t (v) VALUES ('b')")
            throw Boom()
        })
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM t"), 0)
        XCTAssertFalse(db.isInTransaction)
    }

    func testAConstraintFailureIsTypedAndRollsBackWhole() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        XCTAssertThrowsError(try db.write { db in
            try db.execute("INSERT INTO t (v) VALUES ('a')")
            try db.execute("INSERT INTO t (v) VALUES ('a')")
        }) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .constraint)
        }
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM t"), 0)
    }

    func testANestedFailureRollsBackOnlyItsSavepoint() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        try db.write { db in
            try db.execute("INSERT INTO t (v) VALUES ('kept')")
            _ = try? db.write { db in
                try db.execute("INSERT INTO t (v) VALUES ('dropped')")
                throw Boom()
            }
        }
        XCTAssertEqual(try db.fetchAll("SELECT v FROM t") { $0.string(0) }, ["kept"])
    }

    func testStatementsAreCachedBySQLText() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        XCTAssertTrue(try db.statement("SELECT 1") === db.statement("SELECT 1"))
        XCTAssertFalse(try db.statement("SELECT 1") === db.statement("SELECT 2"))
    }

    func testAWriterBlockedByAnotherConnectionReportsBusy() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        let other = try Database(path: dir.file("t.db"))
        try other.execute("PRAGMA busy_timeout = 0")
        try db.write { _ in
            XCTAssertThrowsError(try other.write { try $0.execute("INSERT INTO t (v) VALUES ('x')") }) { error in
                XCTAssertEqual((error as? DatabaseError)?.kind, .busy)
            }
        }
    }

    func testTheChangeWatcherIgnoresOwnCommitsAndSeesAnotherConnections() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        let watcher = try ChangeWatcher(database: db)
        try db.write { try $0.execute("INSERT INTO t (v) VALUES ('mine')") }
        XCTAssertFalse(try watcher.poll())
        let other = try Database(path: dir.file("t.db"))
        try other.write { try $0.execute("INSERT INTO t (v) VALUES ('theirs')") }
        XCTAssertTrue(try watcher.poll())
        XCTAssertFalse(try watcher.poll())
    }
}

final class ChangeWatcherTests: XCTestCase {
    func testAWatcherSeesOtherCommitsAndNoticesTheFileRemovedOrReplaced() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("w.db")
        let migrator = Migrator(applicationID: testApplicationID, [.init("t", "CREATE TABLE t (x INTEGER);")])
        let mine = try migrator.open(path: path, now: 1)
        let watcher = try ChangeWatcher(database: mine)
        XCTAssertFalse(try watcher.poll())
        let other = try migrator.open(path: path, now: 1)
        try other.write { try $0.execute("INSERT INTO t VALUES (1)") }
        XCTAssertTrue(try watcher.poll())
        XCTAssertFalse(try watcher.poll())

        // Replaced by another file under the same name (a restore by mv).
        let copy = try other.backupBeside(label: "copy", now: 1)
        XCTAssertEqual(rename(copy, path), 0)
        XCTAssertThrowsError(try watcher.poll()) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .missing)
        }
    }
}
