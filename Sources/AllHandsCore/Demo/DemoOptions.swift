/// What `allhands demo` builds.
public struct DemoOptions: Sendable, Equatable {
    public var people: Int
    public var tickets: Int
    public var seed: UInt64
    /// Replace a database that holds real (non-demo) data. Admins only; a backup is kept.
    public var force: Bool

    public init(people: Int = 150, tickets: Int = 600, seed: UInt64 = 42, force: Bool = false) {
        self.people = people
        self.tickets = tickets
        self.seed = seed
        self.force = force
    }

    /// Days the tickets are spread over: 60 for the default company, longer for big ones so the
    /// daily volume stays believable (about 2,000 tickets a day at most).
    public var days: Int { max(60, (tickets + 1_999) / 2_000) }

    public var customers: Int { max(300, tickets / 50) }
}

/// What a demo run wrote.
public struct DemoSummary: Sendable, Equatable {
    public var people = 0
    public var customers = 0
    public var tickets = 0
    public var messages = 0
    public var tagLinks = 0
    /// Where the replaced real database was copied first (`--force` on real data only).
    public var backupPath: String?
    /// A few people worth trying `--as` with: a support agent, a lead, an executive.
    public var sampleLogins: [String] = []
}
