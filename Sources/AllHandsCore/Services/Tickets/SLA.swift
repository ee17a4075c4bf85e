/// Where a ticket stands against its first-response target. Pure: the caller brings the clock.
public struct SLAStatus: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        /// It had its first public reply.
        case met
        /// Waiting, with more than the warning share of its target left.
        case ok
        /// Waiting, past `warnAtPercent` of its target.
        case approaching
        /// Waiting past its target.
        case late
    }

    public var state: State
    /// When the first response is (or was) due.
    public var due: Int64
    /// Seconds until due; negative once late. For `met`, how long the first response took.
    public var seconds: Int64

    public init(state: State, due: Int64, seconds: Int64) {
        self.state = state
        self.due = due
        self.seconds = seconds
    }
}

public enum SLA {
    /// When a ticket's first response is due: its creation plus its priority's target.
    public static func due(_ ticket: Ticket, _ sla: Configuration.SLA) -> Int64 {
        ticket.createdAt + sla.target(for: ticket.priority)
    }

    /// The ticket's first-response standing at `now`, or nil when no target applies (a solved or
    /// closed ticket that never had a public reply).
    public static func state(_ ticket: Ticket, _ sla: Configuration.SLA, now: Int64) -> SLAStatus? {
        let due = due(ticket, sla)
        if let responded = ticket.firstResponseAt {
            return SLAStatus(state: .met, due: due, seconds: responded - ticket.createdAt)
        }
        guard ticket.status.isActive else { return nil }
        let target = sla.target(for: ticket.priority)
        let elapsed = now - ticket.createdAt
        let state: SLAStatus.State
        if now >= due {
            state = .late
        } else if elapsed * 100 >= target * Int64(sla.warnAtPercent) {
            state = .approaching
        } else {
            state = .ok
        }
        return SLAStatus(state: state, due: due, seconds: due - now)
    }
}
