import Foundation
import TestSupport
import XCTest

/// Live tags across processes: console A runs in a real terminal (tmux); process B tags tickets
/// through the CLI; A shows the new counts within two seconds, on the main screen's pane and on
/// the tags board. The tag is one the test makes up (`livetest`), so no check depends on what
/// the demo's tickets say; the screen is polled, never slept on.
final class TagsLiveTmuxTests: XCTestCase {
    static let tag = "livetest"
    static let paneTitle = "│ Tags · 7d vs the 7d before"
    static let boardTitle = " Tags · 7d vs the 7d before"

    /// The open and last-24-hours counts of the made-up tag's row, as drawn after `prefix`.
    func counts(_ screen: String, after prefix: String) -> (open: Int, new24h: Int)? {
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: prefix + "  " + Self.tag + " ") else { continue }
            let numbers = line[range.upperBound...].split(separator: " ").prefix(2)
            guard numbers.count == 2, let open = Int(numbers[0]), let new = Int(numbers[1].dropFirst()),
                  numbers[1].hasPrefix("+") else { return nil }
            return (open, new)
        }
        return nil
    }

    func tag(_ cli: CLI, _ ticket: Int) throws {
        let result = try cli.run("ticket", "tag", String(ticket), Self.tag)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testAnotherProcessesTaggingShowsWithinTwoSeconds() throws {
        guard Tmux.available else { return XCTFail("tmux is needed for the console tests (apt-get install tmux)") }
        let cli = CLI()
        try cli.demo()
        let tickets = try XCTUnwrap(cli.json("ticket", "list", "--limit", "2", "--json") as? [[String: Any]])
        let ids = tickets.compactMap { $0["id"] as? Int }
        XCTAssertEqual(ids.count, 2)
        let env = cli.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let tmux = try Tmux(["env"] + env + ["LANG=C.UTF-8", try Products.require("allhands"), "--db", cli.db],
                            width: 200, height: 50)
        // The pane's first heading names its columns once the board is loaded.
        try tmux.waitFor("the tags pane") { $0.contains(Self.paneTitle) && $0.contains(" open 24h") }
        XCTAssertNil(counts(try tmux.screen(), after: "│ "), "a tag nobody has used is not listed")

        try tag(cli, ids[0])
        let tagged = Date()
        let pane = try tmux.waitFor("the new tag on the main screen's pane", seconds: 2) {
            self.counts($0, after: "│ ") != nil
        }
        XCTAssertLessThan(Date().timeIntervalSince(tagged), 2)
        XCTAssertEqual(counts(pane, after: "│ ")?.open, 1)
        XCTAssertEqual(counts(pane, after: "│ ")?.new24h, 1)

        try tmux.send("T")
        try tmux.waitFor(text: Self.boardTitle)
        let board = try tmux.screen()
        XCTAssertTrue(board.hasPrefix(Self.boardTitle), board)
        XCTAssertEqual(counts(board, after: "")?.open, 1, board)

        try tag(cli, ids[1])
        let again = Date()
        try tmux.waitFor("the second ticket on the board", seconds: 2) { self.counts($0, after: "")?.open == 2 }
        XCTAssertLessThan(Date().timeIntervalSince(again), 2)
        XCTAssertEqual(counts(try tmux.screen(), after: "")?.new24h, 2)

        try tmux.send("q")
        try tmux.waitFor("the main screen again") { $0.contains(Self.paneTitle) }
        XCTAssertEqual(counts(try tmux.screen(), after: "│ ")?.open, 2)
        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
