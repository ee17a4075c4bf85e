import AllHandsCore
import Foundation
import TerminalUI

/// Keys, actions and the command line: everything a key press can do.
extension Console {
    /// The contexts that apply now, most specific first.
    var contexts: [ActionContext] {
        switch state.screen {
        case .main: state.focus == .queue ? [.queue, .scrolling, .main, .global] : [.main, .global]
        case .ticket, .help: [.view, .scrolling, .global]
        case .welcome: [.welcome, .global]
        }
    }

    /// Acts on one key. A domain error (a refusal, a conflict, a ticket not found) becomes a
    /// status-bar message; only an error that ends the session is thrown.
    public func handle(_ key: Key) throws {
        try survive { try dispatch(key) }
    }

    private func dispatch(_ key: Key) throws {
        if state.commandLine != nil { return try handleCommandLine(key) }
        state.message = nil
        if key == .resize {
            try queue.resize(rows: queueRows())
            return
        }
        if case .mouse(let event) = key { return try handleMouse(event) }
        if layout.mode == .tooSmall {
            if key == .character("q") || key == .ctrl("c") { running = false }
            return
        }
        guard let action = ActionTable.action(for: key, in: contexts) else { return }
        try perform(action.id, argument: nil)
    }

    func perform(_ id: ActionID, argument: String?) throws {
        switch id {
        case .quit: running = false
        case .back:
            state.screen = state.screen == .help ? state.screenBeforeHelp : .main
        case .help:
            if state.screen != .help { state.screenBeforeHelp = state.screen }
            state.screen = .help
            state.helpScroll = 0
        case .commandLine: state.commandLine = LineEditor(history: commandHistory)
        case .refresh:
            try reloadAll()
            flash("Reloaded")
        case .nextPane: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count) ?? .queue
        case .previousPane: state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .queue
        case .focusQueue: state.focus = .queue
        case .focusRotation: state.focus = .rotation
        case .focusTags: state.focus = .tags
        case .down: try scroll(lines: 1)
        case .up: try scroll(lines: -1)
        case .pageDown: try scroll(pages: 1)
        case .pageUp: try scroll(pages: -1)
        case .top: try scrollToEdge(end: false)
        case .bottom: try scrollToEdge(end: true)
        case .open:
            if let ticket = queue.selectedTicket { try openTicket(ticket.id) }
        case .goto:
            guard let text = argument, let number = Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "# "))) else {
                return flash("usage: :goto N (a ticket number)", error: true)
            }
            try openTicket(number)
        case .toggleAll:
            state.showAllTickets.toggle()
            try queue.setFilter(state.showAllTickets ? TicketFilter(statuses: .all) : .activeQueue)
            flash(state.showAllTickets ? "Showing every ticket" : "Showing the working queue (new, open, pending)")
        case .loadDemo:
            guard state.screen == .welcome else { return }
            try loadDemo()
        }
    }

    /// Opens a ticket; one that does not exist (or may not be seen) is a message, not an end.
    private func openTicket(_ id: Int) throws {
        detail = try workspace.tickets.detail(id: id)
        state.screen = .ticket(id: id)
        state.ticketScroll = 0
    }

    /// Where the scroll offset of the full-screen page on show is kept (nil on the main screen).
    var pageScroll: WritableKeyPath<ConsoleState, Int>? {
        switch state.screen {
        case .ticket: \.ticketScroll
        case .help: \.helpScroll
        case .main, .welcome: nil
        }
    }

    /// Moves the page on show, clamped to its length; returns false on the main screen.
    private func scrollPage(_ offset: (Int) -> Int) -> Bool {
        guard let key = pageScroll else { return false }
        let limit = currentPage()?.maxScroll(height: TextPage.bodyRows(layout.content)) ?? 0
        state[keyPath: key] = min(max(0, offset(state[keyPath: key])), limit)
        return true
    }

    private func scroll(lines: Int) throws {
        if !scrollPage({ $0 + lines }) { try queue.move(by: lines) }
    }

    private func scroll(pages: Int) throws {
        let height = max(1, TextPage.bodyRows(layout.content) - 1)
        if !scrollPage({ $0 + pages * height }) { try queue.page(by: pages) }
    }

    private func scrollToEdge(end: Bool) throws {
        if !scrollPage({ _ in end ? Int.max : 0 }) { try end ? queue.loadEnd() : queue.loadStart() }
    }

    private func handleMouse(_ event: MouseEvent) throws {
        switch event.button {
        case .wheelUp: try scroll(lines: -3)
        case .wheelDown: try scroll(lines: 3)
        case .left:
            let l = layout
            if let tabs = l.tabBar, tabs.contains(x: event.x, y: event.y) {
                if let pane = TabBar.pane(atX: event.x, in: tabs) { state.focus = pane }
                return
            }
            guard state.screen == .main, let pane = l.pane(atX: event.x, y: event.y) else { return }
            state.focus = pane
            if pane == .queue, let rect = l.panes[.queue] {
                let body = QueuePane.body(rect)
                if body.contains(x: event.x, y: event.y) { queue.select(screenRow: event.y - body.y) }
            }
        }
    }

    private func handleCommandLine(_ key: Key) throws {
        guard var editor = state.commandLine else { return }
        switch editor.handle(key, complete: ActionTable.completions) {
        case .editing: state.commandLine = editor
        case .cancel: state.commandLine = nil
        case .submit(let line):
            state.commandLine = nil
            commandHistory = LineEditor.remembering(line, in: commandHistory)
            try runCommand(line)
        }
    }

    private func runCommand(_ text: String) throws {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return }
        guard let action = ActionTable.action(command: name) else {
            return flash("unknown command :\(name) (Tab lists commands, ? shows help)", error: true)
        }
        try perform(action.id, argument: parts.count > 1 ? parts[1] : nil)
    }

    private func loadDemo() throws {
        let options = DemoOptions()
        try workspace.demo.generate(options)
        workspace = try workspace.reopened()
        queue = QueueModel(tickets: workspace.tickets, filter: .activeQueue)
        changes = try workspace.changeFeed()
        state.screen = .main
        try reloadAll()
        flash("Loaded the demo company: \(options.people) people, \(options.tickets) tickets")
    }
}
