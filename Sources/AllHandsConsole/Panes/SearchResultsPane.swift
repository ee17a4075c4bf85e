import AllHandsCore
import TerminalUI

/// Search results: one ticket per hit, best first, with the matching words highlighted in a
/// snippet under the subject.
enum SearchResultsPane {
    static func draw(_ grid: inout Grid, _ rect: Rect, query: String, hits: [SearchHit], selected: Int, now: Int64) {
        guard rect.height > 0 else { return }
        PaneTitle.draw(&grid, rect, title: "Search", detail: "“" + Sanitizer.clean(query) + "” · Enter open · / again · q back",
                       right: hits.isEmpty ? "0" : "\(selected + 1)/\(hits.count)", focused: true)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        if hits.isEmpty {
            grid.write(" Nothing matches. Words match whole (refund), word* matches the start (refun*), \"quotes\" match a phrase.",
                       x: body.x, y: body.y, role: .muted, limit: body.width)
            return
        }
        // Two rows a hit; the selection stays in view.
        let perPage = max(1, body.height / 2)
        let first = max(0, min(selected - perPage / 2, hits.count - perPage))
        for (row, index) in (first..<min(hits.count, first + perPage)).enumerated() {
            let hit = hits[index]
            let y = body.y + row * 2
            let t = hit.ticket
            let head = " #\(t.id)  \(t.status.rawValue)  \(Timestamp.age(from: t.createdAt, to: now))  " + Sanitizer.clean(t.subject)
            grid.write(TextWidth.truncate(head, to: body.width), x: body.x, y: y, role: .title, limit: body.width)
            drawSnippet(&grid, hit.snippet, x: body.x + 3, y: y + 1, width: body.width - 4)
            if index == selected {
                grid.paint(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection)
            }
        }
    }

    /// Writes a snippet whose matches are between the search's markers, highlighting them.
    static func drawSnippet(_ grid: inout Grid, _ snippet: String, x: Int, y: Int, width: Int) {
        var col = x
        var highlighted = false
        var run = ""
        func flush() {
            guard !run.isEmpty, col < x + width else { run = ""; return }
            col += grid.write(Sanitizer.clean(run), x: col, y: y, role: highlighted ? .match : .muted, limit: x + width - col)
            run = ""
        }
        for character in snippet {
            if character == SearchService.highlightStart || character == SearchService.highlightEnd {
                flush()
                highlighted = character == SearchService.highlightStart
            } else {
                run.append(character == "\n" ? " " : character)
            }
        }
        flush()
    }
}
