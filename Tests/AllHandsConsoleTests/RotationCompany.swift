import AllHandsCore
import Foundation
import Storage
import XCTest

/// Shifts for the calendar tests on top of `SmallCompany` (its one shift runs 07:00–15:00 New
/// York time on Sunday 22 November 2026, ada and fkim in it; the clock stands at 11:00 there).
/// The shifts are added by the lead through the shift service; what no service writes yet (a
/// buddy, a newcomer's pairing, a listener, a conflict, the buddy need, a lowered maximum, a
/// notice) is set on the rows afterwards, as the planner, swaps and time off will.
///
/// Sunday 22, after now (New York):
/// - 15:00–17:00, seats 2–3, buddy required: jsato alone: a gap and no buddy;
/// - 17:00–19:00, seats 1–2, buddy required: fkim the buddy, jsato paired with fkim, mexec listening;
/// - 19:00–21:00, seats 1–1 (lowered after bbianchi and ada were seated): over-full, ada to re-plan.
/// Monday 23: 09:00–12:00 seats 1–2 with fkim; Wednesday 25: 13:00–16:00 seats 1–2, nobody (a gap).
enum RotationCompany {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    /// Midnight starting Sunday 22 November 2026 in New York.
    static let sunday: Int64 = ConsoleFixture.now - 11 * 3_600

    static func at(_ dayOffset: Int, _ hour: Int) -> Int64 { sunday + Int64(dayOffset) * 86_400 + Int64(hour) * 3_600 }

    /// Adds the shifts as bbianchi (the lead), with `clock`, in the fixture's database.
    @discardableResult
    static func write(into f: ConsoleFixture, notice: String? = nil) throws -> [Shift] {
        let lead = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "bbianchi")
        let shifts = [
            try lead.shifts.add(startsAt: at(0, 15), endsAt: at(0, 17), minSeats: 2, maxSeats: 3, label: "afternoon", people: ["jsato"]),
            try lead.shifts.add(startsAt: at(0, 17), endsAt: at(0, 19), minSeats: 1, maxSeats: 3, label: "evening",
                                people: ["fkim", "jsato", "mexec"]),
            try lead.shifts.add(startsAt: at(0, 19), endsAt: at(0, 21), minSeats: 1, maxSeats: 2, label: "late",
                                people: ["bbianchi", "ada"]),
            try lead.shifts.add(startsAt: at(1, 9), endsAt: at(1, 12), minSeats: 1, maxSeats: 2, label: "", people: ["fkim"]),
            try lead.shifts.add(startsAt: at(3, 13), endsAt: at(3, 16), minSeats: 1, maxSeats: 2, label: "pm", people: []),
        ]
        try lead.database.write { db in
            func person(_ login: String) throws -> Int { try db.fetchInt("SELECT id FROM people WHERE login = ?", login) ?? 0 }
            try db.execute("UPDATE shifts SET buddy_required = 1 WHERE id IN (?, ?)", shifts[0].id, shifts[1].id)
            try db.execute("UPDATE shifts SET max_seats = 1, template = 'late' WHERE id = ?", shifts[2].id)
            try db.execute("UPDATE shifts SET template = 'americas-am' WHERE id = ?", shifts[3].id)
            try db.execute("UPDATE shift_assignments SET role = 'buddy' WHERE shift_id = ? AND person_id = ?",
                           shifts[1].id, try person("fkim"))
            try db.execute("UPDATE shift_assignments SET paired_with = ? WHERE shift_id = ? AND person_id = ?",
                           try person("fkim"), shifts[1].id, try person("jsato"))
            try db.execute("UPDATE shift_assignments SET role = 'listener' WHERE shift_id = ? AND person_id = ?",
                           shifts[1].id, try person("mexec"))
            try db.execute("UPDATE shift_assignments SET conflict = 'on time off' WHERE shift_id = ? AND person_id = ?",
                           shifts[2].id, try person("ada"))
            if let notice {
                try db.execute("INSERT INTO rotation_notices (person_id, changed_at, summary) VALUES (?, ?, ?)",
                               try person("ada"), ConsoleFixture.now, notice)
            }
        }
        return shifts
    }
}
