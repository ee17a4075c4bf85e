import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// `tags rename`, `merge`, `compare` and `report` through the built binary (issue 10): outcomes,
/// refusals and their exit codes, the exact text of a comparison and of a report, CSV cells a
/// spreadsheet could run neutralised, and `help tags` naming the whole group.
final class TagsCLITests: XCTestCase {
    /// A database built by `demo --as-of` with no tickets, then tickets added through the domain
    /// at fixed instants (never the wall clock), tagged as they are created.
    struct HandBuilt {
        let cli = CLI()
        let configPath: String?

        init(config: String? = nil) throws {
            if let config {
                let path = cli.dir.file("allhands.json5")
                try config.write(toFile: path, atomically: true, encoding: .utf8)
                configPath = path
            } else {
                configPath = nil
            }
            let demo = try run("demo", "--as-of", CLI.demoAsOf, "--people", "5", "--tickets", "0")
            XCTAssertEqual(demo.status, 0, demo.stderr)
        }

        /// `allhands [--config PATH] ARGS…`.
        func run(_ arguments: String...) throws -> ProcessResult {
            try run(arguments)
        }

        func run(_ arguments: [String]) throws -> ProcessResult {
            try cli.run((configPath.map { ["--config", $0] } ?? []) + arguments)
        }

        func ticket(_ iso: String, _ tags: [String] = []) throws {
            let at = try XCTUnwrap(DemoOptions.asOfInstant(iso), iso)
            let clock = FixedClock(epochSeconds: at)
            let config = try configPath.map { try ConfigLoader.load(path: $0) } ?? .default
            let ws = try Workspace(database: Workspace.openDatabase(path: cli.db, clock: clock), config: config,
                                   clock: clock, login: XCTUnwrap(OSIdentity.currentLogin()))
            let id = try ws.tickets.create(requesterEmail: "ann@example.com", subject: "Help", body: "Hello.").id
            if !tags.isEmpty { try ws.tickets.tag(id: id, tags) }
        }
    }

    // MARK: - compare

    /// Two weeks each side of Friday 2026-10-23 in New York; the clocks go back on 11-01, and
    /// 23:30 on Thursday 11-05 still belongs to the week from 10-30.
    func compareCompany() throws -> HandBuilt {
        let h = try HandBuilt()
        try h.ticket("2026-10-08T12:00:00Z", ["billing"])                       // before the first week
        try h.ticket("2026-10-09T04:00:00Z", ["billing"])
        try h.ticket("2026-10-12T15:00:00Z")
        try h.ticket("2026-10-15T20:00:00Z", ["bug"])
        try h.ticket("2026-10-16T12:00:00Z", ["billing"])
        try h.ticket("2026-10-20T12:00:00Z", ["billing", "bug"])
        try h.ticket("2026-10-21T12:00:00Z", ["bug"])
        try h.ticket("2026-10-23T03:59:59Z")
        try h.ticket("2026-10-23T04:00:00Z")
        try h.ticket("2026-10-29T12:00:00Z", ["bug"])
        for day in ["2026-10-30", "2026-11-02", "2026-11-04"] { try h.ticket(day + "T12:00:00Z") }
        try h.ticket("2026-11-06T04:30:00Z", ["billing"])
        try h.ticket("2026-11-06T05:00:00Z", ["billing"])                       // after the last week
        return h
    }

