@testable import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The weekly call-down: who is chosen and why (pure planner, property-tested), and the service
/// around it (candidates from the database, re-planning, permissions, recording calls).
final class CallDownTests: XCTestCase {
    typealias Candidate = CallDownPlanner.Candidate

    // MARK: - The planner

    func testQuotasLeaveARandomCustomerFromThreeAndASilenceFromTwo() {
        XCTAssertEqual(CallDownPlanner.quotas(perExecutive: 1), [.random: 0, .silence: 0, .badExperience: 1])
        XCTAssertEqual(CallDownPlanner.quotas(perExecutive: 2), [.random: 0, .silence: 1, .badExperience: 1])
        XCTAssertEqual(CallDownPlanner.quotas(perExecutive: 5), [.random: 1, .silence: 1, .badExperience: 3])
        XCTAssertEqual(CallDownPlanner.quotas(perExecutive: 8), [.random: 2, .silence: 2, .badExperience: 4])
    }

    func testWorstExperiencesAreDealtRoundTheExecutivesThenSilencesThenRandom() {
        let bad = [Candidate(customerID: 1, reason: .badExperience, detail: "b1", severity: 2),
                   Candidate(customerID: 2, reason: .badExperience, detail: "b2", severity: 9),
                   Candidate(customerID: 3, reason: .badExperience, detail: "b3", severity: 5)]
        let input = CallDownPlanner.Input(
            executives: [10, 20], perExecutive: 3, badExperiences: bad,
            silences: [Candidate(customerID: 4, reason: .silence, detail: "s4")],
            randomPool: [Candidate(customerID: 5, reason: .random, detail: "r5"),
                         Candidate(customerID: 6, reason: .random, detail: "r6")],
            recentlyCalled: [], planned: [], seed: 1)
        let plan = CallDownPlanner.plan(input)
        let byExec = Dictionary(grouping: plan, by: \.executiveID).mapValues { $0.map(\.candidate.detail) }
        // Quotas for 3: one random, one silence, one bad; then bad experiences fill first.
        XCTAssertEqual(byExec[10]?.prefix(2), ["b2", "s4"])
        XCTAssertEqual(byExec[20]?.first, "b3")
        XCTAssertEqual(byExec[10]?.count, 3)
        XCTAssertEqual(byExec[20]?.count, 3)
        XCTAssertEqual(Set(plan.map(\.candidate.customerID)), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(CallDownPlanner.plan(input), plan, "the same seed plans the same way")
    }

    /// Random companies: no customer called within the window, none twice in the week, every
    /// entry with its reason and words, no list longer than N, and every list full while
    /// candidates last.
    func testRandomInputsKeepEveryRule() {
        var random = SplitMix(seed: 11)
        for round in 0..<300 {
            let customers = Int.random(in: 0...60, using: &random)
            let n = Int.random(in: 1...7, using: &random)
            let executives = (0..<Int.random(in: 0...6, using: &random)).map { 1_000 + $0 }
            func some(_ reason: CallDown.Reason) -> [Candidate] {
                (0..<customers).filter { _ in Bool.random(using: &random) }.map {
                    Candidate(customerID: $0, reason: reason, detail: "\(reason.rawValue) \($0)",
                              severity: Double.random(in: 0...10, using: &random))
                }
            }
            let recent = Set((0..<customers).filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
            var planned: [CallDownPlanner.Entry] = []
            for exec in executives where Bool.random(using: &random) {
                let customer = Int.random(in: 0..<max(1, customers), using: &random)
                if !planned.contains(where: { $0.candidate.customerID == customer }), !recent.contains(customer) {
                    planned.append(.init(executiveID: exec, candidate: Candidate(customerID: customer, reason: .random,
                                                                                 detail: "kept")))
                }
            }
            let input = CallDownPlanner.Input(executives: executives, perExecutive: n, badExperiences: some(.badExperience),
                                              silences: some(.silence), randomPool: some(.random), recentlyCalled: recent,
                                              planned: planned, seed: UInt64(round))
            let added = CallDownPlanner.plan(input)
            let all = planned + added
            XCTAssertEqual(Set(all.map(\.candidate.customerID)).count, all.count, "round \(round): a customer twice")
            XCTAssertTrue(added.allSatisfy { !recent.contains($0.candidate.customerID) }, "round \(round): a repeat")
            XCTAssertTrue(added.allSatisfy { $0.candidate.detail.hasPrefix($0.candidate.reason.rawValue) },
                          "round \(round): a reason without its words")
            let available = Set((input.badExperiences + input.silences + input.randomPool).map(\.customerID))
                .subtracting(recent).subtracting(planned.map(\.candidate.customerID))
            for exec in executives {
                let size = all.filter { $0.executiveID == exec }.count
                XCTAssertLessThanOrEqual(size, max(n, planned.filter { $0.executiveID == exec }.count), "round \(round)")
                if available.count > added.count {
                    XCTAssertEqual(size, max(n, size), "round \(round): exec \(exec)'s list not full")
                }
            }
            XCTAssertEqual(CallDownPlanner.plan(input), added, "round \(round): not deterministic")
        }
    }

    // MARK: - The service

    func testAPlanChoosesForReasonsShownInWords() throws {
        let company = try FollowUpCompany()
        let lead = try company.workspace("lead1")
        let plan = try lead.calldowns.plan(week: FollowUpCompany.week)
        XCTAssertEqual(plan.kept, [])
        let t = company.tickets
        let exec1 = plan.added.filter { $0.executive == "exec1" }, exec2 = plan.added.filter { $0.executive == "exec2" }
        XCTAssertEqual(exec1.count, 5)
        XCTAssertEqual(exec2.count, 5)
        XCTAssertEqual(exec1.prefix(3).map(\.detail), [
            "waited 2 d 4 h for a first reply on #\(t["late@example.com"]!)",
            "reopened 3 times (#\(t["reopen@example.com"]!))",
            "no ticket for 140 days",
        ])
        XCTAssertEqual(exec1.prefix(3).map(\.customerEmail), ["late@example.com", "reopen@example.com", "quiet@example.com"])
        XCTAssertEqual(exec2.prefix(2).map(\.detail), ["goodwill: refund 20.00 USD on #\(t["refund@example.com"]!)",
                                                       "no ticket for 200 days"])
        XCTAssertEqual(exec1.map(\.reason), [.badExperience, .badExperience, .silence, .random, .random])
        XCTAssertEqual(exec2.map(\.reason), [.badExperience, .silence, .random, .random, .random])
        let randoms = plan.added.filter { $0.reason == .random }
        XCTAssertTrue(randoms.allSatisfy { $0.detail == "chosen at random, for balance" })
        XCTAssertTrue(Set(randoms.map(\.customerEmail)).isSubset(of: ["r1@example.com", "r2@example.com", "r3@example.com",
            "r4@example.com", "r5@example.com", "old@example.com", "once@example.com"]),
                      "a single reopening and a late reply before the four weeks are no bad experience")
        XCTAssertTrue(plan.added.allSatisfy { $0.state == .toCall && $0.week == FollowUpCompany.week })
        let audit = try company.f.workspace().audit.entries(entity: "calldown-week", id: "2026-W48")
        XCTAssertEqual(audit.map(\.action), ["calldown.plan"])
    }

    func testPlanningAgainKeepsTheWeekAndAddsOnlyWhatIsMissing() throws {
        let company = try FollowUpCompany()
        let lead = try company.workspace("lead1")
        let first = try lead.calldowns.plan(week: FollowUpCompany.week)
        let again = try lead.calldowns.plan(week: FollowUpCompany.week)
        XCTAssertEqual(again.added, [])
        XCTAssertEqual(again.kept, first.all)
        // A new executive gets a list; everyone else's stays as it was.
        try company.f.workspace().people.add(Person(login: "exec3", name: "Exec 3", role: .exec))
        _ = try company.ticket("new@example.com", created: FollowUpCompany.weekStart - FollowUpCompany.day, reply: 60)
        let third = try lead.calldowns.plan(week: FollowUpCompany.week)
        XCTAssertEqual(third.kept, first.all)
        // Twelve customers, ten called: the two random ones left over and the new one.
        XCTAssertEqual(third.added.map(\.executive), ["exec3", "exec3", "exec3"])
        XCTAssertEqual(Set(third.added.map(\.customerEmail)),
                       Set(company.tickets.keys).union(["new@example.com"]).subtracting(first.all.map(\.customerEmail)))
        XCTAssertEqual(try company.f.workspace().audit.entries(entity: "calldown-week", id: "2026-W48").count, 2,
                       "a plan that adds nothing writes nothing")
    }

    func testNoCustomerIsCalledAgainWithinTheConfiguredWeeks() throws {
        let company = try FollowUpCompany()
        let lead = try company.workspace("lead1")
        let w48 = try lead.calldowns.plan(week: FollowUpCompany.week)
        _ = try company.ticket("fresh@example.com", created: FollowUpCompany.weekStart + 2 * FollowUpCompany.day, reply: 60)
        let w49 = try lead.calldowns.plan(week: FollowUpCompany.week.adding(1))
        XCTAssertEqual(Set(w49.added.map(\.customerEmail)),
                       Set(company.tickets.keys).union(["fresh@example.com"]).subtracting(w48.added.map(\.customerEmail)),
                       "everyone not called in 2026-W48, and nobody who was")
        // Eight weeks on, 2026-W48's customers may be called again (2026-W49's not yet); a week
        // planned before another counts the later one too.
        let w56 = try lead.calldowns.plan(week: FollowUpCompany.week.adding(8))
        XCTAssertEqual(w56.added.count, 10)
        XCTAssertTrue(Set(w56.added.map(\.customerID)).isDisjoint(with: w49.added.map(\.customerID)))
        let w41 = try lead.calldowns.plan(week: FollowUpCompany.week.adding(-7))
        XCTAssertTrue(Set(w41.added.map(\.customerID)).isDisjoint(with: w48.added.map(\.customerID)))
    }

    func testOnlyLeadsPlanAndOnlyTheExecutiveOrALeadRecordsACall() throws {
        let company = try FollowUpCompany()
        XCTAssertThrowsError(try company.workspace("exec1").calldowns.plan(week: FollowUpCompany.week)) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .notPermitted(action: Action.planCallDowns.rawValue, role: .exec))
        }
        _ = try company.workspace("lead1").calldowns.plan(week: FollowUpCompany.week)
        let exec1 = try company.workspace("exec1")
        let mine = try exec1.calldowns.list(week: FollowUpCompany.week)
        XCTAssertEqual(Set(mine.map(\.executive)), ["exec1"])
        XCTAssertEqual(try exec1.calldowns.list(week: FollowUpCompany.week, everyone: true).count, 10)
        XCTAssertEqual(try exec1.calldowns.list(week: FollowUpCompany.week, executive: "exec2").count, 5)

        let call = try exec1.calldowns.update(id: mine[0].id, state: .called, notes: "Happy now; wants an export.")
        XCTAssertEqual(call.state, .called)
        XCTAssertEqual(call.version, 2)
        XCTAssertThrowsError(try company.workspace("exec2").calldowns.update(id: mine[0].id, state: .declined)) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .notPermitted(action: Action.manageFollowUps.rawValue, role: .exec))
        }
        XCTAssertThrowsError(try company.workspace("lead1").calldowns.update(id: mine[0].id, state: .noAnswer,
                                                                             expectedVersion: 1)) { error in
            XCTAssertEqual(error as? AllHandsError, .conflict(what: "call-down #\(mine[0].id)", expected: 1, found: 2))
        }
        XCTAssertEqual(try company.workspace("lead1").calldowns.update(id: mine[0].id, state: .noAnswer,
                                                                       expectedVersion: 2).state, .noAnswer)
        let audit = try company.f.workspace().audit.entries(entity: "calldown", id: String(mine[0].id))
        XCTAssertEqual(audit.map(\.action), ["calldown.update", "calldown.update"])
        XCTAssertEqual(audit.last?.after, #"{"notes":"Happy now; wants an export.","state":"called"}"#)
        XCTAssertEqual(try exec1.calldowns.recentTickets(customerID: mine[0].customerID).map(\.id),
                       [company.tickets[mine[0].customerEmail]!])
    }
}

