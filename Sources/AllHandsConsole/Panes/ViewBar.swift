import AllHandsCore
import TerminalUI

/// The row under the queue's title: every view with its count, the current one highlighted,
/// `Unassigned 23 · Mine 2 · All open 140 · …`, so people see where work is waiting.
struct ViewBar {
    var current: TicketView
    var sort: TicketSort
    var counts: [TicketView: Int]

    var sortName: String { sort.name }

    func draw(_ grid: inout Grid, _ rect: Rect) {
        var x = rect.x + 1
        for view in QueueViews.all(tag: current.tag) {
            let count = counts[view].map { " " + String($0) } ?? ""
            let text = Sanitizer.clean(view.title) + count
            let width = TextWidth.columns(text) + 2
            guard x + width <= rect.maxX else { break }
            grid.write(" " + text + " ", x: x, y: rect.y, role: view == current ? .tabActive : .tabInactive)
            x += width + 1
        }
    }

    /// What an empty view says.
    var emptyText: String {
        switch current {
        case .unassigned: "Nothing unassigned: every open ticket has someone on it."
        case .mine: "You hold no open tickets: t takes the selected one in another view."
        case .allOpen: "The queue is empty: nothing new, open or pending."
        case .pending: "Nothing is waiting on a customer."
        case .recentlySolved: "Nothing solved in the last seven days."
        case .byTag: "No open ticket has this tag."
        case .everything: "No tickets yet."
        }
    }
}

extension TicketView {
    /// Views that mix statuses show the status column.
    var showsStatus: Bool {
        switch self {
        case .recentlySolved, .everything: true
        default: false
        }
    }
}
