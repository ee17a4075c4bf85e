@testable import AllHandsConsole
import AllHandsCore
import Storage
import TerminalUI
import XCTest

/// A console refreshes by region (issue 10): another process's commit reloads what shows the
/// regions it changed and nothing else, and what changed is still marked.
final class RegionRefreshTests: XCTestCase {
    func testAnotherProcessesCommitReloadsOnlyTheRegionsItChanged() throws {
        let f = try ConsoleFixture()
        let fkim = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        try f.console.tick()
        XCTAssertEqual(f.console.reloads, [:], "nothing committed yet")
        XCTAssertTrue(f.console.queue.visible.contains { $0.ticket.id == 1 })
        XCTAssertNil(f.console.presenceByTicket[1])

        // A heartbeat: the presence marks alone; the queue's query does not run again.
        try fkim.presence.heartbeat(ticketID: 1, activity: .viewing)
        try f.console.tick()
        XCTAssertEqual(f.console.presenceByTicket[1]?.map(\.login), ["fkim"])
        XCTAssertEqual(f.console.reloads, [.presence: 1])

        // A reply: the queue (and its presence marks) with the changed row marked; not the tags, not the rota.
        _ = try fkim.tickets.reply(id: 1, body: "Refund on its way.")
        try f.console.tick()
        XCTAssertEqual(f.console.reloads, [.presence: 2, .queue: 1])
        XCTAssertNotNil(f.console.changedTickets[1], "the changed row is marked")

        // Time off: the rota alone.
        try f.otherProcess().execute("""
            INSERT INTO time_off (person_id, starts_at, ends_at, created_at)
            SELECT id, ?, ?, ? FROM people WHERE login = 'jsato'
            """, ConsoleFixture.now + 86_400, ConsoleFixture.now + 2 * 86_400, ConsoleFixture.now)
        try f.console.tick()
        XCTAssertEqual(f.console.reloads, [.presence: 2, .queue: 1, .rotation: 1])

        // A tag: the queue and the tags pane, whose changed count is marked.
        _ = try fkim.tickets.tag(id: 1, ["vip"])
        try f.console.tick()
        XCTAssertEqual(f.console.reloads, [.presence: 3, .queue: 2, .rotation: 1, .tags: 1])
        XCTAssertNotNil(f.console.changedTags["vip"], "the changed tag is marked")
    }

    /// On the open ticket, another's heartbeat updates who is on it without reloading the ticket;
    /// a reply reloads it and says what changed.
    func testOnTheOpenTicketAHeartbeatShowsWhoIsOnItAndAReplyIsAnnounced() throws {
        let f = try ConsoleFixture()
        let fkim = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        try f.command("goto 1")
        guard case .ticket(1) = f.console.state.screen else { return XCTFail("ticket 1 is not open: \(f.console.state.screen)") }
        XCTAssertEqual(f.console.detail?.presence, [])

        try fkim.presence.heartbeat(ticketID: 1, activity: .composing)
        try f.console.tick()
        XCTAssertEqual(f.console.detail?.presence.map(\.login), ["fkim"])
        XCTAssertNil(f.console.reloads[.queue])
        XCTAssertTrue(f.screen.contains("fkim is writing a reply"))

        _ = try fkim.tickets.reply(id: 1, body: "Refund on its way.")
        try f.console.tick()
        XCTAssertEqual(f.console.reloads[.queue], 1)
        XCTAssertEqual(f.console.detail?.messages.last?.body, "Refund on its way.")
        XCTAssertTrue(f.console.state.message?.hasPrefix("#1 changed: ") ?? false, f.console.state.message ?? "no message")
    }

    /// The real loop: after a tick that reloaded what another process changed, the next tick
    /// waits twice as long (a stream of commits costs half the refreshes); after a quiet tick
    /// it waits one tick again.
    func testTheLoopWaitsLongerAfterATickThatRefreshed() throws {
        let f = try ConsoleFixture()
        let other = try f.otherProcess()
        let backend = WaitRecordingBackend(size: f.backend.size)
        let console = try Console(workspace: f.console.workspace, backend: backend, clock: f.clock)
        backend.beforeWait = { call in
            // Another process commits before the second wait only.
            if call == 1 { try? other.execute("UPDATE tickets SET priority = 0, version = version + 1 WHERE id = 2") }
        }
        try console.run(tickMilliseconds: 250) { backend.waits.count >= 4 }
        XCTAssertEqual(backend.waits, [250, 250, 500, 250], "quiet, the commit's refresh, then twice as long, then quiet")
        XCTAssertEqual(console.reloads[.queue], 1)
    }
}

/// A terminal nobody types into that records how long the loop waits for each key.
final class WaitRecordingBackend: Backend {
    let size: Size
    private(set) var waits: [Int] = []
    var beforeWait: (Int) -> Void = { _ in }
    init(size: Size) { self.size = size }
    func draw(_ grid: Grid) {}
    func readKey(timeoutMilliseconds: Int) -> Key? {
        beforeWait(waits.count)
        waits.append(timeoutMilliseconds)
        return nil
    }
    func suspend() {}
    func resume() {}
    func shutdown() {}
}
