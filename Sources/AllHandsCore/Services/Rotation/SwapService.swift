import Foundation
import Storage

/// Swaps: someone offers their seat in a shift (to a named person or to anyone), another takes
/// it, and — when the policy (`rotation.swapsNeedApproval`) asks — a lead approves before the
/// seat moves. One's own offers and takes need `takeShifts`; doing it for someone else, and
/// approving or declining, needs `manageShifts`. A take that would break a hard rule is refused
/// with the rule's reason (`RotationConstraintCheck`), both when taken and when approved.
///
/// Every change is a compare-and-set on the swap's state and `version`: of two people taking
/// one offer at once, the second is told who took it first and nothing is written. An offer
/// still open or taken when its shift starts reads as `expired` (computed on read; reads never
/// write) and is stored as expired by the next swap change.
public struct SwapService {
    let context: ServiceContext

    // MARK: - Reading

    /// Offers still live (open or taken, shift not started), or with `all` every swap; oldest first.
    public func list(all: Bool = false) throws -> [SwapRequest] {
        try context.check(.viewPeople)
        let now = context.now
        return try context.read { db in
            try db.fetchAll(Self.select + (all ? "" : " WHERE w.state IN ('open', 'taken') AND s.starts_at > ?")
                            + " ORDER BY w.id", arguments: all ? [] : [now]) { Self.stored($0, now: now).swap }
        }
    }

    public func find(id: Int) throws -> SwapRequest {
        try context.check(.viewPeople)
        return try context.read { db in try Self.load(id, now: context.now, in: db).swap }
    }

    // MARK: - Changing

    /// Offers `login`'s (the actor's when nil) seat in shift `shiftID` to `to`, or to anyone.
    /// Refused: a shift that has started, someone not in it, a seat already on offer, and an
    /// offer to a person who could not take it (the hard rules, checked now and again on take).
    @discardableResult
    public func offer(shiftID: Int, from login: String? = nil, to: String? = nil, note: String = "") throws -> SwapRequest {
        let me = context.actor.person
        try context.check(Permissions.rotationAction(subject: login ?? me.login, actor: me.login))
        let note = try FieldLimits.optional(note, "note", limit: FieldLimits.swapNote)
        let now = context.now
        return try context.write { db in
            try expireStarted(in: db)
            let from = try ShiftService.activePerson(login ?? me.login, in: db)
            let shift = try ShiftService.find(id: shiftID, in: db)
            guard shift.startsAt > now else {
                throw AllHandsError.notAllowed("shift #\(shiftID) has already started; it can no longer be swapped")
            }
            guard let seat = shift.assignments.first(where: { $0.login == from.login }) else {
                throw AllHandsError.invalid("\(from.login) is not in shift #\(shiftID)")
            }
            if let live = try db.fetchInt("""
                SELECT id FROM swaps WHERE shift_id = ? AND from_person = ? AND state IN ('open', 'taken')
                """, shiftID, from.id) {
                throw AllHandsError.invalid("\(from.login)'s seat in shift #\(shiftID) is already on offer (swap #\(live))")
            }
            var target: Person?
            if let to {
                let person = try ShiftService.activePerson(to, in: db)
                guard person.id != from.id else { throw AllHandsError.invalid("a shift cannot be offered to its own holder") }
                try RotationConstraintCheck.check(person, inShift: shiftID, as: seat.role, replacing: from,
                                                  config: context.config, now: now, db: db)
                target = person
            }
            try db.execute("""
                INSERT INTO swaps (shift_id, from_person, to_person, state, note, created_at, updated_at)
                VALUES (?, ?, ?, 'open', ?, ?, ?)
                """, shiftID, from.id, target?.id, note, now, now)
            let swap = SwapRequest(id: Int(db.lastInsertRowID), shiftID: shiftID, from: from.login, to: target?.login,
                                   note: note, createdAt: now)
            try context.audit("swap.offer", entity: "swap", id: swap.id, after: [
                "shift": "#\(shiftID)", "from": from.login, "to": target?.login, "note": note, "state": SwapState.open.rawValue,
            ])
            return swap
        }
    }

