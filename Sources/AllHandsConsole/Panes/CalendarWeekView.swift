import AllHandsCore
import TerminalUI

/// The week, Monday to Sunday, a day under the other: each shift with its time in the viewer's
/// zone, seats filled/min/max, its problems and its people with their marks; the now line
/// across the row where now falls; the legend on the last row. Scrolls to keep the selected
/// shift (or day) in view.
enum CalendarWeekView {
    static func draw(_ grid: inout Grid, _ rect: Rect, model: CalendarModel, now: Int64) {
        guard rect.height > 0, rect.width > 0 else { return }
        let legend = rect.height > 8
        let rows = rect.height - (legend ? 1 : 0)
        let lines = CalendarAgenda.lines(for: model.days.week(containing: model.day), model: model, now: now,
                                         width: rect.width - 1)
        let selected = model.selectedShift?.id
        for (row, line) in StyledLine.window(lines, anchor: CalendarAgenda.anchor(in: lines, model: model), rows: rows).enumerated() {
            let isSelectedDay = selected == nil && line.day == model.day
            line.draw(&grid, x: rect.x, y: rect.y + row, width: rect.width - 1,
                      selected: (selected != nil && line.shiftID == selected) || isSelectedDay)
        }
        if legend {
            grid.write(TextWidth.truncate(CalendarAgenda.legend, to: rect.width - 1), x: rect.x, y: rect.maxY - 1,
                       role: .muted)
        }
    }
}
