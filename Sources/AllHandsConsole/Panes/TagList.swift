import AllHandsCore
import TerminalUI

/// A column of numbers in the tags list, in the order they show left to right.
enum TagColumn: CaseIterable, Sendable {
    /// Open tickets with the tag now.
    case open
    /// Times the tag was put on a ticket in the last 24 hours, and 7 days.
    case new24h, new7d
    /// Times in the board's window, for the windows the two before do not already show (30d, 90d).
    case window
    /// The window against the one before it: `▲12`, `▼3`.
    case change
    /// Additions per day over the last 14 days.
    case sparkline
}

/// One row of the tags list: a dimension's heading, or a tag with its numbers.
struct TagListRow: Equatable {
    var line: StyledLine
    /// The tag's qualified name; nil for a heading.
    var tag: String?
}

/// The tags list of the main screen's pane and of the tags board: per tag, grouped by dimension,
/// the columns that fit the width, most telling first. Pure: rows from a board.
enum TagList {
    /// The columns a narrow list keeps, in the order it gives them up last to first.
    static let priority: [TagColumn] = [.open, .new24h, .change, .sparkline, .new7d, .window]

    /// Columns of the tag name (with its two-column indent) a list keeps before adding numbers.
    static let nameMinimum = 14

    struct Columns: Equatable {
        var nameWidth: Int
        /// The columns shown, in display order, each with its width (without the space before it).
        var shown: [TagColumn]
        var widths: [TagColumn: Int]
    }

    /// The heading over a column (`7d` window → `±7d` for the change).
    static func label(_ column: TagColumn, window: TagWindow, glyphs: Glyphs) -> String {
        switch column {
        case .open: "open"
        case .new24h: "24h"
        case .new7d: "7d"
        case .window: window.label
        case .change: (glyphs == .unicode ? "±" : "+-") + window.label
        case .sparkline: "\(TagBoard.sparklineDays) days"
        }
    }

    /// What a cell shows, and in which role.
    static func cell(_ column: TagColumn, _ trend: TagTrend, glyphs: Glyphs) -> Span {
        func added(_ n: Int) -> Span { n > 0 ? Span("+\(n)", .accent) : Span(glyphs.none, .muted) }
        switch column {
        case .open: return Span(String(trend.open))
        case .new24h: return added(trend.new24h)
        case .new7d: return added(trend.new7d)
        case .window: return added(trend.inWindow)
        case .change:
            guard let text = glyphs.change(trend.change) else { return Span(glyphs.none, .muted) }
            // More tickets of a kind is more friction: a rise warns, a fall is good news.
            return Span(text, trend.change > 0 ? .high : .accent)
        case .sparkline: return Span(glyphs.sparkline(trend.daily), .accent)
        }
    }

    /// The window column only for windows longer than the 24 hours and 7 days already shown.
    static func candidates(_ window: TagWindow) -> [TagColumn] {
        window == .day || window == .week ? priority.filter { $0 != .window } : priority
    }

    /// The columns that fit `width` (a margin each side), the name keeping `nameMinimum`.
    static func columns(for board: TagBoard, width: Int, glyphs: Glyphs) -> Columns {
        let available = width - 2
        let longest = (board.trends.map { TextWidth.columns(Sanitizer.clean($0.tag.name)) }.max() ?? 0) + 2
        let nameFloor = min(longest, nameMinimum)
        var widths: [TagColumn: Int] = [:]
        var used = 0
        for column in candidates(board.window) {
            let cells = board.trends.map { TextWidth.columns(cell(column, $0, glyphs: glyphs).text) }
            let w = max(TextWidth.columns(label(column, window: board.window, glyphs: glyphs)), cells.max() ?? 0)
            guard nameFloor + used + 1 + w <= available else { continue }
            widths[column] = w
            used += 1 + w
        }
        let shown = TagColumn.allCases.filter { widths[$0] != nil }
        return Columns(nameWidth: max(0, min(available - used, longest + 2)), shown: shown, widths: widths)
    }

