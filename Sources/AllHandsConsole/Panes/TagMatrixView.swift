import AllHandsCore
import Foundation
import TerminalUI

/// The area × type matrix of the tags board: open tickets per pair, the hottest cells (the top
/// frustrations) highlighted and named on the last row, the cursor's cell selected. Scrolls
/// to keep the selected cell in view when the matrix does not fit.
enum TagMatrixView {
    /// How many of the fullest cells are highlighted.
    static let hottest = 3
    static let maxLabel = 16
    static let maxCell = 9

    /// Rows besides the matrix's own: its title, the column names, the hottest cells.
    static let extraRows = 3

    /// The width and height the whole matrix takes when nothing is cut.
    static func size(_ matrix: TagMatrix) -> Size {
        Size(width: 1 + labelWidth(matrix) + matrix.columns.count * (naturalCell(matrix) + 1) + 1,
             height: matrix.rows.count + extraRows)
    }

    private static func labelWidth(_ matrix: TagMatrix) -> Int {
        min(maxLabel, max(6, matrix.rows.map { TextWidth.columns(Sanitizer.clean($0)) }.max() ?? 0))
    }

    private static func naturalCell(_ matrix: TagMatrix) -> Int {
        let names = matrix.columns.map { TextWidth.columns(Sanitizer.clean($0)) }.max() ?? 0
        let numbers = matrix.cells.flatMap { $0 }.map { String($0).count }.max() ?? 0
        return min(maxCell, max(3, names, numbers))
    }

    /// `area × type`.
    static func title(_ matrix: TagMatrix, glyphs: Glyphs) -> String {
        Sanitizer.clean(matrix.rowDimension) + " \(glyphs.times) " + Sanitizer.clean(matrix.columnDimension)
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, matrix: TagMatrix, selected: (row: Int, column: Int)?,
                     changed: Set<String>, glyphs: Glyphs) {
        guard rect.height > 0, rect.width > 4 else { return }
        PaneTitle.draw(&grid, rect, title: title(matrix, glyphs: glyphs), detail: "open tickets", focused: selected != nil)
        let label = min(labelWidth(matrix), max(4, rect.width / 3))
        let available = rect.width - 2 - label
        let count = matrix.columns.count
        guard count > 0, available > 0 else { return }
        // Narrow the cells to fit them all, down to four columns each; then show those around the cursor.
        let cell = min(naturalCell(matrix), max(4, available / count - 1))
        let fitting = max(1, available / (cell + 1))
        let firstColumn = window(start: selected?.column, count: count, fitting: fitting)
        let columns = firstColumn..<min(count, firstColumn + fitting)
        let bodyRows = max(0, rect.height - extraRows)
        let firstRow = window(start: selected?.row, count: matrix.rows.count, fitting: bodyRows)
        let rows = firstRow..<min(matrix.rows.count, firstRow + bodyRows)
        let hot = Set(matrix.hottest(hottest).map { [$0.row, $0.column] })
        let x0 = rect.x + 1 + label
        if rect.height > 1 {
            let y = rect.y + 1
            for (i, c) in columns.enumerated() {
                grid.write(" " + glyphs.fit(Sanitizer.clean(matrix.columns[c]), to: cell, alignRight: true),
                           x: x0 + i * (cell + 1), y: y, role: .muted, limit: rect.maxX - (x0 + i * (cell + 1)))
            }
        }
        for (line, r) in rows.enumerated() {
            let y = rect.y + 2 + line
            grid.write(glyphs.fit(Sanitizer.clean(matrix.rows[r]), to: label), x: rect.x + 1, y: y, role: .header)
            for (i, c) in columns.enumerated() {
                let open = matrix.open(r, c)
                let isChanged = changed.contains(TagsModel.cellFilter(row: matrix.rows[r], column: matrix.columns[c], in: matrix))
                let role: StyleRole
                if selected.map({ $0.row == r && $0.column == c }) ?? false {
                    role = isChanged ? .changedSelection : .selection
                } else if isChanged {
                    role = .changed
                } else {
                    role = hot.contains([r, c]) ? .urgent : open == 0 ? .muted : .normal
                }
                let x = x0 + i * (cell + 1)
                grid.write(" ", x: x, y: y, limit: rect.maxX - x)
                grid.write(TextWidth.fit(open == 0 ? glyphs.none : String(open), to: cell, alignRight: true),
                           x: x + 1, y: y, role: role, limit: rect.maxX - x - 1)
            }
        }
        // The hottest cells named below, on as many rows as are left, the last one cut.
        let more = columns.count < count ? ["(\(count - columns.count) more columns: h l)"] : []
        let lines = wrap(hottestParts(matrix, glyphs: glyphs) + more, separator: " \(glyphs.dot) ", width: rect.width - 2)
        let top = rect.y + 2 + rows.count
        for (i, line) in lines.prefix(max(0, rect.maxY - top)).enumerated() {
            grid.write(glyphs.fit(" " + line, to: rect.width), x: rect.x, y: top + i, role: .muted)
        }
    }

    /// `hottest: billing × bug 120`, `onboarding × usability 80`, …: the cells the highlight marks.
    static func hottestParts(_ matrix: TagMatrix, glyphs: Glyphs) -> [String] {
        let cells = matrix.hottest(hottest)
        guard !cells.isEmpty else { return ["No open ticket carries a tag of both."] }
        return cells.enumerated().map { i, c in
            (i == 0 ? "hottest: " : "") + Sanitizer.clean(matrix.rows[c.row]) + " \(glyphs.times) "
                + Sanitizer.clean(matrix.columns[c.column]) + " \(c.open)"
        }
    }

    /// `parts` joined by `separator` into rows of at most `width` columns, a part never split
    /// (one wider than a row is cut when drawn).
    static func wrap(_ parts: [String], separator: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in parts {
            let joined = current.isEmpty ? part : current + separator + part
            if TextWidth.columns(joined) <= width || current.isEmpty {
                current = joined
            } else {
                lines.append(current + " " + separator.trimmingCharacters(in: .whitespaces))
                current = part
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The first of `count` items to show when `fitting` fit, keeping `start` (the cursor's) in view.
    private static func window(start: Int?, count: Int, fitting: Int) -> Int {
        guard let start, count > fitting, fitting > 0 else { return 0 }
        return min(max(0, start - fitting + 1), count - fitting)
    }
}
