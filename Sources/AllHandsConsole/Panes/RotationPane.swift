import AllHandsCore
import Foundation
import TerminalUI

/// This month's calendar with who is on shift now and the viewer's next shift.
enum RotationPane {
    static func draw(_ grid: inout Grid, _ rect: Rect, overview: RotationOverview, now: Int64, timeZone: TimeZone, focused: Bool) {
        let month = MonthCalendar(containing: now, timeZone: timeZone)
        PaneTitle.draw(&grid, rect, title: Pane.rotation.title, detail: month.title, focused: focused)
        guard rect.height > 1 else { return }
        var y = rect.y + 1
        let x = rect.x + 1
        let limit = rect.width - 1
        func line(_ text: String, _ role: StyleRole = .normal) {
            guard y < rect.maxY else { return }
            grid.write(TextWidth.truncate(text, to: limit), x: x, y: y, role: role, limit: limit)
            y += 1
        }
        let calendarRows = month.weeks.count + 1
        let info = 3
        if rect.height - 1 >= calendarRows + info {
            line("Mo Tu We Th Fr Sa Su", .muted)
            for week in month.weeks {
                guard y < rect.maxY else { break }
                for (i, day) in week.enumerated() {
                    guard let day else { continue }
                    let role: StyleRole = day == month.today ? .today : (i >= 5 ? .muted : .normal)
                    grid.write(TextWidth.fit(String(day), to: 2, alignRight: true), x: x + i * 3, y: y, role: role, limit: max(0, limit - i * 3))
                }
                y += 1
            }
        }
        if overview.planned {
            line("On shift now: " + (overview.onShiftNow.isEmpty ? "nobody" : overview.onShiftNow.map(Sanitizer.clean).joined(separator: ", ")),
                 overview.onShiftNow.isEmpty ? .gap : .normal)
            if overview.meOnShift, let ends = overview.myShiftEnds {
                line("You: on shift until " + Timestamp.localWithZone(ends, timeZone: timeZone), .accent)
            } else {
                line("Your next shift: " + (overview.myNextShift.map { Timestamp.localWithZone($0, timeZone: timeZone) } ?? "none planned"))
            }
        } else {
            line("No rotation planned yet.", .gap)
            line("On shift now: nobody", .muted)
            line("Your next shift: none planned", .muted)
        }
    }
}
