import AllHandsCore
import Foundation
import Storage
import TerminalUI

/// The console: one input loop over a backend, driving the domain through a workspace.
///
/// Keys are looked up in the action table; every tick (≈250 ms without a key) polls the
/// change watcher and, only when another process committed, reloads what is visible and marks
/// what changed. A tick with nothing new draws nothing.
public final class Console {
    public private(set) var workspace: Workspace {
        didSet { timeZone = Self.zone(of: workspace) }
    }
    /// The viewer's zone: times and the calendar are shown in it.
    private(set) var timeZone: TimeZone
    let backend: any Backend
    let clock: any Clock
    public private(set) var state = ConsoleState()
    var queue: QueueModel
    var tagCounts: [TagCount] = []
    var rotation = RotationOverview.unplanned
    var detail: TicketDetail?
    private var watcher: ChangeWatcher
    /// Ticket ids and tag names marked as changed by another process, until the given time.
    private var changedTickets: [Int: Int64] = [:]
    private var changedTags: [String: Int64] = [:]
    private var lastMinute: Int64 = -1
    private(set) var running = true
    static let markSeconds: Int64 = 3

    public init(workspace: Workspace, backend: any Backend, clock: any Clock) throws {
        self.workspace = workspace
        self.timeZone = Self.zone(of: workspace)
        self.backend = backend
        self.clock = clock
        self.queue = QueueModel(tickets: workspace.tickets, filter: .activeQueue)
        self.watcher = try ChangeWatcher(database: workspace.database)
        state.screen = workspace.isEmpty ? .welcome : .main
        queue.visibleRows = queueRows()
        try queue.loadStart(recount: true)
        rotation = try workspace.rotation.overview()
    }

    /// Tag counts walk every open ticket (tens of milliseconds at a million tickets), so the
    /// first frame shows the queue without waiting for them; this fills them in right after.
    public private(set) var tagsLoaded = false

    public func finishLoading() throws {
        guard !tagsLoaded else { return }
        tagCounts = try workspace.tags.liveCounts()
        tagsLoaded = true
    }

    var now: Int64 { clock.epochSeconds }
    /// The queue row at the top of the viewport (benchmarks tell a scroll from a move by it).
    public var queueTop: Int { queue.top }
    private static func zone(of workspace: Workspace) -> TimeZone {
        TimeZone(identifier: workspace.actor.person.timeZone) ?? .current
    }
    var layout: Layout { Layout.compute(size: backend.size, focus: state.focus) }

    // MARK: - The loop

    /// Runs until the user quits or `shouldStop` says so (a signal arrived).
    public func run(tickMilliseconds: Int, shouldStop: () -> Bool = { false }) throws {
        draw()
        try finishLoading()
        draw()
        while running && !shouldStop() {
            guard let key = backend.readKey(timeoutMilliseconds: tickMilliseconds) else {
                try tick()
                continue
            }
            if key == .resize {
                // Collapse a burst of resizes into one layout.
                var after: Key?
                while let more = backend.readKey(timeoutMilliseconds: 0) {
                    if more != .resize { after = more; break }
                }
                try handle(.resize)
                if let after { try handle(after) }
            } else {
                try handle(key)
            }
            draw()
        }
    }

    /// One idle tick: refresh only if another process committed; redraw only if something shows differently.
    public func tick() throws {
        var dirty = !tagsLoaded
        try finishLoading()
        if try watcher.poll() {
            try refreshFromOthers()
            dirty = true
        }
        let t = now
        if changedTickets.values.contains(where: { $0 <= t }) || changedTags.values.contains(where: { $0 <= t }) {
            changedTickets = changedTickets.filter { $0.value > t }
            changedTags = changedTags.filter { $0.value > t }
            dirty = true
        }
        if t / 60 != lastMinute { dirty = true }
        if dirty { draw() }
    }

    public func draw() {
        lastMinute = now / 60
        backend.draw(render())
    }

    // MARK: - Data

    func reloadAll() throws {
        queue.visibleRows = queueRows()
        try queue.loadStart(recount: true)
        try reloadSidePanes()
        if case .ticket(let id) = state.screen { detail = try workspace.tickets.detail(id: id) }
    }

    private func reloadSidePanes() throws {
        tagCounts = try workspace.tags.liveCounts()
        tagsLoaded = true
        rotation = try workspace.rotation.overview()
    }

    /// Another process committed: reload the visible data and mark what changed.
    private func refreshFromOthers() throws {
        if state.screen == .welcome, !workspace.isEmpty { state.screen = .main }
        queue.visibleRows = queueRows()
        let until = now + Self.markSeconds
        for id in try queue.refresh() { changedTickets[id] = until }
        let before = Dictionary(tagCounts.map { ($0.tag.qualifiedName, $0.open) }, uniquingKeysWith: { a, _ in a })
        try reloadSidePanes()
        for count in tagCounts where before[count.tag.qualifiedName] != count.open { changedTags[count.tag.qualifiedName] = until }
        if case .ticket(let id) = state.screen { detail = try? workspace.tickets.detail(id: id) }
    }

    private func queueRows() -> Int {
        let l = layout
        return max(1, (l.panes[.queue]?.height ?? l.content.height) - 2)
    }

    // MARK: - Keys

