import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

final class DemoTests: XCTestCase {
    /// 2026-11-20T15:00:00Z, a Friday afternoon: the as-of instant the tests build demos at.
    static let asOf: Int64 = 1_795_186_800

    /// Every row of every table the demo writes, as text. The migration record (when this file
    /// was created), the audit log (when the demo ran) and the change counters (how many changes
    /// the file has seen) are left out: they are history, not the demo's data.
    func contents(_ path: String) throws -> [String] {
        let db = try Database(path: path)
        let tables = try db.fetchAll("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT IN ('audit_log', 'schema_migrations', 'change_counters') AND name NOT LIKE '%fts%' ORDER BY name
            """) { $0.string(0) }
        XCTAssertTrue(tables.contains("tickets") && tables.contains("messages"), "\(tables)")
        var lines: [String] = []
        for table in tables {
            try db.forEachRow("SELECT * FROM \"\(table)\" ORDER BY 1, 2") { row in
                lines.append(table + ":" + (0..<Int32(row.count)).map { row.isNull($0) ? "∅" : row.string($0) }.joined(separator: "|"))
            }
        }
        XCTAssertFalse(lines.isEmpty)
        return lines
    }

    /// The audit entries of a demo run, without their ids and times.
    func demoAudit(_ path: String) throws -> [String] {
        try Database(path: path).fetchAll("""
            SELECT actor, ifnull(via, ''), entity, ifnull(after, '') FROM audit_log WHERE action = 'demo.generate' ORDER BY id
            """) { row in (0..<4).map { row.string($0) }.joined(separator: "|") }
    }

    /// A workspace on `path` whose clock stands at `clock` (the real time the demo is built at).
    func workspace(_ path: String, clock: Int64) throws -> Workspace {
        let clock = FixedClock(epochSeconds: clock)
        return try Workspace(database: Workspace.openDatabase(path: path, clock: clock), config: .default,
                             clock: clock, login: "admin")
    }

    func testTheSameSeedBuildsTheSameCompanyAndAnotherSeedAnother() throws {
        let a = Fixture(), b = Fixture(), c = Fixture()
        _ = try a.demo(seed: 11)
        _ = try b.demo(seed: 11)
        _ = try c.demo(seed: 12)
        XCTAssertEqual(try contents(a.path), try contents(b.path))
        XCTAssertNotEqual(try contents(a.path), try contents(c.path))
    }

    /// The demo used to weigh arrivals by the hour of the week at the time it ran, and a
    /// ticket's status drew a varying number of random values, so every later ticket changed
    /// with the wall clock. Now the rows follow the seed and the as-of instant only.
    func testTheSameSeedAndAsOfBuildTheSameRowsWhenAndInWhateverOrderTheyAreBuilt() throws {
        let dir = TemporaryDirectory()
        let first = dir.file("first.db"), second = dir.file("second.db")
        let options = DemoOptions(people: 40, tickets: 300, seed: 11, asOf: Self.asOf)
        let mondayNight: Int64 = 1_795_471_200, sundayMorning: Int64 = 1_795_338_000
        try workspace(first, clock: mondayNight).demo.generate(options)
        // The second: another day and hour, and over another demo built as of another hour.
        try workspace(second, clock: sundayMorning).demo
            .generate(DemoOptions(people: 60, tickets: 100, seed: 99, asOf: Self.asOf + 7 * 3_600))
        try workspace(second, clock: sundayMorning + 77).demo.generate(options)

        let a = try contents(first), b = try contents(second)
        XCTAssertEqual(a.count, b.count)
        for (x, y) in zip(a, b) where x != y { return XCTFail("first difference:\n\(x)\n\(y)") }
        XCTAssertEqual(a, b)
        XCTAssertEqual(try demoAudit(first).count, 1)
        XCTAssertEqual(try demoAudit(second).count, 2)
        XCTAssertEqual(try demoAudit(first).last, try demoAudit(second).last)
        let db = try Database(path: first)
        let newest = try XCTUnwrap(db.fetchInt("SELECT max(created_at) FROM messages"))
        XCTAssertTrue((Int(Self.asOf) - 86_400...Int(Self.asOf)).contains(newest),
                      "the newest rows are dated in the day before the as-of instant, not by the clock: \(newest)")
    }

    /// What a ticket is about (subject, priority, requester, first message, tags) comes from its
    /// own random stream before anything that depends on its age: another as-of instant or
    /// another number of tickets moves it in time but never changes what it is about.
    func testEachTicketIsAboutTheSameThingWhateverTheAsOfAndTheTicketCount() throws {
        func about(_ asOf: Int64, tickets: Int) throws -> (about: [String], created: [Int64]) {
            let dir = TemporaryDirectory()
            try workspace(dir.file("a.db"), clock: Fixture.now).demo
                .generate(DemoOptions(people: 30, tickets: tickets, seed: 5, asOf: asOf))
            let db = try Database(path: dir.file("a.db"))
            let rows = try db.fetchAll("""
                SELECT t.id, t.subject, t.priority, t.requester_id,
                       (SELECT body FROM messages m WHERE m.ticket_id = t.id ORDER BY m.created_at, m.id LIMIT 1),
                       (SELECT group_concat(tag_id) FROM (SELECT tag_id FROM ticket_tags WHERE ticket_id = t.id ORDER BY tag_id)),
                       t.created_at
                FROM tickets t ORDER BY t.id
                """) { row in ((0..<6).map { row.string($0) }.joined(separator: "|"), row.int64(6)) }
            XCTAssertEqual(rows.count, tickets)
            return (rows.map(\.0), rows.map(\.1))
        }
        let base = try about(Self.asOf, tickets: 300)
        // An hour later, and a weekend night three days later: other arrival weights, other ages.
        for asOf in [Self.asOf + 3_600, Self.asOf + 3 * 86_400 + 9 * 3_600] {
            let other = try about(asOf, tickets: 300)
            XCTAssertEqual(other.about, base.about, "as of \(Timestamp.iso8601(asOf))")
            XCTAssertNotEqual(other.created, base.created, "times follow the as-of instant")
        }
        let fewer = try about(Self.asOf, tickets: 200)
        XCTAssertEqual(fewer.about, Array(base.about.prefix(200)), "ticket n never depends on how many come after it")
    }

    func testAsOfReadsISO8601InstantsAndDatesAndRefusesTheRest() {
        XCTAssertEqual(DemoOptions.asOfInstant("2026-11-20T15:00:00Z"), Self.asOf)
        XCTAssertEqual(DemoOptions.asOfInstant("2026-11-20T15:00Z"), Self.asOf)
        XCTAssertEqual(DemoOptions.asOfInstant("2026-11-20T16:00:00+01:00"), Self.asOf)
        XCTAssertEqual(DemoOptions.asOfInstant("2026-11-20T10:30:00-0430"), Self.asOf)
        XCTAssertEqual(DemoOptions.asOfInstant("2026-11-20"), Self.asOf - 15 * 3_600)
        XCTAssertEqual(DemoOptions.asOfInstant("1970-01-01"), 0)
        for bad in ["", "now", "2026-11-20T15:00:00", "2026-11-31", "2026-13-01", "2026-11-20T24:00:00Z",
                    "2026-11-20T15:60Z", "2026-11-20 15:00:00Z", "20261120", "2026-11-20T15:00:00+25:00",
                    " 2026-11-20", "1969-12-31"] {
            XCTAssertNil(DemoOptions.asOfInstant(bad), bad)
        }
    }

    func testTheStandardCompanyIsDefinedOnce() {
        XCTAssertEqual(DemoOptions(), DemoOptions.standard)
        XCTAssertEqual(DemoOptions.standard.people, DemoOptions.standardPeople)
        XCTAssertEqual(DemoOptions.standard.tickets, DemoOptions.standardTickets)
        XCTAssertEqual(DemoOptions.standard.days, DemoOptions.minimumDays)
        XCTAssertNil(DemoOptions.standard.asOf, "the standard demo is built as of now")
    }

    func testTheDefaultCompanyLooksLikeACompany() throws {
        let f = Fixture()
        let summary = try f.workspace().demo.generate(DemoOptions())
        XCTAssertEqual(summary.people, DemoOptions.standardPeople)
        XCTAssertEqual(summary.tickets, DemoOptions.standardTickets)
        XCTAssertEqual(summary.asOf, Fixture.now, "as of the clock by default")
        XCTAssertGreaterThanOrEqual(summary.customers, 300)
        let ws = try f.workspace()
        let people = try ws.people.list()
        let teams = Set(people.map(\.team))
        XCTAssertTrue(teams.isSuperset(of: ["engineering", "sales", "marketing", "finance", "support", "leadership"]), "\(teams)")
        for role in Role.allCases { XCTAssertTrue(people.contains { $0.role == role }, "no \(role)") }
        XCTAssertGreaterThan(Set(people.map(\.timeZone)).count, 4)

        let db = try f.database()
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM tickets WHERE created_at < ?", Fixture.now - 61 * 86_400), 0)
        XCTAssertEqual(try db.fetchInt("SELECT min(n) >= 1 AND max(n) <= 6 FROM (SELECT count(*) n FROM messages GROUP BY ticket_id)"), 1)
        XCTAssertEqual(try db.fetchInt("SELECT count(DISTINCT ticket_id) FROM messages"), DemoOptions.standardTickets)
        // Ids follow arrival time.
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM tickets a JOIN tickets b ON b.id = a.id + 1 WHERE b.created_at < a.created_at"), 0)
        // Every ticket has an area and a type.
        XCTAssertEqual(try db.fetchInt("""
            SELECT count(*) FROM tickets t WHERE (SELECT count(*) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id
                WHERE tt.ticket_id = t.id AND g.dimension IN ('area', 'type')) <> 2
            """), 0)
        // A pending ticket waits on the customer: its last message is the agent's.
        XCTAssertEqual(try db.fetchInt("""
            SELECT count(*) FROM tickets t WHERE status = 'pending' AND
                (SELECT kind FROM messages m WHERE m.ticket_id = t.id ORDER BY created_at DESC, id DESC LIMIT 1) <> 'reply'
            """), 0)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM tickets WHERE status = 'new' AND created_at < ?", Fixture.now - 8 * 86_400), 0)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM pragma_foreign_key_check"), 0)
        XCTAssertEqual(try db.fetchOne("PRAGMA integrity_check") { $0.string(0) }, "ok")
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM tickets WHERE status NOT IN ('new','open','pending','solved','closed')"), 0)
        let active = try ws.tickets.count(.activeQueue)
        XCTAssertTrue((30...250).contains(active), "\(active) active tickets")
    }

    func testTheDemoIsMarkedAndCanBeRegeneratedButRealDataIsRefused() throws {
        let f = Fixture()
        let ws = try f.workspace()
        try ws.people.add(Person(login: "ana", name: "Ana"))
        XCTAssertFalse(ws.isDemo)
        XCTAssertThrowsError(try ws.demo.generate(DemoOptions(people: 5, tickets: 5))) { error in
            guard case AllHandsError.holdsRealData = error else { return XCTFail("\(error)") }
        }
        XCTAssertNotNil(try ws.people.find(login: "ana"))

        let forced = try ws.demo.generate(DemoOptions(people: 5, tickets: 5, force: true))
        let backup = try XCTUnwrap(forced.backupPath)
        let saved = try Database(path: backup)
        XCTAssertEqual(try saved.fetchInt("SELECT count(*) FROM people WHERE login = 'ana'"), 1)
        XCTAssertTrue(try f.workspace().isDemo)
        XCTAssertNoThrow(try f.workspace().demo.generate(DemoOptions(people: 5, tickets: 5)))
        let entries = try f.workspace().audit.entries().filter { $0.action == "demo.generate" }
        XCTAssertEqual(entries.count, 2)
    }

    func testTheAdminWhoRanTheDemoKeepsTheirLogin() throws {
        let f = Fixture()
        _ = try f.workspace("maria").demo.generate(DemoOptions(people: 10, tickets: 10))
        let me = try f.workspace("maria").actor.person
        XCTAssertEqual(me.role, .admin)
    }
}
