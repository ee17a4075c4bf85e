import AllHandsCore
import Foundation
import TerminalUI

/// The bottom row: who you are, your shift, the keys that matter here, the time. The command
/// line and messages take it over while they show.
enum StatusBar {
    static func draw(_ grid: inout Grid, _ rect: Rect, person: Person, via: String?, onShift: Bool,
                     state: ConsoleState, contexts: [ActionContext], clock: String) {
        guard rect.height > 0 else { return }
        grid.fill(rect, role: .statusBar)
        if let command = state.commandLine {
            grid.write(":" + Sanitizer.clean(command) + "▏", x: rect.x, y: rect.y, role: .statusBar, limit: rect.width)
            let matches = ActionTable.completions(ActionTable.commandWord(command))
            if !matches.isEmpty, rect.width > 40 {
                let text = TextWidth.truncate("Tab: " + matches.joined(separator: " "), to: rect.width / 2)
                grid.write(text, x: rect.maxX - TextWidth.columns(text) - 1, y: rect.y, role: .statusBar)
            }
            return
        }
        let who = " \(Sanitizer.clean(person.login)) · \(person.role.rawValue)\(via.map { " (via \(Sanitizer.clean($0)))" } ?? "") · \(onShift ? "on shift" : "off shift") "
        var x = rect.x + grid.write(who, x: rect.x, y: rect.y, role: .statusBar, limit: rect.width)
        let right = " " + clock + " "
        let end = rect.maxX - TextWidth.columns(right)
        if let message = state.message {
            grid.write("│ " + Sanitizer.clean(message), x: x, y: rect.y, role: state.messageIsError ? .error : .statusBar,
                       limit: max(0, end - x))
        } else {
            x += grid.write("│", x: x, y: rect.y, role: .statusBar, limit: max(0, end - x))
            for hint in ActionTable.hints(in: contexts) {
                let text = " \(hint.keys) \(hint.label) "
                guard x + TextWidth.columns(text) <= end else { break }
                x += grid.write(text, x: x, y: rect.y, role: .statusBar)
            }
        }
        if end > rect.x + 20 { grid.write(right, x: end, y: rect.y, role: .statusBar) }
    }
}

/// The narrow layout's pane switcher.
enum TabBar {
    static func draw(_ grid: inout Grid, _ rect: Rect, focus: Pane) {
        grid.fill(rect, role: .tabInactive)
        var x = rect.x
        for pane in Pane.allCases {
            let text = " \(pane.rawValue + 1) \(pane.title) "
            x += grid.write(text, x: x, y: rect.y, role: pane == focus ? .tabActive : .tabInactive, limit: max(0, rect.maxX - x))
            x += 1
        }
    }

    /// Which tab a click at column `x` lands on.
    static func pane(atX x: Int, in rect: Rect) -> Pane? {
        var start = rect.x
        for pane in Pane.allCases {
            let width = TextWidth.columns(" \(pane.rawValue + 1) \(pane.title) ")
            if x >= start && x < start + width { return pane }
            start += width + 1
        }
        return nil
    }
}
