import Foundation
import Storage

/// The demo's rota: the week of the as-of instant and the week after, covered around the clock
/// by three shifts a day in the company's time zone (Night 00–08, Day 08–16, Evening 16–24), so
/// that whatever the as-of hour someone is on shift and everyone has a next shift to look
/// forward to. Shift boundaries are local midnights and hours, so a daylight-saving change
/// makes one shift an hour longer or shorter, never a gap or an overlap.
///
/// Each shift seats a support agent or lead and two or three employees; weekday day shifts
/// also seat an executive. The shift on at the as-of instant seats the people `demo` suggests
/// trying (the first support agent, employee and executive) and one more employee. People are picked
/// for shifts that fall in their own daytime (08–20 local at the shift's middle) and who have
/// had the fewest shifts so far; the people on shift at the as-of instant sit the same shift
/// a week later. Deterministic for a seed and as-of: each shift draws from a
/// random stream of its own.
struct DemoShifts {
    struct Planned {
        let startsAt: Int64
        let endsAt: Int64
        let minSeats: Int
        let maxSeats: Int
        let label: String
        var people: [Int] = []

        func contains(_ instant: Int64) -> Bool { startsAt <= instant && instant < endsAt }
    }

    static let weeks = 2
    static let slots: [(hour: Int, label: String)] = [(0, "Night"), (8, "Day"), (16, "Evening")]

    private(set) var shifts: [Planned] = []

    /// Member ids seated in the shift on at the as-of instant.
    var onShiftAtAsOf: [Int] { shifts.first { $0.contains(asOf) }?.people ?? [] }

    private let asOf: Int64

    init(company: DemoCompany, asOf: Int64, timeZone: TimeZone, seed: UInt64) {
        self.asOf = asOf
        let days = Self.weeks * 7
        let midnights = ShiftTime.midnights(from: ShiftTime.weekStart(containing: asOf, timeZone: timeZone),
                                            days: days, timeZone: timeZone)
        var boundaries: [Int64] = []
        for day in 0..<days {
            for slot in Self.slots { boundaries.append(ShiftTime.at(hour: slot.hour, onDayOf: midnights[day], timeZone: timeZone)) }
        }
        boundaries.append(midnights[days])

        let employees = company.members.filter { $0.role == .employee }
        let execs = company.members.filter { $0.role == .exec }
        let support = company.members.filter { $0.role == .support || $0.role == .lead }
        var picker = Picker()
        for index in 0..<(boundaries.count - 1) {
            let day = index / Self.slots.count, slot = Self.slots[index % Self.slots.count]
            let weekday = day % 7 < 5
            let isDay = slot.hour == 8
            var shift = Planned(startsAt: boundaries[index], endsAt: boundaries[index + 1],
                                minSeats: isDay && weekday ? 3 : 2, maxSeats: isDay && weekday ? 6 : 4, label: slot.label)
            // Whoever is on at the as-of instant has the same shift again a week later: the
            // demo's people on shift have a next one to see.
            let weekBefore = index - 7 * Self.slots.count
            if weekBefore >= 0, shifts[weekBefore].contains(asOf) {
                shift.people = shifts[weekBefore].people
                shifts.append(shift)
                continue
            }
            var rng = DemoStream.shift.random(index, seed: seed)
            let middle = shift.startsAt + (shift.endsAt - shift.startsAt) / 2
            if shift.contains(asOf) {
                // The people `demo` suggests trying are on now, whatever the hour, with another
                // employee: the first support agent, employee and executive of the company.
                let samples = [Role.support, .employee, .exec].compactMap { role in company.members.first { $0.role == role } }
                picker.seat(samples, in: &shift)
                picker.seat(1, from: employees, in: &shift, at: middle, rng: &rng)
            } else {
                picker.seat(1, from: support, in: &shift, at: middle, rng: &rng)
                picker.seat(isDay && weekday ? 3 : 2, from: employees, in: &shift, at: middle, rng: &rng)
                if isDay && weekday { picker.seat(1, from: execs, in: &shift, at: middle, rng: &rng) }
            }
            shifts.append(shift)
        }
    }

    /// Writes the shifts and their seats, dated `now` (the as-of instant).
    func write(in db: Database, now: Int64) throws {
        let insertShift = try db.statement("""
            INSERT INTO shifts (id, starts_at, ends_at, min_seats, max_seats, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let insertSeat = try db.statement(
            "INSERT INTO shift_assignments (shift_id, person_id, created_at) VALUES (?, ?, ?)")
        for (index, shift) in shifts.enumerated() {
            let id = index + 1
            insertShift.bind(id, at: 1)
            insertShift.bind(shift.startsAt, at: 2)
            insertShift.bind(shift.endsAt, at: 3)
            insertShift.bind(shift.minSeats, at: 4)
            insertShift.bind(shift.maxSeats, at: 5)
            insertShift.bind(shift.label, at: 6)
            insertShift.bind(now, at: 7)
            try insertShift.run()
            for person in shift.people {
                insertSeat.bind(id, at: 1)
                insertSeat.bind(person, at: 2)
                insertSeat.bind(now, at: 3)
                try insertSeat.run()
            }
        }
    }

    /// Picks people for seats: a few random draws from the pool, keeping the one whose daytime
    /// the shift falls in and who has sat the fewest shifts so far.
    private struct Picker {
        private var shiftsSat: [Int: Int] = [:]
        private var zones: [String: TimeZone] = [:]

        /// Seats exactly these people.
        mutating func seat(_ members: [DemoCompany.Member], in shift: inout Planned) {
            for member in members where !shift.people.contains(member.id) {
                shift.people.append(member.id)
                shiftsSat[member.id, default: 0] += 1
            }
        }

        mutating func seat(_ count: Int, from pool: [DemoCompany.Member], in shift: inout Planned, at middle: Int64,
                           rng: inout SeededRandom) {
            guard !pool.isEmpty else { return }
            for _ in 0..<count {
                var best: (score: Int, id: Int)?
                for _ in 0..<min(24, pool.count * 3) {
                    let member = pool[rng.below(pool.count)]
                    guard !shift.people.contains(member.id) else { continue }
                    let score = (isDaytime(member, at: middle) ? 0 : 1_000) + shiftsSat[member.id, default: 0]
                    if score < (best?.score ?? Int.max) { best = (score, member.id) }
                    if score == 0 { break }
                }
                guard let chosen = best else { return }
                shift.people.append(chosen.id)
                shiftsSat[chosen.id, default: 0] += 1
            }
        }

        private mutating func isDaytime(_ member: DemoCompany.Member, at instant: Int64) -> Bool {
            let zone = zones[member.timeZone] ?? TimeZone(identifier: member.timeZone) ?? .gmt
            zones[member.timeZone] = zone
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
            let hour = ((instant + offset) % 86_400 + 86_400) % 86_400 / 3_600
            return (8..<20).contains(hour)
        }
    }
}
