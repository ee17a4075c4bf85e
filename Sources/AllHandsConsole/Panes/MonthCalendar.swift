import Foundation

/// A month laid out in weeks starting on Monday, in a given time zone.
struct MonthCalendar: Equatable {
    let title: String
    /// Rows of seven days; nil pads the days outside the month.
    let weeks: [[Int?]]
    let today: Int

    init(containing seconds: Int64, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let first = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1)) ?? date
        let days = calendar.range(of: .day, in: .month, for: first)?.count ?? 30
        // Calendar weekday: 1 = Sunday … 7 = Saturday; shift so Monday is column 0.
        let lead = ((calendar.component(.weekday, from: first) + 5) % 7)
        var cells: [Int?] = Array(repeating: nil, count: lead) + (1...days).map { Optional($0) }
        while cells.count % 7 != 0 { cells.append(nil) }
        weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<$0 + 7]) }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        title = "\(names[((parts.month ?? 1) - 1) % 12]) \(parts.year ?? 0)"
        today = parts.day ?? 1
    }
}
