import Foundation

extension DemoOptions {
    /// Reads the instant of `demo --as-of`: an ISO 8601 date and time with its zone
    /// (`2026-11-20T15:00:00Z`, `2026-11-20T16:00+01:00`) or a date alone (`2026-11-20`, taken
    /// as midnight UTC). A time without a zone is refused: it would mean a different instant on
    /// every machine. Returns UTC epoch seconds, or nil if `text` is not such a value.
    public static func asOfInstant(_ text: String) -> Int64? {
        let pattern = /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2}))?/
        guard let match = text.wholeMatch(of: pattern),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              (1970...9999).contains(year) else { return nil }
        var parts = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offset = 0
        if let hour = match.4, let minute = match.5, let zone = match.7 {
            parts.hour = Int(hour)
            parts.minute = Int(minute)
            parts.second = match.6.flatMap { Int($0) } ?? 0
            if zone != "Z" {
                let digits = zone.dropFirst().filter(\.isNumber)
                guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
                      hours <= 23, minutes <= 59 else { return nil }
                offset = (hours * 3_600 + minutes * 60) * (zone.hasPrefix("-") ? -1 : 1)
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        // Reject what the calendar would roll over (a 31st of November, 24:00, a 61st second).
        guard (1...12).contains(month), (0...23).contains(parts.hour ?? 0), (0...59).contains(parts.minute ?? 0),
              (0...59).contains(parts.second ?? 0), parts.isValidDate(in: calendar),
              let date = calendar.date(from: parts) else { return nil }
        return Int64(date.timeIntervalSince1970) - Int64(offset)
    }
}
