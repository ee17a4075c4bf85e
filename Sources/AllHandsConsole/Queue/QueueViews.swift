import AllHandsCore

/// The queue's views and orders as the console names and cycles them: `v` walks the views in
/// the order of the view bar, `:view NAME` picks one, `o` and `:sort` do the same for orders.
enum QueueViews {
    /// The views in view-bar order. By tag carries the tag last chosen.
    static func all(tag: String?) -> [TicketView] {
        [.unassigned, .mine, .allOpen, .pending, .recentlySolved] + (tag.map { [.byTag($0)] } ?? []) + [.everything]
    }

    static let names = ["unassigned", "mine", "open", "pending", "solved", "by-tag", "everything"]

    static func title(_ view: TicketView) -> String {
        switch view {
        case .unassigned: "Unassigned"
        case .mine: "Mine"
        case .allOpen: "All open"
        case .pending: "Pending"
        case .recentlySolved: "Recently solved"
        case .byTag(let tag): "Tag " + tag
        case .everything: "Everything"
        }
    }

    /// The view `delta` steps along the bar from `view`, wrapping.
    static func step(_ view: TicketView, by delta: Int) -> TicketView {
        let views = all(tag: view.tag)
        let index = views.firstIndex(of: view) ?? 0
        return views[((index + delta) % views.count + views.count) % views.count]
    }

    /// `:view NAME [TAG]`; a view by tag without a tag keeps the current one.
    static func parse(_ text: String, current: TicketView) -> TicketView? {
        let words = text.split(separator: " ").map { $0.lowercased() }
        guard let name = words.first else { return nil }
        switch name {
        case "unassigned": return .unassigned
        case "mine": return .mine
        case "open", "all-open", "all": return .allOpen
        case "pending": return .pending
        case "solved", "recently-solved": return .recentlySolved
        case "everything": return .everything
        case "by-tag", "tag":
            guard let tag = words.dropFirst().first ?? current.tag else { return nil }
            return .byTag(tag)
        default: return nil
        }
    }

    static let sortNames: [(TicketSort, String, String)] = [
        (.priority, "priority", "priority, then oldest first"),
        (.age, "age", "age, oldest first"),
        (.firstResponseDue, "due", "first-response due, soonest first"),
    ]

    static func title(_ sort: TicketSort) -> String {
        sortNames.first { $0.0 == sort }?.2 ?? ""
    }

    static func sort(named name: String) -> TicketSort? {
        sortNames.first { $0.1 == name.lowercased() }?.0
    }

    static func step(_ sort: TicketSort) -> TicketSort {
        let index = sortNames.firstIndex { $0.0 == sort } ?? 0
        return sortNames[(index + 1) % sortNames.count].0
    }
}

extension TicketView {
    /// The tag of a view by tag.
    var tag: String? {
        if case .byTag(let tag) = self { return tag }
        return nil
    }
}
