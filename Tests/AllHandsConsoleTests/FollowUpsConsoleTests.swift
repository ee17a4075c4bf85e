@testable import AllHandsConsole
import AllHandsCore
import Storage
import TerminalUI
import XCTest

/// The call-down and check-in view on `FollowUpsConsoleCompany` (the clock stopped at Sunday
/// 22 November 2026, 11:00 in New York): snapshots, the state keys, notes, action items added
/// and closed (and refused when they are someone else's), the customer's tickets one key away,
/// another process's changes; the listening hours on the fairness panel and the calendar.
final class FollowUpsConsoleTests: XCTestCase {
    func fixture(_ login: String = "mexec", size: Size = Size(width: 120, height: 40)) throws -> ConsoleFixture {
        let f = try ConsoleFixture(size: size, login: login) { db, clock in
            try FollowUpsConsoleCompany.write(into: db, clock: clock)
        }
        f.console.editorCommand = nil
        // An executive lands on the listen view; these tests start from the main screen.
        if f.console.state.screen == .listen { try f.press(.character("q")) }
        XCTAssertEqual(f.console.state.screen, .main)
        return f
    }

    func other(_ f: ConsoleFixture, _ login: String) throws -> Workspace {
        try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: login)
    }

    func callDown(_ f: ConsoleFixture, customer: Int) throws -> CallDown {
        try XCTUnwrap(try other(f, "ada").calldowns.list(week: FollowUpsConsoleCompany.week, everyone: true)
            .first { $0.customerID == customer })
    }

    /// Moves the cursor to the row whose text contains `text`.
    func select(_ f: ConsoleFixture, _ text: String) throws {
        let model = try XCTUnwrap(f.console.followUps)
        let index = try XCTUnwrap(model.rows.firstIndex { row in
            switch row {
            case .callDown(let c): c.customerName.contains(text)
            case .checkIn(let c): c.customerName.contains(text)
            case .action(let a): a.title.contains(text)
            }
        }, text)
        try f.press(.character("g"))
        try f.press(Array(repeating: Key.character("j"), count: index))
        XCTAssertEqual(f.console.followUps?.selected, index)
    }

    // MARK: - Snapshots

    func testTheViewAtTheSizesPeopleUse() throws {
        let narrow = try fixture(size: Size(width: 80, height: 24))
        try narrow.press(.character("W"))
        XCTAssertEqual(narrow.console.state.screen, .followUps)
        assertSnapshot(narrow.screen, named: "followups-80x24")
        let wide = try fixture()
        try wide.press(.character("W"))
        assertSnapshot(wide.backend.textWithStyles(), named: "followups-120x40")
    }

    func testWhatTheViewSays() throws {
        let f = try fixture()
        try f.press(.character("W"))
        let screen = f.screen
        for needle in [" Walk a mile · 2026-W47 · mexec", "Call-downs · week 2026-W47 · yours (3)",
                       "waited 2 days for a first reply on #1", "no answer", "Mon 07:00 UTC-8 Keiko Tanaka", "with jsato",
                       "Open action items · yours (2, 1 overdue)", "! 2026-11-20  Send the refund receipt · Dana Whitfield",
                       "  2026-11-25  Ask about the export fix · Keiko Tanaka"] {
            XCTAssertTrue(screen.contains(needle), "\(needle)\n\(screen)")
        }
        XCTAssertFalse(screen.contains("Lee Park"), "tchen's call-down is not in mexec's list")
        XCTAssertFalse(screen.contains("Fix the CSV export"), "jsato's item is not in mexec's list")
        // Everyone's: tchen's call-down with the executive's login.
        try f.press(.character("a"))
        XCTAssertTrue(f.screen.contains("Call-downs · week 2026-W47 · everyone's (4)"), f.screen)
        XCTAssertTrue(f.screen.contains("tchen      Lee Park"), f.screen)
        try f.command("actions all")
        XCTAssertTrue(f.screen.contains("Fix the CSV export · Keiko Tanaka · #3 · jsato"), f.screen)
        try f.command("calldown 2026-W48 mine")
        XCTAssertTrue(f.screen.contains("Call-downs · week 2026-W48 · yours (0)"), f.screen)
    }

    // MARK: - Call-downs

    func testTheStateKeysChangeTheCallDown() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try select(f, "Dana")
        try f.press(.character("n"))
        XCTAssertEqual(try callDown(f, customer: 1).state, .noAnswer)
        XCTAssertEqual(f.console.state.message, "Dana Whitfield: no answer")
        try f.press(.character("c"))
        XCTAssertEqual(try callDown(f, customer: 1).state, .called)
        try f.press(.character("x"))
        XCTAssertEqual(try callDown(f, customer: 1).state, .declined)
        try f.command("callstate to-call")
        XCTAssertEqual(try callDown(f, customer: 1).state, .toCall)
        XCTAssertEqual(f.console.followUps?.selectedRow.flatMap { if case .callDown(let c) = $0 { c.customerID } else { nil } }, 1,
                       "the cursor stays on the call-down")
        try f.command("callstate maybe")
        XCTAssertEqual(f.console.state.message, "usage: :callstate STATE")
    }

    func testSomeoneElsesCallDownIsDisabledWithTheReason() throws {
        let f = try fixture()
        try f.press(.character("W"), .character("a"))
        try select(f, "Lee Park")
        let action = try XCTUnwrap(ActionTable.action(for: .character("c"), in: f.console.contexts))
        XCTAssertEqual(f.console.disabledReason(action),
                       "call-down #4 is tchen's: only they or a lead may record the call or its notes")
        try f.press(.character("c"))
        XCTAssertEqual(try callDown(f, customer: 4).state, .declined, "nothing changed")
        XCTAssertTrue(f.console.state.messageIsError)
    }

    func testEnterShowsTheCustomersTicketsAndOpensOne() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try select(f, "Dana")
        try f.press(.enter)
        XCTAssertTrue(f.screen.contains("Recent tickets of Dana Whitfield · Enter opens one · q back"), f.screen)
        XCTAssertEqual(f.console.followUps?.customer?.tickets.map(\.id), [5, 1], "newest first")
        try f.press(.character("j"), .enter)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 1))
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .followUps)
        XCTAssertNotNil(f.console.followUps?.customer, "back on the customer's tickets")
        try f.press(.character("q"))
        XCTAssertNil(f.console.followUps?.customer)
        XCTAssertTrue(f.screen.contains("Call-downs · week 2026-W47"), f.screen)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .main)
    }

    // MARK: - Notes

    func testNotesWrittenInlineAreSaved() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try select(f, "Dana")
        try f.press(.character("e"))
        XCTAssertEqual(f.console.state.screen, .followUpNotes)
        XCTAssertTrue(f.screen.contains(" Notes on the call to Dana Whitfield (call-down #1) · C-d save"), f.screen)
        try f.press("Left a message".map { Key.character($0) } + [.ctrl("d")])
        XCTAssertEqual(f.console.state.screen, .followUps)
        XCTAssertEqual(try callDown(f, customer: 1).notes, "Left a message")
        XCTAssertTrue(f.screen.contains("Notes: Left a message"), f.screen)
    }

    func testAConflictSaysSoAndKeepsTheText() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try select(f, "Omar")
        try f.press(.character("e"), .ctrl("e"))
        try f.press(" Called back.".map { Key.character($0) })
        try other(f, "bbianchi").calldowns.update(id: try callDown(f, customer: 2).id, notes: "Lead's note.")
        try f.press(.ctrl("d"))
        XCTAssertEqual(f.console.state.screen, .followUpNotes, "the text stays in the editor")
        XCTAssertTrue(f.console.state.messageIsError)
        XCTAssertTrue(f.console.state.message?.hasPrefix("Someone saved these notes while you wrote; yours are kept here. "
                                                         + "Theirs now: “Lead's note.”") == true, f.console.state.message ?? "")
        XCTAssertEqual(f.console.notes?.area.text, "Voicemail; try Tuesday morning. Called back.")
        XCTAssertEqual(try callDown(f, customer: 2).notes, "Lead's note.", "nothing overwritten unseen")
        // Esc keeps the text; e brings it back; C-d now saves over theirs knowingly.
        try f.press(.escape)
        XCTAssertEqual(f.console.state.screen, .followUps)
        try f.press(.character("e"))
        XCTAssertEqual(f.console.state.message, "Your unsaved notes are back")
        try f.press(.ctrl("d"))
        XCTAssertEqual(try callDown(f, customer: 2).notes, "Voicemail; try Tuesday morning. Called back.")
    }

    // MARK: - Action items

    func testAnActionItemAddedIsLinkedToTheSelectedCallDown() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try select(f, "Dana")
        try f.press(.character("+"))
        XCTAssertEqual(f.console.state.commandLine?.text, "action ")
        try f.press("Call Dana back --due 2026-11-24 --owner jsato".map { Key.character($0) } + [.enter])
        let items = try other(f, "ada").actionItems.list(owner: "jsato")
        let added = try XCTUnwrap(items.first { $0.title == "Call Dana back" })
        XCTAssertEqual(added.dueDay, "2026-11-24")
        XCTAssertEqual(added.callDownID, try callDown(f, customer: 1).id)
        XCTAssertEqual(added.customerName, "Dana Whitfield")
        XCTAssertEqual(f.console.state.message, "Action item #\(added.id) for jsato, due 2026-11-24, about Dana Whitfield")
        // Without --due: a week from today; the viewer's own.
        try f.command("action Send the summary")
        let mine = try XCTUnwrap(try other(f, "mexec").actionItems.mine().first { $0.title == "Send the summary" })
        XCTAssertEqual(mine.dueDay, "2026-11-29")
        XCTAssertTrue(f.screen.contains("  2026-11-29  Send the summary · Dana Whitfield"), f.screen)
        try f.command("action --due tomorrow")
        XCTAssertEqual(f.console.state.message, "usage: :action TITLE [--due DATE] [--owner LOGIN]")
    }

    func testTheOwnerClosesTheirItem() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try select(f, "Send the refund receipt")
        try f.press(.character("d"))
        XCTAssertEqual(try other(f, "ada").actionItems.list(owner: "mexec", state: .done).map(\.title), ["Send the refund receipt"])
        XCTAssertTrue(f.screen.contains("Open action items · yours (1)"), f.screen)
        try select(f, "Ask about the export fix")
        try f.press(.character("D"))
        XCTAssertEqual(try other(f, "ada").actionItems.list(owner: "mexec", state: .dropped).map(\.title), ["Ask about the export fix"])
    }

    /// `d` on jsato's item as mexec (an executive, not a lead): dimmed with the reason, and
    /// refused with the domain's own message; nothing changes. A lead closes it.
    func testClosingSomeoneElsesItemIsRefusedWithTheDomainsMessage() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try f.command("actions all")
        try select(f, "Fix the CSV export")
        let item = try XCTUnwrap(try other(f, "jsato").actionItems.mine().first)
        var domain = ""
        XCTAssertThrowsError(try other(f, "mexec").actionItems.close(id: item.id, as: .done)) { domain = String(describing: $0) }
        let action = try XCTUnwrap(ActionTable.action(for: .character("d"), in: f.console.contexts))
        // The domain's words (its error adds "not permitted: " before them).
        let reason = try XCTUnwrap(f.console.disabledReason(action))
        XCTAssertEqual("not permitted: " + reason, domain)
        try f.press(.character("d"))
        XCTAssertEqual(f.console.state.message, reason)
        XCTAssertTrue(f.console.state.messageIsError)
        XCTAssertEqual(try other(f, "ada").actionItems.find(id: item.id).state, .open)

        let lead = try fixture("bbianchi")
        try lead.press(.character("W"))
        try lead.command("actions all")
        try select(lead, "Fix the CSV export")
        try lead.press(.character("d"))
        XCTAssertEqual(try other(lead, "ada").actionItems.find(id: item.id).state, .done)
    }

    // MARK: - Where owners see their items

    func testTheRotationPaneTellsTheOwner() throws {
        let f = try fixture()
        try f.press(.character("2"))
        XCTAssertTrue(f.screen.contains("You have 2 action items due, 1 overdue (W)"), f.screen)
        let lead = try fixture("bbianchi")
        try lead.press(.character("2"))
        XCTAssertFalse(lead.screen.contains("action item"), "nothing to say to someone without items")
    }

    // MARK: - Another process

    /// An item another process adds for the viewer shows on the next tick; only the listening
    /// region is reloaded, never the rota.
    func testAnotherProcessesItemShowsOnTheNextTick() throws {
        let f = try fixture()
        try f.press(.character("W"))
        try f.console.tick()
        XCTAssertEqual(f.console.reloads, [:])
        try other(f, "bbianchi").actionItems.add(title: "Share the call notes", owner: "mexec", due: "2026-11-26")
        try f.console.tick()
        XCTAssertTrue(f.screen.contains("  2026-11-26  Share the call notes"), f.screen)
        XCTAssertEqual(f.console.reloads, [.listening: 1])
    }

    // MARK: - Listening hours on the rotation

    func testTheFairnessPanelShowsListenedHours() throws {
        let f = try fixture()
        try RotationCompany.write(into: f)
        try f.console.tick()
        try f.press(.character("C"))
        let screen = f.screen
        assertSnapshot(f.backend.textWithStyles(), named: "rotation-listened-120x40")
        XCTAssertTrue(screen.contains(" Rotation · November 2026 · everyone · you listened 1.5/3h"), screen)
        let lines = screen.split(separator: "\n").map(String.init)
        let mexec = try XCTUnwrap(lines.firstIndex { $0.contains("│ mexec ") }, screen)
        XCTAssertTrue(lines[mexec + 1].hasSuffix("│          listened 1.5/3h           "), lines[mexec + 1])
        let tchen = try XCTUnwrap(lines.firstIndex { $0.contains("│ tchen ") }, screen)
        XCTAssertTrue(lines[tchen + 1].contains("listened 0.0/3h"), lines[tchen + 1])
        XCTAssertFalse(lines.contains { $0.contains("│ fkim ") && $0.contains("listened") })

        // Another process's listening: the fairness panel again, not the rota's shifts.
        try f.console.tick()
        let reloadsBefore = f.console.reloads
        try f.otherProcess().execute("""
            INSERT INTO listening_sessions (person_id, started_at, active_at, ended_at)
            SELECT id, ?, ?, ? FROM people WHERE login = 'tchen'
            """, ConsoleFixture.now - 3_600, ConsoleFixture.now - 1_800, ConsoleFixture.now - 1_800)
        try f.console.tick()
        XCTAssertTrue(f.screen.contains("listened 0.5/3h"), f.screen)
        XCTAssertEqual(f.console.reloads[.listening], (reloadsBefore[.listening] ?? 0) + 1)
        XCTAssertEqual(f.console.reloads[.rotation], reloadsBefore[.rotation])
    }
}
