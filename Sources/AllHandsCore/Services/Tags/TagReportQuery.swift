import Storage

extension TagService {
    /// Counts and trends per tag over `[from, to)`: open now, times put on a ticket in the period
    /// and in the period of the same length before it, and tickets created in the period that
    /// carry it (against all created in it).
    public func report(from: Int64, to: Int64) throws -> TagReport {
        try context.check(.viewTickets)
        guard from < to else { throw AllHandsError.invalid("the period's end must come after its start") }
        let before = from - (to - from)
        return try context.read { db in
            let open = try LiveCounts.maintained(in: db)
            var added: [Int: Int] = [:], previous: [Int: Int] = [:], tickets: [Int: Int] = [:]
            try db.forEachRow("""
                SELECT tag_id, at >= ?2, count(*) FROM tag_events INDEXED BY tag_events_at
                WHERE at >= ?1 AND at < ?3 AND added = 1 GROUP BY tag_id, at >= ?2
                """, before, from, to) { row in
                if row.int(1) == 1 { added[row.int(0)] = row.int(2) } else { previous[row.int(0)] = row.int(2) }
            }
            try db.forEachRow("""
                SELECT tt.tag_id, count(*) FROM tickets t INDEXED BY tickets_created
                CROSS JOIN ticket_tags tt ON tt.ticket_id = t.id
                WHERE t.created_at >= ? AND t.created_at < ? GROUP BY tt.tag_id
                """, from, to) { tickets[$0.int(0)] = $0.int(1) }
            let created = try db.fetchInt("""
                SELECT count(*) FROM tickets INDEXED BY tickets_created WHERE created_at >= ? AND created_at < ?
                """, from, to) ?? 0
            let rows = try Self.all(in: db).compactMap { tag -> TagReport.Row? in
                let row = TagReport.Row(tag: tag, open: open[tag.id] ?? 0, added: added[tag.id] ?? 0,
                                        previous: previous[tag.id] ?? 0, tickets: tickets[tag.id] ?? 0)
                return row.open == 0 && row.added == 0 && row.previous == 0 && row.tickets == 0 ? nil : row
            }
            return TagReport(from: from, to: to, ticketsCreated: created,
                             rows: ordered(rows, tag: \.tag, value: \.added))
        }
    }
}
