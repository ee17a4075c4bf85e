import Foundation
import Storage
import TestSupport
import XCTest

/// `tags verify` recounts from scratch: silent agreement exits 0, a difference is listed and
/// exits 65. `tags` alone still lists the counts.
final class TagsVerifyCLITests: XCTestCase {
    func testVerifyAgreesOnADemoAndNamesATagWhoseKeptCountWasTamperedWith() throws {
        let cli = CLI()
        try cli.demo("--people", "20", "--tickets", "120")
        let fine = try cli.run("tags", "verify")
        XCTAssertEqual(fine.status, 0, fine.stderr)
        XCTAssertEqual(fine.stdout, "Every kept tag count equals a recount from scratch.\n")
        XCTAssertEqual(try cli.run("tags").status, 0, "the listing is still `tags` alone")

        let db = try Database(path: cli.db)
        try db.execute("UPDATE tag_open_counts SET open = open + 2 WHERE tag_id = (SELECT id FROM tags WHERE name = 'billing')")
        let drift = try cli.run("tags", "verify", "--json")
        XCTAssertEqual(drift.status, 65)
        XCTAssertEqual(drift.stderr, "allhands: 1 kept count differs from a recount\n")
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["tag"] as? String }, ["billing"])
        XCTAssertEqual(rows.map { $0["what"] as? String }, ["open"])
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual((row["maintained"] as? Int ?? 0) - (row["recounted"] as? Int ?? 0), 2)
    }
}
