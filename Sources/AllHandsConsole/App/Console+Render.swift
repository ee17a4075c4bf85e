import AllHandsCore
import Foundation
import TerminalUI

/// Drawing: a pure function of what was loaded and the UI state.
extension Console {
    func currentPage() -> TextPage? {
        let width = layout.content.width
        switch state.screen {
        case .ticket: return detail.map { TicketView.page($0, width: width, timeZone: timeZone, now: now) }
        case .help: return HelpScreen.page(width: width)
        case .welcome: return WelcomeScreen.page(width: width, databasePath: workspace.databasePath)
        case .main: return nil
        }
    }

    /// The whole frame for the current size and state. Reads no database: everything it shows
    /// was loaded by a key or a tick.
    public func render() -> Grid {
        let size = backend.size
        var grid = Grid(size)
        let l = Layout.compute(size: size, focus: state.focus)
        if l.mode == .tooSmall {
            TooSmallScreen.draw(&grid, size: size)
            return grid
        }
        let t = now
        switch state.screen {
        case .main:
            if let tabs = l.tabBar { TabBar.draw(&grid, tabs, focus: state.focus) }
            if let rect = l.panes[.queue] {
                QueuePane.draw(&grid, rect, queue: queue, focused: state.focus == .queue, showAll: state.showAllTickets,
                               dimension: primaryDimension, changed: Set(changedTickets.keys), now: t)
            }
            if let rect = l.panes[.rotation] {
                RotationPane.draw(&grid, rect, overview: rotation, now: t, timeZone: timeZone, focused: state.focus == .rotation)
            }
            if let rect = l.panes[.tags] {
                TagsPane.draw(&grid, rect, counts: tagCounts, loaded: tagsLoaded, dimension: primaryDimension,
                              changed: Set(changedTags.keys), focused: state.focus == .tags)
            }
            if let separator = l.separator {
                for y in separator.y..<separator.maxY { grid.write("│", x: separator.x, y: y, role: .border) }
            }
        case .ticket, .help, .welcome:
            currentPage()?.draw(&grid, l.content, scroll: pageScroll.map { state[keyPath: $0] } ?? 0)
        }
        StatusBar.draw(&grid, l.statusBar, person: workspace.actor.person, via: workspace.actor.via,
                       onShift: rotation.meOnShift, state: state, contexts: contexts,
                       clock: Timestamp.clock(t, timeZone: timeZone))
        return grid
    }
}
