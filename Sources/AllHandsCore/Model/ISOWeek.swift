import Foundation

/// A week as ISO 8601 numbers it (`2026-W48`): Monday to Sunday, week 1 holding the year's first
/// Thursday. The week's days are the company's: it starts at Monday 00:00 in the company's zone,
/// so a week across a DST change is 167 or 169 hours long.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// `YYYY-Www` (`2026-W48`, also `2026W48`); nil for anything else or a week the year lacks.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = trimmed.split(separator: "W", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let yearText = parts[0].hasSuffix("-") ? parts[0].dropLast() : parts[0]
        guard yearText.count == 4, parts[1].count == 2, yearText.allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
              let year = Int(yearText), let week = Int(parts[1]), (1970...9999).contains(year),
              (1...Self.weeks(in: year)).contains(week) else { return nil }
        self.year = year
        self.week = week
    }

    init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// The week in which `seconds` falls, on the calendar of `zone`.
    public static func containing(_ seconds: Int64, zone: TimeZone) -> ISOWeek {
        let parts = calendar(zone).dateComponents([.yearForWeekOfYear, .weekOfYear],
                                                  from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return ISOWeek(year: parts.yearForWeekOfYear ?? 1970, week: parts.weekOfYear ?? 1)
    }

    /// Monday 00:00 of the week in `zone`, in seconds since 1970.
    public func start(in zone: TimeZone) -> Int64 {
        let parts = DateComponents(hour: 0, minute: 0, second: 0, weekday: 2, weekOfYear: week, yearForWeekOfYear: year)
        guard let date = Self.calendar(zone).date(from: parts) else { return 0 }
        return Int64(date.timeIntervalSince1970.rounded())
    }

    /// The next week's start: the end (exclusive) of this one.
    public func end(in zone: TimeZone) -> Int64 {
        adding(1).start(in: zone)
    }

    /// The week `weeks` later (earlier when negative).
    public func adding(_ weeks: Int) -> ISOWeek {
        var year = self.year
        var week = self.week + weeks
        while week < 1 {
            year -= 1
            week += Self.weeks(in: year)
        }
        while week > Self.weeks(in: year) {
            week -= Self.weeks(in: year)
            year += 1
        }
        return ISOWeek(year: year, week: week)
    }

    /// Weeks from `self` to `other` (positive when `other` is later).
    public func weeks(until other: ISOWeek) -> Int {
        (Self.ordinal(other) - Self.ordinal(self))
    }

    public var description: String {
        String(format: "%04d-W%02d", year, week)
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool {
        (a.year, a.week) < (b.year, b.week)
    }

    /// 53 when the year has a week 53 (it starts on a Thursday, or is a leap year starting on a
    /// Wednesday), else 52.
    static func weeks(in year: Int) -> Int {
        func p(_ y: Int) -> Int { (y + y / 4 - y / 100 + y / 400) % 7 }
        return p(year) == 4 || p(year - 1) == 3 ? 53 : 52
    }

    /// Weeks since 1970-W01, for differences.
    private static func ordinal(_ w: ISOWeek) -> Int {
        var total = 0
        if w.year >= 1970 {
            for y in 1970..<w.year { total += weeks(in: y) }
        }
        return total + w.week
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        return calendar
    }
}
