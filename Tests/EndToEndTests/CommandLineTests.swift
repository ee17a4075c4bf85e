import Foundation
import Storage
import TestSupport
import XCTest

final class CommandLineTests: XCTestCase {
    func testDemoThenTicketListJSONGivesBelievableTickets() throws {
        let cli = CLI()
        let demo = try cli.demo()
        XCTAssertTrue(demo.stdout.contains("150 people"), demo.stdout)
        let tickets = try XCTUnwrap(cli.json("ticket", "list", "--json") as? [[String: Any]])
        XCTAssertEqual(tickets.count, 50)
        let first = tickets[0]
        for key in ["id", "subject", "status", "priority", "requester", "assignee", "tags", "created_at", "updated_at", "version"] {
            XCTAssertTrue(first.keys.contains(key), "missing \(key) in \(first.keys)")
        }
        XCTAssertTrue(tickets.allSatisfy { ["new", "open", "pending"].contains($0["status"] as? String ?? "") })
        XCTAssertEqual(tickets.first?["priority"] as? String, "urgent")
        XCTAssertTrue((first["tags"] as? [String] ?? []).contains { $0.hasPrefix("area:") })
        XCTAssertNotNil((first["created_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })

        let all = try XCTUnwrap(cli.json("ticket", "list", "--status", "all", "--limit", "1000", "--json") as? [[String: Any]])
        XCTAssertEqual(all.count, 600)
        let people = try XCTUnwrap(cli.json("people", "list", "--json") as? [[String: Any]])
        XCTAssertEqual(people.count, 150)
        let tags = try XCTUnwrap(cli.json("tags", "--json") as? [[String: Any]])
        XCTAssertTrue(tags.contains { $0["name"] as? String == "billing" && $0["dimension"] as? String == "area" })
        let show = try XCTUnwrap(cli.json("ticket", "show", "1", "--json") as? [String: Any])
        XCTAssertFalse((show["messages"] as? [Any] ?? []).isEmpty)

        let again = try cli.run("demo", "--seed", "42")
        XCTAssertEqual(again.status, 0, "a demo database may be regenerated: \(again.stderr)")
    }

    func testUnknownCommandsAndFlagsExit64WithUsage() throws {
        let cli = CLI()
        for args in [["frobnicate"], ["ticket", "list", "--bogus"], ["ticket", "list", "--limit", "many"],
                     ["ticket"], ["ticket", "fly"], ["people", "list", "extra"], ["--nope"], ["ticket", "show"],
                     ["demo", "--people"]] {
            let result = try cli.run(args)
            XCTAssertEqual(result.status, 64, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("usage:"), "\(args): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.db), "usage errors never touch the database")
    }

    func testHelpAndVersion() throws {
        let cli = CLI()
        let help = try cli.run("help", "ticket", "list")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("usage: allhands ticket list"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--assignee"), help.stdout)
        XCTAssertEqual(try cli.run("ticket", "list", "--help").stdout, help.stdout)
        let general = try cli.run("--help")
        XCTAssertTrue(general.stdout.contains("people import"), general.stdout)
        XCTAssertTrue(try cli.run("--version").stdout.hasPrefix("allhands "))
    }

    func testANonSQLiteFileIsRefusedClearlyAndLeftByteForByteUnchanged() throws {
        let cli = CLI()
        let path = cli.dir.file("notes.txt")
        let bytes = Data("Meeting notes\nnot a database at all\n".utf8) + Data((0..<5000).map { UInt8($0 % 251) })
        try bytes.write(to: URL(fileURLWithPath: path))
        for args in [["ticket", "list"], ["demo"], []] {
            let result = try cli.run(args, db: path)
            XCTAssertEqual(result.status, 65, result.stderr)
            XCTAssertTrue(result.stderr.contains("not an allhands database"), result.stderr)
            XCTAssertTrue(result.stderr.contains("untouched"), result.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-journal"))
    }

    func testAnUnwritablePathExits73() throws {
        let cli = CLI()
        let file = cli.dir.file("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let result = try cli.run(["people", "add", "zed", "--name", "Zed"], db: file + "/sub/allhands.db")
        XCTAssertEqual(result.status, 73, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot create"), result.stderr)
        let folder = try cli.run(["people", "add", "zed", "--name", "Zed"], db: cli.dir.path)
        XCTAssertNotEqual(folder.status, 0, folder.stderr)
    }

    func testAReadOnlyCommandOnAMistypedPathCreatesNothing() throws {
        let cli = CLI()
        let typo = cli.dir.file("typo/allhands.db")
        for arguments in [["ticket", "list"], ["ticket", "show", "1"], ["people", "list"], ["tags"]] {
            let result = try cli.run(arguments, db: typo)
            XCTAssertEqual(result.status, 66, result.stderr)
            XCTAssertEqual(result.stderr, "allhands: no allhands database at \(typo) (run `allhands` or `allhands demo` to create one)\n")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.dir.file("typo")), "not even the folder")
    }

    func testTheDefaultDatabaseFollowsXDGAndFoldersAreCreated() throws {
        let cli = CLI()
        let result = try ProcessRunner.run(CLI.binary, ["people", "add", "zed", "--name", "Zed"], environment: cli.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.dir.file("data/allhands/allhands.db")))
        let env = try ProcessRunner.run(CLI.binary, ["people", "add", "zed", "--name", "Zed"],
                                        environment: cli.environment.merging(["ALLHANDS_DB": cli.dir.file("env/x.db")]) { $1 })
        XCTAssertEqual(env.status, 0, env.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.dir.file("env/x.db")))
    }

    func testConfigErrorsUseTheirExitCodes() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("--config", cli.dir.file("missing.json5"), "tags").status, 66)
        let bad = cli.dir.file("bad.json5")
        try Data("{ company: { name: 'X', timeZone: 'Nowhere/Land' } }".utf8).write(to: URL(fileURLWithPath: bad))
        let result = try cli.run("--config", bad, "tags")
        XCTAssertEqual(result.status, 78)
        XCTAssertTrue(result.stderr.contains("bad.json5") && result.stderr.contains("company.timeZone"), result.stderr)
    }

    func testPeopleImportAndPermissionsFromTheCommandLine() throws {
        let cli = CLI()
        let csv = cli.dir.file("people.csv")
        try Data("login,name,email,team,role,timezone\nana,Ana Silva,ana@example.com,sales,employee,Europe/Lisbon\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let imported = try cli.run("people", "import", csv)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("1 added"), imported.stdout)
        XCTAssertEqual(try cli.run("people", "import", cli.dir.file("nope.csv")).status, 66)
        try Data("login,name,email,team,role,timezone\nbob,Bob,,x,boss,UTC\n".utf8).write(to: URL(fileURLWithPath: csv))
        let bad = try cli.run("people", "import", csv)
        XCTAssertEqual(bad.status, 65)
        XCTAssertTrue(bad.stderr.contains("people.csv:2"), bad.stderr)
        // The database is real (not a demo): only admins may act as someone else.
        let asAna = try cli.run("--as", "ana", "tags")
        XCTAssertEqual(asAna.status, 0, "the admin may: \(asAna.stderr)")
        let refused = try cli.run("demo")
        XCTAssertEqual(refused.status, 73, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
    }

    func testHostileTextIsInertInTablesAndEscapedInJSON() throws {
        let cli = CLI()
        XCTAssertEqual(try cli.run("demo", "--tickets", "5").status, 0)
        let hostile = "Refund \u{1B}]0;pwned\u{07} \u{1B}[2J \u{9B}31m \u{202E}gnp.exe"
        let db = try Database(path: cli.db)
        try db.execute("UPDATE tickets SET subject = ? WHERE id = 1", hostile)
        let table = try cli.run("ticket", "list", "--status", "all")
        XCTAssertFalse(table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
        XCTAssertTrue(table.stdout.contains("␛]0;pwned␇"), table.stdout)
        let json = try cli.run("ticket", "show", "1", "--json")
        XCTAssertFalse(json.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((decoded?["ticket"] as? [String: Any])?["subject"] as? String, hostile, "JSON keeps the exact text")
    }
}
