/// How listening time is counted, in one place for the sessions, the fairness panel and the
/// weekly report.
///
/// A session starts when the listen view opens and ends when the listener leaves it. A listener
/// reading without pressing keys is still listening, but not for ever: a session counts at most
/// `idleSeconds` past the listener's last sign of life (`active_at`: the opening, a key), so a
/// console left open over lunch, or one that died, counts ten minutes more, not the afternoon.
public enum ListeningRules {
    /// After this long without a key the session is over (its time stops at the last key plus
    /// this); the next key in the listen view starts a new session.
    public static let idleSeconds: Int64 = 600

    /// The instant a session's counted time ends.
    public static func end(startedAt: Int64, activeAt: Int64, endedAt: Int64?, now: Int64) -> Int64 {
        max(startedAt, min(endedAt ?? now, activeAt + idleSeconds, max(now, startedAt), startedAt + maximumSessionSeconds))
    }

    /// Seconds of a session inside `[from, to)`.
    public static func seconds(startedAt: Int64, activeAt: Int64, endedAt: Int64?, now: Int64,
                               from: Int64, to: Int64) -> Int64 {
        let end = Self.end(startedAt: startedAt, activeAt: activeAt, endedAt: endedAt, now: now)
        return max(0, min(end, to) - max(startedAt, from))
    }

    /// The same rule as an SQL expression over `listening_sessions` aliased `alias`, for sums
    /// in one query. The instants are written into the text (they are integers, never user
    /// text). Pair it with `overlapSQL` to read only the sessions that can count.
    public static func secondsSQL(_ alias: String = "ls", now: Int64, from: Int64, to: Int64) -> String {
        let end = "max(\(alias).started_at, min(coalesce(\(alias).ended_at, \(now)), \(alias).active_at + \(idleSeconds), "
            + "max(\(now), \(alias).started_at), \(alias).started_at + \(maximumSessionSeconds)))"
        return "max(0, min(\(end), \(to)) - max(\(alias).started_at, \(from)))"
    }

    /// The condition that a session of `alias` may overlap `[from, to)` (uses the start index).
    public static func overlapSQL(_ alias: String = "ls", from: Int64, to: Int64) -> String {
        "\(alias).started_at < \(to) AND \(alias).started_at >= \(from - maximumSessionSeconds)"
            + " AND coalesce(\(alias).ended_at, \(alias).active_at + \(idleSeconds)) > \(from)"
    }

    /// The longest a session can count: a listener pressing a key every few minutes for a whole
    /// day. Longer ones are cut here (nobody listens for more than a day in one sitting), which
    /// lets a period's sums read only the sessions that started shortly before it.
    public static let maximumSessionSeconds: Int64 = 86_400
}
