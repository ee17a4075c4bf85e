import Foundation
import TestSupport
import XCTest

/// `calldown`, `checkin` and `action` through the built binary on the standard demo seed built
/// as of `CLI.demoAsOf`, with two executives added: exact text, refusals and their exit codes.
/// Nothing depends on today's date: weeks and times are given, and the one overdue item is due
/// in 2020.
final class FollowUpCLITests: XCTestCase {
    /// The demo (20 people, 300 tickets) plus executives ava and ben, in UTC.
    func company() throws -> CLI {
        let cli = CLI()
        try cli.demo("--people", "20", "--tickets", "300")
        for (login, name) in [("ava", "Ava Exec"), ("ben", "Ben Exec")] {
            XCTAssertEqual(try cli.run("people", "add", login, "--name", name, "--role", "exec").status, 0)
        }
        return cli
    }

    func run(_ cli: CLI, as person: String, _ arguments: String..., input: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(Products.require("allhands"), ["--db", cli.db, "--as", person] + arguments,
                              environment: cli.environment, input: input)
    }

    static let plannedW48 = """
        ID  WEEK      EXEC  CUSTOMER      EMAIL                           STATE    WHY
         1  2026-W48  ava   Layla Bauer   layla.bauer@clearhealth.com     to-call  waited 17 h 54 min for a first reply on #267
         3  2026-W48  ava   Grace Murphy  grace.murphy@pioneerhealth.com  to-call  waited 4 h 53 min for a first reply on #222
         5  2026-W48  ava   Daniel Patel  daniel.patel@deltahealth.com    to-call  waited 18 h 29 min for a first reply on #234
         9  2026-W48  ava   Mei Olsen     mei.olsen@silverhealth.com      to-call  goodwill: refund 15.00 USD on #258
         7  2026-W48  ava   Pablo Rossi   pablo.rossi@tidallabs.com       to-call  chosen at random, for balance
         2  2026-W48  ben   Lucas Costa   lucas.costa@harborhealth.com    to-call  waited 8 h 52 min for a first reply on #218
         4  2026-W48  ben   Jin Alvarez   jin.alvarez@granitelabs.com     to-call  goodwill: refund 35.00 USD on #229
         6  2026-W48  ben   Hana Costa    hana.costa@lumenfoods.com       to-call  goodwill: refund 25.00 USD on #230
        10  2026-W48  ben   Tess Kim      tess.kim@lumenlogistics.com     to-call  waited 17 h 9 min for a first reply on #201
         8  2026-W48  ben   Mia Garcia    mia.garcia@brightlogistics.com  to-call  chosen at random, for balance

        """

