import Storage

/// An internal note the system writes on a ticket on someone's behalf (a hand-off at shift
/// end, a decision on a goodwill gesture), inside the caller's transaction. The ticket's
/// version moves, as with any note, so a composer open on it notices; the full-text index
/// follows the message by trigger. A closed ticket is final: nothing is written on it.
enum InternalNote {
    static func add(ticketID: Int, body: String, by personID: Int, at now: Int64, in db: Database) throws {
        guard try db.fetchOne("SELECT status FROM tickets WHERE id = ?", ticketID, transform: { $0.string(0) }) != TicketStatus.closed.rawValue
        else { return }
        _ = try TicketService.insertMessage(ticketID: ticketID, kind: .note, personID: personID, customerID: nil,
                                            author: "", body: body, at: now, in: db)
        try db.execute("UPDATE tickets SET updated_at = ?, version = version + 1 WHERE id = ?", now, ticketID)
    }
}
