import AllHandsCore
import TerminalUI

/// The main screen's live tags: per tag, grouped by dimension, open tickets now, new in the
/// last 24 hours (and 7 days when there is room), the window against the one before it and a
/// 14-day sparkline; rows someone else just changed are marked. `Enter` opens the tags board.
enum TagsPane {
    /// `openTickets` (the view bar's All open) goes on the title's right: the tickets the counts
    /// below are out of (a ticket may carry several tags of one dimension, or none).
    static func draw(_ grid: inout Grid, _ rect: Rect, board: TagBoard?, openTickets: Int?, changed: Set<String>,
                     focused: Bool, glyphs: Glyphs) {
        PaneTitle.draw(&grid, rect, title: Pane.tags.title, detail: board.map { title($0.window) } ?? "",
                       right: (openTickets ?? 0) > 0 ? "\(openTickets ?? 0) open" : "", focused: focused)
        guard rect.height > 1 else { return }
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard let board, !board.trends.isEmpty else {
            grid.write(board == nil ? " Counting open tickets\(glyphs.ellipsis)" : " No tags yet.", x: body.x, y: body.y, role: .muted,
                       limit: body.width)
            return
        }
        // Only the tags that can show are laid out: a board may hold hundreds, and this pane is
        // drawn on every frame of the main screen.
        var visible = board
        visible.trends = Array(board.trends.prefix(body.height))
        TagList.draw(&grid, body, rows: TagList.rows(visible, width: body.width, glyphs: glyphs, changed: changed),
                     total: TagList.rowCount(board), anchor: nil, highlight: false, glyphs: glyphs)
    }

    /// `7d vs the 7d before`: what the change column compares.
    static func title(_ window: TagWindow) -> String {
        "\(window.label) vs the \(window.label) before"
    }
}
