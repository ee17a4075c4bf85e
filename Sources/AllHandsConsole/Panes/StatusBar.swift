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
        // The role is left out below 120 columns, so the keys have room.
        let wide = rect.width >= Layout.wideFrom
        let role = wide ? " · " + person.role.rawValue : ""
        let behind = wide ? via.map { " (via \(Sanitizer.clean($0)))" } ?? "" : ""
        let who = " \(Sanitizer.clean(person.login))\(role)\(behind) · \(shift) "
        let right = " " + clock + " "
        if let message = state.message, drawLong(&grid, rect, Sanitizer.clean(message), error: state.messageIsError) { return }
        let showClock = rect.width >= TextWidth.columns(who) + TextWidth.columns(right) + 10
        let end = showClock ? rect.maxX - TextWidth.columns(right) : rect.maxX
        // A message too long to sit beside who you are takes their place (the clock stays).
        let crowded = state.message.map { TextWidth.columns(who) + TextWidth.columns(Sanitizer.clean($0)) + 2 > end - rect.x } ?? false
        var x = rect.x + (crowded ? 0 : grid.write(TextWidth.truncateAtWord(who, to: rect.width), x: rect.x, y: rect.y, role: .statusBar))
        if let message = state.message {
            let text = TextWidth.truncateAtWord((crowded ? " " : "│ ") + Sanitizer.clean(message), to: max(0, end - x))
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

    /// The most rows a long message may take, counting the status bar's own.
    static let messageRows = 3

    /// A message too long for one row is wrapped onto the rows above the bar (at most
    /// `messageRows`), so a refusal is read whole; returns false when it fits in the bar.
    static func drawLong(_ grid: inout Grid, _ rect: Rect, _ message: String, error: Bool) -> Bool {
        let width = rect.width - 2
        guard TextWidth.columns(message) > width, width > 10 else { return false }
        var lines = TextWrap.wrap(message, width: width)
        if lines.count > messageRows {
            lines = Array(lines.prefix(messageRows))
            lines[messageRows - 1] = TextWidth.truncateAtWord(lines[messageRows - 1] + " …", to: width)
        }
        for (i, line) in lines.enumerated() {
            let y = rect.y - (lines.count - 1) + i
            guard y >= 0 else { continue }
            let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            grid.fill(row, role: error ? .error : .statusBar)
            grid.write(" " + line, x: rect.x, y: y, role: error ? .error : .statusBar, limit: rect.width)
        }
        return true
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
        // Scroll the line so the cursor cell fits, keeping as much before it as there is room
        // for: one pass back from the cursor, so a long pasted line costs what is on screen.
        let cursor = min(editor.cursor, characters.count)
        var start = cursor, used = 0
        while start > 0 {
            let w = max(1, TextWidth.columns(characters[start - 1]))
            guard used + w + 2 <= available else { break }
            used += w
            start -= 1
        }
        var x = rect.x + grid.write(start > 0 ? "…" : label, x: rect.x, y: rect.y, role: .statusBar)
        for i in start..<characters.count {
            let character = characters[i]
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
