import AllHandsCore
import Foundation
import TerminalUI

/// The queue: one row per ticket, priority then age.
enum QueuePane {
    /// Column widths for a pane width; narrow panes drop the assignee, then the area.
    struct Columns: Equatable {
        var id: Int
        var area: Int
        var subject: Int
        var age: Int
        var assignee: Int

        static func compute(width: Int, maxID: Int) -> Columns {
            let id = max(4, String(maxID).count)
            var area = 13, assignee = 10
            let age = 4
            func subject() -> Int { width - (1 + id + 1 + 2 + (area > 0 ? area + 1 : 0) + age + 1 + (assignee > 0 ? assignee + 1 : 0)) }
            if subject() < 24 { assignee = 0 }
            if subject() < 20 { area = 0 }
            return Columns(id: id, area: area, subject: max(0, subject()), age: age, assignee: assignee)
        }
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, queue: QueueModel, focused: Bool, showAll: Bool,
                     changed: Set<Int>, now: Int64) {
        let position = queue.total == 0 ? "0" : "\(queue.selected + 1)/\(queue.total)"
        PaneTitle.draw(&grid, rect, title: "Queue", detail: showAll ? "all tickets" : "working queue",
                       right: position, focused: focused)
        guard rect.height > 2 else { return }
        let columns = Columns.compute(width: rect.width, maxID: max(queue.window.last?.id ?? 0, queue.window.first?.id ?? 0))
        drawHeader(&grid, x: rect.x, y: rect.y + 1, columns: columns, width: rect.width)
        let body = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 2)
        if queue.total == 0 {
            grid.write(showAll ? " No tickets yet." : " The queue is empty: nothing new, open or pending.",
                       x: body.x, y: body.y, role: .muted, limit: body.width)
            return
        }
        for (row, item) in queue.visible.enumerated() where row < body.height {
            let y = body.y + row
            drawRow(&grid, x: body.x, y: y, ticket: item.ticket, columns: columns, changed: changed.contains(item.ticket.id), now: now)
            if item.index == queue.selected {
                grid.paint(Rect(x: body.x, y: y, width: body.width, height: 1), role: focused ? .selection : .selectionUnfocused)
            }
        }
    }

    static func drawHeader(_ grid: inout Grid, x: Int, y: Int, columns c: Columns, width: Int) {
        var line = " " + TextWidth.fit("#", to: c.id, alignRight: true) + "   "
        if c.area > 0 { line += TextWidth.fit("AREA", to: c.area) + " " }
        line += TextWidth.fit("SUBJECT", to: c.subject) + " " + TextWidth.fit("AGE", to: c.age, alignRight: true)
        if c.assignee > 0 { line += " " + TextWidth.fit("ASSIGNEE", to: c.assignee) }
        grid.write(line, x: x, y: y, role: .muted, limit: width)
    }

    static func drawRow(_ grid: inout Grid, x: Int, y: Int, ticket t: Ticket, columns c: Columns, changed: Bool, now: Int64) {
        var col = x + 1
        col += grid.write(TextWidth.fit(String(t.id), to: c.id, alignRight: true), x: col, y: y, role: changed ? .changed : .normal)
        col += 1
        let (mark, role) = priorityMark(t.priority)
        col += grid.write(mark, x: col, y: y, role: role)
        col += 1
        if c.area > 0 {
            let area = t.tags.first { $0.hasPrefix("area:") }.map { String($0.dropFirst(5)) } ?? "—"
            col += grid.write(TextWidth.fit(Sanitizer.clean(area), to: c.area), x: col, y: y, role: .muted) + 1
        }
        col += grid.write(TextWidth.fit(Sanitizer.clean(t.subject), to: c.subject), x: col, y: y,
                          role: t.status == .new ? .title : .normal) + 1
        col += grid.write(TextWidth.fit(Timestamp.age(from: t.createdAt, to: now), to: c.age, alignRight: true), x: col, y: y, role: .muted)
        if c.assignee > 0 {
            col += 1
            grid.write(TextWidth.fit(t.assigneeLogin.map(Sanitizer.clean) ?? "—", to: c.assignee), x: col, y: y,
                       role: t.assigneeLogin == nil ? .gap : .normal)
        }
    }

    /// One column that says how urgent a ticket is, readable without colour.
    static func priorityMark(_ p: Priority) -> (String, StyleRole) {
        switch p {
        case .urgent: ("!", .urgent)
        case .high: ("↑", .high)
        case .normal: ("·", .muted)
        case .low: ("↓", .muted)
        }
    }
}
