import AllHandsCore
import Foundation
@testable import Storage
import XCTest

/// Every query the queue, the tag filter, the audit log and the requester lookups run is answered
/// from an index: no full scan of tickets or messages, no temporary sort, no list subquery.
final class QueryPlanTests: XCTestCase {
    static let watchedTables = ["tickets", "messages", "audit_log", "ticket_tags"]

    /// The plan steps of `sql` that would grow with the size of the data.
    func badSteps(_ sql: String, in db: Database) throws -> [String] {
        let steps = try db.fetchAll("EXPLAIN QUERY PLAN " + sql) { $0.string(3) }
        XCTAssertFalse(steps.isEmpty, sql)
        return steps.filter { step in
            if step.contains("USE TEMP B-TREE") || step.contains("LIST SUBQUERY") { return true }
            // `SCAN x USING INDEX` walks an index in order and stops at the LIMIT; a bare `SCAN x`
            // (or one USING PRIMARY KEY's whole table) reads every row.
            guard step.hasPrefix("SCAN "), !step.contains("USING INDEX"), !step.contains("USING COVERING INDEX") else {
                return false
            }
            return ["t", "tickets", "m", "messages", "audit_log"].contains(step.split(separator: " ")[1])
        }
    }

    /// Runs `body` on a fresh connection and checks the plan of every statement it prepared that
    /// reads a watched table. Returns how many were checked.
    @discardableResult
    func checkPlans(_ f: Fixture, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                    _ body: (Workspace) throws -> Void) throws -> Int {
        let ws = try f.workspace()
        let before = Set(ws.database.preparedSQL)
        try body(ws)
        let queries = ws.database.preparedSQL.filter { sql in
            !before.contains(sql) && sql.hasPrefix("SELECT")
                && Self.watchedTables.contains { sql.contains("FROM \($0)") || sql.contains("JOIN \($0)") }
        }
        XCTAssertFalse(queries.isEmpty, "\(what) ran no query on a watched table", file: file, line: line)
        for sql in queries {
            let bad = try badSteps(sql, in: ws.database)
            XCTAssertEqual(bad, [], "\(what):\n\(sql)", file: file, line: line)
        }
        return queries.count
    }

    func demo() throws -> Fixture {
        let f = Fixture()
        _ = try f.demo(people: 30, tickets: 300)
        return f
    }

    func pages(_ filter: TicketFilter, _ ws: Workspace) throws {
        let first = try ws.tickets.page(filter, limit: 10)
        _ = try ws.tickets.page(filter, from: .end, limit: 10)
        if let last = first.last {
            let cursor = QueueCursor(priority: last.priority.rawValue, createdAt: last.createdAt, id: last.id)
            _ = try ws.tickets.page(filter, from: .after(cursor, inclusive: false), limit: 10)
            _ = try ws.tickets.page(filter, from: .after(cursor, inclusive: true), limit: 10)
            _ = try ws.tickets.page(filter, from: .before(cursor), limit: 10)
            _ = try ws.tickets.position(of: cursor, in: filter)
        }
        _ = try ws.tickets.count(filter)
    }

    func testTheQueueQueriesUseIndexes() throws {
        let f = try demo()
        let someone = try XCTUnwrap(try f.workspace().tickets.page(TicketFilter(statuses: .all), limit: 50)
            .compactMap(\.assigneeLogin).first)
        let filters: [(String, TicketFilter)] = [
            ("working queue", .activeQueue),
            ("all tickets", TicketFilter(statuses: .all)),
            ("one status", TicketFilter(statuses: .only([.pending]))),
            ("by assignee", TicketFilter(assignee: .login(someone))),
            ("all by assignee", TicketFilter(statuses: .all, assignee: .login(someone))),
            ("unassigned", TicketFilter(assignee: .unassigned)),
        ]
        for (name, filter) in filters {
            try checkPlans(f, name) { try pages(filter, $0) }
        }
    }

    /// Pages from the start, the end and a cursor both ways, the count and a position, in the
    /// filter's own sort.
    func sortedPages(_ filter: TicketFilter, _ ws: Workspace) throws {
        let first = try ws.tickets.page(filter, limit: 10)
        _ = try ws.tickets.page(filter, from: .end, limit: 10)
        if let last = first.last {
            let cursor = ws.tickets.cursor(for: last, in: filter)
            _ = try ws.tickets.page(filter, from: .after(cursor, inclusive: false), limit: 10)
            _ = try ws.tickets.page(filter, from: .before(cursor), limit: 10)
            _ = try ws.tickets.position(of: cursor, in: filter)
        }
        _ = try ws.tickets.count(filter)
    }

