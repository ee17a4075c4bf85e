/// A time slot on the support rota, `[startsAt, endsAt)` in UTC seconds, with seats.
public struct Shift: Sendable, Equatable {
    public var id: Int
    public var startsAt: Int64
    public var endsAt: Int64
    public var minSeats: Int
    public var maxSeats: Int
    public var label: String
    /// Logins of the people in it (listeners included), in the order of `assignments`.
    public var people: [String] { assignments.map(\.login) }
    /// The template it was generated from; empty for a shift added by hand.
    public var template: String
    /// Whether anyone but support staff in it needs a support buddy.
    public var buddyRequired: Bool
    /// Who is in it and how, by login.
    public var assignments: [Assignment]

    public init(id: Int = 0, startsAt: Int64, endsAt: Int64, minSeats: Int = 1, maxSeats: Int = 1,
                label: String = "", people: [String] = [], template: String = "", buddyRequired: Bool = false,
                assignments: [Assignment] = []) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.minSeats = minSeats
        self.maxSeats = maxSeats
        self.label = label
        self.template = template
        self.buddyRequired = buddyRequired
        self.assignments = assignments.isEmpty ? people.map { Assignment(shiftID: id, login: $0) } : assignments
    }

    /// People in seats (listeners take none).
    public var seated: Int { assignments.filter { $0.role != .listener }.count }

    public func contains(_ instant: Int64) -> Bool { startsAt <= instant && instant < endsAt }
}

/// Where a person stands with the rota at one instant: on shift until a time, or off with
/// the start of their next shift (nil when none is planned).
public enum ShiftStanding: Sendable, Equatable {
    case onShift(shiftID: Int, until: Int64)
    case offShift(nextStart: Int64?)

    public var isOnShift: Bool {
        if case .onShift = self { return true }
        return false
    }
}
