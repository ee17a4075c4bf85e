import Foundation
import Storage

/// The rules the rota puts on work, as queries inside the caller's transaction: who is on
/// shift at an instant, when someone's next shift starts, and whether they may answer
/// customers now.
enum ShiftRules {
    /// On shift at `instant`: seated in a shift that contains it (listening is not working the
    /// queue) and not ended early.
    static func standing(personID: Int, at instant: Int64, in db: Database) throws -> ShiftStanding {
        if let row = try db.fetchOne("""
            SELECT s.id, s.ends_at FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
            WHERE a.person_id = ? AND s.starts_at <= ? AND ? < s.ends_at AND a.ended_at IS NULL AND a.role <> 'listener'
            ORDER BY s.ends_at DESC LIMIT 1
            """, personID, instant, instant, transform: { ($0.int(0), $0.int64(1)) }) {
            return .onShift(shiftID: row.0, until: row.1)
        }
        return .offShift(nextStart: try nextStart(personID: personID, after: instant, in: db))
    }

    /// When the person's next shift starts after `instant`, if one is planned.
    static func nextStart(personID: Int, after instant: Int64, in db: Database) throws -> Int64? {
        try db.fetchOne("""
            SELECT min(s.starts_at) FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
            WHERE a.person_id = ? AND s.starts_at > ?
            """, personID, instant, transform: { $0.isNull(0) ? nil : $0.int64(0) }) ?? nil
    }

    /// Logins on shift at `instant`, by login.
    static func onShift(at instant: Int64, in db: Database) throws -> [String] {
        try db.fetchAll("""
            SELECT DISTINCT p.login FROM shifts s JOIN shift_assignments a ON a.shift_id = s.id
            JOIN people p ON p.id = a.person_id
            WHERE s.starts_at <= ? AND ? < s.ends_at AND a.ended_at IS NULL AND a.role <> 'listener' AND p.active = 1
            ORDER BY p.login
            """, instant, instant) { $0.string(0) }
    }

    /// Replying to customers is for people on shift now, or whose role may reply any time.
    /// The refusal says when the person's next shift starts.
    static func checkMayReply(_ actor: Person, at instant: Int64, in db: Database) throws {
        if Permissions.allows(actor.role, .replyAnyTime) { return }
        switch try standing(personID: actor.id, at: instant, in: db) {
        case .onShift: return
        case .offShift(let next):
            let when = next.map { "your next shift starts \(Timestamp.localWithZone($0, timeZone: TimeZone(identifier: actor.timeZone) ?? .gmt))" }
                ?? "you have no shift planned"
            throw AllHandsError.notAllowed(
                "replying to customers is for people on shift (or support, leads and admins); \(when). "
                    + "You can still read, note and tag")
        }
    }
}

extension ShiftRules {
    /// The people table's columns as `PeopleService.person` reads them, for a query on `people p`.
    static let personColumns = PeopleService.columns.split(separator: ",")
        .map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    /// Round-robin: of the people on shift at `instant`, the one holding the fewest active
    /// tickets (ties by login), or nil when nobody is on shift.
    static func roundRobinAssignee(at instant: Int64, in db: Database) throws -> Person? {
        try db.fetchOne("""
            SELECT \(PeopleService.columns) FROM people WHERE id = (
                SELECT p.id FROM people p
                WHERE p.active = 1 AND EXISTS (
                    SELECT 1 FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                    WHERE a.person_id = p.id AND s.starts_at <= ? AND ? < s.ends_at AND a.ended_at IS NULL AND a.role <> 'listener')
                ORDER BY (SELECT count(*) FROM tickets t WHERE t.assignee_id = p.id
                          AND t.status IN \(TicketStatus.activeSQLList)), p.login
                LIMIT 1)
            """, instant, instant, transform: PeopleService.person)
    }
}

extension ShiftRules {
    /// Who a ticket created now goes to: with the config's `queue.roundRobin` on, the
    /// least-loaded person on shift; otherwise, or with nobody on shift, nobody (it waits in the
    /// queue). Ticket creation calls this inside its transaction.
    static func newTicketAssignee(config: Configuration, at instant: Int64, in db: Database) throws -> Person? {
        guard config.queue.roundRobin else { return nil }
        return try roundRobinAssignee(at: instant, in: db)
    }
}
