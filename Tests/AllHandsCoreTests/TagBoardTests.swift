import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The tags pane's data (`TagService.board`): open counts, additions over windows and days in
/// the company's zone, the area × type matrix, and the taxonomy's aliases. Fixture.now is
/// Wednesday 2026-11-18 06:06 in New York (the default company zone).
final class TagBoardTests: XCTestCase {
    let f = Fixture()
    let hour: Int64 = 3_600, day: Int64 = 86_400

    /// A workspace whose clock reads `secondsAgo` before Fixture.now.
    func at(_ secondsAgo: Int64) throws -> Workspace {
        try Workspace(database: f.database(), config: .default, clock: FixedClock(epochSeconds: Fixture.now - secondsAgo),
                      login: "admin")
    }

    /// Five tickets tagged at known times: A (now−1 h: billing, bug), B (−30 h: billing),
    /// C (−3 days: billing, question), D (−10 days: billing), E (−2 h: onboarding, bug, then
    /// solved), and free tags vip on A and legacy on E 40 days ago.
    func build() throws -> [String: Int] {
        let ws = try f.workspace()
        var ids: [String: Int] = [:]
        for name in ["A", "B", "C", "D", "E"] { ids[name] = try f.addTicket(ws, subject: "Ticket \(name)") }
        func tag(_ name: String, _ tags: [String], _ ago: Int64) throws { try at(ago).tickets.tag(id: ids[name] ?? 0, tags) }
        try tag("A", ["vip"], 40 * day)
        try tag("E", ["legacy"], 40 * day)
        try tag("D", ["billing"], 10 * day)
        try tag("C", ["billing", "question"], 3 * day)
        try tag("B", ["billing"], 30 * hour)
        try tag("E", ["onboarding", "bug"], 2 * hour)
        try tag("A", ["billing", "bug"], hour)
        try at(hour / 2).tickets.setStatus(id: ids["E"] ?? 0, .solved)
        return ids
    }

    func testTheBoardCountsOpenTicketsAndAdditionsByWindowAndByDayInTheCompanysZone() throws {
        _ = try build()
        let board = try f.workspace().tags.board(window: .week)
        XCTAssertEqual(board.asOf, Fixture.now)
        let trends = Dictionary(board.trends.map { ($0.tag.name, $0) }, uniquingKeysWith: { a, _ in a })
        let billing = try XCTUnwrap(trends["billing"])
        XCTAssertEqual(billing.open, 4)
        XCTAssertEqual(billing.new24h, 1)
        XCTAssertEqual(billing.new7d, 3, "Nov 12–18: A, B (Nov 17 00:06 local), C")
        XCTAssertEqual(billing.inWindow, 3)
        XCTAssertEqual(billing.previousWindow, 1, "Nov 5–11: D")
        XCTAssertEqual(billing.change, 2)
        XCTAssertEqual(billing.daily, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1], "Nov 5 … Nov 18")
        let bug = try XCTUnwrap(trends["bug"])
        XCTAssertEqual([bug.open, bug.new24h, bug.new7d], [1, 2, 2], "E was solved: not open, still added")
        XCTAssertEqual(trends["vip"]?.open, 1, "a free tag on an open ticket shows")
        XCTAssertNil(trends["legacy"], "a free tag with nothing open and nothing lately is left out")
        XCTAssertEqual(trends["reporting"]?.open, 0, "taxonomy tags show even before any ticket carries them")
        XCTAssertEqual(trends["reporting"]?.tag.id, 0)
        // Dimensions in config order, busiest first within one, free tags last.
        let names = board.trends.map(\.tag.name)
        XCTAssertEqual(names.first, "billing")
        XCTAssertEqual(names.last, "vip")
        XCTAssertLessThan(try XCTUnwrap(names.firstIndex(of: "performance")), try XCTUnwrap(names.firstIndex(of: "bug")))
        XCTAssertLessThan(try XCTUnwrap(names.firstIndex(of: "bug")), try XCTUnwrap(names.firstIndex(of: "question")))

