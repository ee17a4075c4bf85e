@testable import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import XCTest

/// The listen view (issue 11) on `SmallCompany` with the clock stopped at Sunday 22 November
/// 2026, 16:00 UTC: where executives land, the timeline and its refresh after the cursor, the
/// read-only thread, the listening sessions written with the fixed clock, and contacts hidden.
final class ListenConsoleTests: XCTestCase {
    /// Maya Exec (Los Angeles): an executive lands on the listen view.
    func exec(size: Size = Size(width: 120, height: 40), config: Configuration = .default,
              prepare: @escaping (Database, TestClock) throws -> Void = { _, _ in }) throws -> ConsoleFixture {
        try ConsoleFixture(size: size, login: "mexec", config: config, prepare: prepare)
    }

    /// A customer writes on ticket 2 with a phone number and an email address, ten minutes ago.
    static func customerWritesContacts(_ db: Database, _ clock: TestClock) throws {
        try db.execute("""
            INSERT INTO messages (ticket_id, kind, author_customer_id, body, created_at)
            VALUES (2, 'customer', 2, 'Call me on +44 20 7946 0958 or write to omar.private@haddad.example', ?)
            """, ConsoleFixture.now - 600)
    }

    func sessions(_ f: ConsoleFixture) throws -> [[String]] {
        try f.otherProcess().fetchAll("""
            SELECT ls.started_at, ls.active_at, coalesce(ls.ended_at, ''), ls.follows FROM listening_sessions ls
            JOIN people p ON p.id = ls.person_id WHERE p.login = 'mexec' ORDER BY ls.id
            """) { row in (0..<4).map { row.string(Int32($0)) } }
    }

    /// The screen's rows that show a timeline entry of ticket `id`.
    func lines(_ f: ConsoleFixture, ticket id: Int) -> [String] {
        f.screen.split(separator: "\n").map(String.init).filter { $0.contains(" #\(id) ") && $0.hasPrefix(" ") }
    }

    // MARK: - Snapshots

