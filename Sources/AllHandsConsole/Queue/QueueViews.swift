import AllHandsCore

/// The queue's views and orders as the console cycles them: `v` walks the views in the order
/// of the view bar, `:view NAME` picks one, `o` and `:sort` do the same for orders.
enum QueueViews {
    /// The views in view-bar order; by tag (with the tag last chosen) before Everything.
    static func all(tag: String?) -> [TicketView] {
        var views = TicketView.bar
        if let tag { views.insert(.byTag(tag), at: max(0, views.count - 1)) }
        return views
    }

    static var names: [String] { TicketView.bar.map(\.name) + ["tag"] }

    /// The view `delta` steps along the bar from `view`, wrapping.
    static func step(_ view: TicketView, by delta: Int) -> TicketView {
        let views = all(tag: view.tag)
        let index = views.firstIndex(of: view) ?? 0
        return views[((index + delta) % views.count + views.count) % views.count]
    }

    /// `:view NAME` as the CLI's `--view` takes it (`mine`, `tag:billing`), or `:view tag TAG`;
    /// `tag` alone keeps the current tag.
    static func parse(_ text: String, current: TicketView) -> TicketView? {
        let words = text.split(separator: " ").map { $0.lowercased() }
        guard let name = words.first else { return nil }
        if name == "tag" || name == "by-tag" {
            guard let tag = words.dropFirst().first ?? current.tag else { return nil }
            return .byTag(tag)
        }
        return TicketView(name: name)
    }

    /// The orders `o` walks (the solved order belongs to the recently solved view).
    static let sorts: [TicketSort] = [.priority, .age, .firstResponseDue]
    static var sortNames: [String] { sorts.map(\.name) }

    static func sort(named name: String) -> TicketSort? {
        TicketSort.allCases.first { $0.name == name.lowercased() }
    }

    static func step(_ sort: TicketSort) -> TicketSort {
        let index = sorts.firstIndex(of: sort) ?? -1
        return sorts[(index + 1) % sorts.count]
    }
}

extension TicketView {
    /// The tag of a view by tag.
    var tag: String? {
        if case .byTag(let tag) = self { return tag }
        return nil
    }
}
