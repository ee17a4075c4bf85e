import AllHandsCore
import Foundation
import Storage
import XCTest

/// Presence: heartbeats that say who else is viewing or composing on a ticket, expiring after
/// `Presence.expirySeconds`, never audited.
final class PresenceTests: XCTestCase {
    static let t = ShiftTests.nineAM

    func testOthersOnATicketAreShownButNeverTheViewer() throws {
        let f = try Fixture.withShiftPeople()
        let ticket = try f.addTicket(f.workspace()), other = try f.addTicket(f.workspace())
        try f.workspace(at: "lead1", Self.t).presence.heartbeat(ticketID: ticket, activity: .viewing)
        try f.workspace(at: "support1", Self.t + 5).presence.heartbeat(ticketID: ticket, activity: .composing)
        try f.workspace(at: "support1", Self.t + 5).presence.heartbeat(ticketID: other, activity: .viewing)
        let me = try f.workspace(at: "employee1", Self.t + 10)
        XCTAssertEqual(try me.presence.others(onTicket: ticket), [
            Presence(ticketID: ticket, login: "lead1", activity: .viewing, seenAt: Self.t),
            Presence(ticketID: ticket, login: "support1", activity: .composing, seenAt: Self.t + 5),
        ])
        XCTAssertEqual(try f.workspace(at: "lead1", Self.t + 10).presence.others(onTicket: ticket).map(\.login), ["support1"])
        let page = try me.presence.others(onTickets: [other, ticket, ticket, 999])
        XCTAssertEqual(page.keys.sorted(), [ticket, other].sorted())
        XCTAssertEqual(page[other]?.map(\.login), ["support1"])
        XCTAssertEqual(page[ticket]?.count, 2)
        XCTAssertEqual(try me.presence.others(onTickets: []), [:])
    }

    /// A heartbeat is best effort: while another process holds the write lock it is skipped at
    /// once (no error, nothing written) instead of holding up the console for the busy timeout.
    func testAHeartbeatWhileAnotherProcessWritesIsSkipped() throws {
        let f = try Fixture.withShiftPeople()
        let ticket = try f.addTicket(f.workspace())
        let writer = try f.database()
        try writer.execute("BEGIN IMMEDIATE")
        // A plain write would wait out the busy timeout and then throw `busy`.
        XCTAssertNoThrow(try f.workspace(at: "lead1", Self.t).presence.heartbeat(ticketID: ticket, activity: .viewing))
        XCTAssertNoThrow(try f.workspace(at: "lead1", Self.t).presence.leave(ticketID: ticket))
        try writer.execute("ROLLBACK")
        XCTAssertEqual(try f.workspace(at: "employee1", Self.t).presence.others(onTicket: ticket), [])
    }

    func testAHeartbeatReplacesTheLastOneAndLeavingRemovesIt() throws {
        let f = try Fixture.withShiftPeople()
        let ticket = try f.addTicket(f.workspace())
        try f.workspace(at: "lead1", Self.t).presence.heartbeat(ticketID: ticket, activity: .viewing)
        try f.workspace(at: "lead1", Self.t + 3).presence.heartbeat(ticketID: ticket, activity: .composing)
        let me = try f.workspace(at: "employee1", Self.t + 4)
        XCTAssertEqual(try me.presence.others(onTicket: ticket),
                       [Presence(ticketID: ticket, login: "lead1", activity: .composing, seenAt: Self.t + 3)])
        try f.workspace(at: "lead1", Self.t + 4).presence.leave(ticketID: ticket)
        XCTAssertEqual(try me.presence.others(onTicket: ticket), [])
    }

    func testHeartbeatsExpireAndAreSweptByLaterOnes() throws {
        XCTAssertEqual(Presence.expirySeconds, 30)
        let f = try Fixture.withShiftPeople()
        let ticket = try f.addTicket(f.workspace())
        try f.workspace(at: "lead1", Self.t).presence.heartbeat(ticketID: ticket, activity: .viewing)
        XCTAssertEqual(try f.workspace(at: "employee1", Self.t + 30).presence.others(onTicket: ticket).count, 1)
        XCTAssertEqual(try f.workspace(at: "employee1", Self.t + 31).presence.others(onTicket: ticket).count, 0)
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM presence"), 1, "reading sweeps nothing")
        try f.workspace(at: "support1", Self.t + 31).presence.heartbeat(ticketID: ticket, activity: .viewing)
        XCTAssertEqual(try f.database().fetchAll("SELECT person_id FROM presence") { $0.int(0) }.count, 1,
                       "the expired heartbeat was swept")
    }

    func testAHeartbeatIsNotAuditedAndKeepsADemoADemo() throws {
        let f = Fixture()
        let ws = try f.demo(people: 10, tickets: 10)
        XCTAssertTrue(ws.isDemo)
        let entries = try ws.audit.entries().count
        try ws.presence.heartbeat(ticketID: 1, activity: .composing)
        try ws.presence.leave(ticketID: 1)
        XCTAssertTrue(try f.workspace().isDemo)
        XCTAssertEqual(try ws.audit.entries().count, entries)
        XCTAssertThrowsError(try ws.presence.heartbeat(ticketID: 999, activity: .viewing)) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "ticket #999"))
        }
    }
}
