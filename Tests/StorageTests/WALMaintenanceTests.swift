import Foundation
@testable import Storage
import TestSupport
import XCTest

/// Checkpoints happen as maintenance, not inside commits, and the WAL stays bounded: by
/// maintenance after commits, by the ceiling when maintenance is missing, and by the size limit
/// once the WAL starts over.
final class WALMaintenanceTests: XCTestCase {
    let pageSize = 4096

    func makeDatabase(_ dir: TemporaryDirectory) throws -> Database {
        try Migrator([.init("t", "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL);")]).open(path: dir.file("t.db"), now: 0)
    }

    /// One commit of `rows` rows of about a page each.
    func commit(_ db: Database, rows: Int = 10) throws {
        try db.write { db in
            for _ in 0..<rows { try db.execute("INSERT INTO t (v) VALUES (randomblob(3900))") }
        }
    }

    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func testCommitsLeaveTheCheckpointToMaintenance() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        let fileBefore = size(dir.file("t.db"))
        // 1,500 pages: SQLite's own rule would have checkpointed inside the commit that passed 1,000.
        for _ in 0..<150 { try commit(db) }
        XCTAssertGreaterThan(size(dir.file("t.db-wal")), 1_400 * pageSize)
        XCTAssertEqual(size(dir.file("t.db")), fileBefore, "nothing was copied into the database file")
        XCTAssertTrue(db.checkpointIfDue(minimumInterval: 0))
        XCTAssertGreaterThan(size(dir.file("t.db")), 1_400 * pageSize)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM t"), 1_500)
    }

    func testMaintenanceAfterEachCommitKeepsTheWALSmall() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        let reader = try makeDatabase(dir)  // another process with the file open, between reads
        var largest = 0
        for _ in 0..<300 {
            try commit(db)
            db.checkpointIfDue(minimumInterval: 0)
            XCTAssertEqual(try reader.fetchInt("SELECT count(*) > 0 FROM t"), 1)
            largest = max(largest, size(dir.file("t.db-wal")))
        }
        XCTAssertGreaterThan(largest, 0)
        XCTAssertLessThan(largest, 64 * pageSize, "3,000 pages written, the WAL started over after each checkpoint")
        XCTAssertEqual(try reader.fetchInt("SELECT count(*) FROM t"), 3_000)
    }

    func testMaintenanceWaitsForItsIntervalUnlessTheWALIsLarge() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        XCTAssertFalse(db.checkpointIfDue(minimumInterval: 0), "nothing written, nothing to do")
        try commit(db)
        XCTAssertTrue(db.checkpointIfDue(minimumInterval: 3_600), "the first commit is checkpointed at the next call")
        try commit(db)
        XCTAssertFalse(db.checkpointIfDue(minimumInterval: 3_600), "a small WAL waits for the interval")
        XCTAssertTrue(db.checkpointIfDue(minimumInterval: 0))
        for _ in 0..<(Int(WALState.checkpointFrames) / 10 + 1) { try commit(db) }
        XCTAssertTrue(db.checkpointIfDue(minimumInterval: 3_600), "a large WAL does not wait")
        try db.write { _ in
            XCTAssertFalse(db.checkpointIfDue(minimumInterval: 0), "never inside a transaction")
        }
    }

    func testWithoutMaintenanceTheCeilingCheckpointsAndTheWALIsCutBack() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        // One import-sized commit past the ceiling, and nobody calls maintenance.
        try commit(db, rows: Int(WALState.ceilingFrames) + 500)
        XCTAssertGreaterThan(size(dir.file("t.db")), Int(WALState.ceilingFrames) * pageSize, "checkpointed by the commit")
        XCTAssertGreaterThan(size(dir.file("t.db-wal")), WALState.fileSizeLimit)
        try commit(db, rows: 1)
        XCTAssertLessThanOrEqual(size(dir.file("t.db-wal")), WALState.fileSizeLimit, "started over and cut back")
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM t"), Int(WALState.ceilingFrames) + 501)
    }

    func testAConnectionNotInSharedModeKeepsSQLitesOwnCheckpoint() throws {
        let dir = TemporaryDirectory()
        _ = try makeDatabase(dir)
        let plain = try Database(path: dir.file("t.db"))
        try commit(plain)
        XCTAssertFalse(plain.checkpointIfDue(minimumInterval: 0))
    }
}
