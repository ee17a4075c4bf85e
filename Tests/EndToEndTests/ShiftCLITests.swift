import Foundation
import TestSupport
import XCTest

/// `shift`, `goodwill`, `ticket goodwill`, `ticket boundary` and `boundary` run as a user would,
/// over demos built as of fixed instants. Where a rule depends on being on shift now, the test
/// plans a shift around the clock's now for a person it adds (nothing asserts what time it is).
final class ShiftCLITests: XCTestCase {
    typealias JSON = [String: Any]

    /// The command's `--json` output, parsed (`--json` is added when not given).
    func json(_ cli: CLI, _ arguments: String..., as person: String? = nil,
              file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let result = try cli.run((person.map { ["--as", $0] } ?? []) + arguments
                                 + (arguments.contains("--json") ? [] : ["--json"]))
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// The logins `demo` suggests trying, in its order: employee, support, lead, exec.
    func sampleLogins(_ demo: ProcessResult) -> [String] {
        demo.stdout.matches(of: /allhands --as (\S+) ticket list/).map { String($0.1) }
    }

    /// A new employee `login` with a shift from an hour ago to five hours from now.
    func onShiftNow(_ cli: CLI, _ login: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try cli.run("people", "add", login, "--name", "On Shift").status, 0, file: file, line: line)
        let now = Int64(Date().timeIntervalSince1970)
        let iso = { (t: Int64) in ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(t))) }
        let added = try cli.run("shift", "add", "--start", iso(now - 3_600), "--end", iso(now + 5 * 3_600), "--people", login)
        XCTAssertEqual(added.status, 0, added.stderr, file: file, line: line)
    }

    /// Unassigned new tickets, most urgent first.
    func waiting(_ cli: CLI) throws -> [Int] {
        let list = try json(cli, "ticket", "list", "--status", "new", "--assignee", "none", "--limit", "1000") as? [JSON] ?? []
        return list.compactMap { $0["id"] as? Int }
    }

    func testTheDemoHasEmployeesOnShiftAndWorkWaitingAtAnyHourOfTheWeek() throws {
        // Friday afternoon, Monday 08:00 EST after the weekend, Sunday 03:00 EST, Wednesday 23:30 EST.
        for asOf in [CLI.demoAsOf, "2026-11-23T13:00:00Z", "2026-11-22T08:00:00Z", "2026-11-19T04:30:00Z"] {
            let cli = CLI()
            let demo = try cli.run("demo", "--as-of", asOf)
            XCTAssertEqual(demo.status, 0, demo.stderr)
            let samples = sampleLogins(demo)
            XCTAssertEqual(samples.count, 4, demo.stdout)
            let roles = Dictionary(uniqueKeysWithValues: (try json(cli, "people", "list") as? [JSON] ?? []).compactMap { p in
                (p["login"] as? String).map { ($0, p["role"] as? String ?? "") }
            })
            let instant = try XCTUnwrap(ISO8601DateFormatter().date(from: asOf))
            let next = ISO8601DateFormatter().string(from: instant.addingTimeInterval(1))
            let shifts = try json(cli, "shift", "list", "--from", asOf, "--to", next) as? [JSON] ?? []
            XCTAssertEqual(shifts.count, 1, "exactly one shift is on at \(asOf)")
            let people = shifts.first?["people"] as? [String] ?? []
            XCTAssertGreaterThanOrEqual(people.filter { roles[$0] == "employee" }.count, 2, asOf)
            let seats = shifts.first?["assignments"] as? [JSON] ?? []
            XCTAssertTrue(seats.filter { roles[$0["login"] as? String ?? ""] == "exec" }.allSatisfy { $0["role"] as? String == "listener" },
                          "an executive in it listens: \(asOf)")
            XCTAssertEqual(samples.map { roles[$0] }, ["employee", "support", "lead", "exec"])
            XCTAssertTrue(people.contains(samples[0]), "the sample employee \(samples[0]) is on shift at \(asOf): \(people)")
            XCTAssertGreaterThanOrEqual(try waiting(cli).count, 20, "unassigned new tickets at \(asOf)")
        }
    }

    func testAnOffShiftEmployeesGestureAboveTheBudgetAwaitsALeadWhoApprovesItOnce() throws {
        let cli = CLI()
        let samples = sampleLogins(try cli.demo())
        let lead = samples[2]
        XCTAssertEqual(try cli.run("people", "add", "offshift", "--name", "Off Shift").status, 0)
        let ticket = try XCTUnwrap(try waiting(cli).first)
        let gesture = try json(cli, "ticket", "goodwill", String(ticket), "--kind", "refund", "--amount", "75.00",
                               "--reason", "Charged twice in November", "--json", as: "offshift") as? JSON
        XCTAssertEqual(gesture?["status"] as? String, "awaiting")
        XCTAssertEqual(gesture?["amount"] as? Int, 7_500)
        let id = try XCTUnwrap(gesture?["id"] as? Int)

        let awaiting = try json(cli, "goodwill", "list", "--status", "awaiting", "--json", as: lead) as? [JSON] ?? []
        XCTAssertEqual(awaiting.first?["id"] as? Int, id, "newest first, among the demo's")
        let own = try json(cli, "goodwill", "list", "--json", as: "offshift") as? [JSON] ?? []
        XCTAssertEqual(own.count, 1, "an employee sees their own")
        let refused = try cli.run("--as", "offshift", "goodwill", "approve", String(id))
        XCTAssertEqual(refused.status, 77, refused.stderr)
        let approved = try cli.run("--as", lead, "goodwill", "approve", String(id))
        XCTAssertEqual(approved.status, 0, approved.stderr)
        XCTAssertEqual(approved.stdout, "Approved goodwill #\(id) on ticket #\(ticket)\n")
        let again = try cli.run("--as", samples[1], "goodwill", "decline", String(id), "--reason", "Too much")
        XCTAssertEqual(again.status, 77, "support may not decide: \(again.stderr)")
        let twice = try cli.run("goodwill", "decline", String(id), "--reason", "Too much")
        XCTAssertEqual(twice.status, 75, twice.stderr)
        XCTAssertEqual(twice.stderr, "allhands: goodwill #\(id) was already approved by \(lead); nothing was changed\n")

        let detail = try json(cli, "ticket", "show", String(ticket), "--json") as? JSON
        let last = (detail?["messages"] as? [JSON])?.last
        XCTAssertEqual(last?["kind"] as? String, "note")
        XCTAssertEqual(last?["body"] as? String, "Goodwill #\(id) (refund, 75.00 USD) approved by \(lead).")

        for bad in [["--amount", "-5"], ["--amount", "5", "--currency", "EUR"], ["--amount", "5", "--kind", "cash"]] {
            let result = try cli.run(["ticket", "goodwill", String(ticket), "--kind", "swag", "--reason", "r"] + bad)
            XCTAssertTrue([64, 65].contains(result.status), "\(bad): \(result.stderr)")
        }
        XCTAssertEqual(try cli.run("ticket", "goodwill", String(ticket), "--kind", "swag", "--amount", "5").status, 64,
                       "the reason is required")
    }

    func testOnShiftAGestureWithinTheBudgetIsGranted() throws {
        let cli = CLI()
        try cli.demo()
        try onShiftNow(cli, "tess")
        let ticket = try XCTUnwrap(try waiting(cli).first)
        let first = try json(cli, "ticket", "goodwill", String(ticket), "--kind", "credit", "--amount", "30",
                             "--reason", "Lost a day", "--json", as: "tess") as? JSON
        XCTAssertEqual(first?["status"] as? String, "granted")
        let second = try cli.run("--as", "tess", "ticket", "goodwill", String(ticket), "--kind", "swag", "--amount", "20.01",
                                 "--reason", "Mug")
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.hasSuffix(", awaiting a lead's approval (over your shift's budget, or off shift)\n"),
                      second.stdout)
        let standing = try json(cli, "shift", "me", "--json", as: "tess") as? JSON
        XCTAssertEqual(standing?["on_shift"] as? Bool, true)
        XCTAssertEqual(standing?["goodwill_left"] as? Int, 2_000)
    }

    func testShiftEndHandsEveryOpenTicketToTheNamedPersonWithANote() throws {
        let cli = CLI()
        let lead = sampleLogins(try cli.demo())[2]
        try onShiftNow(cli, "tess")
        let tickets = Array(try waiting(cli).prefix(2))
        XCTAssertEqual(tickets.count, 2)
        for ticket in tickets {
            XCTAssertEqual(try cli.run("--as", "tess", "ticket", "update", String(ticket), "--assignee", "me").status, 0)
        }
        let bad = try cli.run("--as", "tess", "shift", "end", "--handoff", "nobody")
        XCTAssertEqual(bad.status, 65, bad.stderr)
        let mine = try json(cli, "shift", "me", "--json", as: "tess") as? JSON
        XCTAssertEqual(mine?["on_shift"] as? Bool, true, "a refused hand-off ends nothing")
        XCTAssertEqual((mine?["open_tickets"] as? [Int])?.sorted(), tickets.sorted())

        let ended = try json(cli, "shift", "end", "--handoff", lead, "--note", "Both wait on finance.", "--json",
                             as: "tess") as? JSON
        XCTAssertEqual((ended?["handed_off"] as? [JSON])?.compactMap { $0["ticket"] as? Int }.sorted(), tickets.sorted())
        XCTAssertEqual(ended?["released"] as? [Int], [])
        for ticket in tickets {
            let detail = try json(cli, "ticket", "show", String(ticket), "--json") as? JSON
            XCTAssertEqual((detail?["ticket"] as? JSON)?["assignee"] as? String, lead)
            let last = (detail?["messages"] as? [JSON])?.last
            XCTAssertEqual(last?["kind"] as? String, "note")
            XCTAssertEqual(last?["author"] as? String, "tess")
            XCTAssertEqual(last?["body"] as? String, "Handed off at shift end by tess to \(lead).\n\nBoth wait on finance.")
        }
        let again = try cli.run("--as", "tess", "shift", "end")
        XCTAssertEqual(again.status, 77, again.stderr)
        XCTAssertTrue(again.stderr.contains("you are not on shift now"), again.stderr)
    }

    func testLeadsPlanShiftsInCompanyTimeAndTheCLISaysWhatIsWrong() throws {
        let cli = CLI()
        let samples = sampleLogins(try cli.demo())
        let employee = samples[0], lead = samples[2]
        let add = ["shift", "add", "--start", "2099-01-13 09:00", "--end", "2099-01-13 12:00", "--seats", "1-2", "--label", "Tue",
                   "--json"]
        let refused = try cli.run(["--as", employee] + add)
        XCTAssertEqual(refused.status, 77, refused.stderr)
        let added = try cli.run(["--as", lead] + add + ["--people", employee])
        XCTAssertEqual(added.status, 0, added.stderr)
        let shift = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? JSON
        XCTAssertEqual(shift?["starts_at"] as? String, "2099-01-13T14:00:00Z", "09:00 in America/New_York, the company's zone")
        XCTAssertEqual(shift?["ends_at"] as? String, "2099-01-13T17:00:00Z")
        XCTAssertEqual(shift?["people"] as? [String], [employee])
        let id = try XCTUnwrap(shift?["id"] as? Int)
        let listed = try json(cli, "shift", "list", "--from", "2099-01-13", "--to", "2099-01-13") as? [JSON]
        XCTAssertEqual(listed?.compactMap { $0["id"] as? Int }, [id])

        let overlap = try cli.run("--as", lead, "shift", "add", "--start", "2099-01-13T16:00Z", "--end", "2099-01-13T18:00Z",
                                  "--people", employee)
        XCTAssertEqual(overlap.status, 65, overlap.stderr)
        XCTAssertTrue(overlap.stderr.contains("\(employee) is already in shift #\(id)"), overlap.stderr)
        let gap = try cli.run("--as", lead, "shift", "add", "--start", "2099-03-08 02:30", "--end", "2099-03-08 06:00")
        XCTAssertEqual(gap.status, 65, gap.stderr)
        XCTAssertTrue(gap.stderr.contains("does not exist in America/New_York"), gap.stderr)
        XCTAssertEqual(try cli.run("--as", lead, "shift", "add", "--end", "2099-01-13 12:00").status, 64)
        XCTAssertEqual(try cli.run("--as", lead, "shift", "add", "--start", "2099-01-13 09:00", "--end", "2099-01-13 12:00",
                                   "--seats", "two").status, 64)

        let removed = try cli.run("--as", lead, "shift", "remove", String(id))
        XCTAssertEqual(removed.stdout, "Removed shift #\(id)\n")
        XCTAssertEqual(try cli.run("--as", lead, "shift", "remove", String(id)).status, 65, "gone")
        let past = try cli.run("--as", lead, "shift", "remove", "1")
        XCTAssertEqual(past.status, 77, "the demo's first shift is over: \(past.stderr)")
    }

    func testABoundaryShowsInTheListForSupportWithTheRequestersOpenTickets() throws {
        let cli = CLI()
        let samples = sampleLogins(try cli.demo())
        let ticket = try XCTUnwrap(try waiting(cli).first)
        let marked = try cli.run("--as", samples[0], "ticket", "boundary", String(ticket), "--reason", "Abusive language")
        XCTAssertEqual(marked.status, 0, marked.stderr)
        XCTAssertEqual(try cli.run("--as", samples[0], "boundary", "list").status, 77)
        let marks = { try self.json(cli, "boundary", "list", "--json", as: samples[1]) as? [JSON] ?? [] }
        let before = try marks()
        let mine = try XCTUnwrap(before.first { $0["set_by"] as? String == samples[0] }, "\(before)")
        XCTAssertEqual(mine["reason"] as? String, "Abusive language")
        XCTAssertGreaterThanOrEqual(mine["open_tickets"] as? Int ?? 0, 1)
        let customer = try XCTUnwrap(mine["customer_id"] as? Int)
        XCTAssertEqual(try cli.run("--as", samples[1], "boundary", "clear", String(customer)).status, 0)
        XCTAssertEqual(try marks().count, before.count - 1)
        XCTAssertEqual(try cli.run("ticket", "boundary", String(ticket)).status, 64, "the reason is required")
    }
}
