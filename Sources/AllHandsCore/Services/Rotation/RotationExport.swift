import Storage

/// One person's calendar in an export.
public struct PersonCalendar: Sendable, Equatable {
    public var login: String
    public var calendar: ICalendar
}

/// The whole rotation and the part of it each person is in, from one read.
public struct RotationCalendars: Sendable, Equatable {
    public var rotation: ICalendar
    /// One per person with a shift or a cancellation in the range, by login.
    public var people: [PersonCalendar]
}

/// The rotation as iCalendar for people's calendar apps. Every assignment is one event whose UID
/// comes from the shift (its id and start) and the person, so every export gives it the same UID;
/// a seat taken away (a tombstone in `shift_assignments_removed`) is the same UID with
/// `STATUS:CANCELLED` and a higher `SEQUENCE`, so a subscribed calendar drops it. Reads only.
public struct RotationExport {
    let context: ServiceContext

    /// An export without a range covers from this many days before now…
    public static let daysBack: Int64 = 30
    /// …to this many days after it.
    public static let daysAhead: Int64 = 365

    /// The period an export covers: `[from, to)` as given, a missing start `daysBack` before now
    /// (or before the end), a missing end `daysAhead` after now (or after the start).
    public func range(from: Int64? = nil, to: Int64? = nil) throws -> (from: Int64, to: Int64) {
        let now = context.now, back = Self.daysBack * 86_400, ahead = Self.daysAhead * 86_400
        let end = to ?? max(now + ahead, (from ?? now) + ahead)
        let start = from ?? min(now - back, end - back - ahead)
        guard end > start else {
            throw AllHandsError.invalid("an export must end after it starts (from \(Timestamp.iso8601(start)) "
                + "to \(Timestamp.iso8601(end)))")
        }
        return (start, end)
    }

    /// Everyone's shifts and cancellations over the range in one calendar, or only `login`'s.
    public func calendar(for login: String? = nil, from: Int64? = nil, to: Int64? = nil) throws -> ICalendar {
        try context.check(.viewPeople)
        let range = try range(from: from, to: to)
        return try context.read { db in
            guard let login else {
                return ICalendar(name: rotationName, events: try seats(in: range, in: db).map(\.rotationEvent))
            }
            guard let person = try PeopleService.find(login: login, in: db) else {
                throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
            }
            return ICalendar(name: personalName(person.name),
                             events: try seats(in: range, of: person, in: db).map(\.event))
        }
    }

    /// The whole rotation, and one calendar for each person with a shift or a cancellation in
    /// the range: ready to be written as files a calendar app subscribes to.
    public func calendars(from: Int64? = nil, to: Int64? = nil) throws -> RotationCalendars {
        try context.check(.viewPeople)
        let range = try range(from: from, to: to)
        return try context.read { db in
            let seats = try seats(in: range, in: db)
            let byPerson = Dictionary(grouping: seats, by: \.login)
            return RotationCalendars(
                rotation: ICalendar(name: rotationName, events: seats.map(\.rotationEvent)),
                people: byPerson.keys.sorted().map { login in
                    let mine = byPerson[login] ?? []
                    return PersonCalendar(login: login, calendar: ICalendar(name: personalName(mine.first?.name ?? login),
                                                                            events: mine.map(\.event)))
                })
        }
    }

    /// `shift-12-20261124T140000Z-person-7@allhands`. The start is in it because a shift id can
    /// come back (SQLite reuses the highest rowid once it is deleted); a shift never moves.
    public static func uid(shiftID: Int, startsAt: Int64, personID: Int) -> String {
        "shift-\(shiftID)-\(ICalendar.utc(startsAt))-person-\(personID)@allhands"
    }

    // MARK: - Seats

    /// One person's place in one shift (or the place they were taken out of), as their own
    /// calendar shows it.
    struct Seat {
        var login: String
        /// On one line.
        var name: String
        var shiftID: Int
        var event: ICalendar.Event

        /// In the whole rotation's calendar the summary says whose seat it is.
        var rotationEvent: ICalendar.Event {
            var event = event
            event.summary += " — " + name
            return event
        }
    }

    private var rotationName: String { "\(Self.oneLine(context.config.company.name)) support rotation" }

    private func personalName(_ name: String) -> String { "\(rotationName): \(Self.oneLine(name))" }

