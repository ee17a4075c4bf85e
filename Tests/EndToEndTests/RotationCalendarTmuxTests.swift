import Foundation
import TestSupport
import XCTest

/// The rotation calendar in a real terminal: a lead opens it, marks a newcomer's time off from
/// the command line and rebalances with one key; the newcomer's seat is re-planned and their
/// own console says their schedule changed.
///
/// The demo is built as of a fixed instant; the one shift the test adds (for a person it adds)
/// starts two hours after the wall clock's now, so the time off and the rebalance always
/// concern the future, whatever the hour.
final class RotationCalendarTmuxTests: XCTestCase {
    func iso(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    func console(_ cli: CLI, as login: String) throws -> Tmux {
        guard Tmux.available else {
            XCTFail("tmux is needed for the console tests (apt-get install tmux; .ci/run installs it)")
            throw TmuxError(message: "no tmux")
        }
        let env = cli.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let tmux = try Tmux(["env"] + env + ["LANG=C.UTF-8", try Products.require("allhands"), "--db", cli.db, "--as", login],
                            width: 160, height: 40)
        try tmux.waitFor(text: "Queue · All open")
        return tmux
    }

    func testALeadMarksTimeOffAndRebalancesFromTheCalendar() throws {
        let cli = CLI()
        let demo = try cli.demo()
        let samples = demo.stdout.matches(of: /allhands --as (\S+) ticket list/).map { String($0.1) }
        let lead = try XCTUnwrap(samples.dropFirst(2).first, demo.stdout)
        XCTAssertEqual(try cli.run("people", "add", "newbie", "--name", "New Person").status, 0)
        let now = Int64(Date().timeIntervalSince1970)
        let added = try cli.run("shift", "add", "--start", iso(now + 2 * 3_600), "--end", iso(now + 4 * 3_600),
                                "--people", "newbie", "--label", "tmux shift")
        XCTAssertEqual(added.status, 0, added.stderr)

        let tmux = try console(cli, as: lead)
        try tmux.send("C")
        try tmux.waitFor(text: "(a) listens")
        try tmux.send(":", "timeoff newbie \(iso(now + 3_600)) \(iso(now + 5 * 3_600)) away", "Enter")
        try tmux.waitFor(text: "1 planned shift marked for re-planning (R rebalances)")
        try tmux.send("R")
        try tmux.waitFor("the rebalance's notice", seconds: 30) { $0.contains("Rebalanced ") && $0.contains("newbie") }

        let shifts = try XCTUnwrap(cli.json("shift", "list", "--from", iso(now + 3_600), "--to", iso(now + 5 * 3_600), "--json")
                                   as? [[String: Any]])
        let ours = try XCTUnwrap(shifts.first { $0["label"] as? String == "tmux shift" }, "\(shifts)")
        XCTAssertFalse((ours["people"] as? [String] ?? []).contains("newbie"), "\(ours)")
        try tmux.send("q", "q")
        XCTAssertEqual(try tmux.waitForExit(), 0)

        let newbie = try console(cli, as: "newbie")
        try newbie.waitFor(text: "Your schedule changed: ")
        try newbie.send("2", "Enter")
        try newbie.waitFor(text: "(a) listens")
        try newbie.send("q")
        try newbie.waitFor("the main screen without the notice: opening the calendar dismissed it") { screen in
            screen.contains(" 2 Rotation ") || screen.contains("On shift now") ? !screen.contains("Your schedule changed: ") : false
        }
    }
}
