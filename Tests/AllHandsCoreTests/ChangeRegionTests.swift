import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The regions a console reloads (issue 10): each change made on another connection, through
/// the services or straight in SQL, moves exactly the regions that show it, once.
final class ChangeRegionTests: XCTestCase {
    func testEachChangeOnAnotherConnectionMovesOnlyTheRegionsThatShowIt() throws {
        let f = Fixture()
        _ = try f.demo(people: 12, tickets: 40)
        let feed = try f.workspace().changeFeed()
        let ws = try f.workspace()
        let raw = try f.database()
        let ticket = try XCTUnwrap(try raw.read { try $0.fetchInt("SELECT min(id) FROM tickets WHERE status IN ('new', 'open', 'pending')") })
        let person = try XCTUnwrap(try raw.read { try $0.fetchInt("SELECT max(id) FROM people") })
        let customer = try XCTUnwrap(try raw.read { try $0.fetchInt("SELECT requester_id FROM tickets WHERE id = ?", ticket) })
        let now = Fixture.now
        var shift = 0
        func sql(_ text: String, _ arguments: any DatabaseValueConvertible...) -> () throws -> Void {
            { try raw.write { db in try db.execute(text, arguments: arguments) } }
        }
        XCTAssertEqual(try feed.changes(), [], "nothing changed yet")

        let cases: [(what: String, moves: Set<ChangeRegion>, change: () throws -> Void)] = [
            ("a heartbeat", [.presence], { try ws.presence.heartbeat(ticketID: ticket, activity: .viewing) }),
            ("leaving a ticket", [.presence], { try ws.presence.leave(ticketID: ticket) }),
            ("a reply", [.queue], { _ = try ws.tickets.reply(id: ticket, body: "We are on it.") }),
            ("a tag", [.queue, .tags], { _ = try ws.tickets.tag(id: ticket, ["vip"]) }),
            ("solving a tagged ticket", [.queue, .tags], { _ = try ws.tickets.setStatus(id: ticket, .solved) }),
            ("a new tag", [.queue, .tags], sql("INSERT INTO tags (name, created_at) VALUES ('brand-new', ?)", now)),
            ("a customer's name", [.queue], sql("UPDATE customers SET name = 'Renamed' WHERE id = ?", customer)),
            ("a goodwill gesture", [.queue], sql("""
                INSERT INTO goodwill (ticket_id, person_id, kind, amount, currency, reason, status, created_at)
                VALUES (?, ?, 'swag', 0, 'EUR', 'sorry', 'granted', ?)
                """, ticket, person, now)),
            ("a boundary", [.queue], sql("""
                INSERT OR REPLACE INTO boundaries (customer_id, reason, set_by, set_at) VALUES (?, 'rude', ?, ?)
                """, customer, person, now)),
            ("a draft", [.queue], sql("""
                INSERT INTO drafts (ticket_id, person_id, kind, body, updated_at) VALUES (?, ?, 'note', 'later', ?)
                """, ticket, person, now)),
            ("a person's name", [.queue, .rotation], sql("UPDATE people SET name = 'Someone Else' WHERE id = ?", person)),
            ("a shift", [.rotation], {
                try raw.write { db in
                    try db.execute("INSERT INTO shifts (starts_at, ends_at, created_at) VALUES (?, ?, ?)", now + 86_400, now + 90_000, now)
                    shift = Int(db.lastInsertRowID)
                }
            }),
            ("a seat", [.rotation], { try sql("INSERT INTO shift_assignments (shift_id, person_id, created_at) VALUES (?, ?, ?)",
                                              shift, person, now)() }),
            ("time off", [.rotation], sql("INSERT INTO time_off (person_id, starts_at, ends_at, created_at) VALUES (?, ?, ?, ?)",
                                          person, now + 86_400 * 3, now + 86_400 * 4, now)),
            ("a swap", [.rotation], { try sql("""
                INSERT INTO swaps (shift_id, from_person, state, created_at, updated_at) VALUES (?, ?, 'open', ?, ?)
                """, shift, person, now, now)() }),
            ("a shift preference", [.rotation], sql("""
                INSERT OR REPLACE INTO shift_preferences (person_id, template, preference) VALUES (?, 'weekday-morning', 1)
                """, person)),
            ("a schedule notice", [.rotation], sql("""
                INSERT OR REPLACE INTO rotation_notices (person_id, changed_at, summary) VALUES (?, ?, 'moved')
                """, person, now)),
            ("a listening session", [.listening], sql("""
                INSERT INTO listening_sessions (person_id, started_at, active_at) VALUES (?, ?, ?)
                """, person, now, now)),
            ("an insight", [.listening], sql("""
                INSERT INTO insights (quote, ticket_id, customer_id, author_id, created_at) VALUES ('so slow', ?, ?, ?, ?)
                """, ticket, customer, person, now)),
            ("an insight's tag", [.listening], sql("""
                INSERT INTO insight_tags (insight_id, tag_id) SELECT max(id), (SELECT min(id) FROM tags) FROM insights
                """)),
            ("a call-down", [.listening], sql("""
                INSERT INTO calldowns (week, exec_id, customer_id, reason, created_at, updated_at)
                VALUES ('2026-W47', ?, ?, 'random', ?, ?)
                """, person, customer, now, now)),
            ("a check-in", [.listening], sql("""
                INSERT INTO checkins (customer_id, at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                """, customer, now + 86_400, person, now, now)),
            ("a check-in's person", [.listening], sql("""
                INSERT INTO checkin_people (checkin_id, person_id) SELECT max(id), ? FROM checkins
                """, person)),
            ("an action item", [.listening], sql("""
                INSERT INTO action_items (title, owner_id, due_day, created_by, created_at)
                VALUES ('send the invoice', ?, '2026-11-20', ?, ?)
                """, person, person, now)),
        ]
        for (what, moves, change) in cases {
            try change()
            XCTAssertEqual(try feed.changes(), moves, what)
            XCTAssertEqual(try feed.changes(), [], "\(what) is reported once")
        }
        XCTAssertFalse(try ws.tickets.page(.activeQueue, limit: 5).isEmpty)
        XCTAssertEqual(try feed.changes(), [], "reading moves nothing")
    }
}
