import Storage

extension Presence {
    /// How long a heartbeat counts: someone not seen for this long has gone.
    public static let expirySeconds: Int64 = 30
    /// How long a heartbeat waits for another process's write before it is skipped.
    static let waitMilliseconds: Int32 = 50
}

/// Who else is looking at or answering a ticket right now, from heartbeats that expire after
/// `Presence.expirySeconds`, as Zendesk and Help Scout show it. A console beats while a ticket
/// is open (viewing) or being answered (composing) and leaves when it closes.
///
/// Heartbeats record no change to anything, only that someone is looking: they are not
/// audited, and so they never end a demo database's demo state (that happens in
/// `ServiceContext.audit`, which this service never calls).
public struct PresenceService {
    let context: ServiceContext

    /// Records that the actor is on ticket `ticketID` now, and sweeps expired heartbeats.
    /// Best effort: while another process holds the write lock the beat is skipped after a
    /// moment rather than holding up the screen (the next one comes seconds later).
    public func heartbeat(ticketID: Int, activity: Presence.Activity) throws {
        try context.check(.viewTickets)
        let now = context.now
        try bestEffort { db in
            guard try db.fetchInt("SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?)", ticketID) == 1 else {
                throw AllHandsError.notFound(what: "ticket #\(ticketID)")
            }
            try db.execute("DELETE FROM presence WHERE seen_at < ?", now - Presence.expirySeconds)
            try db.execute("""
                INSERT INTO presence (ticket_id, person_id, activity, seen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (ticket_id, person_id) DO UPDATE SET activity = excluded.activity, seen_at = excluded.seen_at
                """, ticketID, context.actor.person.id, activity.rawValue, now)
        }
    }

    /// The actor is no longer on ticket `ticketID`.
    public func leave(ticketID: Int) throws {
        try context.check(.viewTickets)
        try bestEffort { db in
            try db.execute("DELETE FROM presence WHERE ticket_id = ? AND person_id = ?", ticketID, context.actor.person.id)
        }
    }

    /// A write that waits only briefly for another process and is dropped when busy.
    private func bestEffort(_ body: (Database) throws -> Void) throws {
        do {
            try context.db.withBusyTimeout(milliseconds: Presence.waitMilliseconds) {
                try context.write(body)
            }
        } catch AllHandsError.database(let error) where error.kind == .busy {
            return
        }
    }

    /// Others on ticket `id` now, by login; never the actor.
    public func others(onTicket id: Int) throws -> [Presence] {
        try others(onTickets: [id])[id] ?? []
    }

    /// Others on each of `ids` now (a queue page), by login; tickets nobody else is on are absent.
    public func others(onTickets ids: [Int]) throws -> [Int: [Presence]] {
        try context.check(.viewTickets)
        return try context.read { db in
            try Self.others(onTickets: ids, excluding: context.actor.person.id, at: context.now, in: db)
        }
    }

    /// One query for the whole list, each ticket looked up by primary key.
    static func others(onTickets ids: [Int], excluding personID: Int, at now: Int64,
                       in db: Database) throws -> [Int: [Presence]] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var result: [Int: [Presence]] = [:]
        try db.forEachRow("""
            SELECT pr.ticket_id, p.login, pr.activity, pr.seen_at
            FROM (SELECT DISTINCT value FROM json_each(?)) list CROSS JOIN presence pr ON pr.ticket_id = list.value
            JOIN people p ON p.id = pr.person_id
            WHERE pr.person_id <> ? AND pr.seen_at >= ? ORDER BY pr.ticket_id, p.login
            """, list, personID, now - Presence.expirySeconds) { row in
            result[row.int(0), default: []].append(Presence(
                ticketID: row.int(0), login: row.string(1),
                activity: Presence.Activity(rawValue: row.string(2)) ?? .viewing, seenAt: row.int64(3)))
        }
        return result
    }
}
