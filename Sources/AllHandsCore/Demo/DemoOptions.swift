/// What `allhands demo` builds.
public struct DemoOptions: Sendable, Equatable {
    /// The standard demo company: the one place its size is written down. Help texts, the
    /// console's welcome screen and the README quote these numbers.
    public static let standard = DemoOptions()
    public static let standardPeople = 150
    public static let standardTickets = 600
    public static let standardSeed: UInt64 = 42
    /// The shortest window the tickets are spread over, in days.
    public static let minimumDays = 60
    /// The sizes `allhands demo` accepts.
    public static let peopleRange = 1...1_000_000
    public static let ticketRange = 0...20_000_000

    public var people: Int
    public var tickets: Int
    public var seed: UInt64
    /// The instant the demo is built as of (UTC epoch seconds): tickets arrive in the days
    /// before it. `nil` means now. The same seed and as-of build the same rows.
    public var asOf: Int64?
    /// Replace a database that holds real (non-demo) data. Admins only; a backup is kept.
    public var force: Bool

    public init(people: Int = standardPeople, tickets: Int = standardTickets, seed: UInt64 = standardSeed,
                asOf: Int64? = nil, force: Bool = false) {
        self.people = people
        self.tickets = tickets
        self.seed = seed
        self.asOf = asOf
        self.force = force
    }

    /// Days the tickets are spread over: 60 for the default company, longer for big ones so the
    /// daily volume stays believable (about 2,000 tickets a day at most).
    public var days: Int { max(Self.minimumDays, (tickets + 1_999) / 2_000) }

    public var customers: Int { max(300, tickets / 50) }
}

/// What a demo run wrote.
public struct DemoSummary: Sendable, Equatable {
    public var people = 0
    public var customers = 0
    public var tickets = 0
    public var messages = 0
    public var tagLinks = 0
    /// The instant the rows were dated from (UTC epoch seconds): `DemoOptions.asOf` or the clock.
    public var asOf: Int64 = 0
    /// Where the replaced real database was copied first (`--force` on real data only).
    public var backupPath: String?
    /// A few people worth trying `--as` with: an employee, a support agent, a lead, an executive.
    public var sampleLogins: [String] = []
}
