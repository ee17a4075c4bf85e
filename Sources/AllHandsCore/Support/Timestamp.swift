import Foundation

/// Formatting of stored UTC epoch seconds.
public enum Timestamp {
    /// `2026-11-22T17:00:00Z`: the stable form used in JSON output.
    public static func iso8601(_ seconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return date.formatted(.iso8601.year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// `2026-11-22 12:00` in the given IANA zone (the viewer's), for tables.
    public static func local(_ seconds: Int64, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute],
                                            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0)
    }

    /// A short age such as `5m`, `3h`, `12d`.
    public static func age(from seconds: Int64, to now: Int64) -> String {
        let delta = max(0, now - seconds)
        switch delta {
        case ..<60: return "\(delta)s"
        case ..<3_600: return "\(delta / 60)m"
        case ..<86_400: return "\(delta / 3_600)h"
        case ..<(86_400 * 365): return "\(delta / 86_400)d"
        default: return "\(delta / (86_400 * 365))y"
        }
    }
}
