import AllHandsCore
import Foundation
import Storage
import XCTest

final class DemoTests: XCTestCase {
    /// Every row of the demo's tables, as text: equal digests mean equal databases.
    func contents(_ path: String) throws -> [String] {
        let db = try Database(path: path)
        var lines: [String] = []
        for table in ["people", "customers", "tickets", "messages", "tags", "ticket_tags"] {
            try db.forEachRow("SELECT * FROM \(table) ORDER BY 1, 2") { row in
                lines.append(table + ":" + (0..<Int32(row.count)).map { row.isNull($0) ? "∅" : row.string($0) }.joined(separator: "|"))
            }
        }
        return lines
    }

    func testTheSameSeedBuildsTheSameCompanyAndAnotherSeedAnother() throws {
        let a = Fixture(), b = Fixture(), c = Fixture()
        _ = try a.demo(seed: 11)
        _ = try b.demo(seed: 11)
        _ = try c.demo(seed: 12)
        XCTAssertEqual(try contents(a.path), try contents(b.path))
        XCTAssertNotEqual(try contents(a.path), try contents(c.path))
    }

    func testTheDefaultCompanyLooksLikeACompany() throws {
        let f = Fixture()
        let summary = try f.workspace().demo.generate(DemoOptions())
        XCTAssertEqual(summary.people, 150)
        XCTAssertEqual(summary.tickets, 600)
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
        XCTAssertEqual(try db.fetchInt("SELECT count(DISTINCT ticket_id) FROM messages"), 600)
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