/// The two ways silent customers are found (one lookup each when they are few, a walk back from
/// the cutoff when they are many) find the same customers in the same order.
final class CallDownSilenceTests: XCTestCase {
    func testLookingUpAndWalkingFindTheSameSilences() throws {
        let company = try FollowUpCompany()
        for n in 1...6 {
            _ = try company.ticket("gone\(n)@example.com", created: FollowUpCompany.weekStart - Int64(90 + 7 * n) * 86_400,
                                   reply: 60)
        }
        // gone1 also wrote recently: not silent.
        _ = try company.ticket("gone1@example.com", created: FollowUpCompany.weekStart - 86_400, reply: 60)
        let db = try company.f.database()
        let quiet = try XCTUnwrap(db.fetchInt("SELECT id FROM customers WHERE email = 'quiet@example.com'"))
        for limit in [1, 3, 10] {
            let looked = try db.read { db in
                try CallDownCandidates.silences(before: FollowUpCompany.weekStart, silenceDays: 90, limit: limit,
                                                excluding: [quiet], in: db)
            }
            let walked = try db.read { db in
                try CallDownCandidates.silences(before: FollowUpCompany.weekStart, silenceDays: 90, limit: limit,
                                                excluding: [quiet], lookups: 0, in: db)
            }
            XCTAssertEqual(looked, walked, "limit \(limit)")
            XCTAssertEqual(looked.map(\.detail), Array(["no ticket for 104 days", "no ticket for 111 days",
                                                        "no ticket for 118 days", "no ticket for 125 days",
                                                        "no ticket for 132 days", "no ticket for 200 days"].prefix(limit)))
        }
    }
}