    /// `login` (the actor when nil) takes open offer `id`: an offer to a named person only they
    /// may take. Without approval in the policy the seat moves at once (`approved`); with it the
    /// swap waits for a lead (`taken`). `expectedVersion`: the version the taker saw, if any.
    @discardableResult
    public func take(id: Int, as login: String? = nil, expectedVersion: Int? = nil) throws -> SwapRequest {
        let me = context.actor.person
        try context.check(Permissions.rotationAction(subject: login ?? me.login, actor: me.login))
        return try change(id, expectedVersion: expectedVersion, from: [.open]) { db, stored in
            var swap = stored.swap
            let taker = try ShiftService.activePerson(login ?? me.login, in: db)
            guard taker.id != stored.fromID else {
                throw AllHandsError.invalid("swap #\(id) is \(taker.login)'s own offer; withdraw it instead")
            }
            if let to = swap.to, to != taker.login {
                throw AllHandsError.notAllowed("swap #\(id) is offered to \(to); only they can take it")
            }
            try checkSeat(swap, taker: taker, fromID: stored.fromID, in: db)
            swap.takenBy = taker.login
            if context.config.rotation.swapsNeedApproval {
                swap.state = .taken
            } else {
                swap.state = .approved
                try moveSeat(swap, fromID: stored.fromID, to: taker, in: db)
            }
            return try save(swap, stored: stored, takenBy: taker.id, decidedBy: nil, action: "swap.take", in: db)
        }
    }

    /// A lead approves taken swap `id`: the hard rules are checked again and the seat moves.
    @discardableResult
    public func approve(id: Int, expectedVersion: Int? = nil) throws -> SwapRequest {
        try context.check(.manageShifts)
        let me = context.actor.person
        return try change(id, expectedVersion: expectedVersion, from: [.taken]) { db, stored in
            var swap = stored.swap
            guard let takerID = stored.takenByID, let taker = try Self.person(id: takerID, in: db) else {
                throw AllHandsError.invalid("internal: swap #\(id) is taken by nobody")
            }
            try checkSeat(swap, taker: taker, fromID: stored.fromID, in: db)
            swap.state = .approved
            swap.decidedBy = me.login
            try moveSeat(swap, fromID: stored.fromID, to: taker, in: db)
            return try save(swap, stored: stored, takenBy: takerID, decidedBy: me.id, action: "swap.approve", in: db)
        }
    }

    /// A lead declines swap `id`, open or taken: nobody's seat moves.
    @discardableResult
    public func decline(id: Int, expectedVersion: Int? = nil) throws -> SwapRequest {
        try context.check(.manageShifts)
        let me = context.actor.person
        return try change(id, expectedVersion: expectedVersion, from: [.open, .taken]) { db, stored in
            var swap = stored.swap
            swap.state = .declined
            swap.decidedBy = me.login
            return try save(swap, stored: stored, takenBy: stored.takenByID, decidedBy: me.id, action: "swap.decline", in: db)
        }
    }

    /// The person who offered swap `id` (or a lead) takes the offer back, open or taken.
    @discardableResult
    public func withdraw(id: Int, expectedVersion: Int? = nil) throws -> SwapRequest {
        let me = context.actor.person
        return try change(id, expectedVersion: expectedVersion, from: [.open, .taken]) { db, stored in
            try context.check(Permissions.rotationAction(subject: stored.swap.from, actor: me.login))
            var swap = stored.swap
            swap.state = .withdrawn
            swap.decidedBy = me.login
            return try save(swap, stored: stored, takenBy: stored.takenByID, decidedBy: me.id, action: "swap.withdraw", in: db)
        }
    }

    // MARK: - The one write path

    /// A swap as stored, with the ids a change needs.
    struct Stored {
        var swap: SwapRequest
        var fromID: Int
        var takenByID: Int?
    }

