import Foundation

/// Formatting of stored UTC epoch seconds.
public enum Timestamp {
    /// `2026-11-22T17:00:00Z`: the stable form used in JSON output.
    public static func iso8601(_ seconds: Int64) -> String {
        // Years 1970–9999 by arithmetic (days to civil date, H. Hinnant): JSON listings format
        // two of these per row, a million rows at a time, and the format style is 20× slower.
        if (0..<253_402_300_800).contains(seconds) {
            let days = seconds / 86_400, rest = Int(seconds % 86_400)
            let z = days + 719_468
            let era = z / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let mp = (5 * dayOfYear + 2) / 153
            let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
            let month = Int(mp < 10 ? mp + 3 : mp - 9)
            let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
            var text = [UInt8](repeating: 0, count: 20)
            func put(_ value: Int, at index: Int, digits: Int) {
                var value = value
                for i in stride(from: index + digits - 1, through: index, by: -1) {
                    text[i] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, at: 0, digits: 4); put(month, at: 5, digits: 2); put(day, at: 8, digits: 2)
            put(rest / 3_600, at: 11, digits: 2); put(rest / 60 % 60, at: 14, digits: 2); put(rest % 60, at: 17, digits: 2)
            for (i, c) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")] as [(Int, Unicode.Scalar)] {
                text[i] = UInt8(ascii: c)
            }
            return String(decoding: text, as: UTF8.self)
        }
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

    /// `2026-11-22`: the local date in the given zone.
    public static func date(_ seconds: Int64, timeZone: TimeZone) -> String {
        String(local(seconds, timeZone: timeZone).prefix(10))
    }

    /// `2026-11-22 12:00 EST`: a local time that says which zone it is in, for everything a
    /// person reads (two people in different zones must not read the same row differently).
    public static func localWithZone(_ seconds: Int64, timeZone: TimeZone) -> String {
        local(seconds, timeZone: timeZone) + " " + zone(seconds, timeZone: timeZone)
    }

    /// `Tue 09:00` within the coming week, `Dec 3 09:00` beyond it: when a shift starts.
    public static func weekdayClock(_ seconds: Int64, timeZone: TimeZone, now: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let parts = calendar.dateComponents([.month, .day, .weekday], from: date)
        let time = hourMinute(seconds, timeZone: timeZone)
        if seconds - now < 6 * 86_400, let weekday = parts.weekday, (1...7).contains(weekday) {
            return shortWeekdays[weekday - 1] + " " + time
        }
        // English names, whatever the process's locale: the C locale names months "M12".
        let month = parts.month.map { String(ShiftTime.monthNames[($0 - 1) % 12].prefix(3)) } ?? ""
        return "\(month) \(parts.day ?? 0) " + time
    }

    /// Sunday first, as `Calendar` numbers weekdays.
    static let shortWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `09:00` in the zone.
    public static func hourMinute(_ seconds: Int64, timeZone: TimeZone) -> String {
        String(local(seconds, timeZone: timeZone).suffix(5))
    }

    /// `12:00 EST`: a clock in the given zone.
    public static func clock(_ seconds: Int64, timeZone: TimeZone) -> String {
        String(local(seconds, timeZone: timeZone).suffix(5)) + " " + zone(seconds, timeZone: timeZone)
    }

    /// The zone's abbreviation at that moment (`EST`, `CET`, `UTC`) when it has a lettered one,
    /// else its offset from UTC (`UTC+9`, `UTC+5:30`, `UTC-3`).
    public static func zone(_ seconds: Int64, timeZone: TimeZone) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(timeZone.identifier) { return "UTC" }
        if let abbreviation = timeZone.abbreviation(for: date), !abbreviation.isEmpty,
           abbreviation.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
            return abbreviation
        }
        let offset = timeZone.secondsFromGMT(for: date)
        guard offset != 0 else { return "UTC" }
        let minutes = abs(offset) / 60
        let sign = offset < 0 ? "-" : "+"
        return "UTC" + sign + String(minutes / 60) + (minutes % 60 == 0 ? "" : String(format: ":%02d", minutes % 60))
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
