import AllHandsCore
import Foundation
import TerminalUI

/// The console: one input loop over a backend, driving the domain through a workspace.
///
/// Keys are looked up in the action table; every tick (≈250 ms without a key) polls the
/// workspace's change feed and, only when another process committed, reloads the visible
/// regions whose version moved (`ChangeRegion`) and marks what changed. A tick with nothing new draws nothing. A domain error (a refusal, a
/// conflict, a ticket not found) is shown in the status bar and the loop goes on; only a
/// database that can no longer be trusted ends it.
public final class Console {
    public internal(set) var workspace: Workspace {
        didSet { timeZone = Self.zone(of: workspace) }
    }
    /// The viewer's zone: times and the calendar are shown in it.
    private(set) var timeZone: TimeZone
    let backend: any Backend
    let clock: any Clock
    public internal(set) var state = ConsoleState()
    var queue: QueueModel
    /// The tags pane and board: the window, the board loaded for it, the cursor, the comparison.
    var tags = TagsModel()
    var rotation = RotationOverview.unplanned
    var detail: TicketDetail?
    var changes: ChangeFeed
    /// How often each region's data was reloaded after another process's commit (the presence
    /// marks also with the queue's page): tests and the benchmark read it to see that a change
    /// reloads only what it touched.
    public private(set) var reloads: [ChangeRegion: Int] = [:]
    /// Whether the last tick reloaded what another process changed: then the loop waits
    /// `busyTickFactor` ticks before the next, so a stream of others' commits (scripts, fifty
    /// colleagues) is folded into fewer refreshes, each still within half a second at the
    /// default tick. Keys are answered at once as ever.
    private(set) var lastTickRefreshed = false
    static let busyTickFactor = 2
    /// Lines run on the `:` command line, oldest first.
    var commandHistory: [String] = []
    /// Ticket ids and tag names marked as changed by another process, until the given time.
    var changedTickets: [Int: Int64] = [:]
    var changedTags: [String: Int64] = [:]
    private var lastMinute: Int64 = -1
    var running = true
    static let markSeconds: Int64 = 3
    /// The most keys already waiting that are handled before a frame is drawn.
    static let keysPerFrame = 10_000

    // What the screens show besides the queue, loaded by keys and ticks.
    /// How many tickets each view holds, for the view bar.
    var viewCounts: [TicketView: Int] = [:]
    /// This console changed a ticket: the counts are redone on the next tick.
    var viewCountsStale = false
    /// The open ticket's audit trail, when the history is shown.
    var history: [AuditEntry] = []
    /// A question typed on the bottom line (the search, a hand-off note) while it is open.
    var prompt: Prompt?
    var searchHistory: [String] = []
    var searchQuery = ""
    var searchHits: [SearchHit] = []
    var searchSelection = 0
    /// The reply or note being written.
    var compose: ComposeSession?
    /// The choices for each open ticket at the end of a shift.
    var handoff = HandoffPlan()
    /// Who else is on the tickets of the visible queue page.
    var presenceByTicket: [Int: [Presence]] = [:]
    var lastHeartbeat: (ticket: Int, activity: Presence.Activity, at: Int64)?
    /// Shift ends already asked about, so the hand-off is offered once per shift.
    var handoffOffered: Set<Int64> = []
    /// Lines of goodwill awaiting approval or of boundaries, for the report screen.
    var reportLines: [String] = []
    /// The rotation calendar, from the first time it is opened.
    var calendar: CalendarModel?
    // Walk-a-mile follow-ups.
    /// The call-down and check-in view, from the first time it is opened.
    var followUps: FollowUpsModel?
    /// Call or check-in notes being written (kept while away from the inline editor).
    var notes: NotesSession?
    /// The viewer's open action items in a few words for the rotation pane, nil when none.
    var myActionItems: (text: String, overdue: Bool)?

    /// The editor command (`$VISUAL`, else `$EDITOR`); nil writes inline. Tests set it.
    public var editorCommand: String? = ExternalEditor.command(environment: ProcessInfo.processInfo.environment)
    // Walk-a-mile listening (issue 11).
    /// The listen view's timeline while the view is open (also under its thread).
    var listen: ListenTimelineModel?
    /// The listening session of the view on show.
    var listenSession: ListenSession?
    /// The insights view's list.
    var insights = InsightsModel()
    /// The insight being captured, and one left with Esc (back on the next `i` on its message).
    var insightForm: InsightForm?
    var keptInsight: InsightForm?
    /// The message `[`/`]` marked in the ticket view (an index in the thread), for `i`.
    var messageMark: Int?

