import Foundation

/// What the planner knows about a person: values only, so it runs and is tested without a database.
public struct PlanPerson: Sendable {
    public var id: Int
    public var login: String
    public var role: Role
    public var team: String
    public var timeZone: TimeZone
    /// Hours per month the policy asks of them.
    public var targetPerMonth: Double
    /// Shifts they sat before the planned range: their first ones are paired with a buddy.
    public var shiftsBefore: Int
    /// `[start, end)` spans they are away.
    public var timeOff: [(Int64, Int64)]
    /// Template name → 1 (prefers it) or -1 (avoids it).
    public var preferences: [String: Int]

    public init(id: Int, login: String, role: Role, team: String = "", timeZone: TimeZone = .gmt,
                targetPerMonth: Double, shiftsBefore: Int = 0, timeOff: [(Int64, Int64)] = [],
                preferences: [String: Int] = [:]) {
        self.id = id
        self.login = login
        self.role = role
        self.team = team
        self.timeZone = timeZone
        self.targetPerMonth = targetPerMonth
        self.shiftsBefore = shiftsBefore
        self.timeOff = timeOff
        self.preferences = preferences
    }

    public var canBuddy: Bool { RotationRules.canBuddy(role) }
}

/// A shift as the planner sees it: one that exists (`id`) or a template slot still to be created.
public struct PlanShift: Sendable, Equatable {
    public var id: Int?
    public var startsAt: Int64
    public var endsAt: Int64
    public var minSeats: Int
    public var maxSeats: Int
    public var buddyRequired: Bool
    public var template: String

    public init(id: Int? = nil, startsAt: Int64, endsAt: Int64, minSeats: Int, maxSeats: Int,
                buddyRequired: Bool, template: String = "") {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.minSeats = minSeats
        self.maxSeats = maxSeats
        self.buddyRequired = buddyRequired
        self.template = template
    }

    public init(_ slot: TemplateSlot) {
        self.init(startsAt: slot.startsAt, endsAt: slot.endsAt, minSeats: slot.minSeats, maxSeats: slot.maxSeats,
                  buddyRequired: slot.buddyRequired, template: slot.template)
    }

    var hours: Double { Double(endsAt - startsAt) / 3_600 }
}

/// A person in a shift. `shift` indexes `PlanInput.shifts`; `person` is the person's id.
public struct PlanSeat: Sendable, Hashable {
    public var shift: Int
    public var person: Int
    public var role: AssignmentRole
    public var source: AssignmentSource
    /// The buddy (person id) a newcomer is paired with.
    public var pairedWith: Int?
    /// Marked for re-planning (time off hit it): a rebalance moves it.
    public var conflicted: Bool

    public init(shift: Int, person: Int, role: AssignmentRole = .agent, source: AssignmentSource = .planner,
                pairedWith: Int? = nil, conflicted: Bool = false) {
        self.shift = shift
        self.person = person
        self.role = role
        self.source = source
        self.pairedWith = pairedWith
        self.conflicted = conflicted
    }
}

public struct PlanInput: Sendable {
    public enum Mode: Sendable {
        /// Keep every seat there is and fill what is missing.
        case fill
        /// Also take away future planner seats that no longer hold (time off, departures,
        /// broken rules, people now over target), then fill: as few changes as possible.
        case rebalance
    }

    public var people: [PlanPerson]
    public var shifts: [PlanShift]
    public var seats: [PlanSeat]
    public var policy: Configuration.Rotation
    /// The planned range `[from, to)`: only shifts starting in it are filled.
    public var from: Int64
    public var to: Int64
    /// Shifts starting before now are history: never changed.
    public var now: Int64
    public var timeZone: TimeZone
    public var mode: Mode

    public init(people: [PlanPerson], shifts: [PlanShift], seats: [PlanSeat], policy: Configuration.Rotation,
                from: Int64, to: Int64, now: Int64, timeZone: TimeZone, mode: Mode = .fill) {
        self.people = people
        self.shifts = shifts
        self.seats = seats
        self.policy = policy
        self.from = from
        self.to = to
        self.now = now
        self.timeZone = timeZone
        self.mode = mode
    }
}

/// Something `rotation check` (and every plan) reports.
public struct RotationProblem: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case gap = "coverage gap"
        case missingBuddy = "missing buddy"
        case overFull = "over-full"
        case conflict = "needs rebalancing"
        case brokenRule = "broken rule"
        case overloaded
        case underloaded
    }

    public var kind: Kind
    /// The shift's index in the input (shift problems).
    public var shift: Int?
    /// The person's login (load and rule problems).
    public var login: String?
    public var detail: String
}

/// What a plan or rebalance did.
public struct PlanResult: Sendable {
    /// Every seat after planning (input seats kept, plus new ones).
    public var seats: [PlanSeat]
    public var added: [PlanSeat]
    public var removed: [PlanSeat]
    /// Seats kept whose role or pairing changed (a buddy designated, a newcomer paired).
    public var updated: [PlanSeat]
    public var problems: [RotationProblem]

    /// People whose seats were added or removed, by id.
    public var affected: Set<Int> { Set(added.map(\.person) + removed.map(\.person)) }

    /// Removals and additions of the same person paired up: one move each.
    public var moved: Int {
        var removedBy: [Int: Int] = [:]
        for seat in removed { removedBy[seat.person, default: 0] += 1 }
        var addedBy: [Int: Int] = [:]
        for seat in added { addedBy[seat.person, default: 0] += 1 }
        return removedBy.reduce(0) { $0 + min($1.value, addedBy[$1.key] ?? 0) }
    }
}
