import AllHandsCore
import Foundation

/// Local days in one time zone (the viewer's), each named by the instant of its midnight:
/// stepping by days and months, the weeks of a month, and how a day is written. A day is 23, 24
/// or 25 hours long across a daylight-saving change, so days are stepped on the calendar, never
/// by adding 86,400 seconds.
struct CalendarDays {
    let timeZone: TimeZone
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        self.calendar = calendar
    }

    /// The midnight starting the local day that contains `instant`.
    func day(containing instant: Int64) -> Int64 {
        ShiftTime.midnights(from: instant, days: 0, timeZone: timeZone)[0]
    }

    /// The day `count` days after `day` (before, when negative).
    func adding(days count: Int, to day: Int64) -> Int64 {
        step(.day, by: count, from: day)
    }

    /// The same day of the month `count` months on, or that month's last day when it is shorter.
    func adding(months count: Int, to day: Int64) -> Int64 {
        step(.month, by: count, from: day)
    }

    /// The Monday starting the week that contains `day`.
    func weekStart(_ day: Int64) -> Int64 {
        ShiftTime.weekStart(containing: day, timeZone: timeZone)
    }

    /// The seven days of the week that contains `day`, Monday first.
    func week(containing day: Int64) -> [Int64] {
        let monday = weekStart(day)
        return (0..<7).map { adding(days: $0, to: monday) }
    }

    /// The month containing `day`: its first day, the next month's first day, and its name.
    func month(containing day: Int64) -> (start: Int64, end: Int64, title: String) {
        let month = ShiftTime.month(containing: day, timeZone: timeZone)
        // A zone whose clocks skip midnight starts the month at the first instant of its first day.
        return (self.day(containing: month.start), self.day(containing: month.end), month.title)
    }

    /// The weeks (Monday to Sunday) that cover the month containing `day`: four to six rows of
    /// seven days, the first and last padded with days of the months around it.
    func monthWeeks(containing day: Int64) -> [[Int64]] {
        let month = month(containing: day)
        var weeks: [[Int64]] = []
        var monday = weekStart(month.start)
        while monday < month.end {
            let week = (0..<7).map { adding(days: $0, to: monday) }
            weeks.append(week)
            monday = adding(days: 7, to: monday)
        }
        return weeks
    }

    /// The day of the month, 1 to 31.
    func dayOfMonth(_ day: Int64) -> Int {
        calendar.component(.day, from: date(day))
    }

    /// 1 for Monday … 7 for Sunday.
    func isoWeekday(_ day: Int64) -> Int {
        (calendar.component(.weekday, from: date(day)) + 5) % 7 + 1
    }

    /// `Mon 23 Nov`: a day as a heading.
    func heading(_ day: Int64) -> String {
        let parts = calendar.dateComponents([.month, .day], from: date(day))
        let month = parts.month.map { String(ShiftTime.monthNames[($0 - 1) % 12].prefix(3)) } ?? ""
        return "\(Self.weekdayNames[isoWeekday(day) - 1]) \(parts.day ?? 0) \(month)"
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    private func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    private func step(_ unit: Calendar.Component, by count: Int, from day: Int64) -> Int64 {
        guard count != 0 else { return day }
        // Noon of the day, moved, then back to its midnight: immune to a midnight the clocks skip.
        let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: date(day)) ?? date(day)
        let moved = calendar.date(byAdding: unit, value: count, to: noon) ?? noon
        return self.day(containing: Int64(moved.timeIntervalSince1970))
    }
}
