import Foundation
import Storage

/// Listening time over a period: per person, from the sessions, by the one rule in
/// `ListeningRules`, against the executives' target.
extension ListeningService {
    /// Everyone who listened in `[from, to)` and every active executive (at zero when they did
    /// not), by login. `seconds` counts each session's time inside the period (a session cut by
    /// the period counts its part); `sessions` those that began in it. An executive's target is
    /// `listening.targetHoursPerMonth` spread over the company's calendar months: a whole month
    /// asks the full target, part of a month its share by length (a week of a 30-day month is
    /// 7/30 of it), a period across months the sum of each month's share.
    public func listeningTime(from: Int64, to: Int64) throws -> [ListeningTime] {
        try context.check(.viewPeople)
        guard from < to else { throw AllHandsError.invalid("a period ends after it starts") }
        guard to - from <= Self.longestPeriod else {
            throw AllHandsError.invalid("a listening period is at most ten years long")
        }
        return try context.read { db in try Self.times(from: from, to: to, now: context.now, config: context.config, in: db) }
    }

    /// Listening time of the company's calendar month containing `instant` (now by default).
    public func listeningTime(monthContaining instant: Int64? = nil) throws -> [ListeningTime] {
        let month = ShiftTime.month(containing: instant ?? context.now, timeZone: ShiftTime.companyZone(context.config))
        return try listeningTime(from: month.start, to: month.end)
    }

    static let longestPeriod: Int64 = 3_653 * 86_400

    static func times(from: Int64, to: Int64, now: Int64, config: Configuration, in db: Database) throws -> [ListeningTime] {
        let target = Self.targetSeconds(perMonth: config.listening.targetHoursPerMonth, from: from, to: to,
                                        timeZone: ShiftTime.companyZone(config))
        var times: [String: ListeningTime] = [:]
        try db.forEachRow("""
            SELECT p.login, p.role = 'exec' AND p.active = 1, sum(\(ListeningRules.secondsSQL("ls", now: now, from: from, to: to))),
                   count(CASE WHEN ls.started_at >= \(from) THEN 1 END)
            FROM listening_sessions ls INDEXED BY listening_sessions_time
            JOIN people p ON p.id = ls.person_id
            WHERE \(ListeningRules.overlapSQL("ls", from: from, to: to))
            GROUP BY ls.person_id
            """) { row in
            guard row.int64(2) > 0 || row.int(3) > 0 else { return }
            times[row.string(0)] = ListeningTime(login: row.string(0), seconds: row.int64(2), sessions: row.int(3),
                                                 targetSeconds: row.int(1) == 1 ? target : 0)
        }
        try db.forEachRow("SELECT login FROM people WHERE role = 'exec' AND active = 1") { row in
            let login = row.string(0)
            if times[login] == nil { times[login] = ListeningTime(login: login, seconds: 0, sessions: 0, targetSeconds: target) }
        }
        return times.values.sorted { $0.login < $1.login }
    }

    /// `perMonth` hours spread over `[from, to)`: each calendar month of `timeZone` the period
    /// touches adds its share, the part of the month inside the period over the month's length.
    public static func targetSeconds(perMonth hours: Double, from: Int64, to: Int64, timeZone: TimeZone) -> Int64 {
        let perMonth = hours * 3_600
        var total = 0.0, cursor = from
        while cursor < to {
            let month = ShiftTime.month(containing: cursor, timeZone: timeZone)
            guard month.end > cursor else { break }
            let inside = min(month.end, to) - cursor
            total += perMonth * Double(inside) / Double(month.end - month.start)
            cursor = month.end
        }
        return Int64(total.rounded())
    }
}
