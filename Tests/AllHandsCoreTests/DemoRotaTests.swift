import AllHandsCore
import Foundation
import Storage
import XCTest

/// The demo's rota and working queue: a quarter planned by the planner, people on shift at the
/// as-of instant, and work waiting in the queue at any hour.
final class DemoRotaTests: XCTestCase {
    let newYork = TimeZone(identifier: "America/New_York")!

    func demo(asOf: Int64, people: Int = 150, tickets: Int = 600) throws -> (Fixture, DemoSummary) {
        let f = Fixture()
        let summary = try f.workspace().demo.generate(DemoOptions(people: people, tickets: tickets, asOf: asOf))
        return (f, summary)
    }

    /// Fri 15:00Z, Mon 08:00 EST after a weekend, Sun 03:00 EST, Wed 23:30 EST, and the night the
    /// clocks go back (Sun 2026-11-01 01:30 EST).
    static let hours: [Int64] = [DemoTests.asOf, 1_795_438_800, 1_795_334_400, 1_795_062_600, 1_793_514_600]

    /// The quarter the demo plans: the month before the as-of instant's, its own and the next.
    func quarter(_ asOf: Int64) -> (from: Int64, to: Int64) {
        let month = ShiftTime.month(containing: asOf, timeZone: newYork)
        let from = ShiftTime.month(containing: month.start - 1, timeZone: newYork).start
        return (from, ShiftTime.month(containing: month.end, timeZone: newYork).end)
    }

    func testTheDemoQuarterIsPlannedFromTheTemplatesWithEveryRuleKeptAndHoursBalancedAcrossDaylightSaving() throws {
        // As of a Friday in November, and the night the clocks go back (the quarter spans it).
        for asOf in [DemoTests.asOf, 1_793_514_600] {
            let (f, _) = try demo(asOf: asOf)
            let (from, to) = quarter(asOf)
            let slots = ShiftTemplates.slots(Configuration.default.rotation.templates, from: from, to: to, timeZone: newYork)
            let shifts = try f.workspace().shifts.list(from: from, to: to)
            let templated = shifts.filter { !$0.template.isEmpty }
            XCTAssertEqual(templated.map(\.startsAt), slots.map(\.startsAt), "every template shift of the quarter, once")
            XCTAssertEqual(templated.map(\.endsAt), slots.map(\.endsAt))
            XCTAssertFalse(templated.isEmpty)
            XCTAssertTrue(templated.allSatisfy { ($0.minSeats...$0.maxSeats).contains($0.seated) }, "every shift within its seats")
            // Checked as of the quarter's start, every shift is still to come: no gap, no missing
            // buddy, no broken rule, everyone on target — except what a lead did by hand (the
            // shift the demo's sample people sit at the as-of instant).
            let handPicked = Set(shifts.filter { $0.contains(asOf) }.map(\.id))
            let lead = try Workspace(database: f.database(), config: .default, clock: FixedClock(epochSeconds: from),
                                     login: "admin")
            let problems = try lead.planner.check(from: from, to: to).filter { issue in
                !(issue.shiftID.map(handPicked.contains) ?? false) && issue.kind != .underloaded && issue.kind != .overloaded
            }
            XCTAssertEqual(problems, [], Timestamp.iso8601(asOf))
            for month in [from, asOf, to - 1] {
                let report = try lead.rotation.fairness(monthContaining: month)
                XCTAssertGreaterThanOrEqual(report.balance, 0.95, report.title)
                let offTarget = report.loads.filter { abs($0.deviation) > 3 }
                XCTAssertLessThanOrEqual(offTarget.count, 3, "\(report.title): only the hand-picked few may be off by more than a shift: \(offTarget.map(\.login))")
            }
        }
    }

