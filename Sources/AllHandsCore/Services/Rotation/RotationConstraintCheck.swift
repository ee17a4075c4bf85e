import Foundation
import Storage

/// "May this person sit in this shift?" asked of the database: loads what the hard rules need
/// (the person's other shifts near it, their time off, who else sits in it) and asks every
/// `RotationRules` predicate. Swaps call it inside their write transaction, so what they check
/// is what they write. (The planner asks the same predicates over its in-memory state; a lead's
/// hand assignment, `shift assign`, only refuses overlaps: it may override the other rules, and
/// `rotation check` reports what it breaks.)
enum RotationConstraintCheck {
    /// Throws why `person` may not sit in shift `shiftID` in `role`, taking the seat of
    /// `replacing` when given (a swap), or returns: `invalid` for a person who is not active or
    /// already in the shift, `notAllowed` for a shift that has started and for every hard rule
    /// (seats, buddy role, listening, working hours, overlap and rest, time off, team limit,
    /// missing buddy, a newcomer without one).
    static func check(_ person: Person, inShift shiftID: Int, as role: AssignmentRole, replacing: Person? = nil,
                      config: Configuration, now: Int64, db: Database) throws {
        if let refusal = try refusal(person, inShift: shiftID, as: role, replacing: replacing,
                                     config: config, now: now, db: db) {
            throw refusal
        }
    }

    /// The error `check` would throw, or nil when the person may sit there.
    static func refusal(_ person: Person, inShift shiftID: Int, as role: AssignmentRole, replacing: Person? = nil,
                        config: Configuration, now: Int64, db: Database) throws -> AllHandsError? {
        guard person.active else {
            return .invalid("no active person with login '\(FieldLimits.excerpt(person.login))'")
        }
        guard let shift = try db.fetchOne("SELECT starts_at, ends_at, max_seats, buddy_required FROM shifts WHERE id = ?",
                                          shiftID, transform: { (start: $0.int64(0), end: $0.int64(1), seats: $0.int(2),
                                                                 buddy: $0.int(3) == 1) }) else {
            return .notFound(what: "shift #\(shiftID)")
        }
        guard shift.start > now else {
            return .notAllowed("shift #\(shiftID) has already started; its seats no longer change")
        }
        let sitting = try db.fetchAll("""
            SELECT p.id, p.team, p.role, a.role FROM shift_assignments a JOIN people p ON p.id = a.person_id
            WHERE a.shift_id = ?
            """, shiftID) { row in
            (id: row.int(0), team: row.string(1), role: Role(rawValue: row.string(2)) ?? .employee,
             seat: AssignmentRole(rawValue: row.string(3)) ?? .agent)
        }
        if sitting.contains(where: { $0.id == person.id }) {
            return .invalid("\(person.login) is already in shift #\(shiftID)")
        }
        let others = sitting.filter { $0.id != replacing?.id }
        let seated = others.filter { $0.seat != .listener }
        let refuse = { (reason: String) in AllHandsError.notAllowed("\(person.login) cannot be in shift #\(shiftID): \(reason)") }

        if role != .listener, replacing == nil, seated.count >= shift.seats {
            return refuse("it is full (\(English.count(shift.seats, "seat")))")
        }
        if role == .buddy, !RotationRules.canBuddy(person.role) {
            return refuse("only support staff and leads can be buddies")
        }
        if role == .listener, let reason = RotationRules.notAListener(person.role) {
            return refuse(reason)
        }
        let zone = TimeZone(identifier: person.timeZone) ?? .gmt
        if let reason = RotationRules.outsideWorkingHours(startsAt: shift.start, endsAt: shift.end, timeZone: zone,
                                                          window: config.rotation.workingHours) {
            return refuse(reason)
        }
        let rest = Int64(config.rotation.minRestHours) * 3_600
        let nearby = try db.fetchAll("""
            SELECT s.starts_at, s.ends_at FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
            WHERE a.person_id = ? AND s.id <> ? AND s.starts_at < ? AND ? < s.ends_at
            """, person.id, shiftID, shift.end + rest, shift.start - rest) { ($0.int64(0), $0.int64(1)) }
        if let reason = RotationRules.clash(startsAt: shift.start, endsAt: shift.end, others: nearby, minRest: rest) {
            return refuse(reason)
        }
        let away = try TimeOffService.ranges(personID: person.id, from: shift.start, to: shift.end, in: db)
        if let reason = RotationRules.away(startsAt: shift.start, endsAt: shift.end, timeOff: away) {
            return refuse(reason)
        }
        if role != .listener,
           let reason = RotationRules.teamFull(role: person.role, team: person.team,
                                               seatedOfTeam: seated.filter { $0.team == person.team && !RotationRules.canBuddy($0.role) }.count,
                                               limit: config.rotation.maxPerTeamPerShift) {
            return refuse(reason)
        }
        // Judged after the change: refused when it takes away the shift's buddy or seats one
        // more person who needs one where none is. A listener, or seat for seat, in a shift
        // that already lacks its buddy makes it no worse (the rotation check reports the gap).
        if role == .listener, let reason = RotationRules.nobodyToListenTo(seated: seated.count) {
            return refuse(reason)
        }
        let rolesAfter = seated.map(\.role) + (role == .listener ? [] : [person.role])
        if let reason = RotationRules.missingBuddy(required: shift.buddy, roles: rolesAfter) {
            let rolesBefore = sitting.filter { $0.seat != .listener }.map(\.role)
            let needing = { (roles: [Role]) in roles.filter { !RotationRules.canBuddy($0) }.count }
            if RotationRules.missingBuddy(required: shift.buddy, roles: rolesBefore) == nil
                || needing(rolesAfter) > needing(rolesBefore) {
                return refuse(reason)
            }
        }
        // A newcomer needs a support person beside them even where the shift does not ask for one.
        if role != .listener, !RotationRules.canBuddy(person.role), !seated.contains(where: { RotationRules.canBuddy($0.role) }) {
            let shiftsBefore = try db.fetchInt("""
                SELECT count(*) FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                WHERE a.person_id = ? AND s.starts_at < ?
                """, person.id, shift.start) ?? 0
            if RotationRules.needsBuddy(person.role, shiftRequires: false,
                                        newcomer: RotationRules.isNewcomer(shiftsBefore: shiftsBefore, policy: config.rotation)) {
                return refuse("a newcomer's first shifts need a support buddy beside them, and nobody in it is one")
            }
        }
        return nil
    }
}
