import Foundation
import Storage

/// The rota's shifts and who sits in them. Leads plan them (`manageShifts`); everyone reads
/// them. A shift that has ended is history: it is neither added, changed nor removed.
public struct ShiftService {
    let context: ServiceContext

    /// The longest shift allowed: anything longer is taken for a mistyped date.
    public static let longestShift: Int64 = 24 * 3_600
    /// The most seats a shift may have.
    public static let mostSeats = 1_000

    // MARK: - Reading

    /// Shifts overlapping `[from, to)`, earliest first, with the logins in their seats.
    public func list(from: Int64, to: Int64) throws -> [Shift] {
        try context.check(.viewPeople)
        return try context.read { db in
            try Self.shifts(where: "starts_at < ? AND ? < ends_at", [to, from], in: db)
        }
    }

    public func find(id: Int) throws -> Shift {
        try context.check(.viewPeople)
        return try context.read { db in try Self.find(id: id, in: db) }
    }

    /// Where `login` (the actor when nil) stands with the rota now.
    public func standing(of login: String? = nil) throws -> ShiftStanding {
        if login != nil, login != context.actor.person.login { try context.check(.viewPeople) }
        return try context.read { db in
            let person = try login.map { try Self.activePerson($0, in: db) } ?? context.actor.person
            return try ShiftRules.standing(personID: person.id, at: context.now, in: db)
        }
    }

    static let columns = "id, starts_at, ends_at, min_seats, max_seats, label, template, buddy_required"

    /// Shifts matching `condition`, earliest first, each with its assignments (by login) filled
    /// in by one more query for the whole list.
    static func shifts(where condition: String, _ arguments: [any DatabaseValueConvertible],
                       in db: Database) throws -> [Shift] {
        var shifts = try db.fetchAll("SELECT \(columns) FROM shifts WHERE \(condition) ORDER BY starts_at, id",
                                     arguments: arguments) { row in
            Shift(id: row.int(0), startsAt: row.int64(1), endsAt: row.int64(2), minSeats: row.int(3),
                  maxSeats: row.int(4), label: row.string(5), template: row.string(6), buddyRequired: row.int(7) == 1)
        }
        guard !shifts.isEmpty else { return shifts }
        let ids = "[" + shifts.map { String($0.id) }.joined(separator: ",") + "]"
        var assignments: [Int: [Assignment]] = [:]
        try db.forEachRow("""
            SELECT a.shift_id, p.login, a.role, a.source, b.login, a.conflict FROM json_each(?) list
            CROSS JOIN shift_assignments a ON a.shift_id = list.value
            JOIN people p ON p.id = a.person_id LEFT JOIN people b ON b.id = a.paired_with ORDER BY p.login
            """, ids) { row in
            assignments[row.int(0), default: []].append(Assignment(
                shiftID: row.int(0), login: row.string(1), role: AssignmentRole(rawValue: row.string(2)) ?? .agent,
                source: AssignmentSource(rawValue: row.string(3)) ?? .manual,
                pairedWith: row.isNull(4) ? nil : row.string(4), conflict: row.isNull(5) ? nil : row.string(5)))
        }
        for index in shifts.indices {
            shifts[index].assignments = assignments[shifts[index].id] ?? []
        }
        return shifts
    }

    static func find(id: Int, in db: Database) throws -> Shift {
        guard let shift = try shifts(where: "id = ?", [id], in: db).first else {
            throw AllHandsError.notFound(what: "shift #\(id)")
        }
        return shift
    }

    static func activePerson(_ login: String, in db: Database) throws -> Person {
        guard let person = try PeopleService.find(login: login, in: db), person.active else {
            throw AllHandsError.invalid("no active person with login '\(FieldLimits.excerpt(login))'")
        }
        return person
    }

    // MARK: - Planning

