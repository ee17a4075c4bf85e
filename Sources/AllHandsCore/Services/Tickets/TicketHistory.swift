import Storage

extension TicketService {
    /// Who changed what on the ticket and when, oldest first: its creation, claims, status,
    /// priority and assignee changes, messages sent and tags, each with what it was before and
    /// after. Anyone who may view tickets may read a ticket's history (it is part of the ticket,
    /// as a helpdesk's event log is); the whole audit log still needs the right to view it.
    public func history(id: Int) throws -> [AuditEntry] {
        try context.check(.viewTickets)
        return try context.read { db in
            _ = try Self.find(id: id, in: db)
            return try db.fetchAll("""
                SELECT \(AuditLog.columns) FROM audit_log WHERE entity = 'ticket' AND entity_id = ? ORDER BY id
                """, String(id), transform: AuditLog.entry)
        }
    }
}
