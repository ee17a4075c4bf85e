import Foundation
import TestSupport
import XCTest

/// `rotation plan|rebalance|check|show|fairness|prefer` run as a lead would, on January 2099
/// (always in the future, so nothing here depends on what time it is) with the default
/// templates and policy.
final class RotationCLITests: XCTestCase {
    typealias JSON = [String: Any]

    /// Four employees of two teams, two support agents and a lead, all in New York (the
    /// company's zone): the two Americas templates fall in their working hours.
    func company(_ cli: CLI) throws {
        let people: [(String, String, String)] = [
            ("erin", "employee", "sales"), ("emil", "employee", "sales"), ("ines", "employee", "finance"),
            ("ivo", "employee", "finance"), ("sam", "support", "support"), ("sue", "support", "support"),
            ("lena", "lead", "support"),
        ]
        for (login, role, team) in people {
            let added = try cli.run("people", "add", login, "--name", login.capitalized, "--role", role, "--team", team,
                                    "--timezone", "America/New_York")
            XCTAssertEqual(added.status, 0, added.stderr)
        }
    }

    func json(_ cli: CLI, _ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let result = try cli.run(arguments + ["--json"])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func seats(_ cli: CLI, of login: String) throws -> [JSON] {
        let shifts = try json(cli, "--as", "lena", "rotation", "show", "--person", login, "--from", "2099-01-01",
                              "--to", "2099-01-31") as? [JSON] ?? []
        return shifts
    }

    func testALeadPlansAMonthThatKeepsEveryRuleAndMeetsEveryTarget() throws {
        let cli = CLI()
        try company(cli)
        let refused = try cli.run("--as", "erin", "rotation", "plan", "--from", "2099-01-01", "--to", "2099-01-31")
        XCTAssertEqual(refused.status, 77)
        XCTAssertEqual(refused.stderr,
                       "allhands: not permitted: an employee may not plan the rotation, or change someone else's shifts, swaps or time off\n")

        let plan = try json(cli, "--as", "lena", "rotation", "plan", "--from", "2099-01-01", "--to", "2099-01-31") as? JSON
        // January 2099 (the 1st is a Thursday): three templates on 22 weekdays, the
        // Sunday-to-Thursday one on 21 evenings.
        XCTAssertEqual(plan?["shifts_created"] as? Int, 87)
        XCTAssertEqual(plan?["removed"] as? Int, 0)
        XCTAssertGreaterThan(plan?["added"] as? Int ?? 0, 0)
        let again = try json(cli, "--as", "lena", "rotation", "plan", "--from", "2099-01-01", "--to", "2099-01-31") as? JSON
        XCTAssertEqual(again?["shifts_created"] as? Int, 0, "planning twice makes nothing new")
        XCTAssertEqual(again?["added"] as? Int, 0)

        let fairness = try json(cli, "rotation", "fairness", "--month", "2099-01") as? JSON
        XCTAssertEqual(fairness?["month"] as? String, "January 2099")
        XCTAssertGreaterThanOrEqual(fairness?["balance"] as? Double ?? 0, 0.95)
        let loads = fairness?["people"] as? [JSON] ?? []
        let hours = Dictionary(uniqueKeysWithValues: loads.compactMap { l in (l["login"] as? String).map { ($0, l["hours"] as? Double ?? -1) } })
        XCTAssertEqual(hours["erin"], 3)
        XCTAssertEqual(hours["sam"], 36)
        XCTAssertEqual(hours["lena"], 18)

        // Every employee shift has a support buddy; nobody is planned outside 08:00–20:00 New York.
        let shifts = try json(cli, "rotation", "show", "--from", "2099-01-01", "--to", "2099-01-31") as? [JSON] ?? []
        XCTAssertEqual(shifts.count, 87)
        for shift in shifts {
            let seats = shift["assignments"] as? [JSON] ?? []
            let logins = seats.compactMap { $0["login"] as? String }
            if logins.contains(where: { ["erin", "emil", "ines", "ivo"].contains($0) }) {
                XCTAssertTrue(seats.contains { $0["role"] as? String == "buddy" }, "\(shift)")
            }
            if shift["template"] as? String == "emea" || shift["template"] as? String == "apac" {
                XCTAssertEqual(logins, [], "04:00 and 23:00 in New York are outside everyone's working hours")
            }
        }
        // What nobody here can sit is reported with the reason: the two templates outside New
        // York's working hours, and the admin (the OS login, in UTC) who has no shift with a buddy.
        let problems = try json(cli, "rotation", "check", "--from", "2099-01-01", "--to", "2099-01-31") as? [JSON] ?? []
        let gaps = problems.filter { $0["kind"] as? String == "coverage gap" }
        let night = gaps.filter { ["emea", "apac"].contains($0["label"] as? String ?? "") }
        XCTAssertEqual(night.count, 22 + 21, "every shift outside New York's day is a gap")
        XCTAssertTrue(night.allSatisfy { ($0["detail"] as? String ?? "").contains(" outside their working hours") },
                      "\(night.first ?? [:])")
        // Seven people's targets fill 34 of the 88 seats the 44 daytime shifts need at least:
        // the rest are gaps because everyone who could sit them has met their target.
        let day = gaps.filter { !["emea", "apac"].contains($0["label"] as? String ?? "") }
        XCTAssertFalse(day.isEmpty)
        XCTAssertTrue(day.allSatisfy { ($0["detail"] as? String ?? "").contains("at their target already") }, "\(day.first ?? [:])")
        XCTAssertEqual(problems.filter { $0["kind"] as? String != "coverage gap" }.count, 0, "\(problems)")
    }

    func testTimeOffMarksShiftsAndARebalanceMovesOnlyThose() throws {
        let cli = CLI()
        try company(cli)
        XCTAssertEqual(try cli.run("--as", "lena", "rotation", "plan", "--from", "2099-01-01", "--to", "2099-01-31").status, 0)
        let before = try seats(cli, of: "sam")
        XCTAssertEqual(before.count, 12)
        let samStart = try XCTUnwrap(before.first?["starts_at"] as? String)
        let day = String(samStart.prefix(10))
        let away = try cli.run("--as", "sam", "timeoff", "add", "me", "--from", day, "--to", day, "--reason", "Moving house")
        XCTAssertEqual(away.status, 0, away.stderr)
        let marked = try seats(cli, of: "sam").filter { shift in
            (shift["assignments"] as? [JSON] ?? []).contains { $0["login"] as? String == "sam" && $0["conflict"] is String }
        }
        XCTAssertEqual(marked.count, 1, "the shift time off hits is marked, not removed")
        let hit = Set((marked.first?["assignments"] as? [JSON] ?? []).compactMap { $0["login"] as? String })
        let conflicts = try json(cli, "rotation", "check", "--from", "2099-01-01", "--to", "2099-01-31") as? [JSON] ?? []
        XCTAssertEqual(conflicts.filter { $0["kind"] as? String == "needs rebalancing" }.count, 1)

        let summary = try json(cli, "--as", "lena", "rotation", "rebalance", "--from", "2099-01-01", "--to", "2099-01-31") as? JSON
        // Sam's marked seat goes, and with it anyone there who needs sam as buddy; each gets a
        // seat back on another day.
        let affected = Set(summary?["affected"] as? [String] ?? [])
        XCTAssertTrue(affected.contains("sam"))
        XCTAssertTrue(affected.isSubset(of: hit), "only people of the hit shift move: \(affected) of \(hit)")
        XCTAssertEqual(summary?["removed"] as? Int, affected.count)
        XCTAssertEqual(summary?["added"] as? Int, affected.count)
        XCTAssertEqual(summary?["moved"] as? Int, affected.count)
        let after = try seats(cli, of: "sam")
        XCTAssertEqual(after.count, 12)
        XCTAssertFalse(after.contains { ($0["starts_at"] as? String ?? "").hasPrefix(day) }, "nothing on the day away")
        let again = try json(cli, "--as", "lena", "rotation", "rebalance", "--from", "2099-01-01", "--to", "2099-01-31") as? JSON
        XCTAssertEqual(again?["added"] as? Int, 0, "a rebalance with nothing to fix changes nothing")
        XCTAssertEqual(again?["removed"] as? Int, 0)
    }

    func testPreferencesAreEveryonesOwnAndNameATemplate() throws {
        let cli = CLI()
        try company(cli)
        let mine = try cli.run("--as", "erin", "rotation", "prefer", "americas-pm")
        XCTAssertEqual(mine.status, 0, mine.stderr)
        XCTAssertEqual(mine.stdout, "erin prefers americas-pm shifts\n")
        let theirs = try cli.run("--as", "erin", "rotation", "prefer", "americas-am", "--person", "emil")
        XCTAssertEqual(theirs.status, 77)
        let unknown = try cli.run("--as", "erin", "rotation", "prefer", "night\u{1b}[2J")
        XCTAssertEqual(unknown.status, 65)
        XCTAssertEqual(unknown.stderr, "allhands: no shift template named 'night␛[2J' (templates: emea, americas-am, americas-pm, apac)\n")
        XCTAssertEqual(try cli.run("--as", "lena", "rotation", "plan", "--from", "2099-01-01", "--to", "2099-01-31").status, 0)
        let erin = try seats(cli, of: "erin")
        XCTAssertEqual(erin.map { $0["template"] as? String }, ["americas-pm"], "her one shift is the kind she prefers")
    }
}