    func testCompareShowsTheWeeksTheAveragesTheChangeAndTheShare() throws {
        let h = try compareCompany()
        let result = try h.run("tags", "compare", "billing", "--at", "2026-10-23", "--weeks", "2")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            area:billing: tickets created per week, 2 weeks before and after 2026-10-23 00:00 UTC-4

            WEEK FROM   TAGGED  ALL  SHARE
            2026-10-09       1    3  33.3%  ██████████
            2026-10-16       2    4  50.0%  ████████████████████
            -- 2026-10-23 00:00 UTC-4 --
            2026-10-23       0    2   0.0%
            2026-10-30       1    4  25.0%  ██████████

                      BEFORE  AFTER  CHANGE
            Per week     1.5    0.5    -67%
            Share      42.9%  16.7%

            """)
        // The same instant typed as an ISO 8601 instant gives the same comparison.
        XCTAssertEqual(try h.run("tags", "compare", "area:billing", "--at", "2026-10-23T04:00:00Z", "--weeks", "2").stdout,
                       result.stdout)
    }

    func testCompareAsJSONHasEveryKeyAndNullsWhereANumberHasNoMeaning() throws {
        let h = try compareCompany()
        let result = try h.run("tags", "compare", "bug", "--at", "2026-10-16", "--weeks", "1", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), ["after", "after_per_week", "at", "before", "before_per_week", "change_percent",
                                              "share_after_percent", "share_before_percent", "tag", "weeks"])
        XCTAssertEqual(object["tag"] as? String, "type:bug")
        XCTAssertEqual(object["at"] as? String, "2026-10-16T04:00:00Z")
        XCTAssertEqual(object["weeks"] as? Int, 1)
        let before = try XCTUnwrap(object["before"] as? [[String: Any]])
        let after = try XCTUnwrap(object["after"] as? [[String: Any]])
        XCTAssertEqual(before.count, 1)
        XCTAssertEqual(before.first?.keys.sorted(), ["complete", "end", "share_percent", "start", "tagged", "total"])
        XCTAssertEqual(before.first?["start"] as? String, "2026-10-09T04:00:00Z")
        XCTAssertEqual(before.first?["tagged"] as? Int, 1)
        XCTAssertEqual(before.first?["total"] as? Int, 3)
        XCTAssertEqual(after.first?["tagged"] as? Int, 2)
        XCTAssertEqual(after.first?["total"] as? Int, 4)
        XCTAssertEqual(after.first?["share_percent"] as? Double, 50)
        XCTAssertEqual(after.first?["complete"] as? Bool, true)
        XCTAssertEqual(object["before_per_week"] as? Double, 1)
        XCTAssertEqual(object["after_per_week"] as? Double, 2)
        XCTAssertEqual(object["change_percent"] as? Double, 100)
        XCTAssertEqual(object["share_before_percent"] as? Double, 33.33)
        // A week with no ticket has no share: null, not a missing key.
        let empty = try h.run("tags", "compare", "bug", "--at", "2026-09-01", "--weeks", "1", "--json")
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("\"share_percent\" : null"), empty.stdout)
        XCTAssertTrue(empty.stdout.contains("\"change_percent\" : null"), empty.stdout)
    }

    func testCompareRefusesWhatItCannotRead() throws {
        let h = try compareCompany()
        let missingAt = try h.run("tags", "compare", "billing")
        XCTAssertEqual(missingAt.status, 64)
        XCTAssertTrue(missingAt.stderr.hasPrefix("allhands: --at DATE is required\n"), missingAt.stderr)
        let weeks = try h.run("tags", "compare", "billing", "--at", "2026-10-23", "--weeks", "53")
        XCTAssertEqual(weeks.status, 64)
        XCTAssertTrue(weeks.stderr.hasPrefix("allhands: --weeks must be a whole number from 1 to 52 (got '53')\n"), weeks.stderr)
        let date = try h.run("tags", "compare", "billing", "--at", "last tuesday")
        XCTAssertEqual(date.status, 65)
        XCTAssertTrue(date.stderr.hasPrefix("allhands: --at 'last tuesday' is not a date and time"), date.stderr)
        let unknown = try h.run("tags", "compare", "nonesuch", "--at", "2026-10-23")
        XCTAssertEqual(unknown.status, 65)
        XCTAssertEqual(unknown.stderr, "allhands: tag 'nonesuch' not found\n")
    }

    // MARK: - report

    /// A taxonomy whose first dimension's name a spreadsheet would run (`=`), with a `|` that
    /// would split a Markdown cell and an escape that would colour a terminal.
    static let hostileConfig = """
        { taxonomy: { dimensions: [ { name: "=2+3|x\\u001b[31m", tags: ["billing", "onboarding"] },
                                    { name: "type", tags: ["bug"] } ] } }
        """

    func reportCompany() throws -> HandBuilt {
        let h = try HandBuilt(config: Self.hostileConfig)
        try h.ticket("2026-11-03T12:00:00Z", ["billing"])                       // the period before
        try h.ticket("2026-11-04T12:00:00Z", ["bug"])
        try h.ticket("2026-11-10T12:00:00Z", ["billing", "bug"])                // the period
        try h.ticket("2026-11-11T12:00:00Z", ["billing"])
        try h.ticket("2026-11-12T12:00:00Z")
        try h.ticket("2026-11-13T12:00:00Z", ["onboarding"])
        try h.ticket("2026-11-17T12:00:00Z", ["billing"])                       // after it
        return h
    }

    func testReportAsMarkdownEscapesCellsAndSanitisesEverything() throws {
        let h = try reportCompany()
        let result = try h.run("tags", "report", "--from", "2026-11-09", "--to", "2026-11-15")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            # Tags, 2026-11-09 00:00 UTC-5 to 2026-11-16 00:00 UTC-5

            4 tickets created in the period; the previous period began 2026-11-02 00:00 UTC-5.

            | Dimension | Tag | Open | Added | Previous | Change | Tickets | Share |
            |---|---|--:|--:|--:|--:|--:|--:|
            | =2+3\\|x␛[31m | billing | 4 | 2 | 1 | +100% | 2 | 50.0% |
            | =2+3\\|x␛[31m | onboarding | 1 | 1 | 0 | new | 1 | 25.0% |
            | type | bug | 2 | 1 | 1 | 0% | 1 | 25.0% |

            Open: active tickets with the tag now. Added: times it was put on a ticket in the period; \
            Previous: in the period before. Tickets: tickets created in the period that carry it; \
            Share: of all created in the period.

            """)
    }

    func testReportAsCSVNeutralisesACellASpreadsheetWouldRun() throws {
        let h = try reportCompany()
        let result = try h.run("tags", "report", "--from", "2026-11-09", "--to", "2026-11-15", "--format", "csv")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            dimension,tag,open,added,previous,change_percent,tickets,share_percent
            '=2+3|x␛[31m,billing,4,2,1,100,2,50
            '=2+3|x␛[31m,onboarding,1,1,0,,1,25
            type,bug,2,1,1,0,1,25

            """)
        let records = try CSV.parse(result.stdout, source: "report")
        XCTAssertEqual(records.count, 4)
        XCTAssertTrue(records.allSatisfy { $0.fields.count == 8 })
        XCTAssertFalse(records.contains { $0.fields.contains { $0.hasPrefix("=") } })
    }

    func testReportAsJSONHasStableKeysAndTheExactText() throws {
        let h = try reportCompany()
        for flags in [["--format", "json"], ["--json"]] {
            let result = try h.run(["tags", "report", "--from", "2026-11-09", "--to", "2026-11-15"] + flags)
            XCTAssertEqual(result.status, 0, result.stderr)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(object.keys.sorted(), ["from", "previous_from", "tags", "tickets_created", "to"])
            XCTAssertEqual(object["from"] as? String, "2026-11-09T05:00:00Z")
            XCTAssertEqual(object["to"] as? String, "2026-11-16T05:00:00Z")
            XCTAssertEqual(object["previous_from"] as? String, "2026-11-02T05:00:00Z")
            XCTAssertEqual(object["tickets_created"] as? Int, 4)
            let rows = try XCTUnwrap(object["tags"] as? [[String: Any]])
            XCTAssertEqual(rows.map { $0["tag"] as? String }, ["billing", "onboarding", "bug"])
            XCTAssertEqual(rows.first?["dimension"] as? String, "=2+3|x\u{1B}[31m", "JSON keeps the exact text, escaped")
            XCTAssertEqual(rows.map { $0.keys.sorted() }, Array(repeating: ["added", "change_percent", "dimension", "open",
                                                                            "previous", "share_percent", "tag", "tickets"], count: 3))
            XCTAssertTrue(rows[1]["change_percent"] is NSNull, "onboarding was not added before")
            XCTAssertFalse(result.stdout.unicodeScalars.contains("\u{1B}"), "the escape is written as \\u001b")
        }
    }

    func testReportsDefaultPeriodIsTheThirtyDaysUpToNowAndFormatsAreChecked() throws {
        let h = try reportCompany()
        let result = try h.run("tags", "report", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let formatter = ISO8601DateFormatter()
        let from = try XCTUnwrap(formatter.date(from: object["from"] as? String ?? ""))
        let to = try XCTUnwrap(formatter.date(from: object["to"] as? String ?? ""))
        XCTAssertEqual(to.timeIntervalSince(from), 30 * 86_400)
        let format = try h.run("tags", "report", "--format", "xlsx")
        XCTAssertEqual(format.status, 64)
        XCTAssertTrue(format.stderr.hasPrefix("allhands: --format must be md, csv or json (got 'xlsx')\n"), format.stderr)
        let reversed = try h.run("tags", "report", "--from", "2026-11-15", "--to", "2026-11-09")
        XCTAssertEqual(reversed.status, 64)
        XCTAssertTrue(reversed.stderr.hasPrefix("allhands: --to must come after --from\n"), reversed.stderr)
    }

    // MARK: - rename and merge

    /// A demo company with its lead's and an employee's logins, and four open tickets, the first
    /// three tagged by hand with free tags of the test's own.
    func retitleCompany() throws -> (CLI, lead: String, employee: String, tickets: [Int]) {
        let cli = CLI()
        try cli.demo("--people", "20", "--tickets", "40")
        func first(_ role: String) throws -> String {
            let people = try XCTUnwrap(try cli.json("people", "list", "--role", role, "--json") as? [[String: Any]])
            return try XCTUnwrap(people.first?["login"] as? String, "no \(role)")
        }
        let open = try XCTUnwrap(try cli.json("ticket", "list", "--limit", "4", "--json") as? [[String: Any]])
        let ids = open.compactMap { $0["id"] as? Int }
        XCTAssertEqual(ids.count, 4)
        for (index, tags) in [["old-x"], ["old-x", "new-y"], ["new-y", "accounts"]].enumerated() {
            let tagged = try cli.run(["ticket", "tag", String(ids[index])] + tags)
            XCTAssertEqual(tagged.status, 0, tagged.stderr)
        }
        return (cli, try first("lead"), try first("employee"), ids)
    }

    func testRenameSaysWhatChangedAndHintsThatTheConfigShouldFollow() throws {
        let (cli, lead, employee, _) = try retitleCompany()
        let carried = try XCTUnwrap(try Database(path: cli.db).fetchInt("""
            SELECT count(*) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE g.name = 'billing'
            """))
        let refused = try cli.run("--as", employee, "tags", "rename", "billing", "invoicing")
        XCTAssertEqual(refused.status, 77)
        XCTAssertEqual(refused.stderr, "allhands: not permitted: an employee may not manage tags\n")
        let taken = try cli.run("--as", lead, "tags", "rename", "billing", "accounts")
        XCTAssertEqual(taken.status, 65)
        XCTAssertEqual(taken.stderr, "allhands: a tag 'accounts' exists; to fold 'billing' into it, use: tags merge billing accounts\n")

        let done = try cli.run("--as", lead, "tags", "rename", "billing", "invoicing")
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertEqual(done.stdout, "Renamed billing to area:invoicing (\(carried) \(carried == 1 ? "ticket carries" : "tickets carry") it); "
                       + "'billing' still finds it.\n")
        XCTAssertEqual(done.stderr, "note: the config's taxonomy still lists 'billing'; a lead should rename it to 'invoicing' "
                       + "there (until then, tagging 'billing' puts 'invoicing' on).\n")
        let byOld = try XCTUnwrap(try cli.json("ticket", "list", "--tag", "billing", "--status", "all", "--limit", "1000", "--json")
                                  as? [[String: Any]])
        XCTAssertEqual(byOld.count, carried)
        XCTAssertTrue(byOld.allSatisfy { ($0["tags"] as? [String] ?? []).contains("area:invoicing") })

        let free = try cli.run("--as", lead, "tags", "rename", "old-x", "older-x", "--json")
        XCTAssertEqual(free.status, 0, free.stderr)
        XCTAssertEqual(free.stderr, "", "no taxonomy lists a free tag")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(free.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), ["already_both", "config_lists_old", "dimension", "name", "old_name", "tag", "tickets"])
        XCTAssertEqual(object["tag"] as? String, "older-x")
        XCTAssertTrue(object["dimension"] is NSNull)
        XCTAssertEqual(object["old_name"] as? String, "old-x")
        XCTAssertEqual(object["tickets"] as? Int, 2)
        XCTAssertEqual(object["config_lists_old"] as? Bool, false)
        XCTAssertEqual(try cli.run("tags", "verify").status, 0)
    }

    /// `tags --json` writes `dimension: null` for a free tag, as its help says, rather than
    /// leaving the key out.
    func testTagsListingHasADimensionKeyForFreeTagsToo() throws {
        let (cli, _, _, _) = try retitleCompany()
        let result = try cli.run("tags", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let free = try XCTUnwrap(rows.first { $0["name"] as? String == "old-x" })
        XCTAssertEqual(free.keys.sorted(), ["dimension", "last_24h", "name", "open", "total"])
        XCTAssertTrue(free["dimension"] is NSNull)
    }

    func testMergeSaysHowManyTicketsMovedAndRefusesAcrossDimensions() throws {
        let (cli, lead, employee, ids) = try retitleCompany()
        XCTAssertEqual(try cli.run("--as", employee, "tags", "merge", "old-x", "new-y").status, 77)
        let across = try cli.run("--as", lead, "tags", "merge", "onboarding", "bug")
        XCTAssertEqual(across.status, 65)
        XCTAssertEqual(across.stderr, "allhands: 'onboarding' is an area tag; it can be merged only into another area tag\n")
        let unknown = try cli.run("--as", lead, "tags", "merge", "nonesuch", "bug")
        XCTAssertEqual(unknown.status, 65)
        XCTAssertEqual(unknown.stderr, "allhands: tag 'nonesuch' not found\n")
        let usage = try cli.run("--as", lead, "tags", "merge", "old-x")
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.stderr.hasPrefix("allhands: missing tag B (the one that stays)\n"), usage.stderr)

        let done = try cli.run("--as", lead, "tags", "merge", "old-x", "new-y")
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertEqual(done.stdout, "Merged old-x into new-y: 2 tickets moved (1 already carried both and keeps one); "
                       + "'old-x' now leads to new-y.\n")
        XCTAssertEqual(done.stderr, "")
        let tagged = try cli.run("ticket", "tag", String(ids[3]), "old-x")
        XCTAssertEqual(tagged.status, 0, tagged.stderr)
        let listed = try XCTUnwrap(try cli.json("ticket", "list", "--tag", "old-x", "--json") as? [[String: Any]])
        XCTAssertEqual(listed.compactMap { $0["id"] as? Int }.sorted(), ids.sorted(), "the old name finds the survivor's tickets")

        let taxonomy = try cli.run("--as", lead, "tags", "merge", "onboarding", "accounts")
        XCTAssertEqual(taxonomy.status, 0, taxonomy.stderr)
        XCTAssertTrue(taxonomy.stdout.hasPrefix("Merged onboarding into area:accounts: "), taxonomy.stdout)
        XCTAssertEqual(taxonomy.stderr, "note: the config's taxonomy still lists 'onboarding'; a lead should take it out there "
                       + "(until then, tagging 'onboarding' puts 'accounts' on).\n")
        let both = try XCTUnwrap(try Database(path: cli.db).fetchInt("""
            SELECT count(*) FROM ticket_tags a JOIN tags ga ON ga.id = a.tag_id AND ga.name = 'new-y'
            JOIN ticket_tags b ON b.ticket_id = a.ticket_id JOIN tags gb ON gb.id = b.tag_id AND gb.name = 'accounts'
            """))
        XCTAssertGreaterThan(both, 0, "ticket 3")
        let json = try cli.run("--as", lead, "tags", "merge", "new-y", "accounts", "--json")
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["tag"] as? String, "area:accounts")
        XCTAssertEqual(object["dimension"] as? String, "area")
        XCTAssertEqual(object["tickets"] as? Int, 4)
        XCTAssertEqual(object["already_both"] as? Int, both)
        XCTAssertEqual(try cli.run("tags", "verify").status, 0)
    }

    // MARK: - help

    func testHelpTagsListsTheWholeGroup() throws {
        let cli = CLI()
        for arguments in [["help", "tags"], ["tags", "--help"]] {
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.hasPrefix("usage: allhands tags [--json]\n"), result.stdout)
            for command in ["verify", "rename", "merge", "compare", "report"] {
                XCTAssertTrue(result.stdout.contains("\n  tags \(command)  "), "\(command) in:\n\(result.stdout)")
            }
        }
        let report = try cli.run("help", "tags", "report")
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.hasPrefix("usage: allhands tags report [--from DATE] [--to DATE] [--format md|csv|json]\n"),
                      report.stdout)
        XCTAssertTrue(report.stdout.contains("(default: the 30 days up to now)"), report.stdout)
    }
}
