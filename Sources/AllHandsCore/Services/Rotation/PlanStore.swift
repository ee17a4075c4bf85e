import Foundation
import Storage

/// The SQL around the pure planner: creates the template shifts of a range, reads what the
/// planner needs, and writes back what it changed — inside the caller's transaction.
enum PlanStore {
    /// Extra time loaded around the range so rest and overlaps across its edges are seen.
    static func margin(_ policy: Configuration.Rotation) -> Int64 { Int64(policy.minRestHours) * 3_600 + 2 * 86_400 }

    /// Inserts the template shifts starting in `[from, to)` that do not exist yet and have not
    /// started (start after `now`: the past is never changed). Returns how many it made.
    static func createTemplateShifts(from: Int64, to: Int64, now: Int64, config: Configuration, in db: Database) throws -> Int {
        let zone = ShiftTime.companyZone(config)
        let insert = try db.statement("""
            INSERT OR IGNORE INTO shifts (starts_at, ends_at, min_seats, max_seats, label, template, buddy_required, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var created = 0
        for slot in ShiftTemplates.slots(config.rotation.templates, from: max(from, now), to: to, timeZone: zone)
        where slot.startsAt > now {
            insert.bind(slot.startsAt, at: 1)
            insert.bind(slot.endsAt, at: 2)
            insert.bind(slot.minSeats, at: 3)
            insert.bind(slot.maxSeats, at: 4)
            insert.bind(slot.template, at: 5)
            insert.bind(slot.template, at: 6)
            insert.bind(slot.buddyRequired ? 1 : 0, at: 7)
            insert.bind(now, at: 8)
            try insert.run()
            created += db.changes
        }
        return created
    }

    /// Everything the planner needs for `[from, to)`, with the shift ids in the order of
    /// `input.shifts`: the whole calendar months the range touches (a month's target counts
    /// every shift of it) and those of its quarter before them (what they carried over counts),
    /// and a margin around them for rest and overlaps.
    static func load(from: Int64, to: Int64, now: Int64, mode: PlanInput.Mode, config: Configuration,
                     in db: Database) throws -> (input: PlanInput, shiftIDs: [Int]) {
        let policy = config.rotation
        let zone = ShiftTime.companyZone(config)
        let margin = margin(policy)
        let monthsFrom = PlannerState.quarterStart(containing: from, timeZone: zone)
        let monthsTo = ShiftTime.month(containing: max(to - 1, from), timeZone: zone).end
        var zones: [String: TimeZone] = [:]
        var people: [PlanPerson] = []
        var personIndex: [Int: Int] = [:]
        try db.forEachRow("SELECT id, login, role, team, timezone FROM people WHERE active = 1 ORDER BY id") { row in
            let role = Role(rawValue: row.string(2)) ?? .employee
            let zoneName = row.string(4)
            let zone = zones[zoneName] ?? TimeZone(identifier: zoneName) ?? .gmt
            zones[zoneName] = zone
            personIndex[row.int(0)] = people.count
            people.append(PlanPerson(id: row.int(0), login: row.string(1), role: role, team: row.string(3),
                                     timeZone: zone, targetPerMonth: policy.target(for: role)))
        }
        try db.forEachRow("""
            SELECT a.person_id, count(*) FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
            WHERE s.starts_at < ? GROUP BY a.person_id
            """, from) { row in
            if let p = personIndex[row.int(0)] { people[p].shiftsBefore = row.int(1) }
        }
        try db.forEachRow("SELECT person_id, starts_at, ends_at FROM time_off WHERE starts_at < ? AND ends_at > ?",
                          monthsTo + margin, monthsFrom - margin) { row in
            if let p = personIndex[row.int(0)] { people[p].timeOff.append((row.int64(1), row.int64(2))) }
        }
        try db.forEachRow("SELECT person_id, template, preference FROM shift_preferences") { row in
            if let p = personIndex[row.int(0)] { people[p].preferences[row.string(1)] = row.int(2) }
        }
        var shifts: [PlanShift] = []
        var ids: [Int] = []
        var shiftIndex: [Int: Int] = [:]
        try db.forEachRow("""
            SELECT id, starts_at, ends_at, min_seats, max_seats, buddy_required, template FROM shifts
            WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at, id
            """, monthsTo + margin, monthsFrom - margin) { row in
            shiftIndex[row.int(0)] = shifts.count
            ids.append(row.int(0))
            shifts.append(PlanShift(id: row.int(0), startsAt: row.int64(1), endsAt: row.int64(2), minSeats: row.int(3),
                                    maxSeats: row.int(4), buddyRequired: row.int(5) == 1, template: row.string(6)))
        }
        var seats: [PlanSeat] = []
        if let first = shifts.first, let last = shifts.last {
            try db.forEachRow("""
                SELECT a.shift_id, a.person_id, a.role, a.source, a.paired_with, a.conflict IS NOT NULL
                FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                WHERE s.starts_at >= ? AND s.starts_at <= ? ORDER BY s.starts_at, a.shift_id, a.person_id
                """, first.startsAt, last.startsAt) { row in
                guard let s = shiftIndex[row.int(0)] else { return }
                seats.append(PlanSeat(shift: s, person: row.int(1), role: AssignmentRole(rawValue: row.string(2)) ?? .agent,
                                      source: AssignmentSource(rawValue: row.string(3)) ?? .manual,
                                      pairedWith: row.isNull(4) ? nil : row.int(4), conflicted: row.int(5) == 1))
            }
        }
        let input = PlanInput(people: people, shifts: shifts, seats: seats, policy: policy, from: from, to: to,
                              now: now, timeZone: ShiftTime.companyZone(config), mode: mode)
        return (input, ids)
    }

    /// Writes the planner's changes: removals (the tombstone trigger records them for calendar
    /// subscribers), additions, and role or pairing updates of kept seats.
    static func apply(_ result: PlanResult, shiftIDs: [Int], now: Int64, in db: Database) throws {
        let delete = try db.statement("DELETE FROM shift_assignments WHERE shift_id = ? AND person_id = ?")
        for seat in result.removed {
            delete.bind(shiftIDs[seat.shift], at: 1)
            delete.bind(seat.person, at: 2)
            try delete.run()
        }
        let insert = try db.statement("""
            INSERT INTO shift_assignments (shift_id, person_id, role, source, paired_with, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for seat in result.added {
            insert.bind(shiftIDs[seat.shift], at: 1)
            insert.bind(seat.person, at: 2)
            insert.bind(seat.role.rawValue, at: 3)
            insert.bind(seat.source.rawValue, at: 4)
            if let buddy = seat.pairedWith { insert.bind(buddy, at: 5) } else { insert.bindNull(at: 5) }
            insert.bind(now, at: 6)
            try insert.run()
        }
        let update = try db.statement(
            "UPDATE shift_assignments SET role = ?, paired_with = ? WHERE shift_id = ? AND person_id = ?")
        for seat in result.updated {
            update.bind(seat.role.rawValue, at: 1)
            if let buddy = seat.pairedWith { update.bind(buddy, at: 2) } else { update.bindNull(at: 2) }
            update.bind(shiftIDs[seat.shift], at: 3)
            update.bind(seat.person, at: 4)
            try update.run()
        }
    }
}
