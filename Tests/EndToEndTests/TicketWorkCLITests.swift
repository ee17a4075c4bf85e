import Foundation
import Storage
import TestSupport
import XCTest

extension CLI {
    /// `allhands --db <temp db> ARGS…` with `input` as stdin.
    func run(_ arguments: [String], input: String) throws -> ProcessResult {
        try ProcessRunner.run(Products.require("allhands"), ["--db", db] + arguments, environment: environment, input: input)
    }

    /// The JSON object a command prints, checked to succeed.
    func object(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], file: file, line: line)
    }

    /// Logins of the demo's people with `role`.
    func logins(_ role: String) throws -> [String] {
        let people = try XCTUnwrap(json("people", "list", "--json") as? [[String: Any]])
        return people.filter { $0["role"] as? String == role }.compactMap { $0["login"] as? String }
    }

    /// Adds people (login, role) with one import: a real change, so the demo stops being one; the
    /// OS login is its admin and may still act as anyone.
    func addPeople(_ people: [(String, String)]) throws {
        let csv = dir.file("people.csv")
        let rows = people.map { "\($0.0),\($0.0) Person,\($0.0)@example.com,support,\($0.1),UTC" }
        try Data((["login,name,email,team,role,timezone"] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: csv))
        let result = try run("people", "import", csv)
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}

/// Working tickets from scripts with the built binary: each command's output, exit codes and
/// what lands in the database.
final class TicketWorkCLITests: XCTestCase {
    func ticket(_ object: [String: Any]) throws -> [String: Any] {
        try XCTUnwrap(object["ticket"] as? [String: Any])
    }

