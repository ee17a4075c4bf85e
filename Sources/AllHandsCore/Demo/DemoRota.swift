import Foundation
import Storage

/// The demo's rota: a quarter — the month before the as-of instant's, its own and the next —
/// generated from the config's templates and filled by the planner itself, as if planned
/// before it began, so the past weeks give the fairness panel history.
///
/// So that whoever tries the demo at any hour finds people on shift, the support agent and the
/// employee `demo` suggests trying sit in the shift on at the as-of instant: the template
/// shift of that hour if there is one, else a three-hour shift added by hand around it
/// ("On call (demo)"). The planner plans around them.
struct DemoRota {
    /// Member ids working (not listening) in the shift on at the as-of instant.
    private(set) var onShiftAtAsOf: [Int] = []

    static let handLabel = "On call (demo)"

    init(company: DemoCompany, asOf: Int64, config: Configuration, in db: Database) throws {
        let zone = ShiftTime.companyZone(config)
        let thisMonth = ShiftTime.month(containing: asOf, timeZone: zone)
        let from = ShiftTime.month(containing: thisMonth.start - 1, timeZone: zone).start
        let to = ShiftTime.month(containing: ShiftTime.month(containing: thisMonth.end, timeZone: zone).end, timeZone: zone).start
        _ = try PlanStore.createTemplateShifts(from: from, to: to, now: from - 1, config: config, in: db)

        let shiftID = try Self.shiftAt(asOf, in: db) ?? Self.addHandShift(around: asOf, now: from, in: db)
        let (start, end) = try db.fetchOne("SELECT starts_at, ends_at FROM shifts WHERE id = ?", shiftID) {
            ($0.int64(0), $0.int64(1))
        } ?? (asOf, asOf + 1)
        // The people `demo` suggests trying work this shift whatever the hour (a lead put them
        // there by hand: `rotation check` says so when it is outside their working hours); another
        // employee and an executive listening in join them where their working hours allow.
        func covers(_ member: DemoCompany.Member) -> Bool {
            RotationRules.outsideWorkingHours(startsAt: start, endsAt: end, timeZone: TimeZone(identifier: member.timeZone) ?? .gmt,
                                              window: config.rotation.workingHours) == nil
        }
        var seated: [(DemoCompany.Member, AssignmentRole)] = []
        for (role, seat) in [(Role.support, AssignmentRole.buddy), (.employee, .agent)] {
            if let sample = company.samples[role] { seated.append((sample, seat)) }
        }
        if let other = company.members.first(where: { member in
            member.role == .employee && covers(member) && !seated.contains { $0.0.id == member.id || $0.0.team == member.team }
        }) {
            seated.append((other, .agent))
        }
        if let exec = company.samples[.exec], covers(exec) { seated.append((exec, .listener)) }
        for (member, role) in seated {
            try db.execute("""
                INSERT INTO shift_assignments (shift_id, person_id, role, source, paired_with, created_at)
                VALUES (?, ?, ?, 'manual', NULL, ?)
                """, shiftID, member.id, role.rawValue, from)
        }
        onShiftAtAsOf = seated.filter { $0.1 != .listener }.map(\.0.id)

        let (input, ids) = try PlanStore.load(from: from, to: to, now: from - 1, mode: .fill, config: config, in: db)
        try PlanStore.apply(Planner.plan(input), shiftIDs: ids, now: from, in: db)
    }

    private static func shiftAt(_ instant: Int64, in db: Database) throws -> Int? {
        try db.fetchInt("SELECT id FROM shifts WHERE starts_at <= ? AND ? < ends_at ORDER BY starts_at LIMIT 1",
                        instant, instant)
    }

    /// A shift from the hour before the as-of instant's hour to two hours after it.
    private static func addHandShift(around instant: Int64, now: Int64, in db: Database) throws -> Int {
        let hour = instant - instant % 3_600
        try db.execute("""
            INSERT INTO shifts (starts_at, ends_at, min_seats, max_seats, label, created_at) VALUES (?, ?, 2, 4, ?, ?)
            """, hour - 3_600, hour + 2 * 3_600, handLabel, now)
        return Int(db.lastInsertRowID)
    }
}
