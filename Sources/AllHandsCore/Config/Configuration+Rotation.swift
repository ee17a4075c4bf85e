import Foundation

extension Configuration {
    /// The rotation: the weekly slots shifts are generated from, and the policy the planner keeps.
    public struct Rotation: Sendable, Equatable {
        public var templates: [ShiftTemplate]
        /// Hours each person should spend on shift per month, by role.
        public var targetHoursPerMonth: [Role: Double]
        /// Of an executive's shifts each month, this many are listening (walk-a-mile) ones.
        public var listeningShiftsPerMonth: Int
        /// At most this many people of one team seated in the same shift (never empty a team).
        public var maxPerTeamPerShift: Int
        /// The least time between the end of one of a person's shifts and the start of the next.
        public var minRestHours: Int
        /// Nobody is planned outside this window of their own local day.
        public var workingHours: WorkingHours
        /// Whether a taken swap waits for a lead's approval before it moves the seat.
        public var swapsNeedApproval: Bool
        /// A person's first this-many shifts are paired with a support buddy.
        public var newcomerBuddyShifts: Int

        public func target(for role: Role) -> Double { targetHoursPerMonth[role] ?? 0 }

        public func template(named name: String) -> ShiftTemplate? { templates.first { $0.name == name } }
    }

    /// A weekly slot in the company's time zone: on each of `days`, from `start` to `end`
    /// (an end at or before the start runs past midnight into the next day).
    public struct ShiftTemplate: Sendable, Equatable {
        public var name: String
        /// ISO weekdays, 1 = Monday … 7 = Sunday.
        public var days: [Int]
        /// Minutes after local midnight.
        public var start: Int
        public var end: Int
        public var minSeats: Int
        public var maxSeats: Int
        /// A shift with anyone but support staff in it needs a support person as buddy.
        public var buddyRequired: Bool

        /// Length in wall-clock minutes (a day's length changes across daylight saving; the
        /// instants are worked out per day).
        public var minutes: Int { end > start ? end - start : end + 24 * 60 - start }
    }

    /// A window of the local day, in minutes after midnight: `[from, to)`.
    public struct WorkingHours: Sendable, Equatable {
        public var from: Int
        public var to: Int
    }

    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static let defaultRotation = Rotation(
        templates: [
            ShiftTemplate(name: "emea", days: [1, 2, 3, 4, 5], start: 4 * 60, end: 7 * 60,
                          minSeats: 2, maxSeats: 6, buddyRequired: true),
            ShiftTemplate(name: "americas-am", days: [1, 2, 3, 4, 5], start: 9 * 60, end: 12 * 60,
                          minSeats: 2, maxSeats: 6, buddyRequired: true),
            ShiftTemplate(name: "americas-pm", days: [1, 2, 3, 4, 5], start: 13 * 60, end: 16 * 60,
                          minSeats: 2, maxSeats: 6, buddyRequired: true),
            ShiftTemplate(name: "apac", days: [7, 1, 2, 3, 4], start: 23 * 60, end: 2 * 60,
                          minSeats: 2, maxSeats: 6, buddyRequired: true),
        ],
        targetHoursPerMonth: [.employee: 3, .exec: 3, .admin: 3, .lead: 18, .support: 36],
        listeningShiftsPerMonth: 1,
        maxPerTeamPerShift: 2,
        minRestHours: 12,
        workingHours: WorkingHours(from: 8 * 60, to: 20 * 60),
        swapsNeedApproval: true,
        newcomerBuddyShifts: 2)
}

// MARK: - Decoding