    /// Block characters or ASCII for sparklines and bars, as the locale says. Tests set it.
    public var glyphs: Glyphs = .detect(environment: ProcessInfo.processInfo.environment)

    public init(workspace: Workspace, backend: any Backend, clock: any Clock) throws {
        self.workspace = workspace
        self.timeZone = Self.zone(of: workspace)
        self.backend = backend
        self.clock = clock
        self.queue = QueueModel(tickets: workspace.tickets, filter: .activeQueue)
        self.changes = try workspace.changeFeed()
        state.screen = workspace.isEmpty ? .welcome : .main
        queue.visibleRows = queueRows()
        try queue.setFilter(queueFilter)
        try reloadShiftAndCounts()
        // Executives land on the listen view (issue 11); q goes to the main screen.
        if !workspace.isEmpty, workspace.actor.person.role == .exec { try openListen(.all) }
    }

    /// The tags board is loaded after the first frame, so the queue shows without waiting for
    /// it; this fills it in right after.
    public var tagsLoaded: Bool { tags.board != nil }

    public func finishLoading() throws {
        guard !tagsLoaded else { return }
        try reloadTags()
    }

    var now: Int64 { clock.epochSeconds }
    /// The queue row at the top of the viewport (benchmarks tell a scroll from a move by it).
    public var queueTop: Int { queue.top }
    public var isRunning: Bool { running }
    private static func zone(of workspace: Workspace) -> TimeZone {
        TimeZone(identifier: workspace.actor.person.timeZone) ?? .current
    }
    var layout: Layout { Layout.compute(size: backend.size, focus: state.focus) }

    /// The dimension the queue's column and the tags pane's total count by: the taxonomy's first.
    var primaryDimension: String? { workspace.config.taxonomy.dimensions.first?.name }

    // MARK: - The loop

    /// Runs until the user quits or `shouldStop` says so (a signal arrived).
    public func run(tickMilliseconds: Int, shouldStop: () -> Bool = { false }) throws {
        draw()
        try survive { try finishLoading() }
        draw()
        while running && !shouldStop() {
            let wait = lastTickRefreshed ? tickMilliseconds * Self.busyTickFactor : tickMilliseconds
            guard let key = backend.readKey(timeoutMilliseconds: wait) else {
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
                // A paste arrives as many keys at once: handle every key already waiting, then
                // draw once, so pasting a long text costs one frame, not one frame a character.
                var waiting = 0
                while running, waiting < Self.keysPerFrame, let more = backend.readKey(timeoutMilliseconds: 0) {
                    try handle(more)
                    waiting += 1
                }
            }
            draw()
        }
        try survive { try endListeningSession() }
        workspace.maintain(promptly: true)
    }

