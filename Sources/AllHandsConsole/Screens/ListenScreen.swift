import AllHandsCore
import Foundation
import TerminalUI

/// The listen view (issue 11): a live, read-only timeline of the support floor — new tickets,
/// customer messages, replies and internal notes, newest at the bottom — for anyone, and where
/// executives land. `Enter` opens the thread read-only; `f` cycles what is followed (all, the
/// selected ticket's first tag, the selected entry's agent); `:listen all|tag NAME|shadow LOGIN`
/// sets it. Opened with `L` or `:listen` from anywhere.
///
/// A listening session runs while the view or the thread opened from it shows: started on
/// opening, touched on every key there (the service throttles its writes and hands out a new
/// session after an idle spell), ended on leaving or quitting.
extension Console {
    /// Opens the view following `filter` (or, already on it, follows `filter` instead).
    func openListen(_ wanted: ListenFilter) throws {
        // A tag or person that does not exist is refused before anything changes.
        let filter = try workspace.listening.resolve(wanted)
        if listen != nil, state.screen != .listen, state.stack.contains(.listen) {
            // Back down to the view already open (from its thread), rather than a second one.
            while state.screen != .listen, !state.stack.isEmpty { state.pop() }
        }
        if listen == nil || state.screen != .listen {
            listen = ListenTimelineModel(filter: filter)
            state.push(.listen)
        } else if listen?.filter != filter {
            listen?.filter = filter
            try restartListeningSession()
        }
        try reloadListen()
        try syncListeningSession()
    }

    /// Reads the whole timeline for the filter (an opening, a new filter).
    func reloadListen() throws {
        guard var model = listen else { return }
        model.replace(try workspace.listening.timeline(filter: model.filter, after: nil, limit: ListenTimelineModel.initialLimit))
        listen = model
    }

    /// Another process committed to the queue region: only what came after the cursor is read.
    func refreshListen() throws {
        guard var model = listen else { return }
        guard let cursor = model.cursor else { return try reloadListen() }
        model.append(try workspace.listening.timeline(filter: model.filter, after: cursor, limit: ListenTimelineModel.initialLimit))
        listen = model
    }

    func performOnListen(_ id: ActionID, argument: String?) throws -> Outcome {
        guard listen != nil else { return .unhandled }
        switch id {
        case .back: state.pop()
        case .down: listen?.move(by: 1)
        case .up: listen?.move(by: -1)
        case .pageDown, .pageUp:
            let page = max(1, listenLayout.timeline.height - 1)
            listen?.move(by: id == .pageDown ? page : -page)
        case .top: listen?.move(by: -Int.max / 2)
        case .bottom: listen?.move(by: Int.max / 2)
        case .open:
            guard let entry = listen?.selectedEntry else { return .handled }
            try openTicket(entry.ticketID)
        case .cycleListenFilter: try cycleListenFilter()
        default: return .unhandled
        }
        return .handled
    }

    /// `:listen [all | tag NAME | shadow LOGIN]`, from anywhere.
    func listenCommand(_ argument: String?) throws {
        guard let filter = ListenTimelineModel.parse(argument) else { _ = usage(.listen); return }
        try openListen(filter)
    }

    /// `f`: all → the selected ticket's first tag → the selected entry's agent → all.
    private func cycleListenFilter() throws {
        guard let model = listen else { return }
        let entry = model.selectedEntry
        var tag: String?
        if let entry { tag = try workspace.tickets.detail(id: entry.ticketID).ticket.tags.first }
        let agent = entry.flatMap { $0.kind == .reply || $0.kind == .note ? $0.author : nil }
        let next = ListenTimelineModel.nextFilter(after: model.filter, tag: tag, agent: agent)
        try openListen(next)
        flash("Following " + Sanitizer.clean(ListenTimelineModel.label(next)))
    }

    // MARK: - The session

    /// Whether the person is listening now: the listen view, the thread opened from it, or an
    /// insight being captured from either.
    var isListening: Bool {
        var screens = state.stack + [state.screen]
        if screens.last == .insightForm { screens.removeLast() }
        if case .ticket = screens.last { screens.removeLast() }
        return screens.last == .listen
    }