    /// Loads swap `id` in one write transaction (after storing the expiry of started ones),
    /// refuses it unless its state is one of `states` and its version is `expectedVersion`,
    /// then runs `body`.
    private func change(_ id: Int, expectedVersion: Int?, from states: Set<SwapState>,
                        _ body: (Database, Stored) throws -> SwapRequest) throws -> SwapRequest {
        try context.write { db in
            try expireStarted(in: db)
            let stored = try Self.load(id, now: context.now, in: db)
            let swap = stored.swap
            guard states.contains(swap.state) else { throw Self.refusal(swap, wanted: states) }
            if let expectedVersion, expectedVersion != swap.version {
                throw AllHandsError.conflict(what: "swap #\(id)", expected: expectedVersion, found: swap.version)
            }
            return try body(db, stored)
        }
    }

    /// Why a swap in another state than `wanted` cannot change: someone else got there first
    /// (a conflict: exit 75), it expired, or it is not yet where the change applies.
    static func refusal(_ swap: SwapRequest, wanted: Set<SwapState>) -> AllHandsError {
        let what = "swap #\(swap.id)"
        switch swap.state {
        case .expired:
            return .notAllowed("\(what) expired when shift #\(swap.shiftID) started; nothing was changed")
        case .open:
            return .notAllowed("\(what) has not been taken yet; there is nothing to approve")
        case .taken:
            return .alreadyDecided(what: what, outcome: "taken", by: swap.takenBy ?? "someone")
        case .approved:
            return swap.decidedBy.map { .alreadyDecided(what: what, outcome: "approved", by: $0) }
                ?? .alreadyDecided(what: what, outcome: "taken", by: swap.takenBy ?? "someone")
        case .declined, .withdrawn:
            return .alreadyDecided(what: what, outcome: swap.state.rawValue, by: swap.decidedBy ?? swap.from)
        }
    }

    /// The offerer must still sit in the shift, and the taker must pass every hard rule in
    /// their seat.
    private func checkSeat(_ swap: SwapRequest, taker: Person, fromID: Int, in db: Database) throws {
        guard let role = try Self.seatRole(shiftID: swap.shiftID, personID: fromID, in: db),
              let from = try Self.person(id: fromID, in: db) else {
            throw AllHandsError.invalid("\(swap.from) is no longer in shift #\(swap.shiftID); swap #\(swap.id) cannot happen")
        }
        try RotationConstraintCheck.check(taker, inShift: swap.shiftID, as: role, replacing: from,
                                          config: context.config, now: context.now, db: db)
    }

    /// Moves the offerer's seat to `taker`: same role, source `swap`; a newcomer's pairing goes
    /// with the seat, and those paired with the offerer are paired with the taker when the
    /// taker can be a buddy (else left for the rebalance to pair). Both are told.
    private func moveSeat(_ swap: SwapRequest, fromID: Int, to taker: Person, in db: Database) throws {
        let now = context.now
        guard let seat = try db.fetchOne("""
            SELECT role, paired_with FROM shift_assignments WHERE shift_id = ? AND person_id = ?
            """, swap.shiftID, fromID, transform: { (role: $0.string(0), pairedWith: $0.optionalInt(1)) }) else {
            throw AllHandsError.invalid("\(swap.from) is no longer in shift #\(swap.shiftID); swap #\(swap.id) cannot happen")
        }
        let buddy = RotationRules.canBuddy(taker.role)
        try db.execute("DELETE FROM shift_assignments WHERE shift_id = ? AND person_id = ?", swap.shiftID, fromID)
        try db.execute("""
            INSERT INTO shift_assignments (shift_id, person_id, created_at, role, source, paired_with)
            VALUES (?, ?, ?, ?, 'swap', ?)
            """, swap.shiftID, taker.id, now, seat.role, buddy ? nil : seat.pairedWith)
        try db.execute("UPDATE shift_assignments SET paired_with = ? WHERE shift_id = ? AND paired_with = ?",
                       buddy ? taker.id : nil, swap.shiftID, fromID)
        let start = try db.fetchOne("SELECT starts_at FROM shifts WHERE id = ?", swap.shiftID) { $0.int64(0) } ?? 0
        let when = Timestamp.localWithZone(start, timeZone: ShiftTime.companyZone(context.config))
        try RotationNotices.record(personIDs: [fromID, taker.id],
                                   summary: "Swap #\(swap.id): shift #\(swap.shiftID) (\(when)) moved from "
                                       + "\(swap.from) to \(taker.login)", at: now, in: db)
    }

