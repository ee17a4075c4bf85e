import Foundation
import Storage

/// Hours per person against target for one calendar month of the company's time zone.
public struct FairnessReport: Sendable, Equatable {
    /// The month, `[start, end)` in UTC seconds, and its name ("November 2026").
    public var start: Int64
    public var end: Int64
    public var title: String
    /// Every active person, most over- and under-loaded first.
    public var loads: [PersonLoad]
    /// Grafana OnCall's balance score over hours as a share of target (1 = perfectly even).
    public var balance: Double
}

extension RotationService {
    /// This month's (or the month containing `instant`'s) hours per person against their target,
    /// counting every shift that starts in the month, listening included, with each person's
    /// listen-view time in the month against their listening target (executives).
    public func fairness(monthContaining instant: Int64? = nil) throws -> FairnessReport {
        try context.check(.viewPeople)
        let zone = ShiftTime.companyZone(context.config)
        let (start, end, title) = ShiftTime.month(containing: instant ?? context.now, timeZone: zone)
        let policy = context.config.rotation
        return try context.read { db in
            let listening = Dictionary(
                try ListeningService.times(from: start, to: end, now: context.now, config: context.config, in: db)
                    .map { ($0.login, $0) }, uniquingKeysWith: { a, _ in a })
            var loads: [PersonLoad] = []
            try db.forEachRow("""
                SELECT p.login, p.name, p.role, p.team,
                       coalesce(sum(s.ends_at - s.starts_at), 0), count(s.id), count(CASE WHEN a.role = 'listener' THEN 1 END)
                FROM people p
                LEFT JOIN shift_assignments a ON a.person_id = p.id
                    AND a.shift_id IN (SELECT id FROM shifts WHERE starts_at >= ? AND starts_at < ?)
                LEFT JOIN shifts s ON s.id = a.shift_id
                WHERE p.active = 1 GROUP BY p.id
                """, start, end) { row in
                let role = Role(rawValue: row.string(2)) ?? .employee
                loads.append(PersonLoad(login: row.string(0), name: row.string(1), role: role, team: row.string(3),
                                        hours: Double(row.int64(4)) / 3_600, target: policy.target(for: role),
                                        shifts: row.int(5), listeningShifts: row.int(6),
                                        listenedSeconds: listening[row.string(0)]?.seconds ?? 0,
                                        listeningTargetSeconds: listening[row.string(0)]?.targetSeconds ?? 0))
            }
            return FairnessReport(start: start, end: end, title: title, loads: Fairness.worstFirst(loads),
                                  balance: Fairness.balanceScore(loads))
        }
    }
}