    /// The seats and cancellations in `range` (of `person` only, when given), earliest first.
    private func seats(in range: (from: Int64, to: Int64), of person: Person? = nil, in db: Database) throws -> [Seat] {
        var people: [String: (id: Int, name: String)] = [:]
        try db.forEachRow("SELECT login, id, name FROM people") { row in
            people[row.string(0)] = (row.int(1), Self.oneLine(row.string(2)))
        }
        let names = people.mapValues(\.name)
        var condition = "starts_at < ? AND ? < ends_at"
        var arguments: [any DatabaseValueConvertible] = [range.to, range.from]
        if let person {
            condition += " AND id IN (SELECT shift_id FROM shift_assignments WHERE person_id = ?)"
            arguments.append(person.id)
        }
        var seats: [Seat] = []
        for shift in try ShiftService.shifts(where: condition, arguments, in: db) {
            for assignment in shift.assignments where person == nil || assignment.login == person?.login {
                guard let who = people[assignment.login] else { continue }
                seats.append(Seat(login: assignment.login, name: who.name, shiftID: shift.id, event: ICalendar.Event(
                    uid: Self.uid(shiftID: shift.id, startsAt: shift.startsAt, personID: who.id), stamp: context.now,
                    start: shift.startsAt, end: shift.endsAt,
                    summary: Self.summary(assignment.role, title: shift.label.isEmpty ? shift.template : shift.label),
                    description: Self.description(of: assignment, in: shift, names: names))))
            }
        }
        // A tombstone keeps no role: a cancelled seat reads as a support shift. Its SEQUENCE is one
        // above the seat's (always 0), so a calendar that still holds the seat takes the cancellation.
        try db.forEachRow("""
            SELECT r.shift_id, r.starts_at, r.ends_at, r.label, p.id, p.login, p.name, s.id IS NOT NULL, s.template
            FROM shift_assignments_removed r JOIN people p ON p.id = r.person_id
            LEFT JOIN shifts s ON s.id = r.shift_id AND s.starts_at = r.starts_at
            WHERE r.starts_at < ? AND ? < r.ends_at AND (?3 IS NULL OR r.person_id = ?3)
            """, arguments: [range.to, range.from, person?.id]) { row in
            let shiftID = row.int(0), start = row.int64(1), login = row.string(5), name = Self.oneLine(row.string(6))
            let label = row.string(3), template = row.optionalString(8) ?? ""
            seats.append(Seat(login: login, name: name, shiftID: shiftID, event: ICalendar.Event(
                uid: Self.uid(shiftID: shiftID, startsAt: start, personID: row.int(4)), stamp: context.now,
                start: start, end: row.int64(2),
                summary: "Cancelled: " + Self.summary(.agent, title: label.isEmpty ? template : label),
                description: "\(Self.named(login, names: names)) is no longer on this shift.\n"
                    + "Shift #\(shiftID)\(row.int(7) == 1 ? "" : " (removed)")",
                status: .cancelled, sequence: 1)))
        }
        return seats.sorted { ($0.event.start, $0.shiftID, $0.login) < ($1.event.start, $1.shiftID, $1.login) }
    }

    /// `Support shift (apac)`, `Buddy: support shift`, `Listening session (apac)`.
    static func summary(_ role: AssignmentRole, title: String) -> String {
        let what: String
        switch role {
        case .agent: what = "Support shift"
        case .buddy: what = "Buddy: support shift"
        case .listener: what = "Listening session"
        }
        let title = oneLine(title)
        return title.isEmpty ? what : "\(what) (\(title))"
    }

    /// Who the buddy is (or whom this buddy looks after), who else is on the shift, and its number.
    static func description(of assignment: Assignment, in shift: Shift, names: [String: String]) -> String {
        var lines: [String] = []
        let me = assignment.login
        if let buddy = assignment.pairedWith {
            lines.append("Buddy: " + named(buddy, names: names))
        } else if assignment.role == .buddy {
            let newcomers = shift.assignments.filter { $0.pairedWith == me }.map { named($0.login, names: names) }
            if !newcomers.isEmpty { lines.append("Buddy to: " + newcomers.joined(separator: ", ")) }
        } else {
            let buddies = shift.assignments.filter { $0.role == .buddy && $0.login != me }.map { named($0.login, names: names) }
            if !buddies.isEmpty {
                lines.append("Buddy: " + buddies.joined(separator: ", "))
            } else if shift.buddyRequired {
                lines.append("Buddy: none yet")
            }
        }
        let others = shift.assignments.filter { $0.login != me }.map { other in
            named(other.login, names: names, note: other.role == .agent ? nil : other.role == .buddy ? "buddy" : "listening")
        }
        lines.append(others.isEmpty ? "Nobody else on this shift." : "Also on this shift: " + others.joined(separator: ", "))
        lines.append("Shift #\(shift.id)")
        return lines.joined(separator: "\n")
    }

    /// `Ann Lee (ann)`, or `Ann Lee (ann, buddy)` with a note; the login alone without a name.
    /// `names` are on one line already.
    static func named(_ login: String, names: [String: String], note: String? = nil) -> String {
        let name = names[login] ?? ""
        let inBrackets = ([login] + (note.map { [$0] } ?? [])).joined(separator: ", ")
        return name.isEmpty || name == login ? (note.map { "\(login) (\($0))" } ?? login) : "\(name) (\(inBrackets))"
    }

    /// A name on one line: a line break in it must not start a line of its own in a description.
    static func oneLine(_ text: String) -> String { SearchService.oneLine(text) }
}
