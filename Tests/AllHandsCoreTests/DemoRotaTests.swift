import AllHandsCore
import Foundation
import Storage
import XCTest

/// The demo's rota and working queue: around the clock for the as-of week and the next, with
/// people on shift at the as-of instant, and work waiting in the queue at any hour.
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

    func testTheRotaCoversTwoWeeksAroundTheClockWithoutGapOrOverlapAcrossDaylightSaving() throws {
        for asOf in [DemoTests.asOf, 1_793_514_600] {
            let (f, _) = try demo(asOf: asOf, people: 60, tickets: 50)
            let start = ShiftTime.weekStart(containing: asOf, timeZone: newYork)
            let end = ShiftTime.midnights(from: start, days: 14, timeZone: newYork).last ?? 0
            let shifts = try f.workspace().shifts.list(from: start - 86_400, to: end + 86_400)
            XCTAssertEqual(shifts.count, 42)
            XCTAssertEqual(shifts.first?.startsAt, start)
            XCTAssertEqual(shifts.last?.endsAt, end)
            for (a, b) in zip(shifts, shifts.dropFirst()) { XCTAssertEqual(a.endsAt, b.startsAt, "no gap, no overlap") }
            XCTAssertEqual(Set(shifts.map { ($0.endsAt - $0.startsAt) / 3_600 }), asOf == DemoTests.asOf ? [8] : [8, 9],
                           "the night the clocks go back, the night shift is an hour longer")
            for shift in shifts {
                XCTAssertTrue((shift.minSeats...shift.maxSeats).contains(shift.people.count), "\(shift)")
                XCTAssertEqual(Set(shift.people).count, shift.people.count)
            }
            XCTAssertEqual(Set(shifts.map(\.label)), ["Night", "Day", "Evening"])
        }
    }

    func testAtAnyHourSomeoneIsOnShiftIncludingEmployeesAndAnExecAndTheSampleLoginsAreAmongThem() throws {
        for asOf in Self.hours {
            let (f, summary) = try demo(asOf: asOf)
            let clock = FixedClock(epochSeconds: asOf)
            let ws = try Workspace(database: f.database(), config: .default, clock: clock, login: "admin")
            let onShift = try ws.rotation.overview().onShiftNow
            let roles = try Dictionary(uniqueKeysWithValues: ws.people.list().map { ($0.login, $0.role) })
            let at = Timestamp.iso8601(asOf)
            XCTAssertGreaterThanOrEqual(onShift.filter { roles[$0] == .employee }.count, 2, at)
            XCTAssertEqual(onShift.filter { roles[$0] == .exec }.count, 1, at)
            XCTAssertEqual(onShift.filter { roles[$0] == .support || roles[$0] == .lead }.count, 1, at)
            XCTAssertEqual(summary.sampleLogins.map { roles[$0] }, [.employee, .support, .lead, .exec], at)
            let employee = try Workspace(database: f.database(), config: .default, clock: clock, login: "admin",
                                         actAs: summary.sampleLogins[0])
            XCTAssertTrue(try employee.shifts.standing().isOnShift, "the sample employee is on shift at \(at)")
            XCTAssertTrue(onShift.contains(summary.sampleLogins[3]), "the sample exec is on shift at \(at)")
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
        for people in [1, 2, 5] {
            let (f, summary) = try demo(asOf: DemoTests.asOf, people: people, tickets: 5)
            XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM shifts"), 42)
            XCTAssertEqual(summary.tickets, 5)
        }
    }
}