        let day = try f.workspace().tags.board(window: .day).trends.first { $0.tag.name == "billing" }
        XCTAssertEqual(day?.inWindow, 1, "A in the last 24 h")
        XCTAssertEqual(day?.previousWindow, 1, "B in the 24 h before")
        let month = try f.workspace().tags.board(window: .month).trends.first { $0.tag.name == "billing" }
        XCTAssertEqual([month?.inWindow, month?.previousWindow], [4, 0])
    }

    /// A live pane reads only what changed since its last board: after any change, from any
    /// connection, as time passes and days turn, that board equals one read from scratch.
    func testABoardReadAfterThePreviousOneEqualsOneReadFromScratch() throws {
        let ids = Array(try build().values).sorted()
        var rng = SplitMix(seed: 11)
        var clock = Fixture.now
        let names = ["billing", "bug", "question", "onboarding", "vip", "fresh-free", "usability"]
        var windows = TagWindow.allCases.makeIterator()
        var window = TagWindow.week
        var board = try at(0).tags.board(window: window)
        var merges = 0
        for step in 0..<200 {
            clock += Int64.random(in: 0..<(3 * hour), using: &rng)
            let ws = try Workspace(database: f.database(), config: .default, clock: FixedClock(epochSeconds: clock), login: "admin")
            let id = ids[Int.random(in: 0..<ids.count, using: &rng)]
            let name = names[Int.random(in: 0..<names.count, using: &rng)]
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...4: _ = try? ws.tickets.tag(id: id, [name])
            case 5...6: _ = try? ws.tickets.untag(id: id, [name])
            case 7: _ = try? ws.tickets.setStatus(id: id, [.open, .pending, .solved][Int.random(in: 0..<3, using: &rng)])
            case 8:
                if (try? ws.tags.merge("fresh-free", into: "vip")) != nil { merges += 1 }
            default:
                window = windows.next() ?? .week
                if window == .quarter { windows = TagWindow.allCases.makeIterator() }
            }
            let fresh = try ws.tags.board(window: window)
            board = try ws.tags.board(window: window, after: board)
            XCTAssertEqual(board, fresh, "step \(step)")
            if board != fresh { break }
        }
        XCTAssertGreaterThan(merges, 0)
        XCTAssertGreaterThan(clock - Fixture.now, 3 * day, "days turned")
    }

    /// `compare` counts the tagged tickets either from the tag's links or from the weeks'
    /// tickets, whichever is fewer: both ways give the same weeks.
    func testCompareCountsTheSameWhicheverWayItWalks() throws {
        let ws = try f.workspace()
        // Twenty tickets, one every three days back from two hours ago (clear of the hour the
        // weeks' bounds move by across the end of summer time); every one carries "everywhere",
        // every fourth "rare" too.
        var ids: [Int] = []
        for n in 0..<20 { ids.append(try f.addTicket(ws, subject: "T\(n)")) }
        try f.database().write { db in
            for (n, id) in ids.enumerated() {
                try db.execute("UPDATE tickets SET created_at = ? WHERE id = ?", Fixture.now - Int64(n) * 3 * day - 2 * hour, id)
            }
        }
        for (n, id) in ids.enumerated() { try ws.tickets.tag(id: id, n % 4 == 0 ? ["everywhere", "rare"] : ["everywhere"]) }
        let mark = Fixture.now - 14 * day
        // ±2 weeks: 10 tickets in range, 20 links of "everywhere" (walks the weeks), 5 of "rare" (walks the links).
        let everywhere = try ws.tags.compare(tag: "everywhere", at: mark, weeks: 2)
        let rare = try ws.tags.compare(tag: "rare", at: mark, weeks: 2)
        XCTAssertEqual(everywhere.before.map(\.total), rare.before.map(\.total))
        XCTAssertEqual((everywhere.before + everywhere.after).map(\.tagged), (everywhere.before + everywhere.after).map(\.total))
        // Created 0, 3, 6, …, 27 days ago; weeks from mark − 14 d: [28–21) days ago: 21, 24, 27 → 3; [21–14): 15, 18 → 2;
        // [14–7): 9, 12 → 2; [7–0): 0, 3, 6 → 3. "rare" is on 0, 12, 24 days ago.
        XCTAssertEqual((everywhere.before + everywhere.after).map(\.total), [3, 2, 2, 3])
        XCTAssertEqual((rare.before + rare.after).map(\.tagged), [1, 0, 1, 1])
        XCTAssertEqual(rare.after.map(\.complete), [true, true])
        XCTAssertEqual(rare.changePercent, 100)
    }

    func testTheMatrixCountsOpenTicketsPerAreaAndTypeAndNamesTheHottestCells() throws {
        _ = try build()
        let matrix = try XCTUnwrap(try f.workspace().tags.board().matrix)
        XCTAssertEqual(matrix.rowDimension, "area")
        XCTAssertEqual(matrix.columnDimension, "type")
        XCTAssertEqual(matrix.rows, Configuration.default.taxonomy.dimensions[0].tags)
        XCTAssertEqual(matrix.columns, Configuration.default.taxonomy.dimensions[1].tags)
        func cell(_ r: String, _ c: String) -> Int? {
            guard let i = matrix.rows.firstIndex(of: r), let j = matrix.columns.firstIndex(of: c) else { return nil }
            return matrix.cells[i][j]
        }
        XCTAssertEqual(cell("billing", "bug"), 1)
        XCTAssertEqual(cell("billing", "question"), 1)
        XCTAssertEqual(cell("onboarding", "bug"), 0, "E is solved")
        XCTAssertEqual(matrix.cells.joined().reduce(0, +), 2)
        XCTAssertEqual(matrix.hottest(3).map { "\(matrix.rows[$0.row])×\(matrix.columns[$0.column])=\($0.open)" },
                       ["billing×bug=1", "billing×question=1"])
    }

    func testAliasesFromTheConfigTagAndFilterAsTheirTag() throws {
        let ids = try build()
        let ws = try f.workspace()
        let c = try f.addTicket(ws, subject: "Another")
        let result = try ws.tickets.tag(id: c, ["defect", "area:login"])
        XCTAssertEqual(Set(result.changed), ["type:bug", "area:accounts"])
        XCTAssertEqual(result.free, [], "an alias never makes a free tag")
        let listed = try ws.tickets.page(TicketFilter(tag: "defect"), limit: 10).map(\.id)
        XCTAssertEqual(Set(listed), [ids["A"] ?? 0, c])
        let cell = try ws.tickets.page(ws.tickets.filter(for: .byTag("billing+defect")), limit: 10).map(\.id)
        XCTAssertEqual(cell, [ids["A"] ?? 0], "a matrix cell's view: tickets with both")
        XCTAssertEqual(try ws.tags.verify(), [])
    }

    func testAnAliasMustLeadToATaxonomyTagAndMustNotBeOne() {
        for (json, reason) in [
            (#"{ taxonomy: { aliases: { oops: "nothing-here" } } }"#, "alias 'oops' leads to 'nothing-here', which is not a tag of the taxonomy"),
            (#"{ taxonomy: { aliases: { bug: "outage" } } }"#, "alias 'bug' is itself a tag of the taxonomy"),
            (#"{ taxonomy: { aliases: { "Bad Name": "bug" } } }"#, "alias 'Bad Name' is not a valid tag name"),
        ] {
            XCTAssertThrowsError(try ConfigLoader.decode(Data(json.utf8), source: "c.json5"), json) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(error)")
            }
        }
        let own = try? ConfigLoader.decode(Data(#"{ taxonomy: { dimensions: [{ name: "kind", tags: ["a", "b"] }] } }"#.utf8), source: "c")
        XCTAssertEqual(own?.taxonomy.aliases, [:], "a taxonomy of one's own starts without the default aliases")
    }

    /// A database made before the tag history gets one event per existing link, at its ticket's
    /// creation, and every kept count agrees with a recount.
    func testTheMigrationGivesExistingLinksTheirHistory() throws {
        let path = f.dir.file("old.db")
        let before = Array(Schema.migrator.migrations.prefix { $0.name != "tag-history" })
        XCTAssertEqual(before.count + 1, Schema.migrator.migrations.firstIndex { $0.name == "tag-history" }.map { $0 + 1 })
        let old = try Migrator(applicationID: Schema.applicationID, before).open(path: path, now: Fixture.now)
        try old.write { db in
            try db.execute("INSERT INTO customers (name, email, created_at) VALUES ('Ann', 'ann@example.com', 0)")
            try db.execute("INSERT INTO tags (id, name, dimension, created_at) VALUES (1, 'billing', 'area', 0), (2, 'bug', 'type', 0)")
            try db.execute("""
                INSERT INTO tickets (id, subject, status, priority, requester_id, created_at, updated_at)
                VALUES (1, 'Old', 'open', 2, 1, ?, ?)
                """, Fixture.now - 2 * day, Fixture.now - 2 * day)
            try db.execute("INSERT INTO ticket_tags (ticket_id, tag_id) VALUES (1, 1), (1, 2)")
        }
        let ws = try Workspace(database: Workspace.openDatabase(path: path, clock: f.clock), config: .default,
                               clock: f.clock, login: "admin")
        XCTAssertEqual(try ws.tags.verify(), [])
        let billing = try ws.tags.board().trends.first { $0.tag.name == "billing" }
        XCTAssertEqual(billing?.open, 1)
        XCTAssertEqual(billing?.new7d, 1)
        XCTAssertEqual(try ws.tags.board().matrix?.hottest(1).first?.open, 1)
    }
}
