import Foundation
import Storage
import TestSupport
import XCTest

/// `ticket list`: the JSON form streams page by page yet prints exactly what the encoder would,
/// and both forms show the same rows and say the same when `--limit` cut them.
final class TicketListingTests: XCTestCase {
    func testJSONAndTableShowTheSameRowsAndTheSameCutNote() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "8", "--tickets", "64").status, 0)
        let json = try cli.run("ticket", "list", "--status", "all", "--json")
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(json.stderr, "(50 of 64 shown; --limit N for more)\n")
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 50)
        let table = try cli.run("ticket", "list", "--status", "all")
        XCTAssertEqual(table.stderr, json.stderr)
        let tableIDs = table.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.prefix(4).trimmingCharacters(in: .whitespaces)) }
        XCTAssertEqual(tableIDs, rows.compactMap { $0["id"] as? Int })

        let whole = try cli.run("ticket", "list", "--status", "all", "--limit", "64", "--json")
        XCTAssertEqual(whole.stderr, "", "nothing was cut")
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [Any])?.count, 64)
        XCTAssertEqual(try cli.run("ticket", "list", "--status", "all", "--limit", "64").stderr, "")
        let none = try cli.run("ticket", "list", "--status", "all", "--assignee", "none", "--tag", "outage", "--json")
        XCTAssertEqual(none.status, 0, none.stderr)
    }

    func testAStreamedRowIsByteForByteTheEncodersText() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "8", "--tickets", "20").status, 0)
        let first = try XCTUnwrap(cli.json("ticket", "list", "--limit", "1", "--json") as? [[String: Any]])
        let id = try XCTUnwrap(first.first?["id"] as? Int)
        // An update that changes nothing prints the ticket through the whole-value encoder.
        let priority = try XCTUnwrap(first.first?["priority"] as? String)
        let single = try cli.run("ticket", "update", String(id), "--priority", priority, "--json")
        XCTAssertEqual(single.status, 0, single.stderr)
        let listed = try cli.run("ticket", "list", "--limit", "1", "--json")
        let nested = single.stdout.dropLast().replacingOccurrences(of: "\n", with: "\n  ")
        XCTAssertEqual(listed.stdout, "[\n  " + nested + "\n]\n")
        let empty = try cli.run("ticket", "list", "--status", "all", "--assignee", "none", "--status", "closed", "--tag", "outage",
                                "--json")
        if (try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [Any])?.isEmpty == true {
            XCTAssertEqual(empty.stdout, "[\n\n]\n", "an empty array as the encoder writes it")
        }
    }

    func testAStreamedRowEscapesExactlyAsTheEncoderWithAndWithoutAssigneeAndTags() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "8", "--tickets", "5").status, 0)
        let db = try Database(path: cli.db)
        let subject = "q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1}\u{1B}]0;t\u{7}\u{7F}\u{9B}\u{85}é\u{2028}\u{202E}\u{2066}😀東京 👨‍👩‍👧‍👦"
        try db.execute("UPDATE tickets SET subject = ?, priority = 0, created_at = 0 WHERE id = 2", subject)
        for setup in ["UPDATE tickets SET assignee_id = NULL WHERE id = 2", "DELETE FROM ticket_tags WHERE ticket_id = 2",
                      "UPDATE tickets SET assignee_id = (SELECT min(id) FROM people) WHERE id = 2"] {
            try db.execute(setup)
            let single = try cli.run("ticket", "update", "2", "--priority", "urgent", "--json")
            XCTAssertEqual(single.status, 0, single.stderr)
            let listed = try cli.run("ticket", "list", "--status", "all", "--limit", "1", "--json")
            XCTAssertEqual(listed.stdout, "[\n  " + single.stdout.dropLast().replacingOccurrences(of: "\n", with: "\n  ")
                           .replacingOccurrences(of: "\n  \n", with: "\n\n") + "\n]\n", setup)
            let decoded = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
            XCTAssertEqual(decoded?.first?["subject"] as? String, subject)
            XCTAssertFalse(listed.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        }
    }

    func testStreamingCrossesPagesInQueueOrderWithoutRepeats() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "20", "--tickets", "1200").status, 0)
        let result = try cli.run("ticket", "list", "--status", "all", "--limit", "1150", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("(1150 of "), result.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1150)
        let ids = rows.compactMap { $0["id"] as? Int }
        XCTAssertEqual(Set(ids).count, 1150, "no ticket twice across page boundaries")
        let ranks = ["urgent": 0, "high": 1, "normal": 2, "low": 3]
        let keys = rows.compactMap { row -> (Int, String, Int)? in
            guard let p = row["priority"] as? String, let rank = ranks[p], let created = row["created_at"] as? String,
                  let id = row["id"] as? Int else { return nil }
            return (rank, created, id)
        }
        XCTAssertEqual(keys.count, 1150)
        XCTAssertTrue(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "queue order: priority, then oldest, then id")
    }
}
