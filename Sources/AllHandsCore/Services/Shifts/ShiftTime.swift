import Foundation

/// Times on the rota: shifts are defined in the company's time zone and stored in UTC. Reads a
/// wall-clock time the way a lead types it, and finds the local weeks and days shifts tile,
/// without a gap or an overlap across a daylight-saving change.
public enum ShiftTime {
    /// Reads `2026-11-24 09:00` (or `2026-11-24T09:00`, seconds allowed) as a wall-clock time in
    /// `timeZone`, or an ISO 8601 instant with its zone (`2026-11-24T14:00Z`,
    /// `2026-11-24 09:00-05:00`) as that instant; a date alone is midnight in `timeZone`.
    ///
    /// A wall-clock time that does not exist that day (skipped by a change to daylight-saving
    /// time) is refused; one that happens twice (the hour repeated when it ends) is refused
    /// unless its offset is given. Throws `invalid` naming `what` and the expected forms.
    public static func parse(_ text: String, timeZone: TimeZone, what: String = "time") throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pattern = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?/
        guard let match = trimmed.wholeMatch(of: pattern) else {
            throw AllHandsError.invalid("\(what) '\(FieldLimits.excerpt(text))' is not a date and time: use "
                + "\"2026-11-24 09:00\" (\(timeZone.identifier), the company's time zone) or 2026-11-24T14:00Z")
        }
        if match.7 != nil, let instant = DemoOptions.asOfInstant(trimmed.replacingOccurrences(of: " ", with: "T")) {
            return instant
        }
        guard match.7 == nil, let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              let hour = Int(match.4 ?? "0"), let minute = Int(match.5 ?? "0"), let second = Int(match.6 ?? "0"),
              let naive = naiveUTC(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else {
            throw AllHandsError.invalid("\(what) '\(FieldLimits.excerpt(text))' is not a valid date and time")
        }
        let instants = localInstants(naive: naive, timeZone: timeZone)
        switch instants.count {
        case 1:
            return instants[0]
        case 0:
            throw AllHandsError.invalid("\(what) '\(trimmed)' does not exist in \(timeZone.identifier): "
                + "the clocks skip it for daylight-saving time")
        default:
            let choices = instants.map { Timestamp.iso8601($0) }.joined(separator: " or ")
            throw AllHandsError.invalid("\(what) '\(trimmed)' happens twice in \(timeZone.identifier) as the clocks "
                + "go back; give the instant with its offset (\(choices))")
        }
    }

    /// The end of a period as a person types it: a time as `parse` reads it, or a date alone
    /// meaning through that whole day (the next local midnight): `--to 2026-12-31`,
    /// `:plan 2026-12-01 2026-12-31`.
    public static func parseEnd(_ text: String, timeZone: TimeZone, what: String = "end") throws -> Int64 {
        let instant = try parse(text, timeZone: timeZone, what: what)
        guard isDateAlone(text) else { return instant }
        return midnights(from: instant, days: 1, timeZone: timeZone).last ?? instant
    }

    /// `2026-12-31`, with no time.
    public static func isDateAlone(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces).wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil
    }

    /// The instants whose wall-clock time in `timeZone` is `naive` (that wall-clock time written
    /// as if it were UTC): one normally, none in a skipped hour, two in a repeated one.
    static func localInstants(naive: Int64, timeZone: TimeZone) -> [Int64] {
        let offsets = Set([naive - 86_400, naive + 86_400].map {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))))
        })
        return offsets.map { naive - $0 }.filter { instant in
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))) == naive - instant
        }.sorted()
    }

    /// The instant a wall-clock time reads in `timeZone` on a date (`day` may run past the month's
    /// end: it rolls over), the way RFC 5545 resolves local times: a time the clocks skip is read
    /// with the offset before the change (02:30 on a spring-forward night is 03:30), a time that
    /// happens twice is its first occurrence. Nil only for a date that is not real.
    public static func wallClock(year: Int, month: Int, day: Int, minutes: Int, timeZone: TimeZone) -> Int64? {
        guard let midnight = naiveUTC(year: year, month: month, day: 1, hour: 0, minute: 0, second: 0) else { return nil }
        let naive = midnight + Int64(day - 1) * 86_400 + Int64(minutes) * 60
        let instants = localInstants(naive: naive, timeZone: timeZone)
        if let first = instants.first { return first }
        let before = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - 86_400))))
        return naive - before
    }

    /// A calendar date and time as epoch seconds read as UTC, or nil if it is not a real one.
    static func naiveUTC(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard (1970...9999).contains(year), (0...23).contains(hour), (0...59).contains(minute),
              (0...59).contains(second) else { return nil }
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard parts.isValidDate(in: utcCalendar), let date = utcCalendar.date(from: parts) else { return nil }
        return Int64(date.timeIntervalSince1970)
    }

    /// Midnight starting each local day from the one containing `instant`, `days + 1` of them
    /// (the last ends the span): days are 23, 24 or 25 hours long across daylight-saving changes.
    public static func midnights(from instant: Int64, days: Int, timeZone: TimeZone) -> [Int64] {
        let calendar = calendar(timeZone)
        let first = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        return (0...max(days, 0)).map { offset in
            Int64((calendar.date(byAdding: .day, value: offset, to: first) ?? first).timeIntervalSince1970)
        }
    }

    /// Monday 00:00 of the local week containing `instant`.
    public static func weekStart(containing instant: Int64, timeZone: TimeZone) -> Int64 {
        var calendar = calendar(timeZone)
        calendar.firstWeekday = 2
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let start = calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? calendar.startOfDay(for: date)
        return Int64(start.timeIntervalSince1970)
    }

    /// `instant` moved by `hours` of wall-clock time in `timeZone` from the local midnight that
    /// starts its day: `at(hour: 8, onDayOf: midnight)` is 08:00 that day whatever the offset.
    public static func at(hour: Int, onDayOf midnight: Int64, timeZone: TimeZone) -> Int64 {
        let calendar = calendar(timeZone)
        let day = Date(timeIntervalSince1970: TimeInterval(midnight))
        let date = calendar.date(bySettingHour: hour, minute: 0, second: 0, of: day) ?? day
        return Int64(date.timeIntervalSince1970)
    }

    /// The local calendar month containing `instant`: its first midnight, the next month's, and
    /// its name ("November 2026").
    public static func month(containing instant: Int64, timeZone: TimeZone) -> (start: Int64, end: Int64, title: String) {
        let calendar = calendar(timeZone)
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let interval = calendar.dateInterval(of: .month, for: date)
        let parts = calendar.dateComponents([.year, .month], from: date)
        let title = "\(monthNames[((parts.month ?? 1) - 1) % 12]) \(parts.year ?? 1970)"
        return (Int64(interval?.start.timeIntervalSince1970 ?? Double(instant)),
                Int64(interval?.end.timeIntervalSince1970 ?? Double(instant)), title)
    }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]

    /// The company's zone from the config (UTC if the config names none that exists: it is
    /// checked when the config is read).
    public static func companyZone(_ config: Configuration) -> TimeZone {
        TimeZone(identifier: config.company.timeZone) ?? .gmt
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
