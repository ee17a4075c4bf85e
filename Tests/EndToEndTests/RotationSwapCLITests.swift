import Foundation
import TestSupport
import XCTest

/// `timeoff` and `swap` run as a user would: exit 0 for what is done, 77 with the reason for a
/// refusal, 75 for a swap someone else changed first. Shifts lie in 2099 so that nothing here
/// depends on what time it is.
final class RotationSwapCLITests: XCTestCase {
    typealias JSON = [String: Any]

    /// erin and emil (employees), sam (support), lena (lead), and shift #1 on Tuesday
    /// 2099-01-13, 14:00–17:00 UTC, with erin and sam in it. The first run makes the OS login
    /// the admin, who may act `--as` anyone.
    func company(_ cli: CLI, config: [String] = []) throws {
        for (login, role) in [("erin", "employee"), ("emil", "employee"), ("ines", "employee"), ("sam", "support"),
                              ("lena", "lead")] {
            let added = try cli.run(config + ["people", "add", login, "--name", login.capitalized, "--role", role])
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        let shift = try cli.run(config + ["shift", "add", "--start", "2099-01-13T14:00Z", "--end", "2099-01-13T17:00Z",
                                          "--seats", "1-3", "--people", "erin,sam"])
        XCTAssertEqual(shift.status, 0, shift.stderr)
    }

    func run(_ cli: CLI, _ login: String, _ arguments: String..., config: [String] = []) throws -> ProcessResult {
        try cli.run(config + ["--as", login] + arguments)
    }

    func json(_ cli: CLI, _ login: String, _ arguments: String..., config: [String] = [],
              file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let result = try cli.run(config + ["--as", login] + arguments + ["--json"])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func people(_ cli: CLI) throws -> [String] {
        let shifts = try json(cli, "lena", "shift", "list", "--from", "2099-01-13", "--to", "2099-01-13") as? [JSON]
        return shifts?.first?["people"] as? [String] ?? []
    }

    static let notALead = "allhands: not permitted: an employee may not plan the rotation, or change someone else's shifts, swaps or time off\n"

    func testAnOfferTakenAndApprovedMovesTheSeatAndWhoMayDecideIsEnforced() throws {
        let cli = CLI()
        try company(cli)
        let offered = try run(cli, "erin", "swap", "offer", "1", "--note", "Dentist")
        XCTAssertEqual(offered.status, 0, offered.stderr)
        XCTAssertEqual(offered.stdout, "Offered your seat in shift #1 (2099-01-13 14:00 UTC to 17:00 UTC) to anyone: swap #1\n")
        let open = try json(cli, "emil", "swap", "list") as? [JSON]
        XCTAssertEqual(open?.count, 1)
        XCTAssertEqual(open?.first?["state"] as? String, "open")
        XCTAssertEqual(open?.first?["shift_starts_at"] as? String, "2099-01-13T14:00:00Z")
        XCTAssertEqual(open?.first?["note"] as? String, "Dentist")
        XCTAssertNil(open?.first?["to"], "an offer to anyone")

        let taken = try run(cli, "emil", "swap", "take", "1")
        XCTAssertEqual(taken.status, 0, taken.stderr)
        XCTAssertEqual(taken.stdout, "Took swap #1: shift #1 is yours once a lead approves\n")
        XCTAssertEqual(try people(cli), ["erin", "sam"], "the seat waits for a lead")
        let refused = try run(cli, "erin", "swap", "approve", "1")
        XCTAssertEqual(refused.status, 77, refused.stderr)
        XCTAssertEqual(refused.stderr, Self.notALead)

        let approved = try run(cli, "lena", "swap", "approve", "1")
        XCTAssertEqual(approved.status, 0, approved.stderr)
        XCTAssertEqual(approved.stdout, "Approved swap #1: shift #1 moved from erin to emil\n")
        XCTAssertEqual(try people(cli), ["emil", "sam"])
        let late = try run(cli, "ines", "swap", "take", "1")
        XCTAssertEqual(late.status, 75, late.stderr)
        XCTAssertEqual(late.stderr, "allhands: swap #1 was already approved by lena; nothing was changed\n")

        XCTAssertEqual(try run(cli, "emil", "swap", "list").stdout, "No swaps open or awaiting a lead.\n")
        let all = try json(cli, "emil", "swap", "list", "--all") as? [JSON]
        XCTAssertEqual(all?.first?["state"] as? String, "approved")
        XCTAssertEqual(all?.first?["taken_by"] as? String, "emil")
        XCTAssertEqual(all?.first?["decided_by"] as? String, "lena")
        XCTAssertEqual(all?.first?["version"] as? Int, 3)

        let again = try run(cli, "emil", "swap", "offer", "1", "--to", "erin")
        XCTAssertEqual(again.status, 0, again.stderr)
        let stranger = try run(cli, "ines", "swap", "take", "2")
        XCTAssertEqual(stranger.status, 77, stranger.stderr)
        XCTAssertEqual(stranger.stderr, "allhands: not permitted: swap #2 is offered to erin; only they can take it\n")
        let withdrawn = try run(cli, "emil", "swap", "withdraw", "2")
        XCTAssertEqual(withdrawn.stdout, "Withdrew swap #2: shift #1 stays with emil\n")
        XCTAssertEqual(try run(cli, "erin", "swap", "take", "2").status, 75, "withdrawn first")
        XCTAssertEqual(try run(cli, "erin", "swap", "take", "two").status, 64)
    }

    func testTimeOffIsOnesOwnOrALeadsAndATakeDuringItIsRefusedWithTheReason() throws {
        let cli = CLI()
        try company(cli)
        let forOthers = try run(cli, "erin", "timeoff", "add", "emil", "--from", "2099-01-13", "--to", "2099-01-13")
        XCTAssertEqual(forOthers.status, 77, forOthers.stderr)
        XCTAssertEqual(forOthers.stderr, Self.notALead)
        let byLead = try json(cli, "lena", "timeoff", "add", "emil", "--from", "2099-01-13", "--to", "2099-01-13",
                              "--reason", "Moving house") as? JSON
        XCTAssertEqual(byLead?["person"] as? String, "emil")
        XCTAssertEqual(byLead?["starts_at"] as? String, "2099-01-13T05:00:00Z", "midnight in America/New_York, the company's zone")
        XCTAssertEqual(byLead?["ends_at"] as? String, "2099-01-14T05:00:00Z", "a date alone as --to is through that day")
        XCTAssertEqual(byLead?["shifts"] as? [Int], [])
        let own = try run(cli, "sam", "timeoff", "add", "me", "--from", "2099-01-13T15:00Z", "--to", "2099-01-13T18:00Z")
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertEqual(own.stdout.split(separator: "\n").last,
                       "Marked for re-planning (the lead's rebalance moves them): #1 2099-01-13 14:00 UTC to 17:00 UTC")

        _ = try run(cli, "erin", "swap", "offer", "1")
        let away = try run(cli, "emil", "swap", "take", "1")
        XCTAssertEqual(away.status, 77, away.stderr)
        XCTAssertEqual(away.stderr, "allhands: not permitted: emil cannot be in shift #1: on time off\n")
        let named = try run(cli, "erin", "swap", "offer", "1", "--to", "ines", "--note", "already offered")
        XCTAssertEqual(named.status, 65, named.stderr)
        XCTAssertEqual(named.stderr, "allhands: erin's seat in shift #1 is already on offer (swap #1)\n")

        let listed = try json(cli, "ines", "timeoff", "list", "--from", "2099-01-01") as? [JSON]
        XCTAssertEqual(listed?.compactMap { $0["person"] as? String }, ["emil", "sam"])
        XCTAssertEqual((try json(cli, "ines", "timeoff", "list", "--from", "2099-01-01", "--person", "emil") as? [JSON])?.count, 1)
        let removed = try run(cli, "emil", "timeoff", "remove", "1")
        XCTAssertEqual(removed.stdout, "Removed time off #1 of emil\n", "one's own, whoever added it")
        let took = try run(cli, "emil", "swap", "take", "1")
        XCTAssertEqual(took.status, 0, took.stderr)

        let backwards = try run(cli, "emil", "timeoff", "add", "me", "--from", "2099-01-14", "--to", "2099-01-13 12:00")
        XCTAssertEqual(backwards.status, 65, backwards.stderr)
        XCTAssertEqual(backwards.stderr, "allhands: time off must end after it starts\n")
        XCTAssertEqual(try run(cli, "emil", "timeoff", "add", "me", "--from", "2099-01-14").status, 64, "--to is required")
        XCTAssertEqual(try run(cli, "emil", "timeoff", "remove", "9").status, 65)
    }

    func testWithoutApprovalTheSeatMovesAtOnceAndOfTwoRacingTakersOneWins() throws {
        let cli = CLI()
        let config = cli.dir.file("allhands.json5")
        try "{ rotation: { swapsNeedApproval: false } }".write(toFile: config, atomically: true, encoding: .utf8)
        let options = ["--config", config]
        try company(cli, config: options)
        XCTAssertEqual(try run(cli, "erin", "swap", "offer", "1", config: options).status, 0)

        let binary = try Products.require("allhands")
        let running = try ["emil", "ines"].map { login in
            (login, try ProcessRunner.start(binary, ["--db", cli.db] + options + ["--as", login, "swap", "take", "1"],
                                            environment: cli.environment))
        }
        let results = running.map { ($0.0, ProcessRunner.finish($0.1.0, $0.1.1, $0.1.2)) }
        let winners = results.filter { $0.1.status == 0 }
        XCTAssertEqual(winners.count, 1, "\(results.map { ($0.0, $0.1.status, $0.1.stderr) })")
        let winner = try XCTUnwrap(winners.first)
        XCTAssertEqual(winner.1.stdout, "Took swap #1: shift #1 is yours now\n")
        let loser = try XCTUnwrap(results.first { $0.0 != winner.0 })
        XCTAssertEqual(loser.1.status, 75, loser.1.stderr)
        XCTAssertEqual(loser.1.stderr, "allhands: swap #1 was already taken by \(winner.0); nothing was changed\n")
        XCTAssertEqual(try people(cli), [winner.0, "sam"].sorted())
    }
}
