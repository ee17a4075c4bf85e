import Foundation
import TestSupport
import XCTest

/// The built `allhands` binary in a real terminal (tmux): keys in, screen out.
final class ConsoleTmuxTests: XCTestCase {
    func startConsole(_ cli: CLI, width: Int = 120, height: Int = 40) throws -> Tmux {
        guard Tmux.available else {
            XCTFail("tmux is needed for the console tests (apt-get install tmux; .ci/run installs it)")
            throw TmuxError(message: "no tmux")
        }
        XCTAssertEqual(try cli.run("demo").status, 0)
        let env = cli.environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = "env \(env) LANG=C.UTF-8 '\(CLI.binary)' --db '\(cli.db)'; echo EXIT=$?; sleep 120"
        let tmux = try Tmux(command: command, width: width, height: height)
        try tmux.waitFor(text: "Queue · working queue")
        return tmux
    }

    func position(_ screen: String) -> (Int, Int)? {
        guard let match = screen.firstMatch(of: /(\d+)\/(\d+) │/) else { return nil }
        return (Int(match.1) ?? 0, Int(match.2) ?? 0)
    }

    func testScrollOpenHelpResizeAndQuitInARealTerminal() throws {
        let cli = CLI()
        let tmux = try startConsole(cli)
        let first = try tmux.screen()
        XCTAssertTrue(first.contains("Rotation · "), first)
        XCTAssertTrue(first.contains("Tags · open · 24h"), first)
        XCTAssertEqual(position(first)?.0, 1)

        try tmux.send("j", "j", "Down")
        try tmux.waitFor("selection on the 4th ticket") { self.position($0)?.0 == 4 }
        try tmux.send("G")
        try tmux.waitFor("the end of the queue") { s in self.position(s).map { $0.0 == $0.1 } ?? false }
        try tmux.send("g")
        try tmux.waitFor("the top of the queue") { self.position($0)?.0 == 1 }

        try tmux.send("Enter")
        try tmux.waitFor(text: "▌ Customer")
        XCTAssertTrue(try tmux.screen().contains("Ticket #"))
        try tmux.send("q")
        try tmux.waitFor(text: "Queue · working queue")

        try tmux.send("?")
        try tmux.waitFor(text: "Help · keys and commands")
        try tmux.send("Escape")
        try tmux.waitFor(text: "Queue · working queue")

        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor(text: "1 Queue   2 Rotation   3 Tags")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor(text: "Terminal too small")
        try tmux.resize(width: 130, height: 30)
        let wide = try tmux.waitFor("the wide layout again") { $0.contains("Rotation · ") && !$0.contains("too small") }
        XCTAssertFalse(wide.contains("1 Queue   2 Rotation"), "no garbage from the narrow layout:\n\(wide)")

        try tmux.send("q")
        let after = try tmux.waitFor("the shell after quitting") { $0.contains("EXIT=0") }
        XCTAssertFalse(after.contains("Queue · working queue"), "the terminal is restored (alternate screen left):\n\(after)")
    }

    func testAChangeFromAnotherProcessShowsWithinTwoSeconds() throws {
        let cli = CLI()
        let tmux = try startConsole(cli)
        let selected = try XCTUnwrap((cli.json("ticket", "list", "--limit", "1", "--json") as? [[String: Any]])?.first?["id"] as? Int)
        let before = try tmux.screen()
        XCTAssertTrue(before.contains(" \(selected) ! ") || before.contains(" \(selected) ↑ "), before)
        let update = try cli.run("ticket", "update", String(selected), "--priority", "low")
        XCTAssertEqual(update.status, 0, update.stderr)
        let started = Date()
        try tmux.waitFor("ticket \(selected) shown as low priority", seconds: 2) { $0.contains(" \(selected) ↓ ") }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testSIGTERMRestoresTheTerminal() throws {
        let cli = CLI()
        let tmux = try startConsole(cli, width: 100, height: 30)
        let kill = try ProcessRunner.run("/usr/bin/env", ["pkill", "-TERM", "-f", "allhands --db \(cli.db)"])
        XCTAssertEqual(kill.status, 0, kill.stderr)
        let after = try tmux.waitFor("the shell after SIGTERM") { $0.contains("EXIT=143") }
        XCTAssertFalse(after.contains("Queue · working queue"), after)
    }
}
