/// The orders a ticket listing can take. Each is a list of keys ending with the id, so every
/// ticket has one place and keyset pagination works for all of them.
public enum TicketSort: String, CaseIterable, Sendable, Hashable {
    /// Most urgent first, then oldest first: the queue's order. Served by the queue indexes.
    case priority
    /// Oldest first. Served by `tickets_created`, and for the working queue by `tickets_active_age`.
    case age
    /// Soonest first-response due first (due = created + the SLA target of its priority);
    /// tickets that already had a first response come after all that have not. Pages merge one
    /// index walk per priority (see `TicketDueOrder.swift`), so nothing is sorted but a page.
    case firstResponseDue = "due"
    /// Most recently solved first; lists only tickets that are solved or closed.
    case solved

    /// The word the CLI and the console's command line use.
    public var name: String { rawValue }

    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    public var summary: String {
        switch self {
        case .priority: "most urgent first, then oldest"
        case .age: "oldest first"
        case .firstResponseDue: "first response due soonest first; answered tickets last"
        case .solved: "most recently solved first (solved and closed tickets only)"
        }
    }

    /// Whether the keys run from the largest value down.
    var descending: Bool { self == .solved }

    /// The SQL expressions of the keys over `tickets t`, most significant first, the id last.
    /// The SLA targets are written as integer literals (they come from the config, never a user).
    func keys(sla: Configuration.SLA) -> [String] {
        switch self {
        case .priority: return ["t.priority", "t.created_at", "t.id"]
        case .age: return ["t.created_at", "t.id"]
        case .firstResponseDue:
            let cases = Priority.allCases.map { "WHEN \($0.rawValue) THEN \(sla.target(for: $0))" }.joined(separator: " ")
            return ["(t.first_response_at IS NOT NULL)", "t.created_at + CASE t.priority \(cases) END", "t.id"]
        case .solved: return ["t.solved_at", "t.id"]
        }
    }

    /// A condition every listed ticket must meet for the keys to order it.
    var requiredClause: String? {
        self == .solved ? "t.solved_at IS NOT NULL" : nil
    }

    /// The values of `keys` for one ticket, as SQLite computes them.
    func keyValues(of t: Ticket, sla: Configuration.SLA) -> [Int64] {
        switch self {
        case .priority: return [Int64(t.priority.rawValue), t.createdAt, Int64(t.id)]
        case .age: return [t.createdAt, Int64(t.id)]
        case .firstResponseDue: return [t.firstResponseAt == nil ? 0 : 1, SLA.due(t, sla), Int64(t.id)]
        case .solved: return [t.solvedAt ?? 0, Int64(t.id)]
        }
    }
}
