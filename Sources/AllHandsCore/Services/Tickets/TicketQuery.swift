/// Which tickets a listing shows.
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
    /// A tag name, bare (`billing`) or qualified (`area:billing`).
    public var tag: String?
    public var assignee: Assignee

    public init(statuses: Statuses = .active, tag: String? = nil, assignee: Assignee = .anyone) {
        self.statuses = statuses
        self.tag = tag
        self.assignee = assignee
    }

    public static let activeQueue = TicketFilter()
}

/// A ticket's place in queue order (priority, then oldest first, then id). Pages are fetched
/// relative to a cursor (keyset pagination), so a page deep in a million tickets costs the
/// same as the first.
public struct QueueCursor: Sendable, Equatable, Hashable {
    public var priority: Int
    public var createdAt: Int64
    public var id: Int

    public init(priority: Int, createdAt: Int64, id: Int) {
        self.priority = priority
        self.createdAt = createdAt
        self.id = id
    }

    public init(_ ticket: Ticket) {
        self.init(priority: ticket.priority.rawValue, createdAt: ticket.createdAt, id: ticket.id)
    }
}

/// Where a page starts.
public enum PageAnchor: Sendable, Equatable {
    /// The first tickets in queue order.
    case start
    /// The last tickets in queue order.
    case end
    /// Tickets strictly after the cursor (inclusive: the cursor's own ticket first, if it still matches).
    case after(QueueCursor, inclusive: Bool)
    /// Tickets strictly before the cursor, returned in queue order.
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
