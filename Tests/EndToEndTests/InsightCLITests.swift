import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// `insight add|list|random|show|delete` through the built binary: exact text on insights
/// captured at fixed instants (never the wall clock), refusals and their exit codes.
final class InsightCLITests: XCTestCase {
    /// A demo database with no tickets, then Ann Lee of Acme's ticket #1 (two messages) and two
    /// insights captured through the domain at fixed instants by the person running the tests.
    struct Repository {
        let cli = CLI()
        let login: String
        let message: Int

        init() throws {
            let demo = try cli.run("demo", "--as-of", CLI.demoAsOf, "--people", "5", "--tickets", "0")
            XCTAssertEqual(demo.status, 0, demo.stderr)
            login = try XCTUnwrap(OSIdentity.currentLogin())
            let ws = try Self.workspace(cli, "2026-11-18T15:00:00Z")
            let ticket = try ws.tickets.create(requesterEmail: "ann@example.com", requesterName: "Ann Lee",
                                               subject: "Invoices", body: "Where is the PDF?").id
            let words = "I never realized how the invoice works. We read every line of it each month, looking for the "
                + "charge we did not expect, and we never find it."
            message = try ws.tickets.addCustomerMessage(id: ticket, body: "Hello. " + words + " Thanks").id
            try ws.database.write { db in try db.execute("UPDATE customers SET organization = 'Acme'") }
            _ = try ws.insights.add(quote: "Where is the PDF?", tags: ["billing"], ticketID: ticket)
            _ = try Self.workspace(cli, "2026-11-19T15:00:00Z").insights.add(
                quote: words,
                note: "Invoices are read closely", tags: ["defect", "invoice-pdf"], ticketID: ticket, messageID: message)
        }

        static func workspace(_ cli: CLI, _ iso: String) throws -> Workspace {
            let clock = FixedClock(epochSeconds: try XCTUnwrap(DemoOptions.asOfInstant(iso), iso))
            return try Workspace(database: Workspace.openDatabase(path: cli.db, clock: clock), config: .default,
                                 clock: clock, login: XCTUnwrap(OSIdentity.currentLogin()))
        }

        func run(_ arguments: String...) throws -> ProcessResult { try cli.run(arguments) }
    }

    func testRandomPrintsOneInsightForTheStartOfAMeeting() throws {
        let r = try Repository()
        let result = try r.run("insight", "random", "--tag", "bug")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            “I never realized how the invoice works. We read every line of it each
            month, looking for the charge we did not expect, and we never find it.”
            — Ann Lee, Acme
            #1 · captured by \(r.login) on 2026-11-19

            Invoices are read closely

            """)
        XCTAssertEqual(try r.run("insight", "random", "--tag", "outage").stdout, "No insights tagged outage.\n")
        let json = try r.run("insight", "random", "--tag", "billing", "--json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["quote"] as? String, "Where is the PDF?")
        XCTAssertEqual(object["organization"] as? String, "Acme")
    }

    func testListShowsTheNewestFirstAndFilters() throws {
        let r = try Repository()
        let all = try r.run("insight", "list")
        XCTAssertEqual(all.status, 0, all.stderr)
        let width = max(2, r.login.count)
        let by = r.login.padding(toLength: width, withPad: " ", startingAt: 0)
        let header = "BY".padding(toLength: width, withPad: " ", startingAt: 0)
        XCTAssertEqual(all.stdout, """
            ID  DATE        \(header)  CUSTOMER  TICKET  TAGS                  QUOTE
             2  2026-11-19  \(by)  Ann Lee   #1      type:bug,invoice-pdf  I never realized how the invoice works. We read every line of it each month, looking for the charge we did not expect, and we never find it.
             1  2026-11-18  \(by)  Ann Lee   #1      area:billing          Where is the PDF?

            """)
        XCTAssertEqual(try r.run("insight", "list", "--search", "pdf").stdout.split(separator: "\n").count, 2,
                       "the header and insight #1 (the tag is not searched)")
        let json = try r.run("insight", "list", "--customer", "ann@example.com", "--tag", "defect", "--json")
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["id"] as? Int }, [2])
        XCTAssertEqual(array.first?["tags"] as? [String], ["type:bug", "invoice-pdf"])
        XCTAssertEqual(array.first?["message"] as? Int, r.message)
        XCTAssertEqual(array.first?["created_at"] as? String, "2026-11-19T15:00:00Z")
        XCTAssertEqual(try r.run("insight", "list", "--author", "nobody-here").stderr, "allhands: person 'nobody-here' not found\n")
    }

    func testAddShowAndDeleteAndTheirRefusals() throws {
        let r = try Repository()
        let added = try r.run("insight", "add", "--ticket", "1", "--quote", "how the  invoice works", "--message",
                              String(r.message), "--tag", "billing", "--tag=how-to", "--note", "Spacing may differ")
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "Captured insight #3 from ticket #1 (area:billing, type:question)\n")
        let show = try r.run("insight", "show", "3")
        XCTAssertTrue(show.stdout.hasPrefix("Insight #3\n\n“how the  invoice works”\n— Ann Lee, Acme\n#1 · captured by "), show.stdout)
        XCTAssertTrue(show.stdout.hasSuffix("\n\nSpacing may differ\n\nTags: area:billing, type:question\n"), show.stdout)

        let notInMessage = try r.run("insight", "add", "--ticket", "1", "--quote", "not said", "--message", String(r.message))
        XCTAssertEqual(notInMessage.status, 65)
        XCTAssertEqual(notInMessage.stderr, "allhands: the quote is not in message #\(r.message): quote the customer's words "
                       + "as written (spacing may differ), or capture it without the message\n")
        XCTAssertEqual(try r.run("insight", "add", "--ticket", "9", "--quote", "q").stderr, "allhands: ticket #9 not found\n")
        let usage = try r.run("insight", "add", "--ticket", "1")
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.stderr.hasPrefix("allhands: --quote is required: the customer's words\n"), usage.stderr)
        XCTAssertEqual(try r.run("insight", "add", "--ticket", "1", "--quote", "q", "--tag", "Bad Tag").status, 65)

        XCTAssertEqual(try r.run("insight", "delete", "3").stdout, "Deleted insight #3\n")
        let gone = try r.run("insight", "show", "3")
        XCTAssertEqual(gone.status, 65, "not found is bad data here, as for tickets")
        XCTAssertEqual(gone.stderr, "allhands: insight #3 not found\n")
        // Hostile text is made visible, never run.
        let hostile = try r.run("insight", "add", "--ticket", "1", "--quote", "evil \u{1B}]0;pwned\u{07} title")
        XCTAssertEqual(hostile.status, 0, hostile.stderr)
        XCTAssertFalse(try r.run("insight", "show", "4").stdout.contains("\u{1B}"))
    }

    func testHelpInsightListsTheGroup() throws {
        let r = try Repository()
        let help = try r.run("help", "insight")
        XCTAssertEqual(help.status, 0, help.stderr)
        for word in ["  add ", "  list ", "  random ", "  show ", "  delete "] {
            XCTAssertTrue(help.stdout.contains(word), "\(word) in:\n\(help.stdout)")
        }
        XCTAssertTrue(try r.run("help", "insight", "random").stdout.hasPrefix("usage: allhands insight random [--tag T] [--json]"))
    }
}
