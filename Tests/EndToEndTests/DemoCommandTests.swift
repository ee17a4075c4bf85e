import Foundation
import TestSupport
import XCTest

/// `allhands demo --as-of`, run as a user would.
final class DemoCommandTests: XCTestCase {
    func testTheSameSeedAndAsOfListTheSameTicketsFromTwoRuns() throws {
        let a = CLI(), b = CLI()
        let built = try a.demo("--tickets", "120")
        XCTAssertTrue(built.stdout.contains("as of \(CLI.demoAsOf)"), built.stdout)
        // The second database first holds another demo, built as of another day.
        XCTAssertEqual(try b.run("demo", "--seed", "9", "--as-of", "2026-11-21").status, 0)
        try b.demo("--tickets", "120")
        let list = ["ticket", "list", "--status", "all", "--limit", "1000", "--json"]
        let first = try a.run(list), second = try b.run(list)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(first.stdout.isEmpty)
        XCTAssertEqual(first.stdout, second.stdout)
        XCTAssertEqual(try a.run("ticket", "show", "60", "--json").stdout, try b.run("ticket", "show", "60", "--json").stdout)
    }

    func testAnAsOfThatIsNotAnISO8601InstantIsAUsageError() throws {
        let cli = CLI()
        for value in ["yesterday", "2026-11-20T15:00:00", "2026-02-30"] {
            let result = try cli.run("demo", "--as-of", value)
            XCTAssertEqual(result.status, 64, "\(value): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--as-of must be"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.db), "usage errors never touch the database")
    }
}