    func testTheListenViewAtTheSizesPeopleUse() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let f = try exec(size: size)
            XCTAssertEqual(f.console.state.screen, .listen)
            f.console.draw()
            assertSnapshot(f.backend.textWithStyles(), named: "listen-\(size.width)x\(size.height)")
        }
    }

    func testContactsHiddenInTheTimelineAndTheThread() throws {
        var config = Configuration.default
        config.listening.hideCustomerContacts = true
        let f = try exec(config: config, prepare: Self.customerWritesContacts)
        let screen = f.screen
        assertSnapshot(screen, named: "listen-contacts-hidden-120x40")
        XCTAssertTrue(screen.contains(" Listen · all · listened 0m · contacts hidden "), screen)
        XCTAssertFalse(screen.contains("7946"), screen)
        XCTAssertFalse(screen.contains("omar.private"), screen)

        // The newest entry is the customer's; its thread masks them too, and the requester's address.
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 2))
        let thread = f.screen
        XCTAssertTrue(thread.contains("Listening — read only: nothing you do here reaches a customer · contacts hidden"), thread)
        XCTAssertTrue(thread.contains("Call me on \(ContactMask.phoneHidden) or write to \(ContactMask.emailHidden)"), thread)
        XCTAssertTrue(thread.contains("<\(ContactMask.emailHidden)>"), thread)
        XCTAssertFalse(thread.contains("omar@haddad.example"), thread)
        XCTAssertFalse(thread.contains("7946"), thread)
    }

    // MARK: - What lands where

    func testAnExecutiveLandsOnTheListenViewAndQGoesToTheMainScreen() throws {
        let f = try exec()
        XCTAssertEqual(f.console.state.screen, .listen)
        XCTAssertEqual(f.console.state.stack, [.main])
        let screen = f.screen
        XCTAssertTrue(screen.hasPrefix(" Listen · all · listened 0m "), screen)
        XCTAssertTrue(screen.contains(" Listening — read only: nothing you do here reaches a customer"), screen)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertNil(f.console.listen)

        // Others start on the main screen; L opens the view for anyone.
        let ada = try ConsoleFixture()
        XCTAssertEqual(ada.console.state.screen, .main)
        try ada.press(.character("L"))
        XCTAssertEqual(ada.console.state.screen, .listen)
    }

    func testEachLineSaysWhenWhatWhichTicketWhoAndTheFirstLine() throws {
        let f = try exec(size: Size(width: 160, height: 40))
        // Ticket 6 (70 hours ago, Thursday 18:00 UTC = 10:00 in Los Angeles): its customer
        // message, bbianchi's reply 30 minutes later and the internal note 10 minutes after that.
        let six = lines(f, ticket: 6)
        XCTAssertEqual(six.count, 3, six.joined(separator: "\n"))
        XCTAssertTrue(six[0].hasPrefix(" Thu 10:00  new      #6      Keiko Tanaka       請求書が届きません (invoice never arrives) — Hello,"), six[0])
        XCTAssertTrue(six[1].hasPrefix(" Thu 10:30  reply    #6      bbianchi           "), six[1])
        XCTAssertTrue(six[1].contains(" — Thanks for writing in. I am looking into it now."), six[1])
        XCTAssertTrue(six[2].hasPrefix(" Thu 10:40  internal #6      bbianchi           "), six[2])
        // The hostile subject arrives inert.
        let five = f.screen.split(separator: "\n").first { $0.contains(" #5 ") }.map(String.init) ?? ""
        XCTAssertFalse(five.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, five)
    }

    // MARK: - The read-only thread

    func testEnterOpensTheThreadReadOnlyAndWritesAreRefused() throws {
        let f = try exec()
        try f.press(.character("g"))
        let entry = try XCTUnwrap(f.console.listen?.selectedEntry)
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .ticket(id: entry.ticketID))
        XCTAssertTrue(f.console.isListeningThread)
        XCTAssertTrue(f.screen.split(separator: "\n")[1].hasPrefix(" Listening — read only: nothing you do here reaches a customer  "), f.screen)
        let before = try XCTUnwrap(f.console.detail)

        for key: Key in [.character("r"), .character("n"), .character("t"), .character("s"), .character("+"), .character("$"), .character("S")] {
            try f.press(key)
            XCTAssertEqual(f.console.state.message, Console.listeningRefusal, "\(key)")
            XCTAssertTrue(f.console.state.messageIsError)
            XCTAssertNil(f.console.state.commandLine, "\(key) opens no command line")
            XCTAssertNil(f.console.compose, "\(key) starts no reply or note")
        }
        try f.command("status solved")
        XCTAssertEqual(f.console.state.message, Console.listeningRefusal)
        try f.command("reply")
        XCTAssertEqual(f.console.state.message, Console.listeningRefusal)
        let after = try f.console.workspace.tickets.detail(id: entry.ticketID)
        XCTAssertEqual(after.ticket, before.ticket)
        XCTAssertEqual(after.messages, before.messages)

        // The write actions show disabled; q goes back to the timeline, where the person was.
        let reply = try XCTUnwrap(ActionTable.all.first { $0.id == .reply })
        XCTAssertEqual(f.console.disabledReason(reply), Console.listeningRefusal)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .listen)
        XCTAssertEqual(f.console.listen?.selectedEntry, entry)

        // The same ticket opened from the queue is not read only.
        try f.press(.character("q"))
        try f.command("goto \(entry.ticketID)")
        XCTAssertFalse(f.console.isListeningThread)
        XCTAssertNotEqual(f.console.disabledReason(reply), Console.listeningRefusal)
    }

    // MARK: - Refresh

    /// Another process's reply appears at the bottom; the timeline reads only after its cursor
    /// (one full load at the opening, one load after the cursor per refresh).
    func testARefreshReadsOnlyAfterTheCursor() throws {
        let f = try exec()
        let fkim = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        let first = try XCTUnwrap(f.console.listen)
        XCTAssertEqual(first.fullLoads, 1)
        XCTAssertEqual(first.incrementalLoads, 0)
        let cursor = try XCTUnwrap(first.cursor)

        try f.console.tick()
        XCTAssertEqual(f.console.listen?.incrementalLoads, 0, "nothing committed: nothing read")

        f.clock.epochSeconds += 60
        _ = try fkim.tickets.reply(id: 1, body: "Refund on its way.\nSecond line.")
        try f.console.tick()
        let model = try XCTUnwrap(f.console.listen)
        XCTAssertEqual(model.fullLoads, 1, "the whole timeline is never read again")
        XCTAssertEqual(model.incrementalLoads, 1)
        XCTAssertEqual(model.entries.count, first.entries.count + 1)
        XCTAssertGreaterThan(try XCTUnwrap(model.cursor), cursor)
        XCTAssertEqual(model.selectedEntry?.body, "Refund on its way.\nSecond line.", "following the bottom")
        let last = lines(f, ticket: 1).last ?? ""
        XCTAssertTrue(last.hasPrefix("      08:01 reply    #1      fkim               Charged twice for the November rene… — Refund on its way.  "), last)
    }

    func testReadingFurtherUpCountsWhatArrivesBelow() throws {
        let f = try exec()
        let fkim = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        try f.press(.character("k"), .character("k"))
        let reading = f.console.listen?.selectedEntry
        _ = try fkim.tickets.reply(id: 1, body: "One.")
        _ = try fkim.tickets.note(id: 1, body: "Two.")
        try f.console.tick()
        XCTAssertEqual(f.console.listen?.selectedEntry, reading, "the selection stays where the person reads")
        XCTAssertEqual(f.console.listen?.newBelow, 2)
        XCTAssertTrue(f.screen.contains("\n ▼ 2 new below · G goes to the newest and follows it"), f.screen)
        XCTAssertFalse(f.screen.contains("following the newest"))
        try f.press(.character("G"))
        XCTAssertEqual(f.console.listen?.newBelow, 0)
        XCTAssertEqual(f.console.listen?.selectedEntry?.body, "Two.")
        XCTAssertTrue(f.screen.contains("following the newest"))
    }

    // MARK: - Filters

    func testFilterCyclesAndTheListenCommand() throws {
        let f = try exec()
        // Select ticket 6's note (bbianchi; tags area:billing first).
        while let entry = f.console.listen?.selectedEntry, entry.ticketID != 6 || entry.kind != .note {
            try f.press(.character("k"))
        }
        try f.press(.character("f"))
        XCTAssertEqual(f.console.listen?.filter, .tag("billing"))
        XCTAssertTrue(f.screen.hasPrefix(" Listen · tag billing · "), f.screen)
        XCTAssertTrue(f.console.listen?.entries.allSatisfy { [1, 4, 5, 6].contains($0.ticketID) } ?? false)
        while let entry = f.console.listen?.selectedEntry, entry.kind != .note { try f.press(.character("k")) }
        let agent = try XCTUnwrap(f.console.listen?.selectedEntry?.author)
        try f.press(.character("f"))
        XCTAssertEqual(f.console.listen?.filter, .shadow(login: agent))
        try f.press(.character("f"))
        XCTAssertEqual(f.console.listen?.filter, .all)

        try f.command("listen shadow jsato")
        XCTAssertEqual(f.console.listen?.filter, .shadow(login: "jsato"))
        XCTAssertTrue(f.screen.hasPrefix(" Listen · shadow jsato · "), f.screen)
        try f.command("listen tag nosuchtag")
        XCTAssertTrue(f.console.state.messageIsError, f.console.state.message ?? "")
        XCTAssertEqual(f.console.listen?.filter, .shadow(login: "jsato"), "a refused filter changes nothing")
        try f.command("listen all")
        XCTAssertEqual(f.console.listen?.filter, .all)
        XCTAssertEqual(f.console.state.stack, [.main], "one listen view, however often it is asked for")
        try f.command("listen sideways")
        XCTAssertEqual(f.console.state.message, "usage: :listen [all | tag NAME | shadow LOGIN]")

        // Tab completes the words, then tags and logins.
        XCTAssertEqual(f.console.completions("listen s"), ["shadow"])
        XCTAssertEqual(f.console.completions("listen shadow js"), ["jsato"])
        XCTAssertTrue(f.console.completions("listen tag area:bil").contains("area:billing"))
    }

    // MARK: - Sessions

    /// A session starts on opening, is touched by keys (the service writes at most once a
    /// minute), is replaced after ten idle minutes, and ends on leaving; with the fixed clock.
    func testSessionsStartTouchReplaceAndEnd() throws {
        let f = try exec()
        let t0 = ConsoleFixture.now
        XCTAssertEqual(try sessions(f), [["\(t0)", "\(t0)", "", "all"]])

        f.clock.epochSeconds = t0 + 120
        try f.press(.character("k"))
        XCTAssertEqual(try sessions(f), [["\(t0)", "\(t0 + 120)", "", "all"]])
        XCTAssertTrue(f.screen.contains(" listened 2m "), f.screen)

        // Eleven minutes without a key: that session stopped counting at 120 + 600; the key starts another.
        f.clock.epochSeconds = t0 + 120 + 660
        try f.press(.character("j"))
        XCTAssertEqual(try sessions(f), [["\(t0)", "\(t0 + 120)", "\(t0 + 720)", "all"],
                                         ["\(t0 + 780)", "\(t0 + 780)", "", "all"]])
        XCTAssertTrue(f.screen.contains(" listened 12m "), f.screen)

        // The thread keeps the session; another screen ends it; coming back starts one.
        try f.press(.enter)
        f.clock.epochSeconds = t0 + 900
        try f.press(.character("j"))
        XCTAssertEqual(try sessions(f).count, 2)
        try f.press(.character("I"))
        XCTAssertEqual(try sessions(f).last, ["\(t0 + 780)", "\(t0 + 900)", "\(t0 + 900)", "all"])
        XCTAssertNil(f.console.listenSession)
        try f.press(.character("q"), .character("q"))
        XCTAssertEqual(f.console.state.screen, .listen)
        XCTAssertEqual(try sessions(f).count, 3)
        f.clock.epochSeconds = t0 + 1_000
        try f.press(.character("q"))
        XCTAssertEqual(try sessions(f).last, ["\(t0 + 900)", "\(t0 + 900)", "\(t0 + 1_000)", "all"])
    }

    func testQuittingEndsTheSession() throws {
        let f = try exec()
        f.clock.epochSeconds += 30
        try f.press(.ctrl("c"))
        XCTAssertFalse(f.console.isRunning)
        try f.console.run(tickMilliseconds: 1)
        XCTAssertEqual(try sessions(f).first?[2], "\(ConsoleFixture.now + 30)")
    }

    // MARK: - Pure parts

    func testTheModelFollowsTheBottomUntilThePersonMovesUp() {
        func entry(_ id: Int) -> TimelineEntry {
            TimelineEntry(id: id, kind: .reply, ticketID: 1, subject: "s", author: "a", body: "b", at: Int64(id))
        }
        var model = ListenTimelineModel(filter: .all)
        model.replace((1...3).map(entry))
        XCTAssertEqual(model.selectedEntry?.id, 3)
        model.append([entry(3), entry(4)])
        XCTAssertEqual(model.entries.map(\.id), [1, 2, 3, 4], "nothing twice")
        XCTAssertEqual(model.selectedEntry?.id, 4)
        model.move(by: -2)
        model.append([entry(5)])
        XCTAssertEqual(model.selectedEntry?.id, 2)
        XCTAssertEqual(model.newBelow, 1)
        model.move(by: 10)
        XCTAssertEqual(model.newBelow, 0)
        XCTAssertTrue(model.following)

        XCTAssertEqual(ListenTimelineModel.parse(nil), .all)
        XCTAssertEqual(ListenTimelineModel.parse("tag billing"), .tag("billing"))
        XCTAssertEqual(ListenTimelineModel.parse("shadow ana"), .shadow(login: "ana"))
        XCTAssertNil(ListenTimelineModel.parse("tag"))
        XCTAssertEqual(ListenTimelineModel.nextFilter(after: .all, tag: nil, agent: "ana"), .shadow(login: "ana"))
        XCTAssertEqual(ListenTimelineModel.nextFilter(after: .all, tag: nil, agent: nil), .all)
        XCTAssertEqual(ListenTimelineModel.nextFilter(after: .tag("x"), tag: "x", agent: nil), .all)
    }

    func testTheLayoutKeepsARowForNewEntriesBelow() {
        let content = Rect(x: 0, y: 0, width: 80, height: 23)
        let following = ListenLayout.compute(content, newBelow: false)
        XCTAssertEqual(following.timeline, Rect(x: 0, y: 2, width: 80, height: 21))
        XCTAssertNil(following.newBelow)
        let reading = ListenLayout.compute(content, newBelow: true)
        XCTAssertEqual(reading.timeline, Rect(x: 0, y: 2, width: 80, height: 20))
        XCTAssertEqual(reading.newBelow, Rect(x: 0, y: 22, width: 80, height: 1))
    }
}
