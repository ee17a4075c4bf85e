import Foundation

/// A shift a template makes on one day: its instants worked out in the company's zone.
public struct TemplateSlot: Sendable, Equatable {
    public var template: String
    public var startsAt: Int64
    public var endsAt: Int64
    public var minSeats: Int
    public var maxSeats: Int
    public var buddyRequired: Bool
}

/// Turns the weekly templates into dated shifts. Each shift starts and ends at its wall-clock
/// times on its local day, whatever the offset that day, so a daylight-saving change makes a
/// shift that spans it an hour shorter or longer, never a gap or an overlap between shifts
/// that share a boundary (both read the same wall-clock time the same way).
public enum ShiftTemplates {
    /// The template shifts starting in `[from, to)`, by start time then template order.
    public static func slots(_ templates: [Configuration.ShiftTemplate], from: Int64, to: Int64,
                             timeZone: TimeZone) -> [TemplateSlot] {
        guard to > from, !templates.isEmpty else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // A template that runs past midnight started the local day before `from`.
        var day = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(from - 86_400)))
        var slots: [TemplateSlot] = []
        while Int64(day.timeIntervalSince1970) < to {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
                  let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            let isoWeekday = (weekday + 5) % 7 + 1
            for template in templates where template.days.contains(isoWeekday) {
                let start = ShiftTime.wallClock(year: year, month: month, day: dayOfMonth, minutes: template.start,
                                                timeZone: timeZone)
                let endDay = template.end > template.start ? 0 : 1
                let end = ShiftTime.wallClock(year: year, month: month, day: dayOfMonth + endDay, minutes: template.end,
                                              timeZone: timeZone)
                guard let start, let end, end > start, start >= from, start < to else { continue }
                slots.append(TemplateSlot(template: template.name, startsAt: start, endsAt: end,
                                          minSeats: template.minSeats, maxSeats: template.maxSeats,
                                          buddyRequired: template.buddyRequired))
            }
            day = next
        }
        let order = Dictionary(uniqueKeysWithValues: templates.enumerated().map { ($1.name, $0) })
        return slots.sorted { ($0.startsAt, order[$0.template] ?? 0) < ($1.startsAt, order[$1.template] ?? 0) }
    }
}