extension Configuration.Rotation: Decodable {
    enum Keys: String, CodingKey, CaseIterable {
        case templates, targetHoursPerMonth, listeningShiftsPerMonth, maxPerTeamPerShift, minRestHours,
             workingHours, swapsNeedApproval, newcomerBuddyShifts
    }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.defaultRotation
        templates = try c.decodeIfPresent([Configuration.ShiftTemplate].self, forKey: .templates) ?? d.templates
        var names: Set<String> = []
        for template in templates where !names.insert(template.name).inserted {
            throw DecodingError.dataCorruptedError(forKey: .templates, in: c,
                debugDescription: "template '\(template.name)' is defined twice")
        }
        targetHoursPerMonth = d.targetHoursPerMonth
        for (key, hours) in try Configuration.entries(c, .targetHoursPerMonth, RoleKeys.self, as: Double.self, check: {
            (0...744).contains($0) ? nil : "hours per month must be between 0 and 744, got \($0)"
        }) {
            if let role = Role(rawValue: key.rawValue) { targetHoursPerMonth[role] = hours }
        }
        listeningShiftsPerMonth = try Configuration.count(c, .listeningShiftsPerMonth, d.listeningShiftsPerMonth, 0...100)
        maxPerTeamPerShift = try Configuration.count(c, .maxPerTeamPerShift, d.maxPerTeamPerShift, 1...10_000)
        minRestHours = try Configuration.count(c, .minRestHours, d.minRestHours, 0...168)
        workingHours = try c.decodeIfPresent(Configuration.WorkingHours.self, forKey: .workingHours) ?? d.workingHours
        swapsNeedApproval = try c.decodeIfPresent(Bool.self, forKey: .swapsNeedApproval) ?? d.swapsNeedApproval
        newcomerBuddyShifts = try Configuration.count(c, .newcomerBuddyShifts, d.newcomerBuddyShifts, 0...100)
    }

    enum RoleKeys: String, CodingKey, CaseIterable { case employee, support, lead, exec, admin }
}

extension Configuration.ShiftTemplate: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case name, days, start, end, minSeats, maxSeats, buddyRequired }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decode(String.self, forKey: .name)
        guard Tag.isValidName(name) else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c,
                debugDescription: "'\(name)' is not a valid template name (\(Tag.nameRule))")
        }
        let dayNames = try c.decode([String].self, forKey: .days)
        days = try dayNames.map { dayName in
            guard let index = Configuration.weekdayNames.firstIndex(of: dayName.lowercased()) else {
                throw DecodingError.dataCorruptedError(forKey: .days, in: c,
                    debugDescription: "'\(dayName)' is not a weekday (use: \(Configuration.weekdayNames.joined(separator: ", ")))")
            }
            return index + 1
        }
        guard !days.isEmpty, Set(days).count == days.count else {
            throw DecodingError.dataCorruptedError(forKey: .days, in: c,
                debugDescription: "list each weekday once, at least one")
        }
        start = try Configuration.clockMinutes(c, .start, allowMidnightEnd: false)
        end = try Configuration.clockMinutes(c, .end, allowMidnightEnd: true) % (24 * 60)
        guard start != end else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: c,
                debugDescription: "a shift must end at another time than it starts")
        }
        minSeats = try c.decodeIfPresent(Int.self, forKey: .minSeats) ?? 1
        maxSeats = try c.decodeIfPresent(Int.self, forKey: .maxSeats) ?? max(minSeats, 1)
        guard (0...ShiftService.mostSeats).contains(minSeats), (1...ShiftService.mostSeats).contains(maxSeats),
              minSeats <= maxSeats else {
            throw DecodingError.dataCorruptedError(forKey: .maxSeats, in: c,
                debugDescription: "seats must satisfy 0 ≤ minSeats ≤ maxSeats, 1 ≤ maxSeats ≤ \(ShiftService.mostSeats)")
        }
        buddyRequired = try c.decodeIfPresent(Bool.self, forKey: .buddyRequired) ?? true
    }
}

extension Configuration.WorkingHours: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case from, to }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.defaultRotation.workingHours
        from = c.contains(.from) ? try Configuration.clockMinutes(c, .from, allowMidnightEnd: false) : d.from
        to = c.contains(.to) ? try Configuration.clockMinutes(c, .to, allowMidnightEnd: true) : d.to
        guard from < to else {
            throw DecodingError.dataCorruptedError(forKey: .to, in: c,
                debugDescription: "the working day must end after it starts")
        }
    }
}

extension Configuration {
    /// A whole number under `key` (`fallback` when missing) that must lie in `range`.
    static func count<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K, _ fallback: Int,
                                    _ range: ClosedRange<Int>) throws -> Int {
        let value = try c.decodeIfPresent(Int.self, forKey: key) ?? fallback
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c,
                debugDescription: "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    /// Reads "HH:MM" as minutes after midnight; "24:00" only where it ends a day.
    static func clockMinutes<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K, allowMidnightEnd: Bool) throws -> Int {
        let text = try c.decode(String.self, forKey: key)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
           (0...59).contains(minute), (0...23).contains(hour) || (allowMidnightEnd && hour == 24 && minute == 0) {
            return hour * 60 + minute
        }
        throw DecodingError.dataCorruptedError(forKey: key, in: c,
            debugDescription: "'\(text)' is not a time of day (use HH:MM, e.g. 09:00)")
    }
}
