import AllHandsCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Storage
import XCTest

/// The weekly report (issue 11) on a hand-built company in week 2026-W47 (New York, the default
/// config's zone) against 2026-W46: exact figures, the HTML page parsed by a strict XML parser,
/// hostile text escaped in both formats.
final class WeeklyReportTests: XCTestCase {
    static let zone = TimeZone(identifier: "America/New_York") ?? .gmt
    static let week = ISOWeek("2026-W47")!

    /// A wall-clock time in New York.
    static func at(_ local: String) throws -> Int64 {
        try ShiftTime.parse(local, timeZone: zone)
    }

    static let hostileSubject = "Refund </td><script>alert(1)</script> & more | `code` # x"
    static let hostileQuote = "I gave up </td><script>x</script> & \"left\" | it's\u{1B}[31m red\nsecond line"

    /// The company; the clock stands at `now`.
    func company(now: Int64) throws -> (Fixture, Workspace) {
        let f = Fixture()
        _ = try f.workspace()
        let db = try f.database()
        let t = Self.at
        try db.write { db in
            func person(_ id: Int, _ login: String, _ name: String, _ role: String, _ team: String) throws {
                try db.execute("INSERT INTO people (id, login, name, team, role, created_at) VALUES (?, ?, ?, ?, ?, 0)",
                               id, login, name, team, role)
            }
            try person(11, "erin", "Erin | Exec", "exec", "leadership")
            try person(12, "evan", "Evan Exec", "exec", "leadership")
            try person(13, "emma", "Emma Engineer", "employee", "engineering")
            try person(14, "sam", "Sam Support", "support", "support")
            try db.execute("INSERT INTO customers (id, name, email, created_at) VALUES (1, 'Ann Lee', 'ann@example.com', 0)")
            for (id, name, dimension) in [(1, "billing", "area"), (2, "mobile", "area"), (3, "bug", "type"), (4, "question", "type")] {
                try db.execute("INSERT INTO tags (id, name, dimension, created_at) VALUES (?, ?, ?, 0)", id, name, dimension)
            }
            func ticket(_ id: Int, _ created: Int64, response: Int64?, solved: Int64?, tags: [Int], subject: String = "Help") throws {
                try db.execute("""
                    INSERT INTO tickets (id, subject, status, priority, requester_id, created_at, updated_at, first_response_at, solved_at)
                    VALUES (?, ?, ?, 2, 1, ?, ?, ?, ?)
                    """, id, subject, solved == nil ? "open" : "solved", created, solved ?? created,
                               response.map { created + $0 }, solved)
                for tag in tags { try db.execute("INSERT INTO ticket_tags (ticket_id, tag_id) VALUES (?, ?)", id, tag) }
            }
            // Last week: one solved in two hours, one solved on this week's Monday.
            try ticket(101, t("2026-11-09 09:00"), response: 1_800, solved: t("2026-11-09 11:00"), tags: [1, 3])
            try ticket(102, t("2026-11-13 12:00"), response: 14_400, solved: t("2026-11-16 12:00"), tags: [2, 4])
            // This week.
            try ticket(1, t("2026-11-16 10:00"), response: 600, solved: t("2026-11-16 10:30"), tags: [1, 3],
                       subject: Self.hostileSubject)
            try ticket(2, t("2026-11-17 09:00"), response: 3_600, solved: t("2026-11-19 09:00"), tags: [1, 3])
            try ticket(3, t("2026-11-18 12:00"), response: 7_200, solved: nil, tags: [2, 4])
            try ticket(4, t("2026-11-19 12:00"), response: nil, solved: nil, tags: [1, 4])
            func message(_ ticket: Int, _ body: String, _ at: Int64, kind: String = "customer") throws {
                try db.execute("""
                    INSERT INTO messages (ticket_id, kind, author_customer_id, body, created_at) VALUES (?, ?, 1, ?, ?)
                    """, ticket, kind, body, at)
            }
            try message(1, "Thanks so much & cheers </p><script>", t("2026-11-16 10:40"))
            try message(2, "Still broken.", t("2026-11-18 10:00"))
            try message(3, "Thank you!", t("2026-11-18 13:00"))                  // not solved
            try message(101, "I appreciate it", t("2026-11-10 10:00"))           // last week
            try db.execute("""
                INSERT INTO insights (quote, note, ticket_id, customer_id, author_id, created_at)
                VALUES (?, 'Matters & more', 1, 1, 11, ?), ('Old news', '', 101, 1, 12, ?)
                """, Self.hostileQuote, t("2026-11-17 15:00"), t("2026-11-10 15:00"))
            func listen(_ person: Int, _ started: Int64, active: Int64, ended: Int64?) throws {
                try db.execute("INSERT INTO listening_sessions (person_id, started_at, active_at, ended_at) VALUES (?, ?, ?, ?)",
                               person, started, active, ended)
            }
            try listen(11, t("2026-11-16 10:00"), active: t("2026-11-16 10:25"), ended: t("2026-11-16 10:30"))   // 30m
            try listen(11, t("2026-11-15 23:50"), active: t("2026-11-16 00:15"), ended: t("2026-11-16 00:20"))   // 20m in the week
            try listen(12, t("2026-11-21 23:00"), active: t("2026-11-21 23:05"), ended: nil)                     // 15m (idle)
            try listen(13, t("2026-11-17 11:00"), active: t("2026-11-17 11:10"), ended: t("2026-11-17 11:10"))   // 10m
            func calldown(_ week: String, _ exec: Int, customer: Int, _ state: String) throws {
                try db.execute("""
                    INSERT INTO calldowns (week, exec_id, customer_id, reason, state, created_at, updated_at)
                    VALUES (?, ?, ?, 'random', ?, 0, 0)
                    """, week, exec, customer, state)
            }
            for id in 2...6 { try db.execute("INSERT INTO customers (id, name, email, created_at) VALUES (?, 'C', 'c@x', 0)", id) }
            try calldown("2026-W47", 11, customer: 1, "called")
            try calldown("2026-W47", 11, customer: 2, "no-answer")
            try calldown("2026-W47", 11, customer: 3, "to-call")
            try calldown("2026-W47", 12, customer: 4, "declined")
            try calldown("2026-W46", 12, customer: 5, "called")
            func item(_ title: String, owner: Int, due: String, created: Int64, state: String = "open", closed: Int64? = nil) throws {
                try db.execute("""
                    INSERT INTO action_items (title, owner_id, due_day, state, created_by, created_at, closed_by, closed_at)
                    VALUES (?, ?, ?, ?, 11, ?, ?, ?)
                    """, title, owner, due, state, created, closed.map { _ in 11 }, closed)
            }
            try item("Send Ann the export fix | `now`", owner: 13, due: "2026-11-20", created: t("2026-11-16 11:00"))
            try item("Call back on Monday", owner: 11, due: "2026-11-23", created: t("2026-11-16 11:00"))
            try item("Done within the week", owner: 11, due: "2026-11-18", created: t("2026-11-16 11:00"), state: "done",
                     closed: t("2026-11-18 09:00"))
            try item("Closed after the week", owner: 12, due: "2026-11-25", created: t("2026-11-17 11:00"), state: "done",
                     closed: t("2026-11-24 09:00"))
            try item("Made after the week", owner: 12, due: "2026-11-10", created: t("2026-11-24 08:00"))
            func shift(_ id: Int, _ from: Int64, _ to: Int64, seats: [(Int, String, Int64?)]) throws {
                try db.execute("INSERT INTO shifts (id, starts_at, ends_at, created_at) VALUES (?, ?, ?, 0)", id, from, to)
                for (person, role, ended) in seats {
                    try db.execute("""
                        INSERT INTO shift_assignments (shift_id, person_id, role, ended_at, created_at) VALUES (?, ?, ?, ?, 0)
                        """, id, person, role, ended)
                }
            }
            try shift(1, t("2026-11-16 09:00"), t("2026-11-16 12:00"), seats: [(13, "agent", nil), (14, "buddy", nil), (11, "listener", nil)])
            try shift(2, t("2026-11-17 13:00"), t("2026-11-17 17:00"), seats: [(14, "agent", t("2026-11-17 15:00"))])
            try shift(3, t("2026-11-09 13:00"), t("2026-11-09 17:00"), seats: [(13, "agent", nil)])   // last week
        }
        let clock = FixedClock(epochSeconds: now)
        let ws = try Workspace(database: Workspace.openDatabase(path: f.path, clock: clock), config: .default, clock: clock,
                               login: "admin")
        return (f, ws)
    }

