import Foundation
import Storage
import TestSupport
import XCTest

/// Several allhands processes on one database file.
final class ConcurrencyTests: XCTestCase {
    func testTheChangeWatcherSeesACommitMadeByAnotherProcess() throws {
        let cli = CLI()
        try cli.demo("--tickets", "20")
        let db = try Database(path: cli.db)
        let watcher = try ChangeWatcher(database: db)
        XCTAssertFalse(try watcher.poll())
        let update = try cli.run("ticket", "update", "3", "--priority", "urgent")
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertTrue(try watcher.poll(), "a commit by another process must be noticed")
        XCTAssertFalse(try watcher.poll())
        XCTAssertEqual(try db.fetchInt("SELECT priority FROM tickets WHERE id = 3"), 0)
    }

    func testTwoProcessesUpdatingFromTheSameReadOneWinsTheOtherGetsAConflict() throws {
        let cli = CLI()
        try cli.demo("--tickets", "20")
        // Both read the same open ticket, then each changes a different field.
        let read = try XCTUnwrap((cli.json("ticket", "list", "--limit", "1", "--json") as? [[String: Any]])?.first)
        let id = try XCTUnwrap(read["id"] as? Int)
        let version = try XCTUnwrap(read["version"] as? Int)
        XCTAssertNotEqual(read["priority"] as? String, "low")
        let common = ["--db", cli.db, "ticket", "update", String(id), "--expect-version", String(version)]
        let binary = try Products.require("allhands")
        let a = try ProcessRunner.start(binary, common + ["--status", "closed"], environment: cli.environment)
        let b = try ProcessRunner.start(binary, common + ["--priority", "low"], environment: cli.environment)
        let results = [ProcessRunner.finish(a.0, a.1, a.2), ProcessRunner.finish(b.0, b.1, b.2)]
        XCTAssertEqual(results.map(\.status).sorted(), [0, 75], results.map(\.stderr).joined())
        let loser = try XCTUnwrap(results.first { $0.status == 75 })
        XCTAssertTrue(loser.stderr.contains("changed since you read it"), loser.stderr)

        let after = try XCTUnwrap((cli.json("ticket", "show", String(id), "--json") as? [String: Any])?["ticket"] as? [String: Any])
        XCTAssertEqual(after["version"] as? Int, version + 1)
        let closed = after["status"] as? String == "closed"
        let lowered = after["priority"] as? String == "low"
        XCTAssertTrue(closed != lowered, "exactly one change landed: \(after)")
        let db = try Database(path: cli.db)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM audit_log WHERE action = 'ticket.update' AND entity_id = ?", String(id)), 1)
    }
}
