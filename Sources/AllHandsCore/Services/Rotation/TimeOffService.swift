import Foundation
import Storage

/// What adding or removing time off did to the rota: the time off, and the person's planned
/// shifts it hits (adding: each marked for re-planning) or no longer marked (removing).
public struct TimeOffChange: Sendable, Equatable {
    public var timeOff: TimeOff
    public var shifts: [Shift]
}

/// Time off: when someone is away, no shift is planned for them. Anyone asks for their own
/// (`takeShifts`); leads and admins for anyone (`manageShifts`); everyone reads it. Time off
/// that hits shifts already planned for the person does not remove them: it marks them
/// (`shift_assignments.conflict`) so the lead's rebalance re-plans them, and tells the person.
public struct TimeOffService {
    let context: ServiceContext

    /// The longest time off asked for at once: anything longer is taken for a mistyped date.
    public static let longestDays: Int64 = 366

    /// The mark time off `id` leaves on an assignment it hits.
    static func mark(_ id: Int) -> String { "time off #\(id)" }

    // MARK: - Changing

    /// Adds time off `[from, to)` for `login`. Refused: an end not after the start, more than
    /// `longestDays`, time off already over, a reason over `FieldLimits.timeOffReason`.
    @discardableResult
    public func add(login: String, from: Int64, to: Int64, reason: String = "") throws -> TimeOffChange {
        try context.check(Permissions.rotationAction(subject: login, actor: context.actor.person.login))
        let reason = try FieldLimits.optional(reason, "reason", limit: FieldLimits.timeOffReason)
        guard to > from else { throw AllHandsError.invalid("time off must end after it starts") }
        guard to - from <= Self.longestDays * 86_400 else {
            throw AllHandsError.invalid("time off lasts at most \(Self.longestDays) days at a time "
                + "(this is \((to - from + 86_399) / 86_400)); add a longer absence in parts")
        }
        let now = context.now
        guard to > now else { throw AllHandsError.invalid("that time off is already over; the past stays as it was") }
        return try context.write { db in
            let person = try ShiftService.activePerson(login, in: db)
            try db.execute("""
                INSERT INTO time_off (person_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, person.id, from, to, reason, context.actor.person.id, now)
            let timeOff = TimeOff(id: Int(db.lastInsertRowID), login: person.login, startsAt: from, endsAt: to, reason: reason)
            let hit = try db.fetchAll("""
                SELECT a.shift_id FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                WHERE a.person_id = ? AND s.starts_at > ? AND s.starts_at < ? AND ? < s.ends_at
                ORDER BY s.starts_at
                """, person.id, now, to, from) { $0.int(0) }
            let list = Self.idList(hit)
            // A shift other time off marked already keeps that mark (removing either leaves it marked).
            try db.execute("""
                UPDATE shift_assignments SET conflict = ?
                WHERE person_id = ? AND conflict IS NULL AND shift_id IN (SELECT value FROM json_each(?))
                """, Self.mark(timeOff.id), person.id, list)
            var after = Self.snapshot(timeOff)
            if !hit.isEmpty { after["hits"] = hit.map { "#\($0)" }.joined(separator: ",") }
            try context.audit("timeoff.add", entity: "time_off", id: timeOff.id, after: after)
            if !hit.isEmpty {
                let shifts = hit.map { "#\($0)" }.joined(separator: ", ")
                let when = Self.span(timeOff, in: TimeZone(identifier: person.timeZone) ?? .gmt)
                try RotationNotices.record(personIDs: [person.id], summary: "Time off #\(timeOff.id) (\(when)) hits your "
                    + (hit.count == 1 ? "shift \(shifts); it" : "shifts \(shifts); they") + " will be re-planned",
                    at: now, in: db)
            }
            return TimeOffChange(timeOff: timeOff, shifts: try Self.shifts(list, in: db))
        }
    }

    /// Removes time off that is not over yet. The marks it left are cleared, or point to other
    /// time off of the person that still covers the shift.
    @discardableResult
    public func remove(id: Int) throws -> TimeOffChange {
        let now = context.now
        return try context.write { db in
            guard let (timeOff, personID) = try db.fetchOne(Self.select + " WHERE t.id = ?", id, transform: { row in
                (Self.timeOff(row), row.int(5))
            }) else {
                throw AllHandsError.notFound(what: "time off #\(id)")
            }
            try context.check(Permissions.rotationAction(subject: timeOff.login, actor: context.actor.person.login))
            guard timeOff.endsAt > now else {
                throw AllHandsError.notAllowed("time off #\(id) is over; past time off is history and stays as it was")
            }
            // Time off already begun keeps its past (history): it is cut short at now instead.
            let shortened = timeOff.startsAt < now
            if shortened {
                try db.execute("UPDATE time_off SET ends_at = ? WHERE id = ?", now, id)
            } else {
                try db.execute("DELETE FROM time_off WHERE id = ?", id)
            }
            let marked = try db.fetchAll("""
                SELECT s.id, s.starts_at, s.ends_at FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                WHERE a.person_id = ? AND a.conflict = ? AND s.starts_at > ? ORDER BY s.starts_at
                """, personID, Self.mark(id), now) { (id: $0.int(0), start: $0.int64(1), end: $0.int64(2)) }
            var cleared: [Int] = []
            for shift in marked {
                let other = try db.fetchInt("""
                    SELECT id FROM time_off WHERE person_id = ? AND starts_at < ? AND ? < ends_at ORDER BY id LIMIT 1
                    """, personID, shift.end, shift.start)
                try db.execute("UPDATE shift_assignments SET conflict = ? WHERE shift_id = ? AND person_id = ?",
                               other.map(Self.mark), shift.id, personID)
                if other == nil { cleared.append(shift.id) }
            }
            var before = Self.snapshot(timeOff)
            if !marked.isEmpty { before["marked"] = marked.map { "#\($0.id)" }.joined(separator: ",") }
            var after: [String: String?] = [:]
            if shortened { after["ends_at"] = Timestamp.iso8601(now) }
            if !cleared.isEmpty { after["unmarked"] = cleared.map { "#\($0)" }.joined(separator: ",") }
            try context.audit("timeoff.remove", entity: "time_off", id: id, before: before, after: after.isEmpty ? nil : after)
            if !cleared.isEmpty {
                let shifts = cleared.map { "#\($0)" }.joined(separator: ", ")
                try RotationNotices.record(personIDs: [personID], summary: "Time off #\(id) was removed: your "
                    + (cleared.count == 1 ? "shift \(shifts) stays" : "shifts \(shifts) stay") + " as planned", at: now, in: db)
            }
            return TimeOffChange(timeOff: timeOff, shifts: try Self.shifts(Self.idList(cleared), in: db))
        }
    }

    // MARK: - Reading

    /// Time off overlapping `[from, to)` (each end open when nil), `login`'s only when given,
    /// earliest first. Everyone may read it.
    public func list(login: String? = nil, from: Int64? = nil, to: Int64? = nil) throws -> [TimeOff] {
        try context.check(.viewPeople)
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let login {
            clauses.append("p.login = ?")
            arguments.append(login)
        }
        if let from {
            clauses.append("t.ends_at > ?")
            arguments.append(from)
        }
        if let to {
            clauses.append("t.starts_at < ?")
            arguments.append(to)
        }
        return try context.read { db in
            if let login, try PeopleService.find(login: login, in: db) == nil {
                throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
            }
            return try db.fetchAll(Self.select + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
                                   + " ORDER BY t.starts_at, t.id", arguments: arguments, transform: Self.timeOff)
        }
    }

    /// One person's time off overlapping `[from, to)`.
    static func ranges(personID: Int, from: Int64, to: Int64, in db: Database) throws -> [(Int64, Int64)] {
        try db.fetchAll("""
            SELECT starts_at, ends_at FROM time_off WHERE person_id = ? AND starts_at < ? AND ? < ends_at ORDER BY starts_at
            """, personID, to, from) { ($0.int64(0), $0.int64(1)) }
    }

    static let select = """
        SELECT t.id, p.login, t.starts_at, t.ends_at, t.reason, t.person_id FROM time_off t JOIN people p ON p.id = t.person_id
        """

    static func timeOff(_ row: Row) -> TimeOff {
        TimeOff(id: row.int(0), login: row.string(1), startsAt: row.int64(2), endsAt: row.int64(3), reason: row.string(4))
    }

    static func snapshot(_ timeOff: TimeOff) -> [String: String?] {
        ["person": timeOff.login, "starts_at": Timestamp.iso8601(timeOff.startsAt),
         "ends_at": Timestamp.iso8601(timeOff.endsAt), "reason": timeOff.reason]
    }

    /// `2026-11-24 00:00 EST to 2026-11-29 00:00 EST`: when time off runs, in `zone`.
    public static func span(_ timeOff: TimeOff, in zone: TimeZone) -> String {
        Timestamp.localWithZone(timeOff.startsAt, timeZone: zone) + " to "
            + Timestamp.localWithZone(timeOff.endsAt, timeZone: zone)
    }

    static func idList(_ ids: [Int]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    static func shifts(_ idList: String, in db: Database) throws -> [Shift] {
        try ShiftService.shifts(where: "id IN (SELECT value FROM json_each(?))", [idList], in: db)
    }
}