    /// Writes the new state with compare-and-set on the version read, and audits it; returns
    /// the swap at its new version.
    private func save(_ swap: SwapRequest, stored: Stored, takenBy: Int?, decidedBy: Int?, action: String,
                      in db: Database) throws -> SwapRequest {
        try db.execute("""
            UPDATE swaps SET state = ?, taken_by = ?, decided_by = ?, updated_at = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, swap.state.rawValue, takenBy, decidedBy, context.now, swap.id, stored.swap.version)
        guard db.changes == 1 else {
            let found = try db.fetchInt("SELECT version FROM swaps WHERE id = ?", swap.id) ?? 0
            throw AllHandsError.conflict(what: "swap #\(swap.id)", expected: stored.swap.version, found: found)
        }
        var after: [String: String?] = ["state": swap.state.rawValue]
        if let takenBy = swap.takenBy { after["taken_by"] = takenBy }
        try context.audit(action, entity: "swap", id: swap.id,
                          before: ["shift": "#\(swap.shiftID)", "state": stored.swap.state.rawValue], after: after)
        var saved = swap
        saved.version = stored.swap.version + 1
        return saved
    }

    /// Stores as expired every open or taken swap whose shift has started, audited.
    private func expireStarted(in db: Database) throws {
        let now = context.now
        let started = try db.fetchAll("""
            SELECT w.id, w.shift_id, w.state FROM swaps w JOIN shifts s ON s.id = w.shift_id
            WHERE w.state IN ('open', 'taken') AND s.starts_at <= ? ORDER BY w.id
            """, now) { (id: $0.int(0), shiftID: $0.int(1), state: $0.string(2)) }
        for swap in started {
            try db.execute("""
                UPDATE swaps SET state = 'expired', updated_at = ?, version = version + 1 WHERE id = ?
                """, now, swap.id)
            try context.audit("swap.expire", entity: "swap", id: swap.id,
                              before: ["shift": "#\(swap.shiftID)", "state": swap.state],
                              after: ["state": SwapState.expired.rawValue])
        }
    }

    // MARK: - Queries

    static let select = """
        SELECT w.id, w.shift_id, f.login, t.login, k.login, w.state, w.note, d.login, w.created_at, w.version,
               s.starts_at, w.from_person, w.taken_by
        FROM swaps w JOIN shifts s ON s.id = w.shift_id JOIN people f ON f.id = w.from_person
        LEFT JOIN people t ON t.id = w.to_person LEFT JOIN people k ON k.id = w.taken_by
        LEFT JOIN people d ON d.id = w.decided_by
        """

    /// A row of `select`; open or taken with its shift started at `now` reads as expired.
    static func stored(_ row: Row, now: Int64) -> Stored {
        var state = SwapState(rawValue: row.string(5)) ?? .expired
        if !state.isFinished, row.int64(10) <= now { state = .expired }
        let swap = SwapRequest(id: row.int(0), shiftID: row.int(1), from: row.string(2), to: row.optionalString(3),
                               takenBy: row.optionalString(4), state: state, note: row.string(6),
                               decidedBy: row.optionalString(7), createdAt: row.int64(8), version: row.int(9))
        return Stored(swap: swap, fromID: row.int(11), takenByID: row.optionalInt(12))
    }

    static func load(_ id: Int, now: Int64, in db: Database) throws -> Stored {
        guard let stored = try db.fetchOne(select + " WHERE w.id = ?", id, transform: { stored($0, now: now) }) else {
            throw AllHandsError.notFound(what: "swap #\(id)")
        }
        return stored
    }

    static func person(id: Int, in db: Database) throws -> Person? {
        try db.fetchOne("SELECT \(PeopleService.columns) FROM people WHERE id = ?", id, transform: PeopleService.person)
    }

    static func seatRole(shiftID: Int, personID: Int, in db: Database) throws -> AssignmentRole? {
        try db.fetchOne("SELECT role FROM shift_assignments WHERE shift_id = ? AND person_id = ?", shiftID, personID) {
            AssignmentRole(rawValue: $0.string(0)) ?? .agent
        }
    }
}
