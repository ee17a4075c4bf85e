import AllHandsCore
import Foundation
import TerminalUI

/// The month: weeks × days, each day with how many shifts it shows and the mark and colour of
/// the worst problem among them; below, the selected day's shifts with their people.
enum CalendarMonthView {
    /// Columns per day: a seventh of the width, 4 to 16.
    static func cellWidth(_ width: Int) -> Int { min(16, max(4, width / 7)) }

    /// One day's cell, `cellWidth - 1` columns (a blank column parts the days): `23 4!` is the
    /// 23rd with four shifts, the worst a gap. The mark outranks the count when both do not fit.
    static func cell(day: Int, count: Int, worst: ShiftProblem?, width: Int) -> [Span] {
        let room = max(0, width - 1)
        let number = TextWidth.fit(String(day), to: 2, alignRight: true)
        guard count > 0, room > 3 else { return [Span(TextWidth.fit(number, to: room))] }
        var summary = String(count) + (worst?.mark ?? "")
        if summary.count > room - 3 { summary = worst?.mark ?? String(count) }
        let tail = TextWidth.fit(summary, to: room - 3)
        return [Span(number + " "), Span(tail, worst?.role ?? .normal)]
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, model: CalendarModel, now: Int64) {
        guard rect.height > 0, rect.width > 0 else { return }
        let days = model.days
        let width = cellWidth(rect.width)
        let weeks = days.monthWeeks(containing: model.day)
        let month = days.month(containing: model.day)
        let today = days.day(containing: now)
        var y = rect.y
        for (i, name) in CalendarDays.weekdayNames.enumerated() where (i + 1) * width <= rect.width {
            grid.write(TextWidth.fit(name, to: width - 1), x: rect.x + i * width, y: y, role: .muted)
        }
        y += 1
        for week in weeks where y < rect.maxY {
            for (i, day) in week.enumerated() where (i + 1) * width <= rect.width {
                let shifts = model.shown(on: day)
                let worst = shifts.flatMap(model.problems).min()
                var spans = cell(day: days.dayOfMonth(day), count: shifts.count, worst: worst, width: width)
                let inMonth = day >= month.start && day < month.end
                spans[0].role = day == today ? .today : inMonth ? .normal : .muted
                let x = rect.x + i * width
                StyledLine(spans).draw(&grid, x: x, y: y, width: width - 1, selected: day == model.day)
            }
            y += 1
        }
        // The selected day's shifts, then the legend on the last row when there is room for both.
        let listTop = y + 1
        let legend = rect.maxY - listTop > 3
        let rows = rect.maxY - listTop - (legend ? 1 : 0)
        guard rows > 0 else { return }
        let lines = CalendarAgenda.lines(for: [model.day], model: model, now: now, width: rect.width - 1)
        let selected = model.selectedShift?.id
        for (row, line) in StyledLine.window(lines, anchor: CalendarAgenda.anchor(in: lines, model: model), rows: rows).enumerated() {
            line.draw(&grid, x: rect.x, y: listTop + row, width: rect.width - 1,
                      selected: selected != nil && line.shiftID == selected)
        }
        if legend {
            grid.write(TextWidth.truncate(CalendarAgenda.legend, to: rect.width - 1), x: rect.x, y: rect.maxY - 1,
                       role: .muted)
        }
    }
}
