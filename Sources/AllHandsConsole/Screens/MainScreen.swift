import AllHandsCore
import Foundation
import TerminalUI

/// The main screen: the queue with its view bar, the rotation and the live tags. It answers
/// the pane, view and order actions, and the ticket actions on the selected ticket.
extension Console {
    func performOnMain(_ id: ActionID, argument: String?) throws -> Outcome {
        switch id {
        case .nextPane: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count) ?? .queue
        case .previousPane:
            state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .queue
        case .focusQueue: state.focus = .queue
        case .focusRotation: state.focus = .rotation
        case .focusTags: state.focus = .tags
        case .open:
            if let ticket = queue.selectedTicket { try openTicket(ticket.id) }
        case .nextView: try showView(QueueViews.step(state.view, by: 1))
        case .previousView: try showView(QueueViews.step(state.view, by: -1))
        case .view:
            guard let argument, let view = QueueViews.parse(argument, current: state.view) else {
                flash("usage: :view " + QueueViews.names.joined(separator: "|") + " (by-tag takes a tag)", error: true)
                return .handled
            }
            try showView(view)
        case .nextSort: try showSort(QueueViews.step(state.sort))
        case .sort:
            guard let argument, let sort = QueueViews.sort(named: argument) else {
                flash("usage: :sort priority|age|due", error: true)
                return .handled
            }
            try showSort(sort)
        case .newTicket: try createTicket(argument)
        case .endShift: try startHandoff()
        case .back where state.stack.last == .tags: try backToTags()
        default:
            guard state.focus == .queue, ActionTable.action(id)?.context == .ticket else { return .unhandled }
            guard let ticket = queue.selectedTicket else {
                flash(Self.noTicketSelected, error: true)
                return .handled
            }
            return try performOnTicket(id, ticketID: ticket.id, argument: argument)
        }
        return .handled
    }

    static let noTicketSelected = "No ticket selected: this view is empty (v shows the next view)"

    /// The queue's filter for the chosen view and order.
    var queueFilter: TicketFilter {
        workspace.tickets.filter(for: state.view, sort: state.sort)
    }

    /// Shows a view in its own order and says how many tickets it holds.
    func showView(_ view: TicketView) throws {
        try applyView(view, sort: view.defaultSort)
        flash("\(view.title): \(English.count(queue.total, "ticket"))")
    }

    /// The queue and the view bar's counts for a view and an order.
    func applyView(_ view: TicketView, sort: TicketSort) throws {
        state.view = view
        state.sort = sort
        try queue.setFilter(queueFilter)
        viewCounts = try Self.counts(workspace.tickets.viewCounts(tag: view.tag))
        try reloadPresence()
    }

    private func showSort(_ sort: TicketSort) throws {
        state.sort = sort
        try queue.setFilter(queueFilter)
        try reloadPresence()
        flash("Ordered by \(sort.name): \(sort.summary)")
    }

    /// The view bar's counts by view.
    static func counts(_ list: [ViewCount]) -> [TicketView: Int] {
        Dictionary(list.map { ($0.view, $0.count) }, uniquingKeysWith: { a, _ in a })
    }

    /// Who else is on the tickets of the visible page.
    func reloadPresence() throws {
        presenceByTicket = try workspace.presence.others(onTickets: queue.visible.map(\.ticket.id))
    }
}