    /// The contexts that apply now, most specific first.
    var contexts: [ActionContext] {
        switch state.screen {
        case .main: state.focus == .queue ? [.queue, .scrolling, .main, .global] : [.main, .global]
        case .ticket, .help: [.view, .scrolling, .global]
        case .welcome: [.welcome, .global]
        }
    }

    public func handle(_ key: Key) throws {
        if state.commandLine != nil { return try handleCommandLine(key) }
        state.message = nil
        if key == .resize {
            queue.visibleRows = queueRows()
            try queue.move(by: 0)
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
        case .commandLine: state.commandLine = ""
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

    private func openTicket(_ id: Int) throws {
        do {
            detail = try workspace.tickets.detail(id: id)
            state.screen = .ticket(id: id)
            state.ticketScroll = 0
        } catch let error as AllHandsError {
            flash(error.description, error: true)
        }
    }

    /// Where the scroll offset of the full-screen page on show is kept (nil on the main screen).
    private var pageScroll: WritableKeyPath<ConsoleState, Int>? {
        switch state.screen {
        case .ticket: \.ticketScroll
        case .help: \.helpScroll
        case .main, .welcome: nil
        }
    }

    /// Moves the page on show, clamped to its length; returns false on the main screen.
    private func scrollPage(_ offset: (Int) -> Int) -> Bool {
        guard let key = pageScroll else { return false }
        let limit = currentPage()?.maxScroll(height: layout.content.height - 1) ?? 0
        state[keyPath: key] = min(max(0, offset(state[keyPath: key])), limit)
        return true
    }

    private func scroll(lines: Int) throws {
        if !scrollPage({ $0 + lines }) { try queue.move(by: lines) }
    }

    private func scroll(pages: Int) throws {
        let height = max(1, layout.content.height - 2)
        if !scrollPage({ $0 + pages * height }) { try queue.page(by: pages) }
    }

    private func scrollToEdge(end: Bool) throws {
        if !scrollPage({ _ in end ? Int.max : 0 }) { try end ? queue.loadEnd() : queue.loadStart() }
    }

    private func flash(_ text: String, error: Bool = false) {
        state.message = text
        state.messageIsError = error
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
            if pane == .queue, let rect = l.panes[.queue], event.y >= rect.y + 2 {
                queue.select(screenRow: event.y - rect.y - 2)
            }
        }
    }

    private func handleCommandLine(_ key: Key) throws {
        var text = state.commandLine ?? ""
        switch key {
        case .escape: state.commandLine = nil; return
        case .enter:
            state.commandLine = nil
            return try runCommand(text)
        case .backspace:
            if text.isEmpty { state.commandLine = nil; return }
            text.removeLast()
        case .tab:
            let word = ActionTable.commandWord(text)
            let matches = ActionTable.completions(word)
            if let first = matches.first {
                text = matches.count == 1 ? first + " " : commonPrefix(matches)
                if text.count < word.count { text = word }
            }
        case .character(let c): text.append(c)
        default: break
        }
        state.commandLine = text
    }

    private func runCommand(_ text: String) throws {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return }
        guard let action = ActionTable.action(command: name) else {
            return flash("unknown command :\(name) (Tab lists commands, ? shows help)", error: true)
        }
        try perform(action.id, argument: parts.count > 1 ? parts[1] : nil)
    }

    private func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    private func loadDemo() throws {
        let login = workspace.actor.via ?? workspace.actor.person.login
        try workspace.demo.generate(DemoOptions())
        workspace = try Workspace(database: workspace.database, config: workspace.config, clock: clock, login: login)
        queue = QueueModel(tickets: workspace.tickets, filter: .activeQueue)
        watcher = try ChangeWatcher(database: workspace.database)
        state.screen = .main
        try reloadAll()
        flash("Loaded the demo company: 150 people, 600 tickets")
    }

    // MARK: - Rendering

    func currentPage() -> TextPage? {
        let width = layout.content.width
        switch state.screen {
        case .ticket: return detail.map { TicketView.page($0, width: width, timeZone: timeZone, now: now) }
        case .help: return HelpScreen.page(width: width)
        case .welcome: return WelcomeScreen.page(width: width, databasePath: workspace.database.path)
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
                               changed: Set(changedTickets.keys), now: t)
            }
            if let rect = l.panes[.rotation] {
                RotationPane.draw(&grid, rect, overview: rotation, now: t, timeZone: timeZone, focused: state.focus == .rotation)
            }
            if let rect = l.panes[.tags] {
                TagsPane.draw(&grid, rect, counts: tagCounts, loaded: tagsLoaded, changed: Set(changedTags.keys),
                              focused: state.focus == .tags)
            }
            if let separator = l.separator {
                for y in separator.y..<separator.maxY { grid.write("│", x: separator.x, y: y, role: .border) }
            }
        case .ticket, .help, .welcome:
            currentPage()?.draw(&grid, l.content, scroll: pageScroll.map { state[keyPath: $0] } ?? 0)
        }
        StatusBar.draw(&grid, l.statusBar, person: workspace.actor.person, via: workspace.actor.via,
                       onShift: rotation.meOnShift, state: state, contexts: contexts, clock: Self.clockText(t, timeZone))
        return grid
    }

    static func clockText(_ seconds: Int64, _ zone: TimeZone) -> String {
        String(Timestamp.local(seconds, timeZone: zone).suffix(5))
    }
}
