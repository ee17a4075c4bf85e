import TerminalUI

/// A full screen of styled lines with a scroll offset: the ticket view, help and welcome
/// screens are all built as one.
struct TextPage {
    struct Line {
        var text: String
        var role: StyleRole
        /// Characters already sanitised; wrapped to the page width when the page is built.
        init(_ text: String, _ role: StyleRole = .normal) {
            self.text = text
            self.role = role
        }
    }

    var title: String
    var detail: String
    var lines: [Line]

    /// Lines wrapped to `width`, keeping each line's role, with `indent` columns of hanging indent.
    static func wrapped(_ text: String, width: Int, role: StyleRole, indent: Int = 0) -> [Line] {
        let pad = String(repeating: " ", count: indent)
        return TextWrap.wrap(text, width: max(1, width - indent)).map { Line(pad + $0, role) }
    }

    /// Columns a page's text is wrapped to for a page `width` wide: a margin on either side.
    static func textWidth(_ width: Int) -> Int { max(20, width - 2) }

    /// Rows of text a page shows in `rect`: all but its title row.
    static func bodyRows(_ rect: Rect) -> Int { max(0, rect.height - 1) }

    /// The largest useful scroll offset for a body `height` rows tall.
    func maxScroll(height: Int) -> Int { max(0, lines.count - height) }

    func draw(_ grid: inout Grid, _ rect: Rect, scroll: Int) {
        guard rect.height > 0 else { return }
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: Self.bodyRows(rect))
        let offset = min(max(0, scroll), maxScroll(height: body.height))
        let position = lines.count > body.height ? "\(min(lines.count, offset + body.height))/\(lines.count)" : ""
        PaneTitle.draw(&grid, rect, title: title, detail: detail, right: position, focused: true)
        for (row, line) in lines.dropFirst(offset).prefix(body.height).enumerated() {
            grid.write(TextWidth.truncate(line.text, to: body.width - 1), x: body.x + 1, y: body.y + row, role: line.role,
                       limit: body.width - 1)
        }
    }
}