    /// The ticket view opened from the listen view: read-only, every write offered disabled.
    var isListeningThread: Bool {
        guard case .ticket = state.screen else { return false }
        return state.stack.last == .listen
    }

    /// Starts, touches or ends the session to match what shows. Called after every key and
    /// before the console quits.
    func syncListeningSession(touch: Bool = false) throws {
        if !isListening {
            if listenSession != nil { try endListeningSession() }
            if !state.stack.contains(.listen), state.screen != .listen { listen = nil }
            return
        }
        guard let session = listenSession else {
            let id = try workspace.listening.startSession(follows: listen?.filter ?? .all)
            listenSession = ListenSession(id: id, startedAt: now, activeAt: now)
            return
        }
        guard touch else { return }
        let id = try workspace.listening.touchSession(session.id)
        if id == session.id {
            listenSession?.activeAt = now
        } else {
            // The old session idled out: it is closed where it stopped counting, and its time
            // stays in the header's sum.
            try workspace.listening.endSession(session.id)
            let before = session.seconds(now: now)
            listenSession = ListenSession(id: id, startedAt: now, activeAt: now, earlierSeconds: before)
        }
    }

    func endListeningSession() throws {
        guard let session = listenSession else { return }
        listenSession = nil
        try workspace.listening.endSession(session.id)
    }

    /// A new filter: the session that followed the old one ends; a new one follows this one.
    private func restartListeningSession() throws {
        guard let session = listenSession else { return }
        let before = session.seconds(now: now)
        try endListeningSession()
        let id = try workspace.listening.startSession(follows: listen?.filter ?? .all)
        listenSession = ListenSession(id: id, startedAt: now, activeAt: now, earlierSeconds: before)
    }

    // MARK: - Drawing

    var listenLayout: ListenLayout {
        ListenLayout.compute(layout.content, newBelow: (listen?.newBelow ?? 0) > 0)
    }

    var hidesContacts: Bool { workspace.config.listening.hideCustomerContacts }

    func drawListen(_ grid: inout Grid, _ rect: Rect, now t: Int64) {
        guard let model = listen else { return }
        let l = ListenLayout.compute(rect, newBelow: model.newBelow > 0)
        var detail = Sanitizer.clean(ListenTimelineModel.label(model.filter))
        if let session = listenSession { detail += " · listened " + ListenSession.label(session.seconds(now: t)) }
        if hidesContacts { detail += " · contacts hidden" }
        PaneTitle.draw(&grid, l.title, title: "Listen", detail: detail,
                       right: model.following ? "following the newest" : "", focused: true)
        grid.write(" " + Self.listeningBanner,
                   x: l.banner.x, y: l.banner.y, role: .warning, limit: l.banner.width)
        ListenTimelinePane.draw(&grid, l.timeline, model: model, timeZone: timeZone, now: t,
                                emptyText: "Nothing yet: new tickets, customer messages, replies and notes show here as they happen.")
        if let below = l.newBelow {
            grid.fill(below, role: .accent)
            grid.write(ListenTimelinePane.newBelowText(model.newBelow), x: below.x, y: below.y, role: .accent, limit: below.width)
        }
    }

    static let listeningBanner = "Listening — read only: nothing you do here reaches a customer"

    /// Why a write is not offered in the thread opened from the listen view.
    static let listeningRefusal = "Listening — read only: nothing you do here reaches a customer (q goes back to the listen view)"

    /// The thread as a listener sees it: contacts masked when the company asks.
    func listenedDetail(_ detail: TicketDetail) -> TicketDetail {
        guard hidesContacts else { return detail }
        var masked = detail
        masked.requester.email = ContactMask.emailHidden
        masked.requester.name = ContactMask.mask(detail.requester.name)
        masked.ticket.subject = ContactMask.mask(detail.ticket.subject)
        masked.messages = detail.messages.map { message in
            var m = message
            m.body = ContactMask.mask(message.body)
            m.author = message.kind == .customer ? ContactMask.mask(message.author) : message.author
            return m
        }
        return masked
    }
}