    /// The columns and rows the list takes with every column shown: its tags and a heading per group.
    static func size(_ board: TagBoard, glyphs: Glyphs) -> Size {
        let all = columns(for: board, width: .max / 2, glyphs: glyphs)
        let width = 2 + all.nameWidth + all.shown.reduce(0) { $0 + 1 + (all.widths[$1] ?? 0) }
        return Size(width: width, height: rowCount(board))
    }

    /// The rows: each dimension's heading (the first also names the columns), then its tags.
    /// The rows `rows` would make: one per tag and one per dimension heading.
    static func rowCount(_ board: TagBoard) -> Int {
        var groups = 0, last: String?? = .none
        for trend in board.trends where last != .some(trend.tag.dimension) {
            last = .some(trend.tag.dimension)
            groups += 1
        }
        return board.trends.count + groups
    }

    static func rows(_ board: TagBoard, width: Int, glyphs: Glyphs, changed: Set<String>) -> [TagListRow] {
        let columns = columns(for: board, width: width, glyphs: glyphs)
        var rows: [TagListRow] = []
        var group: String?? = .none
        for trend in board.trends {
            if group != .some(trend.tag.dimension) {
                group = .some(trend.tag.dimension)
                let title = Sanitizer.clean(trend.tag.dimension ?? "other")
                var spans = [Span(" "), Span(glyphs.fit(title, to: columns.nameWidth), .header)]
                if rows.isEmpty {
                    spans += cells(columns) { Span(label($0, window: board.window, glyphs: glyphs), .muted) }
                }
                rows.append(TagListRow(line: StyledLine(spans), tag: nil))
            }
            let name = glyphs.fit("  " + Sanitizer.clean(trend.tag.name), to: columns.nameWidth)
            let spans = [Span(" "), Span(name)] + cells(columns) { cell($0, trend, glyphs: glyphs) }
            let key = trend.tag.qualifiedName
            rows.append(TagListRow(line: StyledLine(spans, fill: changed.contains(key) ? .changed : nil), tag: key))
        }
        return rows
    }

    /// The shown columns' cells, each after a space, numbers to the right and the sparkline to the left.
    private static func cells(_ columns: Columns, _ value: (TagColumn) -> Span) -> [Span] {
        columns.shown.map { column in
            let span = value(column)
            let w = columns.widths[column] ?? 0
            return Span(" " + TextWidth.fit(span.text, to: w, alignRight: column != .sparkline), span.role)
        }
    }

    /// Draws `rows` in `rect`, scrolled to keep the row of `anchor` in view (painted as the
    /// selection with `highlight`), or, without an anchor, the first rows with `… N more` on the
    /// last when they do not all fit.
    /// `total` is how many rows there are when `rows` holds only the first (see `rowCount`).
    static func draw(_ grid: inout Grid, _ rect: Rect, rows: [TagListRow], total: Int? = nil, anchor: String?,
                     highlight: Bool, glyphs: Glyphs) {
        guard rect.height > 0 else { return }
        let total = max(total ?? 0, rows.count)
        if anchor == nil, total > rect.height {
            for (i, row) in rows.prefix(rect.height - 1).enumerated() {
                row.line.draw(&grid, x: rect.x, y: rect.y + i, width: rect.width)
            }
            let more = " \(glyphs.ellipsis) \(total - rect.height + 1) more"
            grid.write(more, x: rect.x, y: rect.maxY - 1, role: .muted, limit: rect.width)
            return
        }
        let index = anchor.flatMap { name in rows.firstIndex { $0.tag == name } }
        let window = StyledLine.window(rows.map(\.line), anchor: index, rows: rect.height)
        for (i, line) in window.enumerated() {
            let y = rect.y + i
            // Rows hidden below: the last row says how many, unless it is the selected one.
            let below = rows.count - window.endIndex
            if i == window.count - 1, below > 0, window.endIndex - 1 != index {
                grid.write(" \(glyphs.ellipsis) \(below + 1) more", x: rect.x, y: y, role: .muted, limit: rect.width)
                continue
            }
            line.draw(&grid, x: rect.x, y: y, width: rect.width)
            if highlight, let index, window.startIndex + i == index {
                grid.paint(Rect(x: rect.x, y: y, width: rect.width, height: 1),
                           role: line.fill == .changed ? .changedSelection : .selection)
            }
        }
    }
}