    func finishedWeek() throws -> WeeklyReport {
        let (_, ws) = try company(now: Self.at("2026-11-25 12:00"))
        return try ws.reports.weekly(week: Self.week)
    }

    // MARK: - Figures

    func testTicketsAndTimesAgainstLastWeek() throws {
        let r = try finishedWeek()
        XCTAssertEqual(r.start, try Self.at("2026-11-16 00:00"))
        XCTAssertEqual(r.end, try Self.at("2026-11-23 00:00"))
        XCTAssertFalse(r.isUnderWay)
        XCTAssertEqual(r.ticketsIn, .init(this: 4, previous: 2))
        XCTAssertEqual(r.ticketsIn.changePercent, 100)
        XCTAssertEqual(r.ticketsSolved, .init(this: 3, previous: 1))
        XCTAssertEqual(r.firstResponse, .init(count: 3, median: 3_600, p90: 7_200, previousMedian: 8_100, previousP90: 14_400))
        XCTAssertEqual(r.resolution, .init(count: 3, median: 172_800, p90: 259_200, previousMedian: 7_200, previousP90: 7_200))
    }

    func testPercentiles() {
        let p = WeeklyReport.Timing.percentiles
        XCTAssertTrue(p([]) == (nil, nil))
        XCTAssertEqual(p([5]).median, 5)
        XCTAssertEqual(p([4, 1, 3, 2]).median, 2, "the mean of the middle two, in whole seconds")
        XCTAssertEqual(p(Array(1...10)).p90, 9)
        XCTAssertEqual(p(Array(1...11)).p90, 10)
    }

