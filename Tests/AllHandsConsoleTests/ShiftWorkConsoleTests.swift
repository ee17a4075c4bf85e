import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import TestSupport
import XCTest

/// Working a shift in the console on the hand-written company (ada, the admin, and fkim are on
/// shift until 20:00 UTC; jsato is an employee with no shift): the inline composer, drafts, the
/// editor around a suspended terminal, the send-time check, rights shown before they refuse,
/// and the hand-off at the end of a shift.
final class ShiftWorkConsoleTests: XCTestCase {
    func type(_ f: ConsoleFixture, _ text: String) throws {
        try f.press(text.map { $0 == "\n" ? Key.enter : Key.character($0) })
    }

    /// Makes `script` (a shell script given the file as $1) the console's editor.
    func useEditor(_ f: ConsoleFixture, _ script: String) throws {
        let path = f.dir.file("editor.sh")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        f.console.editorCommand = path
    }

    func messages(_ f: ConsoleFixture, ticket: Int) throws -> [(kind: String, body: String)] {
        try f.otherProcess().fetchAll("SELECT kind, body FROM messages WHERE ticket_id = ? ORDER BY id", ticket) {
            ($0.string(0), $0.string(1))
        }
    }

    func testTheInlineComposerSendsAReplyAndEscKeepsADraft() throws {
        let f = try ConsoleFixture()
        f.console.editorCommand = nil
        try f.command("goto 2")
        try f.press(.character("t"))
        XCTAssertEqual(f.console.state.message, "#2 is yours now")
        try f.press(.character("r"))
        XCTAssertEqual(f.console.state.screen, .compose)
        XCTAssertTrue(f.screen.contains("Reply to the customer on #2"), f.screen)
        try type(f, "Hello Omar,\nit works now.")
        try f.press(.ctrl("d"))
        XCTAssertEqual(f.console.state.message, "Reply sent on #2")
        XCTAssertEqual(try messages(f, ticket: 2).last?.body, "Hello Omar,\nit works now.")

        try f.press(.character("n"))
        try type(f, "half a thought")
        try f.press(.escape)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 2))
        XCTAssertTrue(f.screen.contains("Your unsent note from "), f.screen)
        try f.press(.character("n"))
        XCTAssertTrue(f.screen.contains("half a thought"), "the draft comes back:\n\(f.screen)")
    }

    func testTheEditorRunsWithTheTerminalSuspendedAndItsTextIsSent() throws {
        let f = try ConsoleFixture()
        try useEditor(f, "#!/bin/sh\n{ printf 'From the editor\\n'; cat \"$1\"; } > \"$1.n\" && mv \"$1.n\" \"$1\"\n")
        try f.command("goto 6")
        try f.press(.character("n"))
        XCTAssertEqual(f.backend.suspendCount, 1)
        XCTAssertEqual(f.backend.resumeCount, 1)
        XCTAssertEqual(f.backend.framesDrawnWhileSuspended, 0)
        XCTAssertEqual(f.console.state.message, "Note added to #6")
        XCTAssertEqual(try messages(f, ticket: 6).last?.kind, "note")
        // Ticket 6 holds ada's draft reply: a note never starts from it, and sending the note leaves it.
        XCTAssertEqual(try messages(f, ticket: 6).last?.body, "From the editor")
        let drafts = try f.otherProcess().fetchAll("SELECT kind, body FROM drafts WHERE ticket_id = 6") { [$0.string(0), $0.string(1)] }
        XCTAssertEqual(drafts, [["reply", "Half a reply"]])
    }

    func testADraftSavedUnchangedFromTheEditorIsNotSent() throws {
        let f = try ConsoleFixture()
        try useEditor(f, "#!/bin/sh\nexit 0\n")
        try f.command("goto 6")
        try f.press(.character("r"))
        XCTAssertEqual(f.console.state.message?.hasPrefix("Not sent: the draft is unchanged"), true, f.console.state.message ?? "")
        XCTAssertEqual(try messages(f, ticket: 6).map(\.kind), ["customer", "reply", "note"], "nothing sent")
        let drafts = try f.otherProcess().fetchAll("SELECT body FROM drafts WHERE ticket_id = 6") { $0.string(0) }
        XCTAssertEqual(drafts, ["Half a reply"])
    }

    func testAnEditorThatFailsKeepsTheTextAsADraft() throws {
        let f = try ConsoleFixture()
        try useEditor(f, "#!/bin/sh\nprintf 'Lost?\\n' > \"$1\"\nexit 4\n")
        try f.command("goto 2")
        try f.press(.character("r"))
        XCTAssertEqual(f.backend.resumeCount, 1)
        XCTAssertTrue(f.console.state.message?.hasPrefix("Not sent: the editor exited with status 4.") ?? false,
                      f.console.state.message ?? "")
        let drafts = try f.otherProcess().fetchAll("SELECT body FROM drafts WHERE ticket_id = 2") { $0.string(0) }
        XCTAssertEqual(drafts, ["Lost?"])
    }

    func testSomeoneWritingMeanwhileIsShownAndSendingAnywayNeedsAYes() throws {
        let f = try ConsoleFixture()
        f.console.editorCommand = nil
        try f.command("goto 2")
        try f.press(.character("r"))
        try type(f, "We are on it.")
        let other = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "ada")
        _ = try other.tickets.addCustomerMessage(id: 2, body: "Never mind, it works now!")
        try f.press(.ctrl("d"))
        XCTAssertEqual(f.console.state.screen, .confirmSend)
        XCTAssertTrue(f.screen.contains("Never mind, it works now!"), f.screen)
        XCTAssertEqual(try messages(f, ticket: 2).map(\.kind), ["customer", "customer"], "nothing sent yet")
        try f.press(.character("y"))
        XCTAssertEqual(f.console.state.message, "Reply sent on #2")
        XCTAssertEqual(try messages(f, ticket: 2).map(\.kind), ["customer", "customer", "reply"])
    }

    func testAnEmployeeOffShiftSeesReplyDisabledAndWhy() throws {
        let f = try ConsoleFixture(login: "jsato")
        XCTAssertTrue(f.screen.contains("jsato · employee · no shift planned"), f.screen)
        try f.command("goto 2")
        f.console.draw()
        let styled = f.backend.textWithStyles().split(separator: "\n").map(String.init)
        let bar = try XCTUnwrap(styled.dropLast().last), marks = try XCTUnwrap(styled.last)
        let reply = try XCTUnwrap(bar.range(of: " r reply "))
        let offset = bar.distance(from: bar.startIndex, to: reply.lowerBound)
        XCTAssertEqual(Set(marks.dropFirst(offset).prefix(9)), [VirtualBackend.mark(.statusBarDisabled)], marks)
        try f.press(.character("r"))
        XCTAssertEqual(f.console.state.screen, .ticket(id: 2), "no composer opens")
        XCTAssertEqual(f.console.state.message, "Replying is for people on shift (no shift planned); notes and tags are open to everyone")
        try f.press(.character("n"))
        XCTAssertEqual(f.console.state.screen, .compose, "notes are for anyone")
    }

    func testEndingAShiftReleasesWhatIsLeft() throws {
        let f = try ConsoleFixture(login: "fkim")
        try f.press(.character("E"))
        XCTAssertEqual(f.console.state.screen, .handoff)
        XCTAssertTrue(f.screen.contains("→ queue        #1 "), f.screen)
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertEqual(f.console.state.message, "Shift ended: 0 tickets handed over, 1 released")
        let assignee = try f.otherProcess().fetchOne("SELECT assignee_id FROM tickets WHERE id = 1") { $0.isNull(0) }
        XCTAssertEqual(assignee, true)
        XCTAssertTrue(f.screen.contains("fkim · support · "), f.screen)
    }

    /// The view bar follows this console's own changes: recounted on the tick after the frame.
    func testTheViewBarCountsFollowAClaimOnTheNextTick() throws {
        let f = try ConsoleFixture()
        XCTAssertTrue(f.screen.contains(" Unassigned 3 "), f.screen)
        try f.command("goto 2")
        try f.press(.character("t"), .character("q"))
        try f.console.tick()
        XCTAssertTrue(f.screen.contains(" Unassigned 2 ") && f.screen.contains(" Mine 1 "), f.screen)
    }

    func testHandingATicketToTheNextShiftAsksForANote() throws {
        let f = try ConsoleFixture(login: "fkim")
        try f.otherProcess().write { db in
            try db.execute("""
                INSERT INTO shifts (id, starts_at, ends_at, min_seats, max_seats, label, created_at)
                VALUES (2, ?, ?, 1, 2, 'Evening', ?)
                """, ConsoleFixture.now + 4 * 3_600, ConsoleFixture.now + 12 * 3_600, ConsoleFixture.now)
            try db.execute("INSERT INTO shift_assignments (shift_id, person_id, created_at) SELECT 2, id, ? FROM people WHERE login = 'jsato'",
                           ConsoleFixture.now)
        }
        try f.press(.character("E"), .character("h"))
        XCTAssertTrue(f.screen.contains("→ jsato        #1 "), f.screen)
        try f.press(.enter)
        XCTAssertTrue(f.screen.contains("Note for the next shift"), f.screen)
        try type(f, "Waiting on the customer's bank\n")
        XCTAssertEqual(f.console.state.message, "Shift ended: 1 ticket handed over, 0 released")
        let row = try f.otherProcess().fetchOne("""
            SELECT p.login, (SELECT body FROM messages WHERE ticket_id = 1 AND kind = 'note' ORDER BY id DESC LIMIT 1)
            FROM tickets t JOIN people p ON p.id = t.assignee_id WHERE t.id = 1
            """) { [$0.string(0), $0.string(1)] }
        XCTAssertEqual(row?.first, "jsato")
        XCTAssertTrue(row?.last?.contains("Waiting on the customer's bank") ?? false, "\(row ?? [])")
    }

    /// A paste arrives as thousands of keys at once: they are handled together and drawn once,
    /// not one frame a character (which froze the command line on a long paste).
    func testAPasteIsDrawnOnceNotOnceACharacter() throws {
        let f = try ConsoleFixture()
        let text = String(repeating: "w", count: 3_000)
        f.backend.pendingKeys = [.character("/")] + text.map { Key.character($0) }
        let before = f.backend.framesDrawn
        try f.console.run(tickMilliseconds: 0) { f.backend.pendingKeys.isEmpty }
        let bar = String(try XCTUnwrap(f.backend.text().split(separator: "\n").last))
        XCTAssertTrue(bar.hasPrefix("…wwww"), "the search line scrolled to its end: \(bar)")
        XCTAssertLessThan(f.backend.framesDrawn - before, 10, "frames drawn for one paste")
    }

    /// When the clock passes the end of the viewer's shift and they still hold tickets, the
    /// console asks what happens to them, once; ending there hands them on.
    func testWhenAShiftRunsOutTheConsoleAsksForTheHandOff() throws {
        let f = try ConsoleFixture(login: "fkim")
        f.clock.epochSeconds += 4 * 3_600 + 60
        try f.console.tick()
        XCTAssertEqual(f.console.state.screen, .handoff)
        try f.press(.enter)
        XCTAssertEqual(f.console.state.message, "Shift ended: 0 tickets handed over, 1 released")
        f.clock.epochSeconds += 60
        try f.console.tick()
        XCTAssertEqual(f.console.state.screen, .main, "asked once")
    }
}