    func testALeadPlansTheWeekAndExecutivesRecordTheirCalls() throws {
        let cli = try company()
        let plan = try run(cli, as: "ladeyemi", "calldown", "plan", "--week", "2026-W48")
        XCTAssertEqual(plan.status, 0, plan.stderr)
        XCTAssertEqual(plan.stdout, "Call-down 2026-W48: 10 customers added, 0 already planned.\n" + Self.plannedW48)
        let again = try run(cli, as: "ladeyemi", "calldown", "plan", "--week", "2026-W48")
        XCTAssertEqual(again.stdout, "Call-down 2026-W48: 0 customers added, 10 already planned.\n" + Self.plannedW48)

        let employee = try run(cli, as: "rgarcia", "calldown", "plan", "--week", "2026-W48")
        XCTAssertEqual(employee.status, 77)
        XCTAssertEqual(employee.stderr, "allhands: not permitted: an employee may not plan the weekly executive call-down\n")
        XCTAssertEqual(try run(cli, as: "ladeyemi", "calldown", "plan", "--week", "2026-W60").status, 64)
        XCTAssertEqual(try run(cli, as: "ladeyemi", "calldown", "plan").status, 64)

        XCTAssertEqual(try run(cli, as: "ben", "calldown", "list", "--week", "2026-W48").stdout, """
            ID  WEEK      EXEC  CUSTOMER     EMAIL                           STATE    WHY
             2  2026-W48  ben   Lucas Costa  lucas.costa@harborhealth.com    to-call  waited 8 h 52 min for a first reply on #218
             4  2026-W48  ben   Jin Alvarez  jin.alvarez@granitelabs.com     to-call  goodwill: refund 35.00 USD on #229
             6  2026-W48  ben   Hana Costa   hana.costa@lumenfoods.com       to-call  goodwill: refund 25.00 USD on #230
            10  2026-W48  ben   Tess Kim     tess.kim@lumenlogistics.com     to-call  waited 17 h 9 min for a first reply on #201
             8  2026-W48  ben   Mia Garcia   mia.garcia@brightlogistics.com  to-call  chosen at random, for balance

            """)
        XCTAssertEqual(try run(cli, as: "ben", "calldown", "list", "--week", "2026-W48", "--all").stdout, Self.plannedW48)
        XCTAssertEqual(try run(cli, as: "ben", "calldown", "list", "--week", "2026-W47").stdout,
                       "No call-downs for ben in 2026-W47.\n")

        let called = try run(cli, as: "ava", "calldown", "set", "1", "called", "--notes", "Happy again.")
        XCTAssertEqual(called.stdout, "Call-down #1 (Layla Bauer): called\n")
        let other = try run(cli, as: "ben", "calldown", "set", "1", "declined")
        XCTAssertEqual(other.status, 77)
        XCTAssertEqual(other.stderr,
                       "allhands: not permitted: an exec may not change or close others' call-downs, check-ins and action items\n")
        XCTAssertEqual(try run(cli, as: "ava", "calldown", "set", "1", "maybe").status, 64)
        let notes = try run(cli, as: "ava", "calldown", "notes", "1", input: "Wants a CSV export.\nCall in March.\n")
        XCTAssertEqual(notes.stdout, "Saved the notes of call-down #1 (Layla Bauer).\n", notes.stderr)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(
            run(cli, as: "ava", "calldown", "list", "--week", "2026-W48", "--json").stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(list.first?["notes"] as? String, "Wants a CSV export.\nCall in March.")
        XCTAssertEqual(list.first?["state"] as? String, "called")
        XCTAssertEqual(list.first?["version"] as? Int, 3)
        XCTAssertEqual(list.map { $0["reason"] as? String }, ["bad-experience", "bad-experience", "bad-experience",
                                                              "bad-experience", "random"])
        XCTAssertTrue(try cli.run("help", "calldown").stdout.contains("  plan   Plan a week's call-down"))
    }

    func testCheckInsBriefTheCallerAndActionItemsAreClosedByTheirOwners() throws {
        let cli = try company()
        let added = try run(cli, as: "ava", "checkin", "add", "--customer", "layla.bauer@clearhealth.com",
                            "--at", "2026-11-24 10:00", "--with", "ben")
        XCTAssertEqual(added.stdout, "Check-in #1 with Layla Bauer <layla.bauer@clearhealth.com> at 2026-11-24 15:00 UTC, "
                       + "held by ava, ben\n")
        let stranger = try run(cli, as: "ava", "checkin", "add", "--customer", "nobody@example.com", "--at", "2026-11-24")
        XCTAssertEqual(stranger.status, 65)
        XCTAssertEqual(stranger.stderr, "allhands: no customer has the email 'nobody@example.com': a check-in is with a "
                       + "customer who has written to support\n")
        XCTAssertEqual(try run(cli, as: "ben", "checkin", "notes", "1", "--text", "Wants a weekly CSV export.").stdout,
                       "Saved the notes of check-in #1 (Layla Bauer).\n")
        XCTAssertEqual(try run(cli, as: "rgarcia", "checkin", "notes", "1", "--text", "mine").status, 77)
        XCTAssertEqual(try run(cli, as: "ava", "action", "add", "Send the CSV how-to", "--owner", "ben", "--due", "2026-12-01",
                               "--checkin", "1").stdout, "Action item #1 for ben, due 2026-12-01: Send the CSV how-to\n")
        XCTAssertEqual(try run(cli, as: "ava", "action", "add", "Old promise", "--owner", "me", "--due", "2020-01-02",
                               "--customer", "layla.bauer@clearhealth.com").stdout,
                       "Action item #2 for ava, due 2020-01-02: Old promise\n")
        XCTAssertEqual(try run(cli, as: "ava", "action", "add", "x", "--owner", "ben", "--due", "soon").status, 65)
        XCTAssertEqual(try run(cli, as: "ava", "checkin", "add", "--customer", "layla.bauer@clearhealth.com",
                               "--at", "2026-12-01T14:30Z").status, 0)

        XCTAssertEqual(try run(cli, as: "rgarcia", "checkin", "show", "2").stdout, """
            Check-in #2 with Layla Bauer <layla.bauer@clearhealth.com>
            at 2026-12-01 14:30 GMT · held by ava

            No notes yet.

            Recent tickets:
              #267  solved  2026-11-13  Locked out after enabling two-factor
            Past check-ins:
              #1  2026-11-24  ava, ben
                Wants a weekly CSV export.
            Open action items:
              #2  due 2020-01-02  ava  Old promise
              #1  due 2026-12-01  ben  Send the CSV how-to

            """)
        let table = """
            ID  WHEN              CUSTOMER                                   PEOPLE   NOTES
             1  2026-11-24 15:00  Layla Bauer <layla.bauer@clearhealth.com>  ava,ben  Wants a weekly CSV export.

            """
        XCTAssertEqual(try run(cli, as: "rgarcia", "checkin", "search", "csv", "export").stdout, table)
        XCTAssertEqual(try run(cli, as: "rgarcia", "checkin", "search", "march").stdout, "No check-in notes match.\n")
        XCTAssertEqual(try run(cli, as: "ava", "checkin", "list", "--person", "ben").stdout, table)

        XCTAssertEqual(try run(cli, as: "ava", "action", "list").stdout, """
            ID  DUE                 OWNER  CUSTOMER     TITLE
             2  2020-01-02 overdue  ava    Layla Bauer  Old promise

            """)
        let notOwner = try run(cli, as: "ava", "action", "done", "1")
        XCTAssertEqual(notOwner.status, 77)
        XCTAssertEqual(notOwner.stderr,
                       "allhands: not permitted: action item #1 is ben's: only its owner or a lead may close or reassign it\n")
        XCTAssertEqual(try run(cli, as: "ben", "action", "done", "1").stdout, "Action item #1 done: Send the CSV how-to\n")
        XCTAssertEqual(try run(cli, as: "ladeyemi", "action", "list", "--all").stdout, """
            ID  DUE                 OWNER  CUSTOMER     TITLE
             2  2020-01-02 overdue  ava    Layla Bauer  Old promise

            """)
        XCTAssertEqual(try run(cli, as: "ladeyemi", "action", "drop", "2").stdout, "Action item #2 dropped: Old promise\n")
        XCTAssertEqual(try run(cli, as: "ava", "action", "list", "--overdue").stdout, "No overdue action items.\n")
        XCTAssertTrue(try cli.run("help", "action").stdout.contains("  drop  Drop an action item"))
    }
}
