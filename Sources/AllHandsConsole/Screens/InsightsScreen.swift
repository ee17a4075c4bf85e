import AllHandsCore
import Foundation
import TerminalUI

/// The insights view (issue 11): customers' words kept by anyone, newest first, for everyone to
/// read. `:insights [tag NAME] [author LOGIN] [customer EMAIL] [WORDS…]` filters (`/` types it),
/// `Enter` opens the insight's ticket, `q` goes back. Opened with `I` or `:insights` from
/// anywhere; reloaded when another process changes the listening region.
extension Console {
    func openInsights(_ argument: String?) throws {
        // An unknown tag or author is refused before anything changes.
        let filter = InsightsModel.parse(argument)
        let items = try workspace.insights.list(filter: filter, limit: InsightsModel.limit, before: nil)
        insights.filter = filter
        insights.replace(items)
        insights.selected = 0
        if state.screen != .insights { state.push(.insights) }
        flash(insights.items.isEmpty ? "No insights match" : English.count(insights.items.count, "insight"))
    }

    func reloadInsights() throws {
        insights.replace(try workspace.insights.list(filter: insights.filter, limit: InsightsModel.limit, before: nil))
    }

    func performOnInsights(_ id: ActionID, argument: String?) throws -> Outcome {
        switch id {
        case .back: state.pop()
        case .searchInsights: state.commandLine = LineEditor(text: "insights ", history: commandHistory)
        case .down: insights.move(by: 1)
        case .up: insights.move(by: -1)
        case .pageDown: insights.move(by: 5)
        case .pageUp: insights.move(by: -5)
        case .top: insights.move(by: -Int.max / 2)
        case .bottom: insights.move(by: Int.max / 2)
        case .open:
            guard let insight = insights.selectedInsight else { return .handled }
            guard let ticketID = insight.ticketID else {
                flash("Insight #\(insight.id) has no ticket", error: true)
                return .handled
            }
            try openTicket(ticketID)
        default: return .unhandled
        }
        return .handled
    }

    func drawInsights(_ grid: inout Grid, _ rect: Rect) {
        let (title, body) = rect.splitTop(min(1, rect.height))
        let position = insights.items.isEmpty ? "" : "\(insights.selected + 1)/\(insights.items.count)"
        PaneTitle.draw(&grid, title, title: "Insights",
                       detail: Sanitizer.clean(InsightsModel.label(insights.filter)) + " · newest first", right: position,
                       focused: true)
        InsightsPane.draw(&grid, body, model: insights, timeZone: timeZone, hideContacts: hidesContacts,
                          emptyText: "No insights yet. i on a customer's message keeps their words here for everyone.")
    }
}