    func testFrustrationsAreAreaByTypeWithLastWeek() throws {
        let r = try finishedWeek()
        XCTAssertEqual(r.frustrationDimensions, .init(row: "area", column: "type"))
        XCTAssertEqual(r.frustrations, [
            .init(row: "billing", column: "bug", tickets: .init(this: 2, previous: 1)),
            .init(row: "billing", column: "question", tickets: .init(this: 1, previous: 0)),
            .init(row: "mobile", column: "question", tickets: .init(this: 1, previous: 1)),
        ])
        XCTAssertEqual(r.topTags.first, .init(tag: "billing", tickets: 3))
    }

    func testSuccessesFastSolvesAndThanks() throws {
        let s = try finishedWeek().successes
        XCTAssertEqual(s.fastSolves, 1)
        XCTAssertEqual(s.fastest, [.init(ticketID: 1, subject: Self.hostileSubject, seconds: 1_800)])
        XCTAssertEqual(s.thanks, 1, "only on solved tickets, only this week")
        XCTAssertEqual(s.thanksQuotes.map(\.ticketID), [1])
        XCTAssertEqual(s.thanksQuotes.first?.customer, "Ann Lee")
    }

    func testInsightsOfTheWeek() throws {
        let r = try finishedWeek()
        XCTAssertEqual(r.insightCount, 1)
        XCTAssertEqual(r.insights.first?.quote, Self.hostileQuote)
        XCTAssertEqual(r.insights.first?.author, "Erin | Exec")
        XCTAssertEqual(r.insights.first?.customer, "Ann Lee")
        XCTAssertEqual(r.insights.first?.ticketID, 1)
    }

    func testParticipationShiftsListeningAndCallDowns() throws {
        let (_, ws) = try company(now: Self.at("2026-11-25 12:00"))
        let p = try ws.reports.weekly(week: Self.week).participation
        XCTAssertEqual(p.shiftPeople, 2, "agents and buddies; the listener seat is not shift work")
        XCTAssertEqual(p.shiftSeconds, 8 * 3_600, "3 h + 3 h, and 2 h of a shift ended early")
        XCTAssertEqual(p.teams, [.init(team: "support", people: 1, seconds: 5 * 3_600),
                                 .init(team: "engineering", people: 1, seconds: 3 * 3_600)])
        XCTAssertEqual(p.listeningTargetSeconds, 2_517,
                       "3 hours a month prorated by the week's share of November (30 days and an hour in New York), "
                       + "the fairness panel's rule")
        XCTAssertEqual(p.executives.map(\.login), ["erin", "evan"])
        XCTAssertEqual(p.executives[0].listenedSeconds, 50 * 60)
        XCTAssertEqual(p.executives[1].listenedSeconds, 15 * 60, "an open session counts to its last key plus the idle limit")
        // The same by the rule in Swift.
        let start = try Self.at("2026-11-16 00:00"), end = try Self.at("2026-11-23 00:00"), now = try Self.at("2026-11-25 12:00")
        let swift = try ws.database.read { db in
            try db.fetchAll("SELECT started_at, active_at, ended_at FROM listening_sessions WHERE person_id = 11") { row in
                ListeningRules.seconds(startedAt: row.int64(0), activeAt: row.int64(1),
                                       endedAt: row.isNull(2) ? nil : row.int64(2), now: now, from: start, to: end)
            }.reduce(0, +)
        }
        XCTAssertEqual(p.executives[0].listenedSeconds, swift)
        XCTAssertEqual([p.executives[0].called, p.executives[0].noAnswer, p.executives[0].declined, p.executives[0].toCall],
                       [1, 1, 0, 1])
        XCTAssertEqual([p.executives[1].called, p.executives[1].declined, p.executives[1].callDowns], [0, 1, 1])
        XCTAssertEqual(p.otherListeners, 1)
        XCTAssertEqual(p.otherListeningSeconds, 600)
    }