    func testEveryViewAndTheAgeOrderOfTheQueueUseIndexes() throws {
        let f = try demo()
        let ws = try f.workspace()
        for ticket in try ws.tickets.page(.activeQueue, limit: 5) { try ws.tickets.setStatus(id: ticket.id, .solved) }
        let tag = try XCTUnwrap(try ws.tags.counts().first?.tag.qualifiedName)
        for view in TicketView.bar + [.byTag(tag)] {
            try checkPlans(f, view.name) { try sortedPages($0.tickets.filter(for: view), $0) }
        }
        try checkPlans(f, "working queue, oldest first") { try sortedPages(TicketFilter(sort: .age), $0) }
        try checkPlans(f, "everything, oldest first") { try sortedPages(TicketFilter(statuses: .all, sort: .age), $0) }
        try checkPlans(f, "view counts") { _ = try $0.tickets.viewCounts(tag: tag) }
    }

    /// The first-response order merges index walks: nothing is sorted but a page, for the
    /// working queue, every ticket, a person's and a tag's.
    func testTheDueOrderWalksIndexes() throws {
        let f = try demo()
        let ws = try f.workspace()
        for ticket in try ws.tickets.page(.activeQueue, limit: 8) { try ws.tickets.reply(id: ticket.id, body: "On it") }
        let tag = try XCTUnwrap(try ws.tags.counts().first?.tag.qualifiedName)
        let someone = try XCTUnwrap(try ws.tickets.page(TicketFilter(statuses: .all), limit: 50).compactMap(\.assigneeLogin).first)
        for filter in [TicketFilter(sort: .firstResponseDue), TicketFilter(statuses: .all, sort: .firstResponseDue),
                       TicketFilter(tag: tag, sort: .firstResponseDue),
                       TicketFilter(assignee: .login(someone), sort: .firstResponseDue)] {
            try checkPlans(f, "due order \(filter.statuses)") { try sortedPages(filter, $0) }
        }
    }

    func testTheTagFilterUsesIndexesAndNoListSubquery() throws {
        let f = try demo()
        let tag = try XCTUnwrap(try f.workspace().tags.counts().first?.tag.qualifiedName)
        try checkPlans(f, "tag filter") { try pages(TicketFilter(tag: tag), $0) }
        try checkPlans(f, "tag filter, all") { try pages(TicketFilter(statuses: .all, tag: tag), $0) }
    }

    func testTheAuditQueriesUseIndexes() throws {
        let f = try demo()
        try checkPlans(f, "audit by entity") { _ = try $0.audit.entries(entity: "ticket") }
        try checkPlans(f, "audit by entity and id") { _ = try $0.audit.entries(entity: "ticket", id: "1") }
        // Newest first over the whole log walks the rowid backwards and stops at the limit.
        let ws = try f.workspace()
        _ = try ws.audit.entries()
        let sql = try XCTUnwrap(ws.database.preparedSQL.first { $0.contains("FROM audit_log") && !$0.contains("WHERE") })
        let steps = try ws.database.fetchAll("EXPLAIN QUERY PLAN " + sql) { $0.string(3) }
        XCTAssertEqual(steps, ["SCAN audit_log"], sql)
    }

    func testLookupsByRequesterAndAuthorUseIndexes() throws {
        let f = try demo()
        let db = try f.database()
        for sql in ["SELECT id FROM tickets WHERE requester_id = ?",
                    "SELECT id FROM messages WHERE author_person_id = ?"] {
            XCTAssertEqual(try badSteps(sql, in: db), [], sql)
            let steps = try db.fetchAll("EXPLAIN QUERY PLAN " + sql) { $0.string(3) }
            XCTAssertTrue(steps.contains { $0.hasPrefix("SEARCH") }, "\(sql): \(steps)")
        }
    }

    // MARK: - The active status set

    func testTheActiveStatusListIsThePartialIndexsWhereClause() throws {
        let f = Fixture()
        let db = try f.database()
        let index = try XCTUnwrap(try db.fetchOne(
            "SELECT sql FROM sqlite_master WHERE name = 'tickets_active_queue'") { $0.string(0) })
        let whereClause = try XCTUnwrap(index.range(of: "WHERE ")).upperBound
        XCTAssertEqual(String(index[whereClause...]).trimmingCharacters(in: .whitespacesAndNewlines),
                       "status IN " + TicketStatus.activeSQLList)
        XCTAssertEqual(TicketStatus.activeSQLList, "('new', 'open', 'pending')")
    }
}
