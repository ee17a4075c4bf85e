import Foundation

/// A month laid out in weeks starting on Monday, in a given time zone, as day numbers.
struct MonthCalendar: Equatable {
    let title: String
    /// Rows of seven days; nil pads the days outside the month.
    let weeks: [[Int?]]
    let today: Int

    init(containing seconds: Int64, timeZone: TimeZone) {
        let days = CalendarDays(timeZone: timeZone)
        let month = days.month(containing: seconds)
        weeks = days.monthWeeks(containing: seconds).map { week in
            week.map { $0 >= month.start && $0 < month.end ? days.dayOfMonth($0) : nil }
        }
        title = month.title
        today = days.dayOfMonth(days.day(containing: seconds))
    }
}
