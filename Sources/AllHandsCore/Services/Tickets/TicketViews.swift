import Storage

/// The named listings a person on shift switches between (the console's view bar, `ticket list --view`).
public enum TicketView: Sendable, Equatable, Hashable {
    /// Active tickets nobody holds: what to pick up next.
    case unassigned
    /// Active tickets the viewer holds.
    case mine
    /// Every active ticket (new, open, pending).
    case allOpen
    /// Tickets waiting on the customer.
    case pending
    /// Solved or closed in the last `recentlySolvedDays` days, most recently solved first.
    case recentlySolved
    /// Active tickets with a tag (bare `billing` or qualified `area:billing`), or with every
    /// tag of a `+`-joined list (`billing+bug`: a cell of the tags pane's matrix).
    case byTag(String)
    /// Every ticket, whatever its status.
    case everything

    /// How far back "recently solved" reaches.
    public static let recentlySolvedDays = 7

    /// The views of the view bar, in its order (`byTag` joins them when a tag is chosen).
    public static let bar: [TicketView] = [.unassigned, .mine, .allOpen, .pending, .recentlySolved, .everything]

    /// The word the CLI takes: `unassigned`, `mine`, `all-open`, `pending`, `recently-solved`,
    /// `everything`, `tag:NAME`.
    public var name: String {
        switch self {
        case .unassigned: "unassigned"
        case .mine: "mine"
        case .allOpen: "all-open"
        case .pending: "pending"
        case .recentlySolved: "recently-solved"
        case .byTag(let tag): "tag:" + tag
        case .everything: "everything"
        }
    }

    /// What the view bar shows.
    public var title: String {
        switch self {
        case .unassigned: "Unassigned"
        case .mine: "Mine"
        case .allOpen: "All open"
        case .pending: "Pending"
        case .recentlySolved: "Recently solved"
        case .byTag(let tag): "Tag " + tag
        case .everything: "Everything"
        }
    }

    public init?(name: String) {
        let word = name.lowercased()
        if word.hasPrefix("tag:") {
            let tag = String(name.dropFirst(4))
            guard !tag.isEmpty else { return nil }
            self = .byTag(tag)
            return
        }
        guard let view = Self.bar.first(where: { $0.name == word }) else { return nil }
        self = view
    }

    /// The order the view lists in unless asked otherwise.
    public var defaultSort: TicketSort {
        self == .recentlySolved ? .solved : .priority
    }
}

/// One view with how many tickets it holds, for the view bar.
public struct ViewCount: Sendable, Equatable {
    public var view: TicketView
    public var count: Int

    public init(view: TicketView, count: Int) {
        self.view = view
        self.count = count
    }
}

extension TicketService {
    /// The filter that lists `view` for the acting person at the current time, in `sort` (the
    /// view's own order when nil).
    public func filter(for view: TicketView, sort: TicketSort? = nil) -> TicketFilter {
        var filter: TicketFilter
        switch view {
        case .unassigned: filter = TicketFilter(statuses: .active, assignee: .unassigned)
        case .mine: filter = TicketFilter(statuses: .active, assignee: .login(context.actor.person.login))
        case .allOpen: filter = TicketFilter(statuses: .active)
        case .pending: filter = TicketFilter(statuses: .only([.pending]))
        case .recentlySolved:
            filter = TicketFilter(statuses: .all, solvedSince: context.now - Int64(TicketView.recentlySolvedDays) * 86_400)
        case .byTag(let tag):
            filter = canonical(TicketFilter(statuses: .active, tags: tag.split(separator: "+").map(String.init)))
        case .everything: filter = TicketFilter(statuses: .all)
        }
        filter.sort = sort ?? view.defaultSort
        return filter
    }

    /// How many tickets each view of the bar holds (and the tag's view when `tag` is given), in
    /// one read. Each count reads a few of the rows that triggers keep (`TicketCounts`): by
    /// status, by assignee and status, a tag's open tickets, and the solved tickets of whole
    /// hours plus one hour's walk of the solved-time index, so the bar costs the same at a
    /// million tickets as at ten.
    public func viewCounts(tag: String? = nil) throws -> [ViewCount] {
        try context.check(.viewTickets)
        let views = TicketView.bar + (tag.map { [TicketView.byTag($0)] } ?? [])
        return try context.read { db in
            try views.map { view in
                ViewCount(view: view, count: try Self.count(filter(for: view), sla: context.config.sla, in: db))
            }
        }
    }
}
