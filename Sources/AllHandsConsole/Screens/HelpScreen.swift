import AllHandsCore
import TerminalUI

/// Every action from the action table, grouped by where it applies, in two columns: the keys
/// (or `:command ARG` for an action that has no key) and the description with a hanging indent,
/// so a wrapped description never runs back under the keys at any width.
enum HelpScreen {
    /// The key column's width: the longest key label, up to a third of the page.
    static func keyWidth(width: Int) -> Int {
        let longest = ActionTable.all.map { TextWidth.columns(keyColumn($0)) }.max() ?? 0
        return min(longest, max(8, TextPage.textWidth(width) / 3))
    }

    /// Where descriptions start (and wrap to).
    static func entryIndent(width: Int) -> Int { entryIndent(keyWidth: keyWidth(width: width)) }

    /// A margin, the key column and a gap.
    static func entryIndent(keyWidth: Int) -> Int { 2 + keyWidth + 2 }

    static func page(width: Int) -> TextPage {
        let textWidth = TextPage.textWidth(width)
        let keyWidth = keyWidth(width: width)
        var lines: [TextPage.Line] = []
        for context in ActionContext.allCases {
            let actions = ActionTable.all.filter { $0.context == context }
            guard !actions.isEmpty else { continue }
            if !lines.isEmpty { lines.append(.init("")) }
            lines += TextPage.wrapped(context.title, width: textWidth, role: .header)
            for action in actions {
                lines += entry(keyColumn(action), description(action), keyWidth: keyWidth, width: textWidth)
            }
        }
        lines.append(.init(""))
        lines.append(.init("Queue marks", .header))
        lines += entry("priority", QueuePane.priorityLegend, keyWidth: keyWidth, width: textWidth)
        lines += entry("—", "none: no tag of the first taxonomy dimension, or nobody assigned", keyWidth: keyWidth, width: textWidth)
        lines.append(.init(""))
        lines.append(.init("Tags marks", .header))
        for (mark, meaning) in tagsLegend { lines += entry(mark, meaning, keyWidth: keyWidth, width: textWidth) }
        lines.append(.init(""))
        lines.append(.init("Mouse", .header))
        lines += entry("click", "Select a ticket or a pane; the wheel scrolls", keyWidth: keyWidth, width: textWidth)
        return TextPage(title: "Help", detail: "keys and commands · q back", lines: lines)
    }

    /// The columns of the tags pane and board, and the matrix's highlight.
    static let tagsLegend = [
        ("open 24h 7d", "open tickets with the tag now; times it was put on a ticket in the last 24 hours and 7 days "
            + "(and in the window, for 30d and 90d)"),
        ("▲12 ▼3 ±7d", "the window against the one just before it: 12 more (a warning), 3 fewer; + and - without UTF-8"),
        ("14 days", "times it was put on a ticket each day of the last 14, today last, scaled to the busiest day"),
        ("matrix", "open tickets carrying both tags; the three fullest cells highlighted and named under it"),
    ]

    /// What the key column shows: the keys, or `:goto N` for an action run only by name.
    static func keyColumn(_ action: ConsoleAction) -> String {
        action.keys.isEmpty ? commandForm(action) ?? "" : action.keyLabels
    }

    static func commandForm(_ action: ConsoleAction) -> String? {
        action.command.map { ":" + $0 + (action.argument.map { " " + $0 } ?? "") }
    }

    /// The description, with the command name when the keys do not show it and a note when a
    /// key of a global action means something else in a more specific context (q goes back in
    /// the ticket view rather than quitting).
    static func description(_ action: ConsoleAction) -> String {
        var text = action.description
        if !action.keys.isEmpty, let command = commandForm(action) { text += " (" + command + ")" }
        let overrides = ActionTable.all.filter { other in
            other.context != action.context && other.id != action.id && action.context == .global
                && other.keys.contains { action.keys.contains($0) }
        }
        for other in overrides {
            let keys = other.keys.filter { action.keys.contains($0) }.map(\.label).joined(separator: " ")
            text += "; \(other.context.place), \(keys) means “\(other.hint ?? other.description)”"
        }
        return text
    }

    /// One entry: the key column then the description wrapped under itself. A key label wider
    /// than the column gets a line of its own.
    static func entry(_ keys: String, _ description: String, keyWidth: Int, width: Int) -> [TextPage.Line] {
        let indent = entryIndent(keyWidth: keyWidth)
        let wrapped = TextWrap.wrap(description, width: max(8, width - indent))
        let pad = String(repeating: " ", count: indent)
        var lines: [TextPage.Line] = []
        var rest = wrapped[...]
        if TextWidth.columns(keys) <= keyWidth {
            lines.append(.init("  " + TextWidth.fit(keys, to: keyWidth) + "  " + (rest.popFirst() ?? "")))
        } else {
            lines.append(.init("  " + TextWidth.truncate(keys, to: width - 2)))
        }
        lines += rest.map { .init(pad + $0) }
        return lines
    }
}
