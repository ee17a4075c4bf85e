import Foundation
import Storage
import TestSupport
import XCTest

/// A first shift in a real terminal: an employee on shift finds a ticket, takes it, replies in
/// their own editor, tags and solves it; the database says so. Plus the editor failing (the
/// draft survives) and someone writing while the reply is being written (the send-time check).
///
/// The demo is built as of a fixed instant; the one shift the test adds spans the wall clock's
/// now (an hour before to three hours after), so whatever the hour, the person is on shift.
final class ShiftWorkTmuxTests: XCTestCase {
    static let editorMarker = "Thanks for writing in, this is fixed now."

    struct Setup {
        let cli: CLI
        let login: String
        let ticket: Int
    }

    /// A demo, an employee put on a shift that spans now, and an unassigned new ticket.
    func prepare() throws -> Setup {
        let cli = CLI()
        try cli.demo()
        let people = try XCTUnwrap(cli.json("people", "list", "--json") as? [[String: Any]])
        let employees = people.filter { $0["role"] as? String == "employee" }.compactMap { $0["login"] as? String }
        let login = try XCTUnwrap(employees.first)
        let now = Int64(Date().timeIntervalSince1970)
        let added = try cli.run("shift", "add", "--start", iso(now - 3_600), "--end", iso(now + 3 * 3_600),
                                "--people", login, "--label", "test shift")
        XCTAssertEqual(added.status, 0, added.stderr)
        let open = try XCTUnwrap(cli.json("ticket", "list", "--assignee", "none", "--status", "new", "--limit", "1", "--json")
                                 as? [[String: Any]])
        let ticket = try XCTUnwrap(open.first?["id"] as? Int)
        return Setup(cli: cli, login: login, ticket: ticket)
    }

    func iso(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// An editor: a shell script that runs `body` with the file as $1.
    func editor(_ setup: Setup, _ body: String) throws -> String {
        let path = setup.cli.dir.file("editor.sh")
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// The console as `login`, with EDITOR set and VISUAL unset.
    func console(_ setup: Setup, editor: String) throws -> Tmux {
        guard Tmux.available else {
            XCTFail("tmux is needed for the console tests (apt-get install tmux; .ci/run installs it)")
            throw TmuxError(message: "no tmux")
        }
        let env = setup.cli.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = ["env", "-u", "VISUAL"] + env + ["LANG=C.UTF-8", "EDITOR=" + editor, try Products.require("allhands"),
                                                       "--db", setup.cli.db, "--as", setup.login]
        let tmux = try Tmux(command, width: 120, height: 40)
        try tmux.waitFor(text: "Queue · All open")
        return tmux
    }

    func ticketJSON(_ setup: Setup) throws -> [String: Any] {
        try XCTUnwrap(setup.cli.json("ticket", "show", String(setup.ticket), "--json") as? [String: Any])
    }

    func testANewcomerClaimsRepliesInTheirEditorTagsAndSolves() throws {
        let setup = try prepare()
        let script = try editor(setup, """
            { printf '%s\\n' '\(Self.editorMarker)'; cat "$1"; } > "$1.new" && mv "$1.new" "$1"
            """)
        let tmux = try console(setup, editor: script)
        let id = setup.ticket
        let first = try tmux.screen()
        XCTAssertTrue(first.contains("on shift until "), first)

        try tmux.send(":", "goto \(id)", "Enter")
        try tmux.waitFor(text: " Ticket #\(id) ")
        try tmux.send("t")
        try tmux.waitFor(text: "#\(id) is yours now")
        try tmux.send("r")
        try tmux.waitFor(text: "Reply sent on #\(id)")
        try tmux.send("+")
        try tmux.waitFor(text: ":tag ")
        try tmux.send("area:billing type:question", "Enter")
        try tmux.waitFor(text: "#\(id) tagged area:billing type:question")
        try tmux.send("S")
        try tmux.waitFor(text: "#\(id) is solved")

        let shown = try ticketJSON(setup)
        let ticket = try XCTUnwrap(shown["ticket"] as? [String: Any])
        XCTAssertEqual(ticket["status"] as? String, "solved")
        XCTAssertEqual(ticket["assignee"] as? String, setup.login)
        XCTAssertTrue(Set(ticket["tags"] as? [String] ?? []).isSuperset(of: ["area:billing", "type:question"]), "\(ticket)")
        let messages = try XCTUnwrap(shown["messages"] as? [[String: Any]])
        let last = try XCTUnwrap(messages.last)
        XCTAssertEqual(last["kind"] as? String, "reply")
        XCTAssertEqual(last["author"] as? String, setup.login)
        XCTAssertEqual(last["body"] as? String, Self.editorMarker, "only the text above the scissors is sent")

        try tmux.send("q", "q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testAnEditorThatFailsLeavesTheTextAsADraft() throws {
        let setup = try prepare()
        let script = try editor(setup, """
            { printf '%s\\n' 'Half a reply'; cat "$1"; } > "$1.new" && mv "$1.new" "$1"
            exit 3
            """)
        let tmux = try console(setup, editor: script)
        try tmux.send(":", "goto \(setup.ticket)", "Enter")
        try tmux.waitFor(text: " Ticket #\(setup.ticket) ")
        try tmux.send("r")
        try tmux.waitFor(text: "Not sent: the editor exited with status 3.")
        try tmux.waitFor(text: "Your unsent reply from ")
        let drafts = try Database(path: setup.cli.db).fetchAll(
            "SELECT body FROM drafts WHERE ticket_id = ?", setup.ticket) { $0.string(0) }
        XCTAssertEqual(drafts, ["Half a reply"])
        let shown = try ticketJSON(setup)
        let kinds = (shown["messages"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        XCTAssertFalse(kinds.contains("reply"), "nothing was sent")
    }

    func testSomeoneWritingMeanwhileIsShownBeforeTheSend() throws {
        let setup = try prepare()
        let cli = try Products.require("allhands")
        let env = setup.cli.environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        // While "editing", a colleague's note arrives through the CLI.
        let script = try editor(setup, """
            echo 'Checked the logs: a known issue.' | env \(env) '\(cli)' --db '\(setup.cli.db)' ticket note \(setup.ticket) >/dev/null
            { printf '%s\\n' '\(Self.editorMarker)'; cat "$1"; } > "$1.new" && mv "$1.new" "$1"
            """)
        let tmux = try console(setup, editor: script)
        try tmux.send(":", "goto \(setup.ticket)", "Enter")
        try tmux.waitFor(text: " Ticket #\(setup.ticket) ")
        try tmux.send("r")
        try tmux.waitFor(text: "Someone wrote meanwhile")
        let screen = try tmux.screen()
        XCTAssertTrue(screen.contains("y send yours anyway"), screen)
        try tmux.send("y")
        try tmux.waitFor(text: "Reply sent on #\(setup.ticket)")
        let kinds = (try ticketJSON(setup)["messages"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        XCTAssertEqual(Array(kinds.suffix(2)), ["note", "reply"])
    }
}