    func testAtAnyHourTheSampleEmployeeAndSupportAgentAreOnShiftAndHaveANextShift() throws {
        for asOf in Self.hours {
            let (f, summary) = try demo(asOf: asOf)
            let clock = FixedClock(epochSeconds: asOf)
            let ws = try Workspace(database: f.database(), config: .default, clock: clock, login: "admin")
            let onShift = try ws.rotation.overview().onShiftNow
            let roles = try Dictionary(uniqueKeysWithValues: ws.people.list().map { ($0.login, $0.role) })
            let at = Timestamp.iso8601(asOf)
            XCTAssertEqual(summary.sampleLogins.map { roles[$0] }, [.employee, .support, .lead, .exec], at)
            XCTAssertTrue(onShift.contains(summary.sampleLogins[0]), "the sample employee is on shift at \(at)")
            XCTAssertTrue(onShift.contains(summary.sampleLogins[1]), "the sample support agent is on shift at \(at)")
            XCTAssertFalse(onShift.contains(summary.sampleLogins[3]), "an executive listens; listening is not being on shift")
            let now = try XCTUnwrap(ws.shifts.list(from: asOf, to: asOf + 1).first { $0.contains(asOf) })
            let exec = now.assignments.first { $0.login == summary.sampleLogins[3] }
            XCTAssertTrue(exec == nil || exec?.role == .listener, at)
            let employee = try Workspace(database: f.database(), config: .default, clock: clock, login: "admin",
                                         actAs: summary.sampleLogins[0])
            XCTAssertTrue(try employee.shifts.standing().isOnShift, "the sample employee is on shift at \(at)")
            XCTAssertNotNil(try employee.rotation.overview().myNextShift, "and has a next shift")
        }
    }

    func testAtAnyHourOfTheWeekAtLeastTwentyNewTicketsWaitUnassigned() throws {
        for asOf in Self.hours {
            let (f, _) = try demo(asOf: asOf)
            let waiting = try f.workspace().tickets.count(TicketFilter(statuses: .only([.new]), assignee: .unassigned))
            XCTAssertGreaterThanOrEqual(waiting, 20, Timestamp.iso8601(asOf))
        }
    }

    func testDemoTicketsKnowWhenTheyWereFirstAnsweredAndSolved() throws {
        let (f, _) = try demo(asOf: DemoTests.asOf, people: 40, tickets: 300)
        let db = try f.database()
        XCTAssertEqual(try db.fetchInt("""
            SELECT count(*) FROM tickets t WHERE first_response_at IS NOT
                (SELECT min(created_at) FROM messages m WHERE m.ticket_id = t.id AND m.kind = 'reply')
            """), 0)
        XCTAssertEqual(try db.fetchInt("""
            SELECT count(*) FROM tickets WHERE (solved_at IS NOT NULL) <> (status IN ('solved', 'closed'))
                OR solved_at <> updated_at
            """), 0)
        XCTAssertGreaterThan(try db.fetchInt("SELECT count(*) FROM tickets WHERE first_response_at IS NOT NULL") ?? 0, 100)
    }

    func testTheDemoShowsGrantedAndAwaitingGoodwillAndAMarkedRequester() throws {
        let (f, summary) = try demo(asOf: DemoTests.asOf)
        let lead = try Workspace(database: f.database(), config: .default, clock: FixedClock(epochSeconds: DemoTests.asOf),
                                 login: "admin", actAs: summary.sampleLogins[2])
        let gestures = try lead.goodwill.list()
        XCTAssertEqual(gestures.filter { $0.status == .granted }.count, 3)
        let awaiting = try XCTUnwrap(gestures.first { $0.status == .awaiting })
        XCTAssertEqual(awaiting.by, summary.sampleLogins[0])
        XCTAssertGreaterThan(awaiting.amount, Configuration.default.goodwill.budgetPerShift)
        let marked = try lead.boundaries.list()
        XCTAssertEqual(marked.count, 1)
        XCTAssertGreaterThan(marked.first?.openTickets ?? 0, 0)
        XCTAssertTrue(try f.workspace().isDemo)
    }

    func testATinyCompanyStillGetsARota() throws {
        let (from, to) = quarter(DemoTests.asOf)
        let slots = ShiftTemplates.slots(Configuration.default.rotation.templates, from: from, to: to, timeZone: newYork)
        for people in [1, 2, 5] {
            let (f, summary) = try demo(asOf: DemoTests.asOf, people: people, tickets: 5)
            XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shifts WHERE template <> ''"), slots.count)
            XCTAssertEqual(summary.tickets, 5)
            // Too few people to cover it: every gap says why.
            let lead = try Workspace(database: f.database(), config: .default, clock: FixedClock(epochSeconds: from),
                                     login: "admin")
            let gaps = try lead.planner.check(from: from, to: to).filter { $0.kind == .gap }
            XCTAssertFalse(gaps.isEmpty)
            XCTAssertTrue(gaps.allSatisfy { $0.detail.contains(" seats filled: ") && !$0.detail.hasSuffix(": ") }, "\(gaps.first!)")
        }
    }
}
