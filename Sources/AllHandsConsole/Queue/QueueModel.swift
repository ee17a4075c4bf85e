import AllHandsCore

/// The queue pane's view of a queue that may hold a million tickets: a window of a few hundred
/// tickets around the viewport, fetched by keyset pages as the selection moves, never the whole
/// table. Positions are absolute indexes in queue order.
final class QueueModel {
    private let tickets: TicketService
    private(set) var filter: TicketFilter
    /// A contiguous run of the queue starting at `windowStart`.
    private(set) var window: [Ticket] = []
    private(set) var windowStart = 0
    private(set) var total = 0
    private(set) var selected = 0
    /// The absolute index of the first visible row.
    private(set) var top = 0
    var visibleRows = 20 {
        didSet { visibleRows = max(1, visibleRows) }
    }

    static let pageSize = 100
    /// Rows fetched beyond the viewport on a jump: enough for the next few keys.
    static let jumpMargin = 20
    static let maximumWindow = 600
    private var counted = false

    init(tickets: TicketService, filter: TicketFilter) {
        self.tickets = tickets
        self.filter = filter
    }

    var selectedTicket: Ticket? { ticket(at: selected) }

    func ticket(at index: Int) -> Ticket? {
        let i = index - windowStart
        return window.indices.contains(i) ? window[i] : nil
    }

    /// The tickets on screen, with their absolute indexes.
    var visible: [(index: Int, ticket: Ticket)] {
        (top..<min(total, top + visibleRows)).compactMap { i in ticket(at: i).map { (i, $0) } }
    }

    // MARK: - Loading

    func setFilter(_ filter: TicketFilter) throws {
        self.filter = filter
        try loadStart(recount: true)
    }

    /// Jumps to the top. The total is counted on load and on every refresh (each commit by
    /// anyone triggers one), so a jump need not count again unless asked.
    func loadStart(recount: Bool = false) throws {
        if recount || !counted { try count() }
        window = try tickets.page(filter, from: .start, limit: visibleRows + Self.jumpMargin)
        windowStart = 0
        selected = 0
        top = 0
        settleTotal()
    }

    func loadEnd() throws {
        if !counted { try count() }
        window = try tickets.page(filter, from: .end, limit: visibleRows + Self.jumpMargin)
        windowStart = max(0, total - window.count)
        selected = max(0, total - 1)
        top = max(0, total - visibleRows)
        settleTotal()
    }

    /// Reloads the window in place after someone else changed tickets, like mutt or tig: the
    /// viewport keeps its place in queue order (where its top ticket was) and stays filled; the
    /// selection stays on the same ticket while that ticket is still in view, and otherwise goes
    /// to its neighbour (the nearest ticket after it in the old order that is still in view), so
    /// a change elsewhere never moves what the user is looking at. Returns the ids of tickets in
    /// the window that are new or changed.
    @discardableResult
    func refresh() throws -> Set<Int> {
        let before = Dictionary(window.map { ($0.id, $0.version) }, uniquingKeysWith: { a, _ in a })
        let selectedID = selectedTicket?.id
        let screenRow = selected - top
        let offset = selected - windowStart
        let neighbours = window.indices.contains(offset)
            ? window[(offset + 1)...].map(\.id) + window[..<offset].reversed().map(\.id) : []
        try count()
        guard let anchor = ticket(at: top) ?? window.first else { try loadStart(); return [] }
        let cursor = tickets.cursor(for: anchor, in: filter)
        let start = try tickets.position(of: cursor, in: filter)
        // The viewport and a few rows beyond, as a jump loads: another's commit costs one page on
        // screen, not a hundred rows more (moving on fetches further pages as ever).
        window = try tickets.page(filter, from: .after(cursor, inclusive: true), limit: visibleRows + Self.jumpMargin)
        windowStart = start
        top = start
        settleTotal()
        try ensureVisibleLoaded()
        let onScreen = visible
        if let index = onScreen.first(where: { $0.ticket.id == selectedID })?.index {
            selected = index
        } else if let index = neighbours.lazy.compactMap({ id in onScreen.first { $0.ticket.id == id }?.index }).first {
            selected = index
        } else {
            selected = min(top + max(0, screenRow), max(0, total - 1))
        }
        return Set(window.filter { before[$0.id] != $0.version }.map(\.id))
    }

