import AllHandsCore
import Foundation
import TerminalUI

/// This month's calendar with "your schedule changed" when it did, who is on shift now, the
/// viewer's own standing, and the next shift on the rota with its people. Enter opens the
/// rotation calendar.
enum RotationPane {
    /// `actionItems`: the viewer's open action items in a few words (walk-a-mile follow-ups),
    /// a line of its own under the shifts.
    static func draw(_ grid: inout Grid, _ rect: Rect, overview: RotationOverview, now: Int64, timeZone: TimeZone, focused: Bool,
                     actionItems: (text: String, overdue: Bool)? = nil) {
        let month = MonthCalendar(containing: now, timeZone: timeZone)
        PaneTitle.draw(&grid, rect, title: Pane.rotation.title, detail: month.title, focused: focused)
        guard rect.height > 1 else { return }
        var y = rect.y + 1
        let x = rect.x + 1
        let limit = rect.width - 1
        let info = lines(overview, now: now, timeZone: timeZone)
            + (actionItems.map { [("You have " + $0.text + " (W)", $0.overdue ? StyleRole.overdue : .normal)] } ?? [])
        if rect.height - 1 >= month.weeks.count + 1 + info.count {
            grid.write("Mo Tu We Th Fr Sa Su", x: x, y: y, role: .muted, limit: limit)
            y += 1
            for week in month.weeks {
                for (i, day) in week.enumerated() {
                    guard let day else { continue }
                    let role: StyleRole = day == month.today ? .today : (i >= 5 ? .muted : .normal)
                    grid.write(TextWidth.fit(String(day), to: 2, alignRight: true), x: x + i * 3, y: y, role: role, limit: max(0, limit - i * 3))
                }
                y += 1
            }
        }
        for line in info where y < rect.maxY {
            grid.write(TextWidth.truncate(line.text, to: limit), x: x, y: y, role: line.role, limit: limit)
            y += 1
        }
    }

    /// The lines under the calendar, most important first (they stay when the calendar has no room).
    static func lines(_ overview: RotationOverview, now: Int64, timeZone: TimeZone) -> [(text: String, role: StyleRole)] {
        var lines: [(text: String, role: StyleRole)] = []
        if let notice = overview.notice {
            lines.append(("Your schedule changed: " + Sanitizer.clean(notice.summary), .accent))
        }
        guard overview.planned else {
            return lines + [("No rotation planned yet.", .gap), ("On shift now: nobody", .muted), ("Your next shift: none planned", .muted)]
        }
        lines.append(("On shift now: " + (overview.onShiftNow.isEmpty ? "nobody" : overview.onShiftNow.map(Sanitizer.clean).joined(separator: ", ")),
                      overview.onShiftNow.isEmpty ? .gap : .normal))
        if overview.meOnShift, let ends = overview.myShiftEnds {
            lines.append(("You: on shift until " + Timestamp.localWithZone(ends, timeZone: timeZone), .accent))
        } else {
            lines.append(("Your next shift: " + (overview.myNextShift.map { Timestamp.localWithZone($0, timeZone: timeZone) } ?? "none planned"), .normal))
        }
        if let next = overview.nextShift {
            let when = Timestamp.weekdayClock(next.startsAt, timeZone: timeZone, now: now) + "–"
                + Timestamp.hourMinute(next.endsAt, timeZone: timeZone)
            let people = next.assignments.map(CalendarAgenda.person).joined(separator: ", ")
            lines.append(("Next shift: " + when + " " + (people.isEmpty ? "nobody yet" : people), people.isEmpty ? .gap : .normal))
        }
        return lines
    }
}
