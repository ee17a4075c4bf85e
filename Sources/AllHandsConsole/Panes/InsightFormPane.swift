import AllHandsCore
import TerminalUI

/// The inline insight form: the quote, the note and the tags under their labels, the field
/// being written marked and showing the cursor, and the keys at the bottom.
enum InsightFormPane {
    static func draw(_ grid: inout Grid, _ l: InsightFormLayout, form: InsightForm) {
        PaneTitle.draw(&grid, l.title, title: "Insight from #\(form.ticketID)", detail: Sanitizer.clean(form.source),
                       focused: true)
        let fields: [(InsightForm.Field, Rect, String, TextArea)] = [
            (.quote, l.quoteLabel, "Quote: the customer's words — trim them to the part that matters", form.quote),
            (.note, l.noteLabel, "Note: why it matters", form.note),
            (.tags, l.tagsLabel, "Tags (spaces between them)", form.tags),
        ]
        for (field, label, text, area) in fields {
            let current = field == form.field
            grid.write((current ? "▶ " : "  ") + text, x: label.x, y: label.y, role: current ? .header : .muted, limit: label.width)
            let rect = l.area(field)
            guard rect.height > 0 else { continue }
            let view = area.render(width: rect.width, height: rect.height)
            for (row, line) in view.lines.prefix(rect.height).enumerated() {
                grid.write(line, x: rect.x, y: rect.y + row, role: field == .quote ? .customer : .normal, limit: rect.width)
            }
            if current {
                let x = rect.x + min(view.cursorColumn, rect.width - 1)
                let y = rect.y + min(view.cursorRow, rect.height - 1)
                grid.paint(Rect(x: x, y: y, width: 1, height: 1), role: .selection)
            }
        }
        grid.write(" Tab next field · C-d save · Esc leave (i on the message brings your text back)",
                   x: l.keys.x, y: l.keys.y, role: .muted, limit: l.keys.width)
    }
}
