import Foundation
import TerminalUI

/// A run of sanitised text in one style role.
struct Span: Equatable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One row of the calendar or the fairness panel: styled runs, and what the row stands for so
/// the selected shift can be highlighted and the now line marked.
struct StyledLine: Equatable {
    var spans: [Span]
    /// The shift the row shows (a shift may take several rows when its people wrap).
    var shiftID: Int?
    /// The whole row's background, for rows that are a mark in themselves (the now line).
    var fill: StyleRole?
    /// The day a heading row names.
    var day: Int64?

    init(_ spans: [Span], shiftID: Int? = nil, fill: StyleRole? = nil, day: Int64? = nil) {
        self.spans = spans
        self.shiftID = shiftID
        self.fill = fill
        self.day = day
    }

    var text: String { spans.map(\.text).joined() }

    /// Spans laid out in rows of `width` columns: a span moves whole to the next row when it
    /// does not fit (one wider than a row is cut), and continuation rows start `indent` columns in.
    static func wrap(_ spans: [Span], width: Int, indent: Int, shiftID: Int? = nil) -> [StyledLine] {
        let width = max(1, width)
        let indent = min(max(0, indent), width / 2)
        var lines: [StyledLine] = []
        var current: [Span] = []
        var used = 0
        for span in spans {
            let columns = TextWidth.columns(span.text)
            let rowHasText = lines.isEmpty ? used > 0 : used > indent
            if used + columns > width, rowHasText {
                lines.append(StyledLine(current, shiftID: shiftID))
                current = [Span(String(repeating: " ", count: indent))]
                used = indent
                // A separator never starts a row.
                if span.text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            }
            let text = used + columns > width ? TextWidth.truncate(span.text, to: width - used) : span.text
            current.append(Span(text, span.role))
            used += TextWidth.columns(text)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(StyledLine(current, shiftID: shiftID)) }
        return lines
    }

    /// The rows of `lines` that fit in `rows`, scrolled so the row at `anchor` (the selected
    /// shift's first row, or the selected day's heading) shows with some context above it.
    static func window(_ lines: [StyledLine], anchor: Int?, rows: Int) -> ArraySlice<StyledLine> {
        guard rows > 0 else { return [] }
        guard let anchor, lines.count > rows, anchor >= rows - 1 else { return lines.prefix(rows) }
        let offset = min(max(0, anchor - rows / 3), lines.count - rows)
        return lines.dropFirst(offset).prefix(rows)
    }

    /// Draws the row at (x, y), at most `width` columns; `selected` paints it as the selection.
    func draw(_ grid: inout Grid, x: Int, y: Int, width: Int, selected: Bool = false) {
        guard width > 0 else { return }
        if let fill { grid.fill(Rect(x: x, y: y, width: width, height: 1), role: fill) }
        var column = x
        for span in spans where column < x + width {
            column += grid.write(span.text, x: column, y: y, role: fill ?? span.role, limit: x + width - column)
        }
        if selected { grid.paint(Rect(x: x, y: y, width: width, height: 1), role: .selection) }
    }
}
