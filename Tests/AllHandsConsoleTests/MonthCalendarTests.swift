@testable import AllHandsConsole
import AllHandsCore
import Foundation
import XCTest

/// The rotation pane's month, placed by arithmetic, is the calendar's own weeks of that month
/// (`CalendarDays.monthWeeks`) with the days of the months around it left blank, in every zone,
/// every month of two years (leap February, months of four to six rows, daylight-saving changes).
final class MonthCalendarTests: XCTestCase {
    func testTheMonthIsTheCalendarsWeeksOfItWithTheOtherMonthsBlank() throws {
        var months = 0
        for name in ["UTC", "America/New_York", "Europe/London", "Pacific/Apia", "Asia/Kathmandu", "America/Santiago"] {
            let zone = try XCTUnwrap(TimeZone(identifier: name))
            let days = CalendarDays(timeZone: zone)
            var day = days.day(containing: 1_768_478_400) // 2026-01-15
            for _ in 0..<24 {
                let month = days.month(containing: day)
                let expected = days.monthWeeks(containing: day).map { week in
                    week.map { $0 >= month.start && $0 < month.end ? days.dayOfMonth($0) : nil }
                }
                let noon = days.adding(days: 14, to: month.start) + 43_200
                let calendar = MonthCalendar(containing: noon, timeZone: zone)
                XCTAssertEqual(calendar.weeks, expected, "\(name) \(month.title)")
                XCTAssertEqual(calendar.today, 15, "\(name) \(month.title)")
                XCTAssertEqual(calendar.title, month.title)
                day = month.end
                months += 1
            }
        }
        XCTAssertEqual(months, 144)
    }
}
