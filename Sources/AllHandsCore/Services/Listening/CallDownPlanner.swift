/// Who calls whom in a week's executive call-down. Pure: values in, values out, no SQL.
///
/// The rules:
/// - each executive gets up to `perExecutive` customers (fewer only when candidates run out);
/// - a customer called (planned) within the last `noRepeatWeeks` weeks is not chosen again;
/// - one executive per customer and week (what is already planned for the week counts);
/// - a mix of reasons. Each list of N has `quotas(perExecutive:)` slots: one random customer
///   when N ≥ 3 (plus one for every further five), one long silence when N ≥ 2 (likewise), the
///   rest recent bad experiences. Bad experiences go out worst first and silences in the order
///   given, dealt round the executives in turn so that the worst cases are spread over everyone
///   rather than all landing on the first list. A category that runs short leaves its slots to
///   the others (bad experiences, then silences, then random customers).
/// - random customers come from `randomPool` in an order shuffled with `seed` (the service
///   seeds it from the week, so planning a week again gives the same answer on the same data).
public enum CallDownPlanner {
    /// A customer the planner may put on a list, with why.
    public struct Candidate: Sendable, Equatable {
        public var customerID: Int
        public var reason: CallDown.Reason
        /// The reason in words, shown with the list.
        public var detail: String
        public var ticketID: Int?
        /// How bad the experience was: bigger is worse (bad experiences only; see `CallDownService`).
        public var severity: Double

        public init(customerID: Int, reason: CallDown.Reason, detail: String, ticketID: Int? = nil,
                    severity: Double = 0) {
            self.customerID = customerID
            self.reason = reason
            self.detail = detail
            self.ticketID = ticketID
            self.severity = severity
        }
    }

    /// One line of a plan: an executive (by person id) calls a candidate.
    public struct Entry: Sendable, Equatable {
        public var executiveID: Int
        public var candidate: Candidate

        public init(executiveID: Int, candidate: Candidate) {
            self.executiveID = executiveID
            self.candidate = candidate
        }
    }

    public struct Input: Sendable {
        /// Executives' person ids in a stable order (by login).
        public var executives: [Int]
        public var perExecutive: Int
        public var badExperiences: [Candidate]
        /// Long silences, most worth a call first.
        public var silences: [Candidate]
        /// Customers to draw random picks from.
        public var randomPool: [Candidate]
        /// Customers on a list within the no-repeat window before the week.
        public var recentlyCalled: Set<Int>
        /// What is already planned for the week (kept; only the missing are added).
        public var planned: [Entry]
        public var seed: UInt64

        public init(executives: [Int], perExecutive: Int, badExperiences: [Candidate], silences: [Candidate],
                    randomPool: [Candidate], recentlyCalled: Set<Int>, planned: [Entry], seed: UInt64) {
            self.executives = executives
            self.perExecutive = perExecutive
            self.badExperiences = badExperiences
            self.silences = silences
            self.randomPool = randomPool
            self.recentlyCalled = recentlyCalled
            self.planned = planned
            self.seed = seed
        }
    }

    /// Slots of each reason on a list of `n`: random and silence get one each from 3 and 2
    /// customers on (and one more per five beyond), bad experiences the rest.
    public static func quotas(perExecutive n: Int) -> [CallDown.Reason: Int] {
        let random = n >= 3 ? 1 + (n - 3) / 5 : 0
        let silence = n >= 2 ? 1 + (n - 2) / 5 : 0
        return [.random: random, .silence: silence, .badExperience: max(0, n - random - silence)]
    }

    /// The entries to add to `input.planned` for the week.
    public static func plan(_ input: Input) -> [Entry] {
        let n = max(0, input.perExecutive)
        var taken = input.recentlyCalled.union(input.planned.map(\.candidate.customerID))
        var counts: [Int: [CallDown.Reason: Int]] = [:]
        for entry in input.planned {
            counts[entry.executiveID, default: [:]][entry.candidate.reason, default: 0] += 1
        }
        func size(_ exec: Int) -> Int { counts[exec]?.values.reduce(0, +) ?? 0 }

        var random = SeededRandom(seed: input.seed)
        var pool = input.randomPool.map { Candidate(customerID: $0.customerID, reason: .random, detail: $0.detail,
                                                    ticketID: $0.ticketID) }
        pool.shuffle(using: &random)
        let queues: [(CallDown.Reason, [Candidate])] = [
            (.badExperience, input.badExperiences.enumerated()
                .sorted { ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset) }.map(\.element)),
            (.silence, input.silences),
            (.random, pool),
        ]
        var next = Array(repeating: 0, count: queues.count)
        var added: [Entry] = []

        /// The next candidate of queue `q` nobody has yet, or nil when it is used up.
        func take(_ q: Int) -> Candidate? {
            let list = queues[q].1
            while next[q] < list.count {
                let candidate = list[next[q]]
                next[q] += 1
                if taken.insert(candidate.customerID).inserted { return candidate }
            }
            return nil
        }
        func give(_ exec: Int, _ candidate: Candidate) {
            added.append(Entry(executiveID: exec, candidate: candidate))
            counts[exec, default: [:]][candidate.reason, default: 0] += 1
        }

        // First each reason up to its quota, dealt round the executives one slot at a time.
        let quota = quotas(perExecutive: n)
        for (q, (reason, _)) in queues.enumerated() {
            var dealing = true
            while dealing {
                dealing = false
                for exec in input.executives where size(exec) < n && (counts[exec]?[reason] ?? 0) < (quota[reason] ?? 0) {
                    guard let candidate = take(q) else { break }
                    give(exec, candidate)
                    dealing = true
                }
            }
        }
        // Then whatever is left fills the lists, in the same order of reasons.
        for q in queues.indices {
            var dealing = true
            while dealing {
                dealing = false
                for exec in input.executives where size(exec) < n {
                    guard let candidate = take(q) else { break }
                    give(exec, candidate)
                    dealing = true
                }
            }
        }
        return added
    }

    /// The seed for a week's random picks: the same week always draws the same way.
    public static func seed(for week: ISOWeek) -> UInt64 {
        var mixer = SeededRandom(seed: UInt64(week.year) &* 100 &+ UInt64(week.week))
        return mixer.next()
    }
}