    /// The viewport became `rows` tall: it keeps the selection in view and stays filled.
    func resize(rows: Int) throws {
        visibleRows = rows
        guard total > 0 else { return }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        try ensureVisibleLoaded()
        selected = min(selected, max(0, total - 1))
    }

    // MARK: - Moving

    func move(by delta: Int) throws {
        guard total > 0 else { return }
        selected = min(max(0, selected + delta), total - 1)
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        try ensureVisibleLoaded()
        // A fetch may have found the queue shorter than counted.
        selected = min(selected, max(0, total - 1))
    }

    func page(by pages: Int) throws {
        guard total > 0 else { return }
        let delta = pages * max(1, visibleRows - 1)
        top = min(max(0, top + delta), max(0, total - visibleRows))
        selected = min(max(0, selected + delta), total - 1)
        try ensureVisibleLoaded()
        selected = min(selected, max(0, total - 1))
    }

    /// Selects the row at `row` of the viewport (a mouse click).
    func select(screenRow row: Int) {
        let index = top + row
        if index < total, ticket(at: index) != nil { selected = index }
    }

    /// Makes sure every visible row is in the window and the viewport is filled whenever there
    /// are tickets to fill it.
    private func ensureVisibleLoaded() throws {
        top = max(0, min(top, total - visibleRows))
        try loadVisible()
        // A viewport that grew past both ends of the window needs a page each way.
        try loadVisible()
        top = max(0, min(top, total - visibleRows))
    }

    /// Loads the visible rows, extending the window by keyset pages forwards or backwards (or
    /// jumping to either end), and keeps the window bounded.
    private func loadVisible() throws {
        let wanted = top..<min(total, top + visibleRows)
        guard !wanted.isEmpty else { return }
        var windowEnd: Int { windowStart + window.count }
        if wanted.lowerBound >= windowStart, wanted.upperBound <= windowEnd { return }

        if wanted.upperBound > windowEnd, wanted.lowerBound <= windowEnd + Self.pageSize, let last = window.last {
            let more = try tickets.page(filter, from: .after(tickets.cursor(for: last, in: filter), inclusive: false),
                                        limit: wanted.upperBound - windowEnd + Self.pageSize)
            window += more
            if more.count < wanted.upperBound - windowEnd { total = windowStart + window.count }
            trimFront()
        } else if wanted.lowerBound < windowStart, wanted.upperBound >= windowStart - Self.pageSize, let first = window.first {
            let requested = windowStart - wanted.lowerBound + Self.pageSize
            let more = try tickets.page(filter, from: .before(tickets.cursor(for: first, in: filter)), limit: requested)
            window = more + window
            var newStart = windowStart - more.count
            if more.count < requested || newStart < 0 {
                // Reached the real start: positions counted earlier were off by `newStart`.
                top = max(0, top - newStart)
                selected = max(0, selected - newStart)
                newStart = 0
            }
            windowStart = newStart
            trimBack()
        } else if wanted.lowerBound >= total / 2 {
            let keepTop = top, keepSelected = selected
            try loadEnd()
            top = min(keepTop, max(0, total - visibleRows))
            selected = min(keepSelected, total - 1)
        } else {
            try loadStart()
        }
    }

    private func trimFront() {
        let excess = window.count - Self.maximumWindow
        let removable = top - windowStart - Self.pageSize
        let n = min(excess, removable)
        if n > 0 {
            window.removeFirst(n)
            windowStart += n
        }
    }

    private func trimBack() {
        let excess = window.count - Self.maximumWindow
        let removable = (windowStart + window.count) - (top + visibleRows) - Self.pageSize
        let n = min(excess, removable)
        if n > 0 { window.removeLast(n) }
    }

    private func count() throws {
        total = try tickets.count(filter)
        counted = true
    }

    /// When a first page comes back short, the real total is known.
    private func settleTotal() {
        if windowStart == 0, window.count < visibleRows + Self.jumpMargin { total = window.count }
        total = max(total, windowStart + window.count)
    }
}
