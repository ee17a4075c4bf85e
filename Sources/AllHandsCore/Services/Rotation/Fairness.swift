/// One person's share of the rotation over a period: hours on shift against their target.
public struct PersonLoad: Sendable, Equatable {
    public var login: String
    public var name: String
    public var role: Role
    public var team: String
    /// Hours in shifts (listening included: it counts toward the rotation).
    public var hours: Double
    public var target: Double
    public var shifts: Int
    public var listeningShifts: Int
    /// Seconds listened to the support floor in the period (listen-view sessions,
    /// `ListeningRules`), and what the person is asked to listen (executives; 0 for others).
    public var listenedSeconds: Int64
    public var listeningTargetSeconds: Int64

    public init(login: String, name: String, role: Role, team: String, hours: Double, target: Double,
                shifts: Int, listeningShifts: Int = 0, listenedSeconds: Int64 = 0, listeningTargetSeconds: Int64 = 0) {
        self.login = login
        self.name = name
        self.role = role
        self.team = team
        self.hours = hours
        self.target = target
        self.shifts = shifts
        self.listeningShifts = listeningShifts
        self.listenedSeconds = listenedSeconds
        self.listeningTargetSeconds = listeningTargetSeconds
    }

    public var listenedHours: Double { Double(listenedSeconds) / 3_600 }
    public var listeningTargetHours: Double { Double(listeningTargetSeconds) / 3_600 }

    /// Hours over (positive) or under (negative) the target.
    public var deviation: Double { hours - target }
    /// Hours as a share of the target; 1 when the target is zero and nothing is planned.
    public var ratio: Double { target > 0 ? hours / target : (hours > 0 ? 2 : 1) }
}

/// How evenly the rotation is spread.
public enum Fairness {
    /// Grafana OnCall's balance score — the mean over all pairs of people of min/max of their
    /// values — here over each person's hours as a share of their own target, so a support
    /// agent's 36 hours and an engineer's 3 compare as equals when both meet their target.
    /// 1 is perfectly even; people whose target is zero are left out. O(n log n): with the
    /// values sorted, the pairs ending at each value sum as a running total over it.
    public static func balanceScore(_ loads: [PersonLoad]) -> Double {
        balanceScore(values: loads.filter { $0.target > 0 }.map(\.ratio))
    }

    public static func balanceScore(values: [Double]) -> Double {
        let sorted = values.map { max($0, 0) }.sorted()
        guard sorted.count > 1 else { return 1 }
        var pairs = 0.0, total = 0.0, below = 0.0, zeros = 0.0
        for (index, value) in sorted.enumerated() {
            if value == 0 {
                total += zeros          // two people with nothing are equal
                zeros += 1
            } else {
                total += below / value  // pairs (earlier, this): min/max = earlier/this
                below += value
            }
            pairs += Double(index)
        }
        return total / pairs
    }

    /// Most over- and under-loaded first (by hours off target), then by login.
    public static func worstFirst(_ loads: [PersonLoad]) -> [PersonLoad] {
        loads.sorted { a, b in
            let (da, db) = (abs(a.deviation), abs(b.deviation))
            return da != db ? da > db : a.login < b.login
        }
    }
}
