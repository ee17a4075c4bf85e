import Foundation
import TestSupport
import XCTest

/// What a new user reads: group help, plurals and articles, valid choices named, numbers
/// right-aligned, `me`, field limits, and wide characters lined up.
final class CLIWordingTests: XCTestCase {
    func testCommandGroupsListTheirCommandsWithSummaries() throws {
        let cli = CLI()
        let help = try cli.run("help", "ticket")
        XCTAssertEqual(help.status, 0, help.stderr)
        let lines = help.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "usage: allhands ticket COMMAND [ARGS]")
        for command in ["list", "show", "update"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix("  \(command) ") && $0.count > 12 }, "\(command) with a summary: \(help.stdout)")
        }
        XCTAssertEqual(try cli.run("ticket", "--help").stdout, help.stdout)
        XCTAssertEqual(try cli.run("help", "people").stdout, try cli.run("people", "-h").stdout)
        XCTAssertTrue(try cli.run("help", "people").stdout.contains("  import "))

        let bare = try cli.run("people")
        XCTAssertEqual(bare.status, 64)
        XCTAssertTrue(bare.stderr.hasPrefix("allhands: 'people' needs one of: list, add, import\nusage: allhands people COMMAND"), bare.stderr)
        XCTAssertTrue(bare.stderr.contains("\n  add "), bare.stderr)
        let unknown = try cli.run("ticket", "fly")
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("usage: allhands ticket COMMAND"), unknown.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.db), "help never touches the database")
    }

    func testInvalidChoicesNameTheValidOnes() throws {
        let cli = CLI()
        let status = try cli.run("ticket", "list", "--status", "opne")
        XCTAssertEqual(status.status, 64)
        XCTAssertTrue(status.stderr.hasPrefix("allhands: unknown status 'opne' (valid: new, open, pending, solved, closed, active, all, or a comma list)\n"),
                      status.stderr)
        let change = try cli.run("ticket", "update", "1", "--status", "done")
        XCTAssertTrue(change.stderr.hasPrefix("allhands: unknown status 'done' (new, open, pending, solved, closed)\n"), change.stderr)
        let role = try cli.run("people", "list", "--role", "boss")
        XCTAssertTrue(role.stderr.hasPrefix("allhands: unknown role 'boss' (valid: employee, support, lead, exec, admin)\n"), role.stderr)
        XCTAssertEqual(try cli.run("demo", "--people", "2", "--tickets", "0").status, 0)
        XCTAssertEqual(try cli.run("ticket", "list", "--status", "Open,PENDING").status, 0, "statuses are case-insensitive")
    }

    func testSingularsAndArticles() throws {
        let cli = CLI()
        let overview = try cli.run()
        XCTAssertEqual(overview.status, 0, overview.stderr)
        XCTAssertTrue(overview.stdout.contains("\n1 person · 0 tickets, 0 in the queue"), overview.stdout)
        let added = try cli.run("people", "add", "ana", "--name", "Ana")
        XCTAssertEqual(added.stdout, "Added ana as an employee\n")
        XCTAssertEqual(try cli.run("people", "add", "lee", "--name", "Lee", "--role", "lead").stdout, "Added lee as a lead\n")
        let refused = try cli.run("--as", "ana", "people", "add", "bo", "--name", "Bo")
        XCTAssertEqual(refused.status, 77, refused.stderr)
        XCTAssertTrue(refused.stderr.hasPrefix("allhands: not permitted: an employee may not "), refused.stderr)
    }

    func testMeIsTheActingPerson() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "8", "--tickets", "30").status, 0)
        let people = try XCTUnwrap(cli.json("people", "list", "--json") as? [[String: Any]])
        let login = try XCTUnwrap(people.first { $0["role"] as? String != "admin" }?["login"] as? String)
        // An open ticket: a closed one takes no change at all.
        let open = try XCTUnwrap(cli.json("ticket", "list", "--limit", "1", "--json") as? [[String: Any]])
        let id = try XCTUnwrap(open.first?["id"] as? Int)
        XCTAssertEqual(try cli.run("ticket", "update", String(id), "--assignee", "none").status, 0, "the admin releases it")
        let updated = try cli.run("--as", login, "ticket", "update", String(id), "--assignee", "me", "--json")
        XCTAssertEqual(updated.status, 0, updated.stderr)
        let ticket = try JSONSerialization.jsonObject(with: Data(updated.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(ticket?["assignee"] as? String, login)
        let mine = try cli.run(["--as", login, "ticket", "list", "--status", "all", "--assignee", "me", "--json"])
        XCTAssertEqual(mine.status, 0, mine.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]])
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0["assignee"] as? String == login }, "\(rows)")
        XCTAssertTrue(rows.contains { $0["id"] as? Int == id })
    }

    func testNumericColumnsAreRightAligned() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--people", "8", "--tickets", "30").status, 0)
        let tags = try cli.run("tags").stdout.split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(tags.first)
        XCTAssertGreaterThan(tags.count, 3)
        for column in ["OPEN", "24H", "TOTAL"] {
            let end = try XCTUnwrap(header.range(of: column)).upperBound.utf16Offset(in: header)
            for line in tags.dropFirst() {
                let bytes = Array(line.utf8)
                XCTAssertTrue(end <= bytes.count && (0x30...0x39).contains(bytes[end - 1]), "\(column) ends in a digit at \(end): \(line)")
                XCTAssertTrue(end == bytes.count || bytes[end] == 0x20, "\(column) ends at \(end): \(line)")
            }
        }
        let list = try cli.run("ticket", "list", "--status", "all").stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(list.first?.hasPrefix("ID  PRIORITY"), true, list.first ?? "")
        let ids = list.dropFirst().map { String($0.prefix(2)) }
        XCTAssertTrue(ids.contains { $0.hasPrefix(" ") } && ids.contains { !$0.hasPrefix(" ") }, "one- and two-digit ids, right-aligned: \(ids)")
        XCTAssertTrue(ids.allSatisfy { $0.last?.isNumber == true }, "\(ids)")
    }

    func testFieldLimitsAreRefusedWithTheFieldAndTheRow() throws {
        let cli = CLI()
        let long = try cli.run("people", "add", "ana", "--name", String(repeating: "n", count: 201))
        XCTAssertEqual(long.status, 65)
        XCTAssertEqual(long.stderr, "allhands: name for 'ana' is too long: 201 characters, at most 200\n")
        XCTAssertEqual(try cli.run("people", "add", "ana", "--name", String(repeating: "n", count: 200)).status, 0)
        let login = try cli.run("people", "add", String(repeating: "l", count: 33), "--name", "L")
        XCTAssertEqual(login.status, 65)
        XCTAssertTrue(login.stderr.hasPrefix("allhands: login '\(String(repeating: "l", count: 33))' is not valid: use 1–32 "), login.stderr)

        let csv = cli.dir.file("people.csv")
        let team = String(repeating: "t", count: 101)
        try Data("login,name,email,team,role,timezone\nbo,Bo,,ok,employee,UTC\ncy,Cy,,\(team),employee,UTC\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let imported = try cli.run("people", "import", csv)
        XCTAssertEqual(imported.status, 65)
        XCTAssertEqual(imported.stderr, "allhands: \(csv):3: team for 'cy' is too long: 101 characters, at most 100\n")
        let email = "a@" + String(repeating: "e", count: 250) + ".com"
        try Data("login,name,email,team,role,timezone\nbo,Bo,\(email),ok,employee,UTC\n".utf8).write(to: URL(fileURLWithPath: csv))
        XCTAssertTrue(try cli.run("people", "import", csv).stderr.hasSuffix(":2: email for 'bo' is too long: 256 characters, at most 254\n"))
        let people = try XCTUnwrap(cli.json("people", "list", "--json") as? [[String: Any]])
        XCTAssertEqual(people.map { $0["login"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") }.count, 2, "nothing of a bad file is applied")
    }

    /// Display columns of text made of ASCII, CJK ideographs and the one emoji used below.
    private func columns(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x3000 && $1.value <= 0x9FFF) || $1.value == 0x1F600 ? 2 : 1) }
    }

    func testWideCharactersLineUpWhateverTheLocale() throws {
        let cli = CLI()
        let csv = cli.dir.file("people.csv")
        try Data("login,name,email,team,role,timezone\nana,Ana,,ops,employee,UTC\nkenji,山田健二 😀,,東京チーム,support,Asia/Tokyo\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        XCTAssertEqual(try cli.run("people", "import", csv).status, 0)
        // LC_ALL=C: the CLI must still measure in a UTF-8 locale, as the console does.
        let result = try ProcessRunner.run(CLI.binary, ["--db", cli.db, "people", "list"],
                                           environment: cli.environment.merging(["LC_ALL": "C", "LANG": "C"]) { $1 })
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, result.stdout)
        // Every column after NAME starts at the same display column as its header on every row.
        let header = lines[0]
        let headerStarts = ["ROLE", "TIME ZONE"].compactMap { header.range(of: $0).map { columns(header[..<$0.lowerBound]) } }
        XCTAssertEqual(headerStarts.count, 2)
        XCTAssertTrue(lines.contains { $0.contains("山田健二 😀") && $0.contains("東京チーム") }, result.stdout)
        for line in lines.dropFirst() {
            // A column starts at a non-space after a gap of two or more spaces.
            var starts: Set<Int> = []
            var column = 0, spaces = 0
            for scalar in line.unicodeScalars {
                if scalar == " " {
                    spaces += 1
                } else {
                    if spaces >= 2 { starts.insert(column) }
                    spaces = 0
                }
                column += columns(Substring(String(scalar)))
            }
            XCTAssertTrue(Set(headerStarts).isSubset(of: starts), "\(line): \(starts.sorted()) vs header \(headerStarts)")
        }
    }
}
