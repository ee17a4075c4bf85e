import AllHandsCore
import TerminalUI

/// Open tickets per tag, grouped by dimension, with how many arrived in the last 24 hours.
enum TagsPane {
    /// `dimension` is the taxonomy's first: the title's total counts the open tickets along it
    /// (each ticket has one tag of it at most, so the sum counts tickets, not tags).
    static func draw(_ grid: inout Grid, _ rect: Rect, counts: [TagCount], loaded: Bool, dimension: String?,
                     changed: Set<String>, focused: Bool) {
        let open = dimension.map { d in counts.filter { $0.tag.dimension == d }.reduce(0) { $0 + $1.open } } ?? 0
        PaneTitle.draw(&grid, rect, title: Pane.tags.title, detail: "open · 24h", right: open > 0 ? "\(open) open" : "", focused: focused)
        guard rect.height > 1 else { return }
        var rows: [(text: String, open: String, recent: String, kind: StyleRole, name: String)] = []
        var dimension: String?? = .none
        for count in counts where count.open > 0 || count.last24h > 0 || count.tag.dimension != nil {
            if dimension != .some(count.tag.dimension) {
                dimension = .some(count.tag.dimension)
                rows.append((count.tag.dimension ?? "other", "", "", .header, ""))
            }
            rows.append(("  " + Sanitizer.clean(count.tag.name), String(count.open),
                         count.last24h > 0 ? "+\(count.last24h)" : "·", .normal, count.tag.qualifiedName))
        }
        if rows.isEmpty {
            grid.write(loaded ? " No tags yet." : " Counting open tickets…", x: rect.x, y: rect.y + 1, role: .muted, limit: rect.width)
            return
        }
        let numbers = 12
        let nameWidth = max(4, rect.width - numbers - 2)
        let room = rect.height - 1
        for (i, row) in rows.prefix(room).enumerated() {
            let y = rect.y + 1 + i
            if i == room - 1, rows.count > room {
                grid.write(" … \(rows.count - room + 1) more", x: rect.x, y: y, role: .muted, limit: rect.width)
                break
            }
            grid.write(TextWidth.fit(row.text, to: nameWidth), x: rect.x + 1, y: y, role: row.kind)
            guard row.kind == .normal else { continue }
            let hot = changed.contains(row.name)
            grid.write(TextWidth.fit(row.open, to: 5, alignRight: true), x: rect.x + 1 + nameWidth, y: y, role: hot ? .changed : .normal)
            grid.write(TextWidth.fit(row.recent, to: 5, alignRight: true), x: rect.x + 1 + nameWidth + 6, y: y,
                       role: row.recent == "·" ? .muted : .accent)
        }
    }
}
