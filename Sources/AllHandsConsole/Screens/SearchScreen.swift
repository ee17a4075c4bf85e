import AllHandsCore
import TerminalUI

/// `/`: a query typed on the bottom line, then the ranked results with the match highlighted;
/// Enter opens one, `q` goes back, `/` searches again.
extension Console {
    func startSearch(_ argument: String?) throws {
        if let argument {
            return try runSearch(argument)
        }
        prompt = Prompt(purpose: .search, editor: LineEditor(text: "", history: searchHistory))
    }

    func runSearch(_ query: String) throws {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        searchQuery = trimmed
        searchHits = try workspace.search.search(trimmed, limit: Self.searchLimit)
        searchSelection = 0
        if state.screen != .search { state.push(.search) }
        flash(searchHits.isEmpty ? "Nothing matches “\(trimmed)”"
              : searchHits.count == 1 ? "1 ticket matches" : "\(searchHits.count) tickets match")
    }

    /// Another process committed: the same query again, keeping the selected ticket if it is still there.
    func rerunSearch() throws {
        guard !searchQuery.isEmpty else { return }
        let selectedID = searchHits.indices.contains(searchSelection) ? searchHits[searchSelection].ticket.id : nil
        searchHits = try workspace.search.search(searchQuery, limit: Self.searchLimit)
        searchSelection = searchHits.firstIndex { $0.ticket.id == selectedID } ?? min(searchSelection, max(0, searchHits.count - 1))
    }

    static let searchLimit = 200

    func performOnSearch(_ id: ActionID, argument: String?) throws -> Outcome {
        switch id {
        case .open:
            guard searchHits.indices.contains(searchSelection) else { return .handled }
            try openTicket(searchHits[searchSelection].ticket.id)
        default: return .unhandled
        }
        return .handled
    }
}
