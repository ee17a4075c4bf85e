import Foundation
import Storage
import TestSupport
import XCTest

/// Waiting for another process's write lock: retried until the lock is free or the budget is
/// spent, then `busy` with nothing written; a shorter budget for a while is restored afterwards.
final class BusyTimeoutTests: XCTestCase {
    func makeDatabase(_ path: String) throws -> Database {
        try Migrator([.init("t", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);")]).open(path: path, now: 0)
    }

    /// Another connection on its own thread (standing for another process) holds the write lock
    /// with a pending row until `release` is signalled, then commits it.
    func holdWriteLock(_ path: String, until release: DispatchSemaphore, delay: useconds_t = 0) -> DispatchSemaphore {
        let locked = DispatchSemaphore(value: 0)
        Thread {
            guard let other = try? Database(path: path) else { locked.signal(); return }
            try? other.execute("BEGIN IMMEDIATE")
            try? other.execute("INSERT INTO t (v) VALUES ('theirs')")
            locked.signal()
            release.wait()
            usleep(delay)
            try? other.execute("COMMIT")
        }.start()
        return locked
    }

    func testAWriteWaitsForALockReleasedMeanwhileAndThenCommits() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir.file("t.db"))
        let release = DispatchSemaphore(value: 0)
        holdWriteLock(dir.file("t.db"), until: release, delay: 50_000).wait()
        // The other side commits 50 ms after this write has begun to wait for it.
        release.signal()
        try db.write { try $0.execute("INSERT INTO t (v) VALUES ('mine')") }
        XCTAssertEqual(try db.fetchAll("SELECT v FROM t ORDER BY id") { $0.string(0) }, ["theirs", "mine"])
    }

    func testAWaitPastItsBudgetReportsBusyAndWritesNothing() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir.file("t.db"))
        let release = DispatchSemaphore(value: 0)
        holdWriteLock(dir.file("t.db"), until: release).wait()
        XCTAssertThrowsError(try db.withBusyTimeout(milliseconds: 20) {
            try db.write { try $0.execute("INSERT INTO t (v) VALUES ('mine')") }
        }) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .busy)
        }
        release.signal()
        // The usual budget is back: this write waits for the commit instead of failing.
        try db.write { try $0.execute("INSERT INTO t (v) VALUES ('after')") }
        XCTAssertEqual(try db.fetchAll("SELECT v FROM t ORDER BY id") { $0.string(0) }, ["theirs", "after"])
    }

    func testAShorterBudgetIsRestoredWhenItsBodyEndsOrThrows() throws {
        struct Boom: Error {}
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir.file("t.db"))
        XCTAssertEqual(db.busyTimeout, Database.busyTimeoutMilliseconds)
        try db.withBusyTimeout(milliseconds: 50) {
            XCTAssertEqual(db.busyTimeout, 50)
            XCTAssertThrowsError(try db.withBusyTimeout(milliseconds: 0) {
                XCTAssertEqual(db.busyTimeout, 0)
                throw Boom()
            })
            XCTAssertEqual(db.busyTimeout, 50)
        }
        XCTAssertEqual(db.busyTimeout, Database.busyTimeoutMilliseconds)
    }
}
