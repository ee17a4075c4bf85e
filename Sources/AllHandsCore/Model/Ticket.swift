/// Where a ticket is in its life. A customer reply reopens a pending or solved ticket.
public enum TicketStatus: String, CaseIterable, Codable, Sendable {
    case new, open, pending, solved, closed

    /// The statuses that make up the working queue.
    public static let active: [TicketStatus] = [.new, .open, .pending]
    public var isActive: Bool { Self.active.contains(self) }
}

/// How urgent a ticket is. The raw value is the queue rank: ascending order is most urgent first,
/// which lets one index serve the queue order (rank, age) with keyset pagination.
public enum Priority: Int, CaseIterable, Sendable, Comparable {
    case urgent = 0, high = 1, normal = 2, low = 3

    public var name: String {
        switch self {
        case .urgent: "urgent"
        case .high: "high"
        case .normal: "normal"
        case .low: "low"
        }
    }

    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = match
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One ticket as listed in the queue: what a row of a listing shows.
public struct Ticket: Sendable, Equatable {
    public var id: Int
    public var subject: String
    public var status: TicketStatus
    public var priority: Priority
    public var requesterID: Int
    public var requesterName: String
    public var assigneeLogin: String?
    public var tags: [String]
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Bumped by every change: writers compare-and-set on it so no update is silently lost.
    public var version: Int
    /// When the first public reply went out (nil: still waiting for one).
    public var firstResponseAt: Int64?
    /// When it became solved; set exactly while the ticket is solved or closed.
    public var solvedAt: Int64?

    public init(id: Int, subject: String, status: TicketStatus, priority: Priority, requesterID: Int,
                requesterName: String, assigneeLogin: String?, tags: [String], createdAt: Int64,
                updatedAt: Int64, version: Int, firstResponseAt: Int64? = nil, solvedAt: Int64? = nil) {
        self.id = id
        self.subject = subject
        self.status = status
        self.priority = priority
        self.requesterID = requesterID
        self.requesterName = requesterName
        self.assigneeLogin = assigneeLogin
        self.tags = tags
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.firstResponseAt = firstResponseAt
        self.solvedAt = solvedAt
    }
}

/// A ticket with its whole thread, for the ticket view and `ticket show`.
public struct TicketDetail: Sendable, Equatable {
    public var ticket: Ticket
    public var requester: Customer
    public var messages: [Message]
    /// Goodwill gestures on this ticket, oldest first.
    public var goodwill: [Goodwill] = []
    /// Set when the requester's conduct was marked abusive.
    public var boundary: Boundary?
    /// Other people viewing or composing on the ticket now (never the viewer).
    public var presence: [Presence] = []
    /// The viewer's unsent drafts on this ticket: a reply, a note, or both.
    public var drafts: [Draft] = []

    public init(ticket: Ticket, requester: Customer, messages: [Message]) {
        self.ticket = ticket
        self.requester = requester
        self.messages = messages
    }
}

extension TicketDetail {
    /// The viewer's unsent draft of `kind`.
    public func draft(_ kind: MessageKind) -> Draft? { drafts.first { $0.kind == kind } }

    /// The viewer's newest unsent draft, of either kind.
    public var draft: Draft? { drafts.max { $0.updatedAt < $1.updatedAt } }
}
