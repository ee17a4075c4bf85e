import AllHandsCore
import Foundation
import Storage
import XCTest

/// Views, sorts, keyset pages in every sort, view counts and SLA states.
final class ViewsTests: XCTestCase {
    /// A demo where some tickets had a reply from the service and some were solved through it,
    /// so first-response and solved times vary.
    func workedDemo() throws -> (Fixture, Workspace) {
        let f = Fixture()
        let ws = try f.demo(people: 30, tickets: 300)
        let active = try ws.tickets.page(.activeQueue, limit: 24)
        XCTAssertEqual(active.count, 24)
        for (i, ticket) in active.enumerated() where i % 3 == 0 {
            try ws.tickets.reply(id: ticket.id, body: "Looking into it")
        }
        for ticket in active.suffix(6) { try ws.tickets.setStatus(id: ticket.id, .solved) }
        return (f, ws)
    }

    func keys(_ t: Ticket, _ sort: TicketSort) -> [Int64] {
        QueueCursor(t, sort: sort, sla: Configuration.default.sla).keys
    }

    func testEveryViewListsWhatItNamesAndItsCountMatches() throws {
        let (_, ws) = try workedDemo()
        let me = ws.actor.person.login
        for ticket in try ws.tickets.page(.activeQueue, limit: 5) { try ws.tickets.release(id: ticket.id) }
        let before = try ws.tickets.viewCounts()
        let mine = try ws.tickets.page(ws.tickets.filter(for: .unassigned), limit: 3)
        XCTAssertEqual(mine.count, 3)
        for ticket in mine { try ws.tickets.assign(id: ticket.id, to: me) }
        let counts = try ws.tickets.viewCounts(tag: "area:billing")
        XCTAssertEqual(counts.map(\.view), TicketView.bar + [.byTag("area:billing")])
        for count in counts {
            let listed = try ws.tickets.page(ws.tickets.filter(for: count.view), limit: 10_000)
            XCTAssertEqual(listed.count, count.count, count.view.name)
            XCTAssertFalse(listed.isEmpty, count.view.name)
            let ok: (Ticket) -> Bool
            switch count.view {
            case .unassigned: ok = { $0.status.isActive && $0.assigneeLogin == nil }
            case .mine: ok = { $0.status.isActive && $0.assigneeLogin == me }
            case .allOpen: ok = { $0.status.isActive }
            case .pending: ok = { $0.status == .pending }
            case .recentlySolved: ok = { !$0.status.isActive && ($0.solvedAt ?? 0) >= Fixture.now - 7 * 86_400 }
            case .byTag(let tag): ok = { $0.status.isActive && $0.tags.contains(tag) }
            case .everything: ok = { _ in true }
            }
            XCTAssertTrue(listed.allSatisfy(ok), count.view.name)
        }
        func count(_ view: TicketView, _ counts: [ViewCount]) -> Int? { counts.first { $0.view == view }?.count }
        XCTAssertEqual(count(.mine, counts), try XCTUnwrap(count(.mine, before)) + 3)
        XCTAssertEqual(count(.unassigned, counts), try XCTUnwrap(count(.unassigned, before)) - 3)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(count(.recentlySolved, counts)), 6)
        XCTAssertEqual(count(.everything, counts), 300)
    }

    func testRecentlySolvedListsNewestSolvedFirstAndForgetsAReopenedTicket() throws {
        let f = Fixture()
        _ = try f.demo(people: 20, tickets: 100)
        let ids = try f.workspace().tickets.page(.activeQueue, limit: 3).map(\.id)
        for (offset, id) in ids.enumerated() {
            try f.workspace(at: Fixture.now + Int64(offset) * 60).tickets.setStatus(id: id, .solved)
        }
        let ws = try f.workspace()
        // The demo's own solved tickets were solved before now, so these three come first.
        let solved = try ws.tickets.page(ws.tickets.filter(for: .recentlySolved), limit: 3)
        XCTAssertEqual(solved.map(\.id), ids.reversed())
        XCTAssertEqual(solved.map(\.solvedAt), [Fixture.now + 120, Fixture.now + 60, Fixture.now])
        try ws.tickets.setStatus(id: ids[1], .open)
        XCTAssertNil(try ws.tickets.find(id: ids[1]).solvedAt, "solved_at is set only while solved or closed")
        XCTAssertEqual(try ws.tickets.page(ws.tickets.filter(for: .recentlySolved), limit: 2).map(\.id), [ids[2], ids[0]])
    }

    func testKeysetPagesWalkEverySortBothWaysWithPositions() throws {
        let (_, ws) = try workedDemo()
        // The solved order lists solved and closed tickets only, so it is walked over those.
        let filters: [TicketFilter] = TicketSort.allCases.flatMap { sort in
            let some: TicketFilter.Statuses = sort == .solved ? .only([.solved, .closed]) : .active
            return [TicketFilter(statuses: some, sort: sort), TicketFilter(statuses: .all, sort: sort),
                    TicketFilter(statuses: some, tag: "area:billing", sort: sort)]
        }
        for filter in filters {
            let what = "\(filter.sort.name) \(filter.statuses)"
            let all = try ws.tickets.page(filter, limit: 10_000)
            guard !all.isEmpty else { return XCTFail("nothing listed: \(what)") }
            let order = all.map { keys($0, filter.sort) }
            let sorted = order.sorted { filter.sort == .solved ? $1.lexicographicallyPrecedes($0) : $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(order, sorted, what)
            XCTAssertEqual(Set(all.map(\.id)).count, all.count, what)

            var forward: [Int] = []
            var anchor = PageAnchor.start
            while true {
                let page = try ws.tickets.page(filter, from: anchor, limit: 7)
                forward += page.map(\.id)
                guard let last = page.last, page.count == 7 else { break }
                anchor = .after(ws.tickets.cursor(for: last, in: filter), inclusive: false)
            }
            XCTAssertEqual(forward, all.map(\.id), what)

            var backward: [Int] = []
            anchor = .end
            while true {
                let page = try ws.tickets.page(filter, from: anchor, limit: 9)
                backward = page.map(\.id) + backward
                guard let first = page.first, page.count == 9 else { break }
                anchor = .before(ws.tickets.cursor(for: first, in: filter))
            }
            XCTAssertEqual(backward, all.map(\.id), what)

            for index in [0, all.count / 2, all.count - 1] {
                let cursor = ws.tickets.cursor(for: all[index], in: filter)
                XCTAssertEqual(try ws.tickets.position(of: cursor, in: filter), index, what)
                XCTAssertEqual(try ws.tickets.page(filter, from: .after(cursor, inclusive: true), limit: 1).first?.id,
                               all[index].id, what)
            }
            XCTAssertEqual(try ws.tickets.count(filter), all.count, what)
        }
    }

    func testTheDueOrderPutsUnansweredTicketsFirstSoonestDueFirst() throws {
        let (_, ws) = try workedDemo()
        let due = try ws.tickets.page(TicketFilter(sort: .firstResponseDue), limit: 10_000)
        let firstAnswered = try XCTUnwrap(due.firstIndex { $0.firstResponseAt != nil })
        XCTAssertGreaterThan(firstAnswered, 0)
        XCTAssertTrue(due[firstAnswered...].allSatisfy { $0.firstResponseAt != nil })
        let sla = Configuration.default.sla
        let waiting = due[..<firstAnswered].map { SLA.due($0, sla) }
        XCTAssertEqual(waiting, waiting.sorted())
    }

    func testACursorOfAnotherOrderIsRefused() throws {
        let (_, ws) = try workedDemo()
        let ticket = try ws.tickets.page(.activeQueue, limit: 1)[0]
        XCTAssertThrowsError(try ws.tickets.page(TicketFilter(sort: .age), from: .after(QueueCursor(ticket), inclusive: false),
                                                 limit: 5))
    }

    func testViewNamesRoundTrip() {
        for view in TicketView.bar + [.byTag("area:billing")] {
            XCTAssertEqual(TicketView(name: view.name), view)
        }
        XCTAssertNil(TicketView(name: "tag:"))
        XCTAssertNil(TicketView(name: "nonsense"))
        for sort in TicketSort.allCases { XCTAssertEqual(TicketSort(name: sort.name), sort) }
    }

    // MARK: - SLA

    func testSLAStatesFollowTheTargetAndTheWarningShare() {
        let sla = Configuration.default.sla   // normal: 480 minutes, warn at 75%
        var t = Ticket(id: 1, subject: "s", status: .new, priority: .normal, requesterID: 1, requesterName: "r",
                       assigneeLogin: nil, tags: [], createdAt: 0, updatedAt: 0, version: 1)
        XCTAssertEqual(SLA.due(t, sla), 480 * 60)
        XCTAssertEqual(SLA.state(t, sla, now: 0), SLAStatus(state: .ok, due: 28_800, seconds: 28_800))
        XCTAssertEqual(SLA.state(t, sla, now: 21_599)?.state, .ok)
        XCTAssertEqual(SLA.state(t, sla, now: 21_600), SLAStatus(state: .approaching, due: 28_800, seconds: 7_200))
        XCTAssertEqual(SLA.state(t, sla, now: 28_800), SLAStatus(state: .late, due: 28_800, seconds: 0))
        XCTAssertEqual(SLA.state(t, sla, now: 30_000)?.seconds, -1_200)
        t.priority = .urgent
        XCTAssertEqual(SLA.state(t, sla, now: 2_700)?.state, .approaching)
        t.firstResponseAt = 4_000
        XCTAssertEqual(SLA.state(t, sla, now: 99_999), SLAStatus(state: .met, due: 3_600, seconds: 4_000))
        t.firstResponseAt = nil
        t.status = .solved
        XCTAssertNil(SLA.state(t, sla, now: 99_999), "no target applies to a ticket solved without a reply")
    }
}