    func testOpenAndOverdueActionItemsAtTheWeeksEnd() throws {
        let a = try finishedWeek().actionItems
        XCTAssertEqual(a.today, "2026-11-23")
        XCTAssertEqual(a.open, 3)
        XCTAssertEqual(a.overdue, 1)
        XCTAssertEqual(a.items.map(\.title), ["Send Ann the export fix | `now`", "Call back on Monday", "Closed after the week"])
        XCTAssertEqual(a.items.map(\.overdue), [true, false, false])
        XCTAssertEqual(a.items.first?.owner, "Emma Engineer")
    }

    func testAWeekUnderWayRunsToNow() throws {
        let now = try Self.at("2026-11-18 12:00")
        let (_, ws) = try company(now: now)
        let r = try ws.reports.weekly(week: Self.week)
        XCTAssertTrue(r.isUnderWay)
        XCTAssertEqual(r.asOf, now)
        XCTAssertEqual(r.actionItems.today, "2026-11-18")
        // Against the same two and a half days of last week.
        XCTAssertEqual(r.ticketsIn, .init(this: 2, previous: 1))
        XCTAssertEqual(r.ticketsSolved, .init(this: 2, previous: 1))
        XCTAssertEqual(r.actionItems.open, 3, "the one done on the 18th at 09:00 is closed by noon")
        XCTAssertEqual(r.actionItems.overdue, 0)
        XCTAssertEqual(r.participation.shiftSeconds, 8 * 3_600)
        XCTAssertTrue(WeeklyReportMarkdown.write(r).hasPrefix("# Example Co: Weekly report 2026-W47 (so far)\n"))
        XCTAssertThrowsError(try ws.reports.weekly(week: ISOWeek("2026-W48")!)) { error in
            XCTAssertTrue("\(error)".contains("has not begun"), "\(error)")
        }
    }

    func testEveryRoleMayReadTheReport() throws {
        let (f, _) = try company(now: Self.at("2026-11-25 12:00"))
        let ws = try f.workspace("emma")
        XCTAssertNoThrow(try ws.reports.weekly(week: Self.week))
    }

    // MARK: - Writers

