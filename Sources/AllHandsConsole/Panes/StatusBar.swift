import AllHandsCore
import Foundation
import TerminalUI

/// The bottom row: who you are, your shift, the keys that matter here, the time. The command
/// line and messages take it over while they show. Nothing here is ever cut inside a word.
enum StatusBar {
    static func draw(_ grid: inout Grid, _ rect: Rect, person: Person, via: String?, shift: String,
                     state: ConsoleState, contexts: [ActionContext], prompt: (label: String, editor: LineEditor)?,
                     completions: [String], disabled: (ConsoleAction) -> Bool, clock: String) {
        guard rect.height > 0 else { return }
        grid.fill(rect, role: .statusBar)
        if let editor = state.commandLine { return drawCommandLine(&grid, rect, editor, label: ":", completions: completions) }
        if let prompt { return drawCommandLine(&grid, rect, prompt.editor, label: prompt.label, completions: []) }
        let who = " \(Sanitizer.clean(person.login)) · \(person.role.rawValue)\(via.map { " (via \(Sanitizer.clean($0)))" } ?? "") · \(shift) "
        let right = " " + clock + " "
        let showClock = rect.width >= TextWidth.columns(who) + TextWidth.columns(right) + 10
        let end = showClock ? rect.maxX - TextWidth.columns(right) : rect.maxX
        // A message too long to sit beside who you are takes their place (the clock stays).
        let crowded = state.message.map { TextWidth.columns(who) + TextWidth.columns(Sanitizer.clean($0)) + 2 > end - rect.x } ?? false
        var x = rect.x + (crowded ? 0 : grid.write(TextWidth.truncateAtWord(who, to: rect.width), x: rect.x, y: rect.y, role: .statusBar))
        if let message = state.message {
            let text = TextWidth.truncateAtWord("│ " + Sanitizer.clean(message), to: max(0, end - x))
            grid.write(text, x: x, y: rect.y, role: state.messageIsError ? .error : .statusBar)
        } else {
            x += grid.write("│", x: x, y: rect.y, role: .statusBar, limit: max(0, end - x))
            for hint in ActionTable.hints(in: contexts) {
                let text = " \(hint.keys) \(hint.label) "
                guard x + TextWidth.columns(text) <= end else { break }
                // An action this person may not use now still shows, dimmed: `?` and the key say why.
                x += grid.write(text, x: x, y: rect.y, role: disabled(hint.action) ? .statusBarDisabled : .statusBar)
            }
        }
        if showClock { grid.write(right, x: end, y: rect.y, role: .statusBar) }
    }

    /// `:text` (or a prompt's label and text) with the cursor shown as a highlighted cell,
    /// scrolled so the cursor stays in view, and what Tab would complete to on the right when
    /// there is room.
    static func drawCommandLine(_ grid: inout Grid, _ rect: Rect, _ editor: LineEditor, label: String,
                                completions matches: [String]) {
        var available = rect.width - TextWidth.columns(label)
        if !matches.isEmpty, rect.width > 40 {
            let text = TextWidth.truncateAtWord("Tab: " + Sanitizer.clean(matches.joined(separator: " ")), to: rect.width / 2)
            grid.write(text, x: rect.maxX - TextWidth.columns(text) - 1, y: rect.y, role: .statusBar)
            available = rect.width - TextWidth.columns(text) - 3
        }
        let characters = Array(Sanitizer.clean(editor.text))
        // Scroll the line so the cursor cell fits, keeping as much before it as there is room for.
        var start = 0
        func width(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + TextWidth.columns(characters[$1]) } }
        while start < editor.cursor, width(start..<editor.cursor) + 2 > available { start += 1 }
        var x = rect.x + grid.write(start > 0 ? "…" : label, x: rect.x, y: rect.y, role: .statusBar)
        for (i, character) in characters.enumerated().dropFirst(start) {
            let w = max(1, TextWidth.columns(character))
            guard x + w <= rect.x + available else { break }
            grid.write(String(character), x: x, y: rect.y, role: i == editor.cursor ? .selection : .statusBar)
            x += w
        }
        if editor.cursor >= characters.count, x < rect.maxX { grid.write(" ", x: x, y: rect.y, role: .selection) }
    }
}

/// The narrow layout's pane switcher.
enum TabBar {
    static func draw(_ grid: inout Grid, _ rect: Rect, focus: Pane) {
        grid.fill(rect, role: .tabInactive)
        var x = rect.x
        for pane in Pane.allCases {
            x += grid.write(" \(pane.tabLabel) ", x: x, y: rect.y, role: pane == focus ? .tabActive : .tabInactive,
                            limit: max(0, rect.maxX - x))
            x += 1
        }
    }

    /// Which tab a click at column `x` lands on.
    static func pane(atX x: Int, in rect: Rect) -> Pane? {
        var start = rect.x
        for pane in Pane.allCases {
            let width = TextWidth.columns(" \(pane.tabLabel) ")
            if x >= start && x < start + width { return pane }
            start += width + 1
        }
        return nil
    }
}
