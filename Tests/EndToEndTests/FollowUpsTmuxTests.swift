import Foundation
import TestSupport
import XCTest

/// Follow-ups across processes: the console runs on the call-down and check-in view in a real
/// terminal (tmux); another process adds an action item for the viewer through the CLI; the
/// view lists it within two seconds (the `listening` region's refresh). The title is one the
/// test makes up, so no check depends on what the demo says; the screen is polled, never slept on.
final class FollowUpsTmuxTests: XCTestCase {
    static let title = "Tmux follow-up check"
    static let viewTitle = " Walk a mile · "

    func testAnActionItemAddedByAnotherProcessShowsWithinTwoSeconds() throws {
        guard Tmux.available else { return XCTFail("tmux is needed for the console tests (apt-get install tmux)") }
        let cli = CLI()
        try cli.demo()
        let env = cli.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let tmux = try Tmux(["env"] + env + ["LANG=C.UTF-8", try Products.require("allhands"), "--db", cli.db],
                            width: 120, height: 40)
        try tmux.waitFor(text: "? help")
        try tmux.send("W")
        try tmux.waitFor(text: Self.viewTitle)
        try tmux.waitFor(text: "Open action items · yours (")
        XCTAssertFalse(try tmux.screen().contains(Self.title))

        // The same person in another process: `--owner me` is the viewer.
        let added = try cli.run("action", "add", Self.title, "--owner", "me", "--due", "2026-12-01")
        XCTAssertEqual(added.status, 0, added.stderr)
        let start = Date()
        let screen = try tmux.waitFor("the new action item in the view", seconds: 2) { $0.contains("2026-12-01  " + Self.title) }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertTrue(screen.hasPrefix(Self.viewTitle), screen)

        try tmux.send("q")
        try tmux.waitFor("the main screen again") { !$0.contains(Self.viewTitle) }
        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