    func testHTMLIsWellFormedAndEscapesHostileText() throws {
        let html = WeeklyReportHTML.write(try finishedWeek())
        let parser = XMLParser(data: Data(html.utf8))
        let collector = TextCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        XCTAssertNil(collector.error)
        XCTAssertFalse(html.contains("<script"), "no script element, and none from the data")
        XCTAssertFalse(html.contains("\u{1B}"))
        XCTAssertEqual(collector.elements.filter { $0 == "svg" }.count, 1)
        XCTAssertTrue(collector.elements.contains("rect"))
        XCTAssertFalse(html.contains("http://") && html.range(of: #"(src|href)="#, options: .regularExpression) != nil,
                       "nothing fetched from elsewhere")
        // The figures, and the hostile text read back exactly as typed (on one line).
        let text = collector.text
        XCTAssertTrue(text.contains("Tickets in42+100%"), text)
        XCTAssertTrue(text.contains("First response, median1h2h 15m-56%"), text)
        XCTAssertTrue(text.contains("#1 \(Self.hostileSubject) (30m)"), text)
        XCTAssertTrue(text.contains("“I gave up </td><script>x</script> & \"left\" | it's [31m red second line”"), text)
        XCTAssertTrue(text.contains("captured by Erin | Exec: Matters & more"), text)
        XCTAssertTrue(text.contains("Erin | Exec0.8 h0.7 h1101"), text)
    }

    func testMarkdownKeepsDatabaseTextInItsCell() throws {
        let md = WeeklyReportMarkdown.write(try finishedWeek())
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertFalse(md.contains("\u{1B}"))
        // A table row has one cell boundary per column whatever its text holds.
        func boundaries(_ line: String) -> Int {
            line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
        }
        let erin = try XCTUnwrap(lines.first { $0.hasPrefix("| Erin") })
        XCTAssertEqual(erin, "| Erin \\| Exec | 0.8 h | 0.7 h | 1 | 1 | 0 | 1 |")
        XCTAssertEqual(boundaries(erin), 8)
        let item = try XCTUnwrap(lines.first { $0.contains("Send Ann") })
        XCTAssertEqual(item, "| 2026-11-20 | Emma Engineer | Send Ann the export fix \\| \\`now\\` | **overdue** |")
        XCTAssertTrue(lines.contains("  - #1 Refund \\</td\\>\\<script\\>alert(1)\\</script\\> \\& more \\| \\`code\\` \\# x (30m)"),
                      md)
        XCTAssertTrue(lines.contains("> “I gave up \\</td\\>\\<script\\>x\\</script\\> \\& \"left\" \\| it's \\[31m red second line”"), md)
        XCTAssertTrue(lines.contains("| Tickets in | 4 | 2 | +100% |"), md)
        XCTAssertTrue(lines.contains("| billing | bug | 2 | 1 | +100% |"), md)
        XCTAssertTrue(lines.contains("| billing | question | 1 | 0 | new |"), md)
        XCTAssertTrue(lines.contains("3 open items, 1 overdue."), md)
        XCTAssertTrue(lines.contains("2 people took shifts, 8 h in all."), md)
    }

    // MARK: - The demo

    /// The demo built as of Friday 2026-11-20 15:00 UTC, read the same instant: the week so far
    /// and the week before it, with the demo's walk-a-mile data.
    func testMarkdownSnapshotOnTheDemo() throws {
        let asOf: Int64 = 1_795_186_800
        let f = Fixture()
        let clock = FixedClock(epochSeconds: asOf)
        func workspace() throws -> Workspace {
            try Workspace(database: Workspace.openDatabase(path: f.path, clock: clock), config: .default, clock: clock,
                          login: "admin")
        }
        try workspace().demo.generate(DemoOptions(people: 60, tickets: 400, seed: 11, asOf: asOf))
        let ws = try workspace()
        let thisWeek = try ws.reports.weekly(week: Self.week)
        let lastWeek = try ws.reports.weekly(week: Self.week.adding(-1))
        XCTAssertTrue(thisWeek.isUnderWay)
        XCTAssertGreaterThan(thisWeek.insightCount, 0)
        XCTAssertGreaterThan(lastWeek.participation.executives.map(\.listenedSeconds).reduce(0, +), 0)
        // Every insight quotes a sentence of its customer's message.
        let quotesFound = try ws.database.read { db in
            try db.fetchAll("""
                SELECT count(*) = sum(instr(m.body, i.quote) > 0) FROM insights i JOIN messages m ON m.id = i.message_id
                WHERE m.kind = 'customer'
                """) { $0.int(0) }
        }
        XCTAssertEqual(quotesFound, [1])
        assertReportSnapshot(WeeklyReportMarkdown.write(thisWeek) + "\n" + WeeklyReportMarkdown.write(lastWeek),
                             named: "weekly-report-demo")
    }

    func testTextIsMadeInert() {
        XCTAssertEqual(WeeklyReportMarkdown.text("# a|b\u{202E}c\r\nd\u{7}"), "\\# a\\|bc d")
        XCTAssertEqual(WeeklyReportHTML.escape("<a href='x'>&\"\u{0}</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot; &lt;/a&gt;", "a NUL is a space: XML allows none")
    }
}

/// Compares text with `__Snapshots__/NAME.md` beside this file. `ALLHANDS_RECORD_SNAPSHOTS=1` writes
/// the files anew; a missing file is written and the test fails, so nothing passes unseen.
private func assertReportSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = folder.appendingPathComponent(name + ".md")
    let record = ProcessInfo.processInfo.environment["ALLHANDS_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded snapshot \(name); check it and run again", file: file, line: line)
        return
    }
    if expected != text {
        let actual = folder.appendingPathComponent(name + ".actual.md")
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        XCTFail("snapshot \(name) differs; the new text is in \(actual.path)", file: file, line: line)
    }
}

/// Collects element names and text; fails on any parse error.
private final class TextCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var text = ""
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }
}
