import TerminalUI

/// The title row every pane starts with: its name, a detail, and a figure on the right.
enum PaneTitle {
    static func draw(_ grid: inout Grid, _ rect: Rect, title: String, detail: String = "", right: String = "", focused: Bool) {
        guard rect.height > 0 else { return }
        let role: StyleRole = focused ? .tabActive : .header
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        var text = " " + title
        if !detail.isEmpty { text += " · " + detail }
        let rightText = right.isEmpty ? "" : right + " "
        let leftWidth = rect.width - TextWidth.columns(rightText) - 1
        grid.write(TextWidth.truncate(text, to: max(0, leftWidth)), x: rect.x, y: rect.y, role: role, limit: rect.width)
        if leftWidth > 8 {
            grid.write(rightText, x: rect.maxX - TextWidth.columns(rightText), y: rect.y, role: role)
        }
    }
}
