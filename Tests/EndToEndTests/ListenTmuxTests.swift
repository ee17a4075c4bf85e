import Foundation
import TestSupport
import XCTest

/// Listening across processes (issue 11): a console on the listen view runs in a real terminal
/// (tmux); another process replies to a ticket through the CLI; the listening console shows the
/// reply's line within two seconds. The reply's text is the test's own (a made-up marker), so
/// nothing depends on what the demo's tickets say; the screen is polled, never slept on.
final class ListenTmuxTests: XCTestCase {
    static let title = " Listen · all · listened "
    static let banner = " Listening — read only: nothing you do here reaches a customer"

    func testAnotherProcessesReplyShowsOnTheListenViewWithinTwoSeconds() throws {
        guard Tmux.available else { return XCTFail("tmux is needed for the console tests (apt-get install tmux)") }
        let cli = CLI()
        try cli.demo()
        let tickets = try XCTUnwrap(cli.json("ticket", "list", "--limit", "1", "--json") as? [[String: Any]])
        let ticket = try XCTUnwrap(tickets.first?["id"] as? Int)
        let env = cli.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let tmux = try Tmux(["env"] + env + ["LANG=C.UTF-8", try Products.require("allhands"), "--db", cli.db],
                            width: 200, height: 50)
        try tmux.waitFor("the main screen") { $0.contains(" Queue · ") }
        try tmux.send("L")
        try tmux.waitFor(text: Self.title)
        let opened = try tmux.screen()
        XCTAssertTrue(opened.hasPrefix(Self.title), opened)
        XCTAssertTrue(opened.contains(Self.banner), opened)
        XCTAssertTrue(opened.contains("following the newest"), opened)

        let marker = "listen-e2e-" + UUID().uuidString.prefix(8).lowercased()
        let result = try ProcessRunner.run(Products.require("allhands"), ["--db", cli.db, "ticket", "reply", String(ticket), "--json"],
                                           environment: cli.environment, input: marker + "\nsecond line\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let sent = Date()
        let reply = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let author = try XCTUnwrap((reply["message"] as? [String: Any])?["author"] as? String)
        // The line's marker: the kind, the ticket, the author (in their columns), then the first line.
        let line = "reply    " + "#\(ticket)".padding(toLength: 7, withPad: " ", startingAt: 0) + " "
            + author.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
        let screen = try tmux.waitFor("the reply on the listen view", seconds: 2) { screen in
            screen.split(separator: "\n").contains { $0.contains(line) && $0.contains(" — " + marker) }
        }
        XCTAssertLessThan(Date().timeIntervalSince(sent), 2)
        // The newest line is at the bottom of the timeline and selected (the view follows it).
        let rows = screen.split(separator: "\n").map(String.init)
        let last = try XCTUnwrap(rows.dropLast().last { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        XCTAssertTrue(last.contains(line) && last.contains(" — " + marker), screen)
        XCTAssertFalse(screen.contains("second line"), "one line per entry")

        try tmux.send("Enter")
        try tmux.waitFor(text: Self.banner)
        XCTAssertTrue(try tmux.screen().contains(marker))
        try tmux.send("q")
        try tmux.waitFor(text: Self.title)
        try tmux.send("q")
        try tmux.waitFor("the main screen again") { $0.contains(" Queue · ") }
        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