    /// Adds a shift `[startsAt, endsAt)` with `minSeats…maxSeats` seats and `people` in them.
    /// Refused: an end not after the start, a shift over `longestShift` or already over, seats
    /// that do not add up, more people than seats, someone inactive or listed twice, and anyone
    /// already in a shift that overlaps this one.
    @discardableResult
    public func add(startsAt: Int64, endsAt: Int64, minSeats: Int = 1, maxSeats: Int = 1, label: String = "",
                    people: [String] = []) throws -> Shift {
        try context.check(.manageShifts)
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard endsAt > startsAt else { throw AllHandsError.invalid("a shift must end after it starts") }
        guard endsAt - startsAt <= Self.longestShift else {
            throw AllHandsError.invalid("a shift lasts at most \(Self.longestShift / 3_600) hours "
                + "(this one \(String(format: "%.1f", Double(endsAt - startsAt) / 3_600)))")
        }
        guard (0...Self.mostSeats).contains(minSeats), (1...Self.mostSeats).contains(maxSeats), minSeats <= maxSeats else {
            throw AllHandsError.invalid("seats must be MIN-MAX with 0 ≤ MIN ≤ MAX, 1 ≤ MAX ≤ \(Self.mostSeats) (got \(minSeats)-\(maxSeats))")
        }
        guard people.count <= maxSeats else {
            throw AllHandsError.invalid("\(English.count(people.count, "person", plural: "people")) for "
                + "\(English.count(maxSeats, "seat"))")
        }
        if let twice = Dictionary(grouping: people, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw AllHandsError.invalid("'\(FieldLimits.excerpt(twice))' is listed twice")
        }
        guard FieldLimits.length(label) <= FieldLimits.shiftLabel else {
            throw AllHandsError.invalid("label is too long: \(FieldLimits.length(label)) characters, at most \(FieldLimits.shiftLabel)")
        }
        let now = context.now
        guard endsAt > now else { throw AllHandsError.invalid("that shift is already over; past shifts are history") }
        return try context.write { db in
            try db.execute("""
                INSERT INTO shifts (starts_at, ends_at, min_seats, max_seats, label, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, startsAt, endsAt, minSeats, maxSeats, label, now)
            let id = Int(db.lastInsertRowID)
            let shift = Shift(id: id, startsAt: startsAt, endsAt: endsAt, minSeats: minSeats, maxSeats: maxSeats,
                              label: label)
            for login in people {
                let person = try Self.activePerson(login, in: db)
                try checkFree(person, for: shift, in: db)
                try db.execute("INSERT INTO shift_assignments (shift_id, person_id, created_at) VALUES (?, ?, ?)",
                               id, person.id, now)
            }
            let added = try Self.find(id: id, in: db)
            try context.audit("shift.create", entity: "shift", id: id, after: Self.snapshot(added))
            return added
        }
    }

    /// Removes a shift that has not ended yet, with its seats.
    public func remove(id: Int) throws {
        try context.check(.manageShifts)
        try context.write { db in
            let shift = try Self.find(id: id, in: db)
            try checkNotOver(shift)
            let seated = try db.fetchAll("SELECT person_id FROM shift_assignments WHERE shift_id = ?", id) { $0.int(0) }
            try db.execute("DELETE FROM shift_assignments WHERE shift_id = ?", id)
            try db.execute("DELETE FROM shifts WHERE id = ?", id)
            try context.audit("shift.delete", entity: "shift", id: id, before: Self.snapshot(shift))
            try RotationNotices.record(personIDs: seated, summary: "\(describe(shift)) was removed", at: context.now, in: db)
        }
    }

    /// Puts `login` in a seat of shift `id`: a free seat, in a shift not over, and not while
    /// they sit in an overlapping one.
    @discardableResult
    public func assign(_ login: String, toShift id: Int) throws -> Shift {
        try context.check(.manageShifts)
        return try context.write { db in
            let shift = try Self.find(id: id, in: db)
            try checkNotOver(shift)
            let person = try Self.activePerson(login, in: db)
            guard !shift.people.contains(person.login) else {
                throw AllHandsError.invalid("\(person.login) is already in shift #\(id)")
            }
            guard shift.seated < shift.maxSeats else {
                throw AllHandsError.invalid("shift #\(id) is full (\(English.count(shift.maxSeats, "seat")))")
            }
            try checkFree(person, for: shift, in: db)
            try db.execute("INSERT INTO shift_assignments (shift_id, person_id, created_at) VALUES (?, ?, ?)",
                           id, person.id, context.now)
            try context.audit("shift.assign", entity: "shift", id: id, after: ["person": person.login])
            try RotationNotices.record(personIDs: [person.id], summary: "you were put in \(describe(shift))",
                                       at: context.now, in: db)
            return try Self.find(id: id, in: db)
        }
    }

    /// Takes `login` out of shift `id` (not once it is over).
    @discardableResult
    public func unassign(_ login: String, fromShift id: Int) throws -> Shift {
        try context.check(.manageShifts)
        return try context.write { db in
            let shift = try Self.find(id: id, in: db)
            try checkNotOver(shift)
            guard shift.people.contains(login),
                  let person = try PeopleService.find(login: login, in: db) else {
                throw AllHandsError.invalid("'\(FieldLimits.excerpt(login))' is not in shift #\(id)")
            }
            try db.execute("DELETE FROM shift_assignments WHERE shift_id = ? AND person_id = ?", id, person.id)
            try context.audit("shift.unassign", entity: "shift", id: id, before: ["person": person.login])
            try RotationNotices.record(personIDs: [person.id], summary: "you were taken out of \(describe(shift))",
                                       at: context.now, in: db)
            return try Self.find(id: id, in: db)
        }
    }

    /// "shift #12 (2026-11-24 09:00 EST)", in the company's zone, for notices.
    func describe(_ shift: Shift) -> String {
        "shift #\(shift.id) (\(Timestamp.localWithZone(shift.startsAt, timeZone: ShiftTime.companyZone(context.config))))"
    }

    private func checkNotOver(_ shift: Shift) throws {
        guard shift.endsAt > context.now else {
            throw AllHandsError.notAllowed("shift #\(shift.id) is over; past shifts are history and stay as they were")
        }
    }

    /// Nobody sits in two shifts at once.
    private func checkFree(_ person: Person, for shift: Shift, in db: Database) throws {
        if let other = try db.fetchOne("""
            SELECT s.id, s.starts_at, s.ends_at FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
            WHERE a.person_id = ? AND s.starts_at < ? AND ? < s.ends_at AND s.id <> ? ORDER BY s.starts_at LIMIT 1
            """, person.id, shift.endsAt, shift.startsAt, shift.id, transform: { ($0.int(0), $0.int64(1), $0.int64(2)) }) {
            let zone = ShiftTime.companyZone(context.config)
            throw AllHandsError.invalid("\(person.login) is already in shift #\(other.0) "
                + "(\(Timestamp.localWithZone(other.1, timeZone: zone)) to \(Timestamp.clock(other.2, timeZone: zone))), "
                + "which overlaps this one")
        }
    }

    static func snapshot(_ shift: Shift) -> [String: String?] {
        ["starts_at": Timestamp.iso8601(shift.startsAt), "ends_at": Timestamp.iso8601(shift.endsAt),
         "seats": "\(shift.minSeats)-\(shift.maxSeats)", "label": shift.label,
         "people": shift.people.joined(separator: ",")]
    }
}
