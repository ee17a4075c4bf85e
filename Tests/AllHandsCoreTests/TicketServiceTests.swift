import AllHandsCore
import Storage
import XCTest

final class TicketServiceTests: XCTestCase {
    func testAnUpdateWritesOneAuditEntryWithOnlyTheChangedFields() throws {
        let f = Fixture()
        let ws = try f.demo()
        let ticket = try ws.tickets.page(.activeQueue, limit: 1)[0]
        let updated = try ws.tickets.update(id: ticket.id, TicketChange(status: .solved, priority: ticket.priority))
        XCTAssertEqual(updated.version, ticket.version + 1)
        let entries = try ws.audit.entries(entity: "ticket", id: String(ticket.id))
        XCTAssertEqual(entries.count, 1)
        XCTAssertEqual(entries[0].action, "ticket.update")
        XCTAssertEqual(entries[0].actor, "admin")
        XCTAssertEqual(entries[0].at, Fixture.now)
        XCTAssertEqual(entries[0].before, #"{"status":"\#(ticket.status.rawValue)"}"#)
        XCTAssertEqual(entries[0].after, #"{"status":"solved"}"#)
    }

    func testAnUpdateThatChangesNothingWritesNothing() throws {
        let f = Fixture()
        let ws = try f.demo()
        let ticket = try ws.tickets.page(.activeQueue, limit: 1)[0]
        XCTAssertEqual(try ws.tickets.update(id: ticket.id, TicketChange(status: ticket.status)).version, ticket.version)
        XCTAssertTrue(try ws.audit.entries(entity: "ticket", id: String(ticket.id)).isEmpty)
    }

    func testCompareAndSetRefusesAStaleVersionAndWritesNothing() throws {
        let f = Fixture()
        let ws = try f.demo()
        let ticket = try ws.tickets.page(.activeQueue, limit: 1)[0]
        let other = try f.workspace()
        try other.tickets.update(id: ticket.id, expectedVersion: ticket.version, TicketChange(priority: .low))
        XCTAssertThrowsError(try ws.tickets.update(id: ticket.id, expectedVersion: ticket.version,
                                                   TicketChange(status: .closed))) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .conflict(what: "ticket #\(ticket.id)", expected: ticket.version, found: ticket.version + 1))
        }
        let now = try ws.tickets.find(id: ticket.id)
        XCTAssertEqual(now.priority, .low)
        XCTAssertEqual(now.status, ticket.status)
        XCTAssertEqual(try ws.audit.entries(entity: "ticket", id: String(ticket.id)).count, 1)
    }

    func testAssigningToAnUnknownPersonIsInvalidAndAtomic() throws {
        let f = Fixture()
        let ws = try f.demo()
        let ticket = try ws.tickets.page(.activeQueue, limit: 1)[0]
        XCTAssertThrowsError(try ws.tickets.update(id: ticket.id, TicketChange(status: .solved, assignee: .login("nobody"))))
        XCTAssertEqual(try ws.tickets.find(id: ticket.id), ticket)
    }

    func testKeysetPagesWalkTheWholeQueueInOrderBothWays() throws {
        let f = Fixture()
        let ws = try f.demo(tickets: 300)
        let all = try ws.tickets.page(TicketFilter(statuses: .all), limit: 1_000)
        XCTAssertEqual(all.count, 300)
        let order = all.map { [$0.priority.rawValue, Int($0.createdAt), $0.id] }
        XCTAssertEqual(order, order.sorted { $0.lexicographicallyPrecedes($1) })

        var forward: [Int] = []
        var anchor = PageAnchor.start
        while true {
            let page = try ws.tickets.page(TicketFilter(statuses: .all), from: anchor, limit: 37)
            forward += page.map(\.id)
            guard let last = page.last, page.count == 37 else { break }
            anchor = .after(QueueCursor(last), inclusive: false)
        }
        XCTAssertEqual(forward, all.map(\.id))

        var backward: [Int] = []
        anchor = .end
        while true {
            let page = try ws.tickets.page(TicketFilter(statuses: .all), from: anchor, limit: 41)
            backward = page.map(\.id) + backward
            guard let first = page.first, page.count == 41 else { break }
            anchor = .before(QueueCursor(first))
        }
        XCTAssertEqual(backward, all.map(\.id))
    }

    func testFiltersByStatusTagAndAssignee() throws {
        let f = Fixture()
        let ws = try f.demo(tickets: 300)
        let active = try ws.tickets.page(.activeQueue, limit: 1_000)
        XCTAssertFalse(active.isEmpty)
        XCTAssertTrue(active.allSatisfy { $0.status.isActive })
        XCTAssertEqual(active.count, try ws.tickets.count(.activeQueue))
        let billing = try ws.tickets.page(TicketFilter(statuses: .all, tag: "area:billing"), limit: 1_000)
        XCTAssertFalse(billing.isEmpty)
        XCTAssertTrue(billing.allSatisfy { $0.tags.contains("area:billing") })
        let unassigned = try ws.tickets.page(TicketFilter(statuses: .all, assignee: .unassigned), limit: 1_000)
        XCTAssertFalse(unassigned.isEmpty)
        XCTAssertTrue(unassigned.allSatisfy { $0.assigneeLogin == nil })
        XCTAssertThrowsError(try ws.tickets.page(TicketFilter(tag: "no-such-tag"), limit: 5))
    }

    func testTheThreadComesBackOldestFirstWithItsRequester() throws {
        let f = Fixture()
        let ws = try f.demo()
        let detail = try ws.tickets.detail(id: 1)
        XCTAssertEqual(detail.messages.first?.kind, .customer)
        XCTAssertEqual(detail.messages.first?.author, detail.requester.name)
        XCTAssertEqual(detail.messages.map(\.createdAt), detail.messages.map(\.createdAt).sorted())
        XCTAssertThrowsError(try ws.tickets.detail(id: 999_999)) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "ticket #999999"))
        }
    }
}
