import Foundation

/// A month laid out in weeks starting on Monday, in a given time zone, as day numbers.
struct MonthCalendar: Equatable {
    let title: String
    /// Rows of seven days; nil pads the days outside the month.
    let weeks: [[Int?]]
    let today: Int

    /// Drawn with every frame of the main screen, so it asks the calendar only for the month's
    /// length and the weekday of its first day and places the days by arithmetic (stepping
    /// through the 42 days on the calendar cost most of a frame).
    init(containing seconds: Int64, timeZone: TimeZone) {
        let days = CalendarDays(timeZone: timeZone)
        let month = days.month(containing: seconds)
        let length = days.dayOfMonth(days.adding(days: -1, to: month.end))
        let before = days.isoWeekday(month.start) - 1
        weeks = (0..<(before + length + 6) / 7).map { row in
            (0..<7).map { column in
                let day = row * 7 + column - before + 1
                return (1...length).contains(day) ? day : nil
            }
        }
        title = month.title
        today = days.dayOfMonth(days.day(containing: seconds))
    }
}