    /// Runs `body`; a domain error becomes a status-bar message and the loop goes on. Only an
    /// error that means the database cannot be trusted any more is rethrown, to end the program
    /// with the terminal restored and the message printed.
    func survive(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            if AllHandsError.endsSession(error) { throw error }
            flash(String(describing: error), error: true)
            draw()
        }
    }

    /// One idle tick: refresh only if another process committed; redraw only if something shows
    /// differently. Errors are handled as for a key.
    public func tick() throws {
        try survive { try idle() }
    }

    private func idle() throws {
        var dirty = !tagsLoaded || viewCountsStale
        try finishLoading()
        if viewCountsStale {
            viewCounts = try Self.counts(workspace.tickets.viewCounts(tag: state.view.tag))
            viewCountsStale = false
        }
        let moved = try changes.changes()
        lastTickRefreshed = !moved.isEmpty
        if !moved.isEmpty {
            try refreshFromOthers(moved)
            dirty = true
        }
        let t = now
        if changedTickets.values.contains(where: { $0 <= t }) || changedTags.values.contains(where: { $0 <= t }) {
            changedTickets = changedTickets.filter { $0.value > t }
            changedTags = changedTags.filter { $0.value > t }
            dirty = true
        }
        if t / 60 != lastMinute {
            dirty = true
            let previous = rotation
            try reloadShiftAndCounts()
            // The last 24 hours and today's bar move with the clock, not only with commits;
            // heartbeats expire with time too.
            try reloadTags()
            try reloadPresence()
            offerHandoff(after: previous)
        }
        try keepPresence()
        if dirty { draw() }
        // A quiet moment: fold this console's commits back into the database file, off the
        // commit path (see Workspace.maintain).
        workspace.maintain()
    }

    public func draw() {
        lastMinute = now / 60
        backend.draw(render())
    }

    // MARK: - Data

    func reloadAll() throws {
        queue.visibleRows = queueRows()
        try queue.setFilter(queueFilter)
        try reloadSidePanes()
        if case .ticket(let id) = state.screen { try reloadTicket(id) }
        if state.screen == .rotation { try reloadCalendar(everything: true) }
        if state.screen == .tagCompare { try rerunCompare() }
        if listen != nil { try reloadListen() }
        if state.screen == .insights { try reloadInsights() }
        try reloadFollowUpsShown() // walk-a-mile follow-ups
    }

    private func reloadSidePanes() throws {
        try reloadTags()
        try reloadShiftAndCounts()
        try reloadPresence()
    }

    /// The rota overview (with the viewer's own standing) and the view bar's counts.
    func reloadShiftAndCounts() throws {
        rotation = try workspace.rotation.overview()
        viewCounts = try Self.counts(workspace.tickets.viewCounts(tag: state.view.tag))
        viewCountsStale = false
        try reloadMyActionItems() // walk-a-mile follow-ups
    }

    /// The open ticket and, when shown, its history.
    func reloadTicket(_ id: Int) throws {
        detail = try workspace.tickets.detail(id: id)
        if state.showHistory { history = try workspace.tickets.history(id: id) }
    }

    /// Another process committed: reload only what shows the regions that moved, and mark what
    /// changed. A heartbeat reloads the presence marks alone; a tag, the queue and the tags pane,
    /// never the rota.
    private func refreshFromOthers(_ regions: Set<ChangeRegion>) throws {
        if state.screen == .welcome, !workspace.isEmpty { state.screen = .main }
        let until = now + Self.markSeconds
        if regions.contains(.queue) {
            reloads[.queue, default: 0] += 1
            try queue.resize(rows: queueRows())
            for id in try queue.refresh() { changedTickets[id] = until }
            viewCounts = try Self.counts(workspace.tickets.viewCounts(tag: state.view.tag))
            viewCountsStale = false
        }
        if regions.contains(.queue) || regions.contains(.presence) {
            reloads[.presence, default: 0] += 1
            try reloadPresence()
        }
        if regions.contains(.tags) {
            reloads[.tags, default: 0] += 1
            try reloadTags(marking: until)
        }
        if regions.contains(.rotation) {
            reloads[.rotation, default: 0] += 1
            rotation = try workspace.rotation.overview()
        }
        // Walk-a-mile listening (issue 11): the timeline reads only what came after its cursor.
        if regions.contains(.queue), listen != nil { try refreshListen() }
        if regions.contains(.listening), state.screen == .insights { try reloadInsights() }
        switch state.screen {
        case .ticket(let id):
            if regions.contains(.queue) {
                try refreshOpenTicket(id)
            } else if regions.contains(.presence), detail?.ticket.id == id {
                detail?.presence = try workspace.presence.others(onTicket: id)
            }
        case .search where regions.contains(.queue): try rerunSearch()
        case .rotation where regions.contains(.rotation): try reloadCalendar(everything: true)
        case .report(.swaps) where regions.contains(.rotation): reportLines = try swapLines()
        default: break
        }
        // Walk-a-mile follow-ups: call-downs, check-ins, action items and listening hours.
        if regions.contains(.listening), try refreshFollowUps() { reloads[.listening, default: 0] += 1 }
    }

    /// Reloads the ticket on show and says what someone else changed in it.
    private func refreshOpenTicket(_ id: Int) throws {
        let old = detail
        let new: TicketDetail
        do {
            new = try workspace.tickets.detail(id: id)
        } catch AllHandsError.notFound {
            return flash("ticket #\(id) is gone", error: true)
        }
        detail = new
        if state.showHistory { history = try workspace.tickets.history(id: id) }
        guard let old, old.ticket != new.ticket || old.messages != new.messages else { return }
        if let text = TicketChangeNotice.describe(before: old, after: new, by: lastActor(onTicket: id)) {
            flash("#\(id) changed: " + text)
        }
    }

    /// Who changed the ticket last, when the viewer may read the audit log (the domain decides:
    /// a refusal simply leaves the name out).
    private func lastActor(onTicket id: Int) -> String? {
        (try? workspace.audit.entries(entity: "ticket", id: String(id), limit: 1))?.first?.actor
    }

    func queueRows() -> Int {
        let l = layout
        return QueuePane.bodyRows(l.panes[.queue] ?? l.content)
    }

    func flash(_ text: String, error: Bool = false) {
        state.message = text
        state.messageIsError = error
    }
}