    func testAPhoneCallBecomesATicketThatIsClaimedAnsweredTaggedAndSolved() throws {
        let cli = CLI()
        try cli.demo("--people", "12", "--tickets", "40")
        let opened = try cli.run(["ticket", "new", "--requester", "Caller@Example.com", "--name", "Cora Caller",
                                  "--subject", "Cannot log in after reset", "--priority", "high"],
                                 input: "I reset my password and now\nthe login page loops.\n")
        XCTAssertEqual(opened.status, 0, opened.stderr)
        let id = try XCTUnwrap(Int(opened.stdout.trimmingCharacters(in: .newlines)), opened.stdout)
        XCTAssertTrue(opened.stderr.hasPrefix("Opened ticket #\(id) for Cora Caller (high, unassigned)"), opened.stderr)

        let shown = try cli.object("ticket", "show", String(id), "--json")
        let messages = try XCTUnwrap(shown["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["body"] as? String }, ["I reset my password and now\nthe login page loops."])
        XCTAssertEqual(try ticket(shown)["status"] as? String, "new")
        let first = try XCTUnwrap(messages.first?["id"] as? Int)

        let claim = try cli.run("ticket", "claim", String(id))
        XCTAssertEqual(claim.status, 0, claim.stderr)
        XCTAssertEqual(claim.stdout, "#\(id) is yours (open, version 2)\n")

        let reply = try cli.run(["ticket", "reply", String(id), "--since", String(first)], input: "Try clearing cookies.\n")
        XCTAssertEqual(reply.status, 0, reply.stderr)
        let replyID = try XCTUnwrap(Int(reply.stdout.trimmingCharacters(in: .newlines)), reply.stdout)
        let note = try cli.run(["ticket", "note", String(id), "--since", String(replyID), "--json"], input: "Known SSO bug")
        XCTAssertEqual(note.status, 0, note.stderr)
        let sent = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(note.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((sent["message"] as? [String: Any])?["kind"] as? String, "note")

        let tagged = try cli.object("ticket", "tag", String(id), "accounts", "type:bug", "sso", "--json")
        XCTAssertEqual(tagged["changed"] as? [String], ["area:accounts", "type:bug", "sso"])
        XCTAssertEqual(tagged["free"] as? [String], ["sso"])
        let solved = try cli.run("ticket", "status", String(id), "solved")
        XCTAssertEqual(solved.status, 0, solved.stderr)
        XCTAssertTrue(solved.stdout.hasPrefix("#\(id) is solved, high, assigned to "), solved.stdout)

        let after = try ticket(cli.object("ticket", "show", String(id), "--json"))
        XCTAssertEqual(after["status"] as? String, "solved")
        XCTAssertNotNil(after["first_response_at"] as? String)
        XCTAssertNotNil(after["solved_at"] as? String)
        let history = try XCTUnwrap(cli.json("ticket", "history", String(id), "--json") as? [[String: Any]])
        XCTAssertEqual(history.map { $0["action"] as? String },
                       ["ticket.create", "ticket.claim", "ticket.reply", "ticket.note", "ticket.tag", "ticket.status"])
        XCTAssertEqual((history[2]["after"] as? [String: Any])?["message"] as? String, String(replyID))
        let table = try cli.run("ticket", "history", String(id))
        XCTAssertTrue(table.stdout.contains("ticket.status  status: open → solved"), table.stdout)
    }

    func testRefusalsSayWhyAndExit77ConflictsExit75BadInput65Usage64() throws {
        let cli = CLI()
        try cli.demo("--people", "12", "--tickets", "40")
        let opened = try cli.run(["ticket", "new", "--requester", "a@example.com", "--subject", "Hello"], input: "Hi")
        let id = try XCTUnwrap(Int(opened.stdout.trimmingCharacters(in: .newlines)), opened.stderr)
        let other = try XCTUnwrap(try cli.logins("employee").first)
        XCTAssertEqual(try cli.run("--as", other, "ticket", "claim", String(id)).status, 0)

        let taken = try cli.run("ticket", "claim", String(id))
        XCTAssertEqual(taken.status, 75)
        XCTAssertEqual(taken.stderr, "allhands: ticket #\(id) was already claimed by \(other); nothing was changed\n"
                                     + "allhands: 1 of 1 ticket not claimed\n")
        let unsolvable = try cli.run("ticket", "status", String(id), "solved")
        XCTAssertEqual(unsolvable.status, 77)
        XCTAssertTrue(unsolvable.stderr.contains("cannot be solved yet: it needs one area tag"), unsolvable.stderr)
        XCTAssertEqual(try cli.run("ticket", "status", String(id), "new").status, 77)
        let version = try XCTUnwrap(try ticket(cli.object("ticket", "show", String(id), "--json"))["version"] as? Int)
        let stale = try cli.run("ticket", "priority", String(id), "urgent", "--expect-version", String(version - 1))
        XCTAssertEqual(stale.status, 75)
        XCTAssertTrue(stale.stderr.contains("changed since you read it"), stale.stderr)

        // Off shift: a person with no shift may note but not reply; the reply is kept as a draft.
        try cli.addPeople([("newbie", "employee")])
        let offShift = try cli.run(["--as", "newbie", "ticket", "reply", String(id)], input: "Hello from me")
        XCTAssertEqual(offShift.status, 77)
        XCTAssertTrue(offShift.stderr.contains("replying to customers is for people on shift"), offShift.stderr)
        XCTAssertTrue(offShift.stderr.contains("your text is kept as your reply draft on ticket #\(id)"), offShift.stderr)
        let drafts = try cli.object("--as", "newbie", "ticket", "show", String(id), "--json")["drafts"] as? [[String: Any]]
        XCTAssertEqual(drafts?.count, 1)
        XCTAssertEqual(drafts?.first?["kind"] as? String, "reply")
        XCTAssertEqual(drafts?.first?["body"] as? String, "Hello from me")
        XCTAssertEqual(try cli.run(["--as", "newbie", "ticket", "note", String(id)], input: "noted").status, 0)

        // Bad input and bad usage never write.
        let empty = try cli.run(["ticket", "note", String(id)], input: " \n")
        XCTAssertEqual(empty.status, 65)
        XCTAssertEqual(empty.stderr, "allhands: the note is empty; nothing was sent\n")
        XCTAssertEqual(try cli.run(["ticket", "new", "--requester", "nobody", "--subject", "S"], input: "x").status, 65)
        XCTAssertEqual(try cli.run("ticket", "tag", String(id), "area:nonsense").status, 65)
        XCTAssertEqual(try cli.run("ticket", "status", String(id), "done").status, 64)
        XCTAssertEqual(try cli.run("ticket", "list", "--view", "nope").status, 64)
        XCTAssertEqual(try cli.run("ticket", "claim").status, 64)
        XCTAssertEqual(try cli.run("ticket", "search").status, 64)
        XCTAssertEqual(try cli.run("ticket", "claim", "999999").status, 65)
    }

    func testTheSendTimeCheckShowsWhatArrivedAndConfirmingSends() throws {
        let cli = CLI()
        try cli.demo("--people", "12", "--tickets", "40")
        let opened = try cli.run(["ticket", "new", "--requester", "a@example.com", "--subject", "Hello"], input: "Hi")
        let id = try XCTUnwrap(Int(opened.stdout.trimmingCharacters(in: .newlines)), opened.stderr)
        let seen = try XCTUnwrap((cli.object("ticket", "show", String(id), "--json")["messages"] as? [[String: Any]])?
            .last?["id"] as? Int)
        let lead = try XCTUnwrap(try cli.logins("lead").first)
        let leadNote = try cli.run(["--as", lead, "ticket", "note", String(id)], input: "Careful: VIP")
        let noteID = try XCTUnwrap(Int(leadNote.stdout.trimmingCharacters(in: .newlines)), leadNote.stderr)

        let blind = try cli.run(["ticket", "reply", String(id), "--since", String(seen)], input: "Sure thing")
        XCTAssertEqual(blind.status, 75)
        let lines = blind.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "allhands: 1 new message on ticket #\(id) since you opened it; read it and send again "
                                    + "to confirm (your text is kept as a draft)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("── internal note \(noteID) · \(lead) · ") }, blind.stderr)
        XCTAssertTrue(lines.contains("   Careful: VIP"), blind.stderr)
        XCTAssertEqual(lines.last, "send again with --since \(noteID) to confirm")
        XCTAssertEqual(blind.stdout, "")

        let confirmed = try cli.run(["ticket", "reply", String(id), "--since", String(noteID), "--status", "pending"],
                                    input: "Sure thing")
        XCTAssertEqual(confirmed.status, 0, confirmed.stderr)
        let detail = try cli.object("ticket", "show", String(id), "--json")
        XCTAssertNil(detail["draft"], "the send removed the draft")
        XCTAssertEqual(try ticket(detail)["status"] as? String, "pending")
        XCTAssertEqual((detail["messages"] as? [[String: Any]])?.compactMap { $0["body"] as? String },
                       ["Hi", "Careful: VIP", "Sure thing"])
    }

    func testAMacroRepliesWithItsStatusFromTheCLI() throws {
        let cli = CLI()
        try cli.demo("--people", "12", "--tickets", "40")
        let opened = try cli.run(["ticket", "new", "--requester", "ann@example.com", "--name", "Ann Lee", "--subject",
                                  "Export"], input: "Where is export?")
        let id = try XCTUnwrap(Int(opened.stdout.trimmingCharacters(in: .newlines)), opened.stderr)
        let sent = try cli.object("ticket", "reply", String(id), "--macro", "need-more-info", "--json")
        XCTAssertTrue(((sent["message"] as? [String: Any])?["body"] as? String)?.hasPrefix("Hi Ann,\n\nTo get this sorted") == true)
        XCTAssertEqual(try ticket(sent)["status"] as? String, "pending")
        let unknown = try cli.run("ticket", "reply", String(id), "--macro", "nope")
        XCTAssertEqual(unknown.status, 65)
        XCTAssertTrue(unknown.stderr.contains("there is no macro 'nope' (macros: thanks, need-more-info, solved, boundary)"),
                      unknown.stderr)
    }

    func testSearchViewsAndSortsFromTheCLI() throws {
        let cli = CLI()
        try cli.demo("--people", "12", "--tickets", "60")
        let opened = try cli.run(["ticket", "new", "--requester", "z@example.com", "--subject", "Quasar widget melted"],
                                 input: "The quasar widget is warm.")
        let id = try XCTUnwrap(Int(opened.stdout.trimmingCharacters(in: .newlines)), opened.stderr)
        let hits = try XCTUnwrap(cli.json("ticket", "search", "quasa*", "--json") as? [[String: Any]])
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual((hits.first?["ticket"] as? [String: Any])?["id"] as? Int, id)
        XCTAssertEqual(hits.first?["match"] as? String, "subject")
        XCTAssertEqual(hits.first?["snippet"] as? String, "«Quasar» widget melted")
        let table = try cli.run("ticket", "search", "quasar", "widget")
        XCTAssertTrue(table.stdout.contains("«Quasar» «widget» melted"), table.stdout)
        for hostile in ["\"", "NEAR(", "*", "a:b", "OR AND NOT", "(("] {
            let result = try cli.run("ticket", "search", hostile)
            XCTAssertEqual(result.status, 0, "\(hostile): \(result.stderr)")
        }

        let unassigned = try XCTUnwrap(cli.json("ticket", "list", "--view", "unassigned", "--json", "--limit", "500")
            as? [[String: Any]])
        XCTAssertTrue(unassigned.contains { $0["id"] as? Int == id })
        XCTAssertTrue(unassigned.allSatisfy { $0["assignee"] == nil && ["new", "open", "pending"].contains($0["status"] as? String) })
        let byAge = try XCTUnwrap(cli.json("ticket", "list", "--view", "everything", "--sort", "age", "--limit", "500", "--json")
            as? [[String: Any]])
        let created = byAge.compactMap { $0["created_at"] as? String }
        XCTAssertEqual(created.count, 61)
        XCTAssertEqual(created, created.sorted())
        let views = try XCTUnwrap(cli.json("ticket", "views", "--json") as? [[String: Any]])
        XCTAssertEqual(views.compactMap { $0["view"] as? String },
                       ["unassigned", "mine", "all-open", "pending", "recently-solved", "everything"])
        XCTAssertEqual(views.first { $0["view"] as? String == "everything" }?["count"] as? Int, 61)
        XCTAssertEqual(views.first { $0["view"] as? String == "unassigned" }?["count"] as? Int, unassigned.count)
    }

    /// The streamed listing writes the response and solved times exactly as the encoder does.
    func testAStreamedRowWithResponseAndSolvedTimesIsTheEncodersText() throws {
        let cli = CLI()
        try cli.demo("--people", "12", "--tickets", "20")
        let opened = try cli.run(["ticket", "new", "--requester", "a@example.com", "--subject", "Done"], input: "Hi")
        let id = try XCTUnwrap(Int(opened.stdout.trimmingCharacters(in: .newlines)), opened.stderr)
        XCTAssertEqual(try cli.run(["ticket", "reply", String(id)], input: "Fixed").status, 0)
        XCTAssertEqual(try cli.run("ticket", "tag", String(id), "billing", "bug").status, 0)
        let single = try cli.run("ticket", "status", String(id), "solved", "--json")
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertTrue(single.stdout.contains("\"first_response_at\""), single.stdout)
        XCTAssertTrue(single.stdout.contains("\"solved_at\""), single.stdout)
        let listed = try cli.run("ticket", "list", "--view", "recently-solved", "--limit", "1", "--json")
        XCTAssertEqual(listed.stdout, "[\n  " + single.stdout.dropLast().replacingOccurrences(of: "\n", with: "\n  ") + "\n]\n")
    }
}
