import TerminalUI

/// A plain text table. Cells are sanitised here; the last column is cut to the terminal's
/// width when printing to a terminal. Widths are measured in terminal columns, so CJK and
/// emoji line up (the CLI prepares the locale first).
struct Table {
    var headers: [String]
    var rightAligned: Set<Int> = []
    private var rows: [[String]] = []

    init(_ headers: String..., rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ cells: String...) {
        rows.append(cells.map(Sanitizer.clean))
    }

    var isEmpty: Bool { rows.isEmpty }

    func print() {
        var widths = headers.map(TextWidth.columns)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], TextWidth.columns(cell))
            }
        }
        let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let lastIndex = headers.count - 1
        let last = Output.terminalWidth.map { max(10, $0 - fixed) }
        for row in [headers] + rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                if i == lastIndex {
                    if rightAligned.contains(i) {
                        line += TextWidth.fit(cell, to: widths[i], alignRight: true)
                    } else {
                        line += last.map { TextWidth.truncate(cell, to: $0) } ?? cell
                    }
                } else {
                    line += TextWidth.fit(cell, to: widths[i], alignRight: rightAligned.contains(i)) + "  "
                }
            }
            Output.line(line)
        }
    }
}
