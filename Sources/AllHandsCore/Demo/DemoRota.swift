import Foundation
import Storage

/// The demo's rota: a quarter — the month before the as-of instant's, its own and the next —
/// generated from the config's templates and filled by the planner itself, as if planned
/// before it began, so the past weeks give the fairness panel history.
///
/// So that whoever tries the demo at any hour finds people on shift, the people `demo`
/// suggests trying (a support agent, an employee, and an executive listening in) sit in the
/// shift on at the as-of instant: the template shift of that hour if there is one, else a
/// three-hour shift added by hand around it ("On call (demo)"). Among each role the first
/// whose working hours cover that shift is chosen. The planner plans around them.
struct DemoRota {
    /// Member ids working (not listening) in the shift on at the as-of instant.
    private(set) var onShiftAtAsOf: [Int] = []
    /// The first login of each role seated in that shift.
    private(set) var seatedLogins: [Role: String] = [:]

    static let handLabel = "On call (demo)"

    init(company: DemoCompany, asOf: Int64, config: Configuration, in db: Database) throws {
        let zone = ShiftTime.companyZone(config)
        let thisMonth = ShiftTime.month(containing: asOf, timeZone: zone)
        let from = ShiftTime.month(containing: thisMonth.start - 1, timeZone: zone).start
        let to = ShiftTime.month(containing: ShiftTime.month(containing: thisMonth.end, timeZone: zone).end, timeZone: zone).start
        _ = try PlanStore.createTemplateShifts(from: from, to: to, now: from, config: config, in: db)

        let shiftID = try Self.shiftAt(asOf, in: db) ?? Self.addHandShift(around: asOf, now: from, in: db)
        let (start, end) = try db.fetchOne("SELECT starts_at, ends_at FROM shifts WHERE id = ?", shiftID) {
            ($0.int64(0), $0.int64(1))
        } ?? (asOf, asOf + 1)
        var seated: [(DemoCompany.Member, AssignmentRole)] = []
        func pick(_ role: Role, as seat: AssignmentRole) {
            let pool = company.members.filter { member in
                member.role == role && !seated.contains { $0.0.id == member.id }
                    && !seated.contains { $0.0.team == member.team && $0.1 != .listener }
            }
            let covering = pool.first { member in
                RotationRules.outsideWorkingHours(startsAt: start, endsAt: end, timeZone: TimeZone(identifier: member.timeZone) ?? .gmt,
                                                  window: config.rotation.workingHours) == nil
            }
            if let chosen = covering ?? pool.first { seated.append((chosen, seat)) }
        }
        pick(.support, as: .buddy)
        pick(.employee, as: .agent)
        pick(.employee, as: .agent)
        pick(.exec, as: .listener)
        for (member, role) in seated {
            try db.execute("""
                INSERT INTO shift_assignments (shift_id, person_id, role, source, paired_with, created_at)
                VALUES (?, ?, ?, 'manual', NULL, ?)
                """, shiftID, member.id, role.rawValue, from)
        }
        onShiftAtAsOf = seated.filter { $0.1 != .listener }.map(\.0.id)
        for (member, _) in seated where seatedLogins[member.role] == nil { seatedLogins[member.role] = member.login }

        let (input, ids) = try PlanStore.load(from: from, to: to, now: from, mode: .fill, config: config, in: db)
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
