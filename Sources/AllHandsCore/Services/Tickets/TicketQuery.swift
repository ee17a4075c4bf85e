/// Which tickets a listing shows, and in what order.
public struct TicketFilter: Sendable, Equatable, Hashable {
    public enum Statuses: Sendable, Equatable, Hashable {
        /// new, open and pending: the working queue.
        case active
        case all
        case only(Set<TicketStatus>)
    }

    public enum Assignee: Sendable, Equatable, Hashable {
        case anyone
        case unassigned
        case login(String)
    }

    public var statuses: Statuses
    /// Tag names, bare (`billing`) or qualified (`area:billing`): a ticket must carry them all.
    public var tags: [String]
    public var assignee: Assignee
    /// Only tickets solved (or closed) at or after this instant. `solved_at` is set exactly while
    /// a ticket is solved or closed, so this alone selects the recently solved ones.
    public var solvedSince: Int64?
    public var sort: TicketSort

    public init(statuses: Statuses = .active, tag: String? = nil, tags: [String] = [], assignee: Assignee = .anyone,
                solvedSince: Int64? = nil, sort: TicketSort = .priority) {
        self.statuses = statuses
        self.tags = (tag.map { [$0] } ?? []) + tags
        self.assignee = assignee
        self.solvedSince = solvedSince
        self.sort = sort
    }

    /// The one tag of a filter by a single tag (setting it replaces them all).
    public var tag: String? {
        get { tags.count == 1 ? tags[0] : nil }
        set { tags = newValue.map { [$0] } ?? [] }
    }

    public static let activeQueue = TicketFilter()
}

/// A ticket's place in a listing's order: the values of its sort keys, the id last. Pages are
/// fetched relative to a cursor (keyset pagination), so a page deep in a million tickets costs
/// the same as the first. A cursor belongs to one sort; `TicketService.cursor(for:in:)` makes
/// one for any sort.
public struct QueueCursor: Sendable, Equatable, Hashable {
    public var sort: TicketSort
    /// One value per key of `sort.keys`, in that order; the last is the ticket id.
    public var keys: [Int64]

    public init(sort: TicketSort, keys: [Int64]) {
        self.sort = sort
        self.keys = keys
    }

    /// A cursor in priority order (the queue's default order).
    public init(priority: Int, createdAt: Int64, id: Int) {
        self.init(sort: .priority, keys: [Int64(priority), createdAt, Int64(id)])
    }

    /// The ticket's cursor in priority order. For other sorts use `init(_:sort:sla:)`.
    public init(_ ticket: Ticket) {
        self.init(priority: ticket.priority.rawValue, createdAt: ticket.createdAt, id: ticket.id)
    }

    /// The ticket's cursor in `sort`; the first-response order needs the SLA targets.
    public init(_ ticket: Ticket, sort: TicketSort, sla: Configuration.SLA) {
        self.init(sort: sort, keys: sort.keyValues(of: ticket, sla: sla))
    }

    public var id: Int { Int(keys.last ?? 0) }
}

/// Where a page starts.
public enum PageAnchor: Sendable, Equatable {
    /// The first tickets in the listing's order.
    case start
    /// The last tickets in the listing's order.
    case end
    /// Tickets strictly after the cursor (inclusive: the cursor's own ticket first, if it still matches).
    case after(QueueCursor, inclusive: Bool)
    /// Tickets strictly before the cursor, returned in the listing's order.
    case before(QueueCursor)
}

/// A change to a ticket's fields; nil leaves a field as it is.
public struct TicketChange: Sendable, Equatable {
    public enum AssigneeChange: Sendable, Equatable {
        case unassign
        case login(String)
    }

    public var status: TicketStatus?
    public var priority: Priority?
    public var assignee: AssigneeChange?

    public init(status: TicketStatus? = nil, priority: Priority? = nil, assignee: AssigneeChange? = nil) {
        self.status = status
        self.priority = priority
        self.assignee = assignee
    }

    public var isEmpty: Bool { status == nil && priority == nil && assignee == nil }
}
