import Foundation
import Storage

/// A marked requester as leads review them: the boundary, how to reach them, and how many of
/// their tickets are still open.
public struct MarkedRequester: Sendable, Equatable {
    public var boundary: Boundary
    public var email: String
    public var openTickets: Int

    public init(boundary: Boundary, email: String, openTickets: Int) {
        self.boundary = boundary
        self.email = email
        self.openTickets = openTickets
    }
}

/// Boundaries with abusive requesters: anyone who works tickets may mark a requester's conduct
/// with a reason, and every ticket of theirs shows it; support, leads and admins
/// (`reviewBoundaries`) review the list and clear a mark. The canned reply that goes with it
/// is the config's macro named `replyMacro`.
public struct BoundaryService {
    let context: ServiceContext

    /// The macro that answers a marked requester.
    public static let replyMacro = "boundary"

    /// Marks the requester of ticket `ticketID`.
    @discardableResult
    public func mark(ticketID: Int, reason: String) throws -> Boundary {
        try context.check(.updateTicket)
        let reason = try FieldLimits.required(reason, "a reason", limit: FieldLimits.reason)
        return try context.write { db in
            try mark(customerID: try TicketService.find(id: ticketID, in: db).requesterID, reason: reason, in: db)
        }
    }

    /// Marks customer `customerID`; marking again replaces the reason (audited before and after).
    @discardableResult
    public func mark(customerID: Int, reason: String) throws -> Boundary {
        try context.check(.updateTicket)
        let reason = try FieldLimits.required(reason, "a reason", limit: FieldLimits.reason)
        return try context.write { db in try mark(customerID: customerID, reason: reason, in: db) }
    }

    private func mark(customerID: Int, reason: String, in db: Database) throws -> Boundary {
        guard let name = try db.fetchOne("SELECT name FROM customers WHERE id = ?", customerID, transform: { $0.string(0) }) else {
            throw AllHandsError.notFound(what: "customer #\(customerID)")
        }
        let before = try Self.forCustomer(customerID, in: db)
        if let before, before.reason == reason { return before }
        let me = context.actor.person
        try db.execute("""
            INSERT INTO boundaries (customer_id, reason, set_by, set_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at
            """, customerID, reason, me.id, context.now)
        let boundary = Boundary(customerID: customerID, customerName: name, reason: reason, setBy: me.login, setAt: context.now)
        try context.audit("boundary.mark", entity: "customer", id: customerID, before: before.map(Self.snapshot),
                          after: Self.snapshot(boundary))
        return boundary
    }

    /// Lifts the mark on customer `customerID`.
    public func clear(customerID: Int) throws {
        try context.check(.reviewBoundaries)
        try context.write { db in
            guard let before = try Self.forCustomer(customerID, in: db) else {
                throw AllHandsError.notFound(what: "a boundary on customer #\(customerID)")
            }
            try db.execute("DELETE FROM boundaries WHERE customer_id = ?", customerID)
            try context.audit("boundary.clear", entity: "customer", id: customerID, before: Self.snapshot(before))
        }
    }

    /// Every marked requester, most recently marked first.
    public func list() throws -> [MarkedRequester] {
        try context.check(.reviewBoundaries)
        return try context.read { db in
            try db.fetchAll(Self.select + """
                    , c.email, (SELECT count(*) FROM tickets t WHERE t.requester_id = b.customer_id
                           AND t.status IN \(TicketStatus.activeSQLList))
                FROM boundaries b JOIN customers c ON c.id = b.customer_id JOIN people p ON p.id = b.set_by
                ORDER BY b.set_at DESC, b.customer_id
                """) { row in
                MarkedRequester(boundary: Self.boundary(row), email: row.string(5), openTickets: row.int(6))
            }
        }
    }

    /// The boundary on a customer, if any.
    public func forCustomer(_ id: Int) throws -> Boundary? {
        try context.check(.viewTickets)
        return try context.read { db in try Self.forCustomer(id, in: db) }
    }

    /// Which of `customerIDs` are marked: for a queue page to flag their tickets.
    public func marked(customerIDs: [Int]) throws -> Set<Int> {
        try context.check(.viewTickets)
        return try context.read { db in try Self.marked(customerIDs: customerIDs, in: db) }
    }

    public static func forCustomer(_ id: Int, in db: Database) throws -> Boundary? {
        try db.fetchOne(select + """
            FROM boundaries b JOIN customers c ON c.id = b.customer_id JOIN people p ON p.id = b.set_by
            WHERE b.customer_id = ?
            """, id, transform: boundary)
    }

    /// Looks each id up by primary key: one query for a whole page.
    public static func marked(customerIDs: [Int], in db: Database) throws -> Set<Int> {
        guard !customerIDs.isEmpty else { return [] }
        let ids = "[" + customerIDs.map(String.init).joined(separator: ",") + "]"
        return Set(try db.fetchAll("""
            SELECT DISTINCT b.customer_id FROM json_each(?) list CROSS JOIN boundaries b ON b.customer_id = list.value
            """, ids) { $0.int(0) })
    }

    static let select = "SELECT b.customer_id, c.name, b.reason, p.login, b.set_at\n"

    static func boundary(_ row: Row) -> Boundary {
        Boundary(customerID: row.int(0), customerName: row.string(1), reason: row.string(2), setBy: row.string(3),
                 setAt: row.int64(4))
    }

    static func snapshot(_ b: Boundary) -> [String: String?] {
        ["reason": b.reason, "set_by": b.setBy]
    }
}
