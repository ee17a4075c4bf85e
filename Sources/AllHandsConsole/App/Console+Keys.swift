import AllHandsCore
import Foundation
import TerminalUI

/// Keys, actions and the command line: everything a key press can do.
extension Console {
    /// The contexts that apply now, most specific first.
    var contexts: [ActionContext] {
        switch state.screen {
        case .main:
            // A queue opened from the tags board goes back to it with q.
            let fromTags: [ActionContext] = state.stack.last == .tags ? [.tagQueue] : []
            let pane: [ActionContext] = switch state.focus {
            case .queue: [.queue, .ticket, .scrolling, .main, .global]
            case .rotation: [.rotationPane, .main, .global]
            case .tags: [.tagsPane, .main, .global]
            }
            return fromTags + pane
        case .ticket: return (isListeningThread ? [.listenThread] : []) + [.view, .thread, .ticket, .scrolling, .global]
        case .help, .report: return [.view, .scrolling, .global]
        case .search: return [.search, .scrolling, .global]
        case .compose: return [.compose]
        case .confirmSend: return [.confirm, .scrolling]
        case .handoff: return [.handoff, .scrolling, .global]
        case .welcome: return [.welcome, .global]
        case .rotation: return [.rotation, .scrolling, .global]
        case .tags: return [.tags, .scrolling, .global]
        case .tagCompare: return [.tagCompare, .scrolling, .global]
        // Walk-a-mile listening (issue 11).
        case .listen: return [.listen, .scrolling, .global]
        case .insights: return [.insights, .scrolling, .global]
        case .insightForm: return [.insightForm]
        case .followUps: return [.followUps, .scrolling, .global]
        case .followUpNotes: return [.followUpNotes]
        }
    }

    /// Acts on one key. A domain error (a refusal, a conflict, a ticket not found) becomes a
    /// status-bar message; only an error that ends the session is thrown.
    public func handle(_ key: Key) throws {
        try survive { try dispatch(key) }
        // Listening (issue 11): a key there is a sign of life; leaving ends the session.
        try survive { try syncListeningSession(touch: isListening && key != .resize) }
    }

    private func dispatch(_ key: Key) throws {
        if state.commandLine != nil { return try handleCommandLine(key) }
        if prompt != nil { return try handlePrompt(key) }
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
        // The inline composer takes every key as text, but for its own send and leave keys.
        if state.screen == .compose { return try composeKey(key) }
        if state.screen == .insightForm { return try insightFormKey(key) }
        if state.screen == .followUpNotes { return try notesKey(key) }
        guard let action = ActionTable.action(for: key, in: contexts) else { return }
        if action.prefills, let command = action.command {
            // Refuse before asking for input: no ticket to act on, or a right this person lacks.
            if action.context == .ticket, state.screen == .main, queue.selectedTicket == nil {
                return flash(Self.noTicketSelected, error: true)
            }
            if let reason = disabledReason(action) { return flash(reason, error: true) }
            state.commandLine = LineEditor(text: command + " ", history: commandHistory)
            return
        }
        try perform(action.id, argument: nil)
    }

    /// Runs an action: the screen on show answers first, then the actions that work anywhere.
    func perform(_ id: ActionID, argument: String?) throws {
        if let action = ActionTable.action(id), contexts.contains(action.context) || action.context == .global {
            if let reason = disabledReason(action) { return flash(reason, error: true) }
        }
        let outcome: Outcome
        switch state.screen {
        case .main: outcome = try performOnMain(id, argument: argument)
        case .ticket: outcome = try performOnTicketScreen(id, argument: argument)
        case .search: outcome = try performOnSearch(id, argument: argument)
        case .compose: outcome = .unhandled
        case .confirmSend: outcome = try performOnConfirm(id)
        case .handoff: outcome = try performOnHandoff(id)
        case .help, .report: outcome = .unhandled
        case .welcome: outcome = try performOnWelcome(id)
        case .rotation: outcome = try performOnRotation(id, argument: argument)
        case .tags: outcome = try performOnTags(id, argument: argument)
        case .tagCompare: outcome = try performOnTagCompare(id, argument: argument)
        case .listen: outcome = try performOnListen(id, argument: argument)
        case .insights: outcome = try performOnInsights(id, argument: argument)
        case .insightForm: outcome = .unhandled
        case .followUps, .followUpNotes: outcome = try performOnFollowUps(id, argument: argument)
        }
        if outcome == .unhandled { try performAnywhere(id, argument: argument) }
    }

