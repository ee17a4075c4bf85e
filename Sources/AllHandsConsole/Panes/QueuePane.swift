import AllHandsCore
import Foundation
import TerminalUI

/// The queue: the view bar, then one row per ticket in the chosen order, marked with what
/// needs attention (first-response targets, someone else on it, changes by others).
enum QueuePane {
    /// Rows above the tickets: the pane title, the view bar and the column header.
    static let headerRows = 3

    /// What marks rows besides the ticket itself.
    struct Marks {
        /// The dimension whose tag the tag column shows.
        var dimension: String?
        /// Tickets another process just changed.
        var changed: Set<Int>
        /// Who else is viewing or writing on each ticket.
        var presence: [Int: [Presence]]
        var sla: Configuration.SLA
        var now: Int64
    }

    /// Where the ticket rows go in a queue pane.
    static func body(_ rect: Rect) -> Rect {
        Rect(x: rect.x, y: rect.y + headerRows, width: rect.width, height: max(0, rect.height - headerRows))
    }

    /// How many tickets a queue pane shows (at least one, so the model always has a viewport).
    static func bodyRows(_ rect: Rect) -> Int { max(1, body(rect).height) }

    /// Column widths for a pane width. Narrow panes drop the assignee, then the dimension, then the
    /// status (shown only with every ticket), then the age; id, priority and subject stay.
    struct Columns: Equatable {
        var id: Int
        /// The tag of the taxonomy's first dimension (`area` by default).
        var dimension: Int
        var subject: Int
        var status: Int
        var age: Int
        var assignee: Int

        static func compute(width: Int, maxID: Int, showStatus: Bool = false) -> Columns {
            var c = Columns(id: max(4, String(maxID).count), dimension: 13, subject: 0, status: showStatus ? 7 : 0, age: 4, assignee: 10)
            func subject() -> Int {
                // " id mark-presence " then each optional column with the space before it.
                width - (1 + c.id + 4) - [c.dimension, c.status, c.age, c.assignee].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
            }
            if subject() < 24 { c.assignee = 0 }
            if subject() < 20 { c.dimension = 0 }
            if subject() < 16 { c.status = 0 }
            if subject() < 12 { c.age = 0 }
            c.subject = max(0, subject())
            return c
        }
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, queue: QueueModel, focused: Bool, bar: ViewBar, marks: Marks) {
        let position = queue.total == 0 ? "0" : "\(queue.selected + 1)/\(queue.total)"
        PaneTitle.draw(&grid, rect, title: Pane.queue.title, detail: bar.current.title + " · by " + bar.sortName,
                       right: position, focused: focused)
        guard rect.height > 1 else { return }
        bar.draw(&grid, Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 1))
        guard rect.height > headerRows else { return }
        let showStatus = bar.current.showsStatus
        let columns = Columns.compute(width: rect.width, maxID: max(queue.window.last?.id ?? 0, queue.window.first?.id ?? 0),
                                      showStatus: showStatus)
        drawHeader(&grid, x: rect.x, y: rect.y + 2, columns: columns, dimension: marks.dimension, width: rect.width)
        let body = body(rect)
        if queue.total == 0 {
            grid.write(" " + bar.emptyText, x: body.x, y: body.y, role: .muted, limit: body.width)
            return
        }
        for (row, item) in queue.visible.enumerated() where row < body.height {
            let y = body.y + row
            drawRow(&grid, x: body.x, y: y, ticket: item.ticket, columns: columns, marks: marks)
            let line = Rect(x: body.x, y: y, width: body.width, height: 1)
            let isChanged = marks.changed.contains(item.ticket.id)
            if item.index == queue.selected {
                grid.paint(line, role: isChanged ? .changedSelection : (focused ? .selection : .selectionUnfocused))
            } else if isChanged {
                grid.paint(line, role: .changed)
            }
        }
    }

    static func drawHeader(_ grid: inout Grid, x: Int, y: Int, columns c: Columns, dimension: String?, width: Int) {
        var line = " " + TextWidth.fit("#", to: c.id, alignRight: true) + "    "
        if c.dimension > 0 { line += TextWidth.fit((dimension ?? "tag").uppercased(), to: c.dimension) + " " }
        line += TextWidth.fit("SUBJECT", to: c.subject)
        if c.status > 0 { line += " " + TextWidth.fit("STATUS", to: c.status) }
        if c.age > 0 { line += " " + TextWidth.fit("AGE", to: c.age, alignRight: true) }
        if c.assignee > 0 { line += " " + TextWidth.fit("ASSIGNEE", to: c.assignee) }
        grid.write(line, x: x, y: y, role: .muted, limit: width)
    }

    static func drawRow(_ grid: inout Grid, x: Int, y: Int, ticket t: Ticket, columns c: Columns, marks: Marks) {
        var col = x + 1
        col += grid.write(TextWidth.fit(String(t.id), to: c.id, alignRight: true), x: col, y: y) + 1
        let (mark, role) = priorityMark(t.priority)
        col += grid.write(mark, x: col, y: y, role: role)
        // Someone else on the ticket: ◆ writing, ◇ looking.
        let others = marks.presence[t.id] ?? []
        let here = others.contains { $0.activity == .composing } ? "◆" : (others.isEmpty ? " " : "◇")
        col += grid.write(here, x: col, y: y, role: .presence) + 1
        if c.dimension > 0 {
            let prefix = (marks.dimension ?? "") + ":"
            let value = marks.dimension == nil ? nil : t.tags.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            col += grid.write(TextWidth.fit(Sanitizer.clean(value ?? "—"), to: c.dimension), x: col, y: y, role: .muted) + 1
        }
        col += grid.write(TextWidth.fit(Sanitizer.clean(t.subject), to: c.subject), x: col, y: y,
                          role: t.status == .new ? .title : .normal)
        if c.status > 0 {
            col += 1 + grid.write(TextWidth.fit(t.status.rawValue, to: c.status), x: col + 1, y: y,
                                  role: t.status.isActive ? .normal : .muted)
        }
        if c.age > 0 {
            // The age takes the colour of the first-response target: approaching, then late.
            let ageRole: StyleRole = switch SLA.state(t, marks.sla, now: marks.now)?.state {
            case .late: .overdue
            case .approaching: .approaching
            default: .muted
            }
            col += 1 + grid.write(TextWidth.fit(Timestamp.age(from: t.createdAt, to: marks.now), to: c.age, alignRight: true),
                                  x: col + 1, y: y, role: ageRole)
        }
        if c.assignee > 0 {
            grid.write(TextWidth.fit(t.assigneeLogin.map(Sanitizer.clean) ?? "—", to: c.assignee), x: col + 1, y: y,
                       role: t.assigneeLogin == nil ? .gap : .normal)
        }
    }

    /// One column that says how urgent a ticket is, readable without colour. The help screen
    /// explains the marks from `priorityMarks`.
    static func priorityMark(_ p: Priority) -> (String, StyleRole) {
        switch p {
        case .urgent: ("!", .urgent)
        case .high: ("↑", .high)
        case .normal: ("·", .muted)
        case .low: ("↓", .muted)
        }
    }

    /// Every priority with its mark, most urgent first: `! urgent  ↑ high  · normal  ↓ low`.
    static var priorityLegend: String {
        Priority.allCases.sorted().map { "\(priorityMark($0).0) \($0.name)" }.joined(separator: "  ")
    }
}
