@testable import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import XCTest

/// Times say their zone; changes by others are said in words; errors do not end the console.
final class TimesAndChangesTests: XCTestCase {
    func testEveryZoneIsNamedByAbbreviationOrUTCOffset() throws {
        XCTAssertEqual(Timestamp.zone(ConsoleFixture.now, timeZone: try XCTUnwrap(TimeZone(identifier: "UTC"))), "UTC")
        XCTAssertEqual(Timestamp.localWithZone(ConsoleFixture.now, timeZone: try XCTUnwrap(TimeZone(identifier: "UTC"))),
                       "2026-11-22 16:00 UTC")
        for (identifier, offset) in [("America/New_York", "UTC-5"), ("Asia/Kolkata", "UTC+5:30"), ("Asia/Tokyo", "UTC+9"),
                                     ("America/St_Johns", "UTC-3:30")] {
            let zone = try XCTUnwrap(TimeZone(identifier: identifier))
            let name = Timestamp.zone(ConsoleFixture.now, timeZone: zone)
            let lettered = !name.isEmpty && name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) } && !name.hasPrefix("GMT")
            XCTAssertTrue(name == offset || lettered, "\(identifier): \(name)")
            XCTAssertTrue(Timestamp.clock(ConsoleFixture.now, timeZone: zone).hasSuffix(" " + name))
        }
    }

    func testTheStatusBarClockAndTheTicketViewShowTheZone() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 40))
        let zone = Timestamp.zone(ConsoleFixture.now, timeZone: try XCTUnwrap(TimeZone(identifier: "America/New_York")))
        XCTAssertTrue(f.screen.split(separator: "\n").last?.hasSuffix("11:00 \(zone) ") ?? false, f.screen)
        try f.press(.enter)
        let headers = f.screen.split(separator: "\n").filter { $0.contains("▌") }
        XCTAssertFalse(headers.isEmpty)
        XCTAssertTrue(headers.allSatisfy { $0.hasSuffix(" \(zone)") || $0.contains(" \(zone) ") }, headers.joined(separator: "\n"))
    }

    func testLoadingTheDemoKeepsTheViewersOwnZone() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 30), content: .empty)
        let before = f.console.workspace.actor.person.timeZone
        try f.press(.character("d"))
        XCTAssertEqual(f.console.state.screen, .main)
        XCTAssertEqual(f.console.workspace.actor.person.timeZone, before)
        XCTAssertEqual(try f.console.workspace.people.find(login: "ada")?.timeZone, before)
    }

    func testTheTicketViewSaysWhatSomeoneElseChangedAndWho() throws {
        let f = try ConsoleFixture()
        try f.press(.enter)
        let id = try XCTUnwrap(f.console.detail?.ticket.id)
        let fkim = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        _ = try fkim.tickets.update(id: id, TicketChange(priority: .low))
        try f.console.tick()
        XCTAssertEqual(f.console.state.message, "#\(id) changed: priority: urgent → low by fkim")
        XCTAssertTrue(f.screen.contains("priority: urgent → low by fkim"))
        XCTAssertEqual(f.console.detail?.ticket.priority, .low)
    }

    func testWithoutTheAuditLogTheChangeIsSaidWithoutWho() throws {
        let f = try ConsoleFixture(login: "jsato")
        try f.press(.enter)
        let id = try XCTUnwrap(f.console.detail?.ticket.id)
        try f.otherProcess().execute("UPDATE tickets SET status = 'pending', version = version + 1 WHERE id = ?", id)
        try f.console.tick()
        XCTAssertEqual(f.console.state.message, "#\(id) changed: status: open → pending")
    }

    func testADomainErrorIsShownAndTheConsoleKeepsRunning() throws {
        let f = try ConsoleFixture()
        try f.press(.character(":"))
        for c in "goto 999" { try f.console.handle(.character(c)) }
        try f.press(.enter)
        XCTAssertTrue(f.console.isRunning)
        XCTAssertEqual(f.console.state.message, "ticket #999 not found")
        XCTAssertTrue(f.console.state.messageIsError)
        XCTAssertEqual(f.console.state.screen, .main)
    }

    func testOnlyAnUntrustworthyDatabaseEndsTheSession() {
        XCTAssertFalse(AllHandsError.endsSession(AllHandsError.notFound(what: "ticket #1")))
        XCTAssertFalse(AllHandsError.endsSession(AllHandsError.conflict(what: "ticket #1", expected: 1, found: 2)))
        XCTAssertFalse(AllHandsError.endsSession(AllHandsError.notPermitted(action: "x", role: .employee)))
        XCTAssertFalse(AllHandsError.endsSession(AllHandsError.refused("no")))
        XCTAssertFalse(AllHandsError.endsSession(DatabaseError(kind: .busy, message: "locked")))
        XCTAssertTrue(AllHandsError.endsSession(AllHandsError.database(DatabaseError(kind: .corrupt, message: "malformed"))))
        XCTAssertTrue(AllHandsError.endsSession(DatabaseError(kind: .notADatabase, message: "not a database")))
    }

    func testTheAllTicketsViewHasAStatusColumnThatNarrowWidthsDropLastButOne() throws {
        let wide = QueuePane.Columns.compute(width: 120, maxID: 8, showStatus: true)
        XCTAssertEqual(wide.status, 7)
        XCTAssertGreaterThan(wide.assignee, 0)
        XCTAssertEqual(QueuePane.Columns.compute(width: 120, maxID: 8, showStatus: false).status, 0, "the working queue has no status column")
        var dropped: [String] = []
        for width in stride(from: 120, through: 20, by: -1) {
            let c = QueuePane.Columns.compute(width: width, maxID: 8, showStatus: true)
            for (name, value) in [("assignee", c.assignee), ("dimension", c.dimension), ("status", c.status), ("age", c.age)]
            where value == 0 && !dropped.contains(name) { dropped.append(name) }
        }
        XCTAssertEqual(dropped, ["assignee", "dimension", "status", "age"])
        let f = try ConsoleFixture()
        try f.command("view everything")
        let header = try XCTUnwrap(f.screen.split(separator: "\n").dropFirst(2).first)
        XCTAssertTrue(header.contains(" STATUS "), String(header))
        XCTAssertTrue(f.screen.contains(" closed "))
    }

    func testTheAreaColumnAndTagTotalFollowTheTaxonomysFirstDimension() throws {
        var config = Configuration.default
        config.taxonomy.dimensions.reverse()
        let f = try ConsoleFixture(config: config)
        XCTAssertEqual(f.console.primaryDimension, "type")
        let lines = f.screen.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[2].contains(" TYPE "), lines[2])
        XCTAssertTrue(lines.contains { $0.contains(" !  bug ") }, "the urgent ticket shows its type")
        let open = try XCTUnwrap(f.console.viewCounts[.allOpen])
        XCTAssertTrue(lines.contains { $0.contains("Tags") && $0.contains(" \(open) open") },
                      "the pane's total is the open tickets (a ticket may carry several tags of a dimension, or none)")
    }
}
