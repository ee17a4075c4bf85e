/// What a person does in a shift they sit in.
public enum AssignmentRole: String, Sendable, CaseIterable, Codable {
    /// Works the queue.
    case agent
    /// A support person who helps the non-support people in the shift.
    case buddy
    /// An executive following the floor read-only (walk-a-mile); takes no seat.
    case listener
}

/// How an assignment came to be.
public enum AssignmentSource: String, Sendable, CaseIterable, Codable {
    case planner
    case manual
    case swap
}

/// A person in a shift, with everything the calendar, the checks and an export show.
public struct Assignment: Sendable, Equatable {
    public var shiftID: Int
    public var login: String
    public var role: AssignmentRole
    public var source: AssignmentSource
    /// The buddy a newcomer is paired with, by login.
    public var pairedWith: String?
    /// Why this assignment must be re-planned (time off that hits it), until a rebalance.
    public var conflict: String?
    /// Its version for calendars (iCalendar SEQUENCE): above its cancellation if it came back.
    public var sequence: Int

    public init(shiftID: Int, login: String, role: AssignmentRole = .agent, source: AssignmentSource = .manual,
                pairedWith: String? = nil, conflict: String? = nil, sequence: Int = 0) {
        self.shiftID = shiftID
        self.login = login
        self.role = role
        self.source = source
        self.pairedWith = pairedWith
        self.conflict = conflict
        self.sequence = sequence
    }
}

/// Time a person is away: no shift is planned for them in `[startsAt, endsAt)`.
public struct TimeOff: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var startsAt: Int64
    public var endsAt: Int64
    public var reason: String

    public init(id: Int = 0, login: String, startsAt: Int64, endsAt: Int64, reason: String = "") {
        self.id = id
        self.login = login
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.reason = reason
    }
}

/// Where a swap request is: `open → taken → approved | declined`; `expired` once the shift
/// starts unfinished; `withdrawn` by the person who offered it.
public enum SwapState: String, Sendable, CaseIterable, Codable {
    case open, taken, approved, declined, expired, withdrawn

    public var isFinished: Bool { self != .open && self != .taken }
}

/// One person offering their seat in a shift to a named person or to anyone.
public struct SwapRequest: Sendable, Equatable {
    public var id: Int
    public var shiftID: Int
    public var from: String
    /// nil: an open offer anyone may take.
    public var to: String?
    public var takenBy: String?
    public var state: SwapState
    public var note: String
    public var decidedBy: String?
    public var createdAt: Int64
    public var version: Int

    public init(id: Int, shiftID: Int, from: String, to: String? = nil, takenBy: String? = nil, state: SwapState = .open,
                note: String = "", decidedBy: String? = nil, createdAt: Int64 = 0, version: Int = 1) {
        self.id = id
        self.shiftID = shiftID
        self.from = from
        self.to = to
        self.takenBy = takenBy
        self.state = state
        self.note = note
        self.decidedBy = decidedBy
        self.createdAt = createdAt
        self.version = version
    }
}
