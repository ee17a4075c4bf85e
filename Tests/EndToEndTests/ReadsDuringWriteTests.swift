import Foundation
import Storage
import TestSupport
import XCTest

/// Reads never wait for writers: while another process holds the write lock, every read
/// command and the console's first frame still work, and a write is refused as busy (75).
final class ReadsDuringWriteTests: XCTestCase {
    func testReadCommandsAndTheConsoleWorkWhileAnotherProcessHoldsTheWriteLock() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "20", "--tickets", "40").status, 0)
        let people = try XCTUnwrap(try cli.json("people", "list", "--json") as? [[String: Any]])
        let exec = try XCTUnwrap(people.first { $0["role"] as? String != "admin" }?["login"] as? String)

        // This test process is "another process" to allhands: it takes the write lock and keeps it.
        let holder = try Database(path: cli.db)
        try holder.execute("BEGIN IMMEDIATE")
        try holder.execute("INSERT INTO meta (key, value) VALUES ('held', 'by the test')")
        defer { try? holder.execute("ROLLBACK") }

        for arguments in [["ticket", "list"], ["ticket", "show", "1"], ["people", "list"], ["tags"],
                          ["ticket", "list", "--json"], ["--as", exec, "ticket", "list"]] {
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        }

        // The lock is real: a change waits its busy timeout and is refused as busy, nothing written.
        let write = try cli.run("ticket", "update", "1", "--priority", "low")
        XCTAssertEqual(write.status, 75, write.stderr)

        let tmux = try Tmux(["env", "NO_COLOR=1", "LANG=C.UTF-8", try Products.require("allhands"), "--db", cli.db],
                            width: 120, height: 30)
        try tmux.waitFor(text: ConsoleTmuxTests.queueTitle)
    }
}