    /// The actions that mean the same on every screen.
    private func performAnywhere(_ id: ActionID, argument: String?) throws {
        switch id {
        case .quit: running = false
        case .back: state.pop()
        case .help:
            if state.screen != .help { state.push(.help) }
            state.helpScroll = 0
        case .commandLine: state.commandLine = LineEditor(history: commandHistory)
        case .refresh:
            try reloadAll()
            flash("Reloaded")
        case .search: try startSearch(argument)
        case .down: try scroll(lines: 1)
        case .up: try scroll(lines: -1)
        case .pageDown: try scroll(pages: 1)
        case .pageUp: try scroll(pages: -1)
        case .top: try scrollToEdge(end: false)
        case .bottom: try scrollToEdge(end: true)
        case .approvals: try showReport(.approvals)
        case .boundaries: try showReport(.boundaries)
        case .calendar: try openRotation()
        case .followUps: try openFollowUps(argument)
        case .openTags: try openTags()
        // Walk-a-mile listening (issue 11).
        case .listen: try listenCommand(argument)
        case .openInsights: try openInsights(argument)
        case .captureInsight: try captureInsight(argument)
        case .swaps, .takeSwap, .approveSwap, .declineSwap, .withdrawSwap: try performSwap(id, argument: argument)
        case .approve: try decideGoodwill(argument, approve: true)
        case .decline: try decideGoodwill(argument, approve: false)
        case .goto:
            guard let text = argument, let number = Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "# "))) else {
                return flash("usage: :goto N (a ticket number)", error: true)
            }
            try openTicket(number)
        default:
            // The action belongs to another screen (run from the command line here).
            if let action = ActionTable.action(id) {
                flash(":\(action.command ?? id.rawValue) works \(action.context.place)", error: true)
            }
        }
    }

    /// Why an action cannot be used by this person now, or nil when it can. Only for showing:
    /// the domain makes the decision again when the action runs.
    func disabledReason(_ action: ConsoleAction) -> String? {
        let role = workspace.actor.person.role
        if let right = action.requires, !Permissions.allows(role, right) {
            let roles = Role.allCases.filter { Permissions.allows($0, right) }.map(\.rawValue)
            return "not for \(English.withArticle(role.rawValue)): only \(roles.joined(separator: ", ")) may \(right.rawValue)"
        }
        // The thread opened from the listen view is read only (issue 11).
        if isListeningThread, action.context == .ticket, action.id != .captureInsight { return Self.listeningRefusal }
        let answers = action.id == .reply || action.id == .macro
        if answers, !Permissions.allows(role, .replyAnyTime), !rotation.meOnShift {
            return "Replying is for people on shift (" + shiftLine + "); notes and tags are open to everyone"
        }
        // Someone else's ticket: the same rule the domain applies (Permissions.holderAction).
        let theirWork: Set<ActionID> = [.reply, .macro, .status, .solve, .priority, .goodwill]
        if theirWork.contains(action.id), let holder = currentTicket?.assigneeLogin,
           !Permissions.allows(role, Permissions.holderAction(holder: holder, actor: workspace.actor.person.login,
                                                             touchesTheirWork: true)) {
            return "This is \(holder)'s ticket: its replies, status and priority are theirs; you can add a note or tags"
        }
        if let reason = followUpDisabledReason(action) { return reason } // walk-a-mile follow-ups
        return nil
    }

    /// The ticket the ticket actions apply to: the one open, or the one selected in the queue.
    var currentTicket: Ticket? {
        switch state.screen {
        case .ticket: detail?.ticket
        case .main: state.focus == .queue ? queue.selectedTicket : nil
        default: nil
        }
    }

    /// Opens a ticket; one that does not exist (or may not be seen) is a message, not an end.
    func openTicket(_ id: Int) throws {
        detail = try workspace.tickets.detail(id: id)
        if case .ticket = state.screen { state.screen = .ticket(id: id) } else { state.push(.ticket(id: id)) }
        state.ticketScroll = 0
        messageMark = nil
        state.showHistory = false
        history = []
        try heartbeat(on: id, .viewing, force: true)
    }

    /// Where the scroll offset of the full-screen page on show is kept (nil on the main screen).
    var pageScroll: WritableKeyPath<ConsoleState, Int>? {
        switch state.screen {
        case .ticket: \.ticketScroll
        case .help: \.helpScroll
        case .report: \.reportScroll
        case .main, .welcome, .search, .compose, .confirmSend, .handoff, .rotation, .tags, .tagCompare, .listen, .insights,
             .insightForm: nil
        case .followUps, .followUpNotes: nil
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
        if scrollList(by: lines) || scrollPage({ $0 + lines }) { return }
        try queue.move(by: lines)
    }

    private func scroll(pages: Int) throws {
        let height = max(1, TextPage.bodyRows(layout.content) - 1)
        if scrollList(by: pages * height) || scrollPage({ $0 + pages * height }) { return }
        try queue.page(by: pages)
    }

    private func scrollToEdge(end: Bool) throws {
        if scrollList(by: end ? Int.max / 2 : -Int.max / 2) || scrollPage({ _ in end ? Int.max : 0 }) { return }
        try end ? queue.loadEnd() : queue.loadStart()
    }

    /// Moves the selection of the list screens (search results, hand-off, the tags board); false elsewhere.
    private func scrollList(by delta: Int) -> Bool {
        switch state.screen {
        case .search:
            searchSelection = clampedSelection(searchSelection, by: delta, count: searchHits.count)
        case .handoff:
            handoff.selected = clampedSelection(handoff.selected, by: delta, count: handoff.items.count)
        // The mouse wheel on the tags board and the comparison (their keys are their own actions).
        case .tags: tags.move(by: delta)
        case .tagCompare: scrollCompare(by: delta)
        case .listen: listen?.move(by: delta)
        case .insights: insights.move(by: delta)
        case .followUps: followUps?.move(by: delta)
        default: return false
        }
        return true
    }

    private func clampedSelection(_ current: Int, by delta: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return min(max(0, current.addingReportingOverflow(delta).partialValue), count - 1)
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
        switch editor.handle(key, complete: completions) {
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
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        try perform(action.id, argument: argument?.isEmpty == true ? nil : argument)
    }

    func loadDemo() throws {
        let options = DemoOptions()
        try workspace.demo.generate(options)
        workspace = try workspace.reopened()
        queue = QueueModel(tickets: workspace.tickets, filter: queueFilter)
        changes = try workspace.changeFeed()
        state.screen = .main
        state.stack = []
        try reloadAll()
        flash("Loaded the demo company: \(options.people) people, \(options.tickets) tickets")
    }
}
