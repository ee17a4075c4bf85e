import Foundation
import Storage

/// What happens to one ticket someone holds when their shift ends.
public struct Handoff: Sendable, Equatable {
    /// Who gets the ticket; nil releases it to the queue, unassigned.
    public var to: String?
    /// Added to the internal note left on the ticket (a hand-off always leaves one; a release
    /// only when there is something to say).
    public var note: String

    public init(to: String?, note: String = "") {
        self.to = to
        self.note = note
    }

    public static let release = Handoff(to: nil)

    public static func handTo(_ login: String, note: String = "") -> Handoff { Handoff(to: login, note: note) }
}

/// What ending a shift did.
public struct ShiftEnd: Sendable, Equatable {
    /// The shifts the person left (usually one).
    public var shiftIDs: [Int] = []
    /// Tickets put back in the queue.
    public var released: [Int] = []
    /// Tickets handed on, with the login that now holds each.
    public var handedOff: [HandedOff] = []

    public struct HandedOff: Sendable, Equatable {
        public var ticketID: Int
        public var to: String

        public init(ticketID: Int, to: String) {
            self.ticketID = ticketID
            self.to = to
        }
    }
}

extension ShiftService {
    /// The active tickets (new, open, pending) the actor holds, in queue order: what a hand-off
    /// has to deal with.
    public func myOpenTickets() throws -> [Ticket] {
        try context.check(.viewTickets)
        return try context.read { db in try Self.openTickets(of: context.actor.person.id, in: db) }
    }

    static func openTickets(of personID: Int, in db: Database) throws -> [Ticket] {
        var tickets = try db.fetchAll(TicketService.listColumns() + """

            WHERE t.assignee_id = ? AND t.status IN \(TicketStatus.activeSQLList)
            ORDER BY t.priority, t.created_at, t.id
            """, personID, transform: TicketService.ticket)
        try TicketService.attachTags(to: &tickets, in: db)
        return tickets
    }

    /// Who can take over the actor's tickets: the people on shift when the actor's shift ends
    /// (now, if they are not on one), or failing that those of the next shift to start, by
    /// login, never the actor.
    public func handoffCandidates() throws -> [Person] {
        try context.check(.viewPeople)
        return try context.read { db in
            let me = context.actor.person.id
            var at = context.now
            if case .onShift(_, let until) = try ShiftRules.standing(personID: me, at: at, in: db) { at = until }
            let sql = """
                SELECT \(ShiftRules.personColumns) FROM people p WHERE p.active = 1 AND p.id <> ? AND EXISTS (
                    SELECT 1 FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                    WHERE a.person_id = p.id AND a.ended_at IS NULL AND s.starts_at <= ? AND ? < s.ends_at)
                ORDER BY p.login
                """
            let onAt = try db.fetchAll(sql, me, at, at, transform: PeopleService.person)
            if !onAt.isEmpty { return onAt }
            guard let next = try db.fetchOne(
                "SELECT min(starts_at) FROM shifts WHERE starts_at > ?", at,
                transform: { $0.isNull(0) ? nil : $0.int64(0) }) ?? nil else { return [] }
            return try db.fetchAll(sql, me, next, next, transform: PeopleService.person)
        }
    }

    /// Ends the actor's shift now and, in the same transaction, deals with every active ticket
    /// they hold: as `handoffs` says for its ticket, else as `otherwise` (back to the queue by
    /// default, so a ticket that reached them after the console asked is not stranded).
    /// Entries for tickets they no longer hold are ignored.
    ///
    /// Handing a ticket to someone leaves an internal note saying so (with the hand-off's note)
    /// and needs no right to assign others: passing on one's own work at shift end is part of
    /// the shift. A shift that has just run out (within `handoffGraceSeconds`) still hands its
    /// tickets on: that is the console asking when the clock passes the shift's end. Refused
    /// otherwise off shift, or when a hand-off names the actor or nobody active. Audited: the shift's end, and each ticket's new holder.
    @discardableResult
    public func end(handoffs: [Int: Handoff] = [:], otherwise: Handoff = .release) throws -> ShiftEnd {
        try context.check(.updateTicket)
        let me = context.actor.person
        return try context.write { db in
            let now = context.now
            let onShift = try ShiftRules.standing(personID: me.id, at: now, in: db).isOnShift
            let justEnded = try db.fetchInt("""
                SELECT EXISTS (SELECT 1 FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                               WHERE a.person_id = ? AND s.ends_at <= ? AND s.ends_at > ?)
                """, me.id, now, now - Self.handoffGraceSeconds) == 1
            guard onShift || justEnded else {
                throw AllHandsError.notAllowed("you are not on shift now, so there is no shift to end; "
                    + "release or assign your tickets one by one instead")
            }
            var result = ShiftEnd()
            result.shiftIDs = try db.fetchAll("""
                SELECT s.id FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                WHERE a.person_id = ? AND a.ended_at IS NULL AND s.starts_at <= ? AND ? < s.ends_at ORDER BY s.id
                """, me.id, now, now) { $0.int(0) }
            for shift in result.shiftIDs {
                try db.execute("UPDATE shift_assignments SET ended_at = ? WHERE shift_id = ? AND person_id = ?",
                               now, shift, me.id)
                try context.audit("shift.end", entity: "shift", id: shift,
                                  after: ["person": me.login, "ended_at": Timestamp.iso8601(now)])
            }
            var people: [String: Person] = [:]
            for ticket in try Self.openTickets(of: me.id, in: db) {
                let handoff = handoffs[ticket.id] ?? otherwise
                var target: Person?
                if let login = handoff.to {
                    guard login != me.login else {
                        throw AllHandsError.invalid("ticket #\(ticket.id): hand it to someone else, or release it to the queue")
                    }
                    if people[login] == nil { people[login] = try Self.activePerson(login, in: db) }
                    target = people[login]
                }
                try hand(ticket, from: me, to: target, note: handoff.note, now: now, in: db)
                if let target {
                    result.handedOff.append(.init(ticketID: ticket.id, to: target.login))
                } else {
                    result.released.append(ticket.id)
                }
            }
            return result
        }
    }

    /// How long after a shift ran out its holder may still hand its tickets on.
    public static let handoffGraceSeconds: Int64 = 12 * 3_600

    /// Moves one ticket from `from` to `to` (nil: the queue) with its note and audit entry.
    private func hand(_ ticket: Ticket, from me: Person, to target: Person?, note: String, now: Int64,
                      in db: Database) throws {
        try db.execute("""
            UPDATE tickets SET assignee_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND assignee_id = ?
            """, target?.id, now, ticket.id, me.id)
        let extra = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let body: String? = target.map { "Handed off at shift end by \(me.login) to \($0.login)." }
            ?? (extra.isEmpty ? nil : "Released to the queue at shift end by \(me.login).")
        if let body {
            try InternalNote.add(ticketID: ticket.id, body: body + (extra.isEmpty ? "" : "\n\n" + extra),
                                 by: me.id, at: now, in: db)
        }
        try context.audit("ticket.handoff", entity: "ticket", id: ticket.id,
                          before: ["assignee": me.login], after: ["assignee": target?.login])
    }
}
