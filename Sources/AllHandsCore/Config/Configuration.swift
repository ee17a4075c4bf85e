import Foundation

/// allhands settings. `Config/allhands.json5` documents the same defaults that `Configuration.default`
/// holds in code (a test keeps them equal). A user's file may set any subset; missing keys keep
/// their defaults, unknown keys are refused so a typo never silently does nothing.
public struct Configuration: Sendable, Equatable {
    public var company: Company
    public var taxonomy: Taxonomy
    public var console: Console
    public var sla: SLA
    public var goodwill: Goodwill
    public var queue: Queue
    public var macros: [Macro]
    public var rotation: Rotation
    public var listening: Listening
    public var calldown: CallDown

    public struct Company: Sendable, Equatable {
        public var name: String
        /// IANA zone in which shifts are defined.
        public var timeZone: String
    }

    /// The dimensions tags are measured along. Free tags outside them are allowed.
    public struct Taxonomy: Sendable, Equatable {
        public var dimensions: [Dimension]
        /// Other words for taxonomy tags (`defect` → `bug`): tagging with one puts the tag on.
        public var aliases: [String: String] = [:]

        public func dimension(ofTag tag: String) -> String? {
            dimensions.first { $0.tags.contains(tag) }?.name
        }

        /// The taxonomy tag `name` is an alias of, or `name` itself; `dimension:name` keeps its
        /// dimension.
        public func canonical(_ name: String) -> String {
            guard let colon = name.firstIndex(of: ":") else { return aliases[name] ?? name }
            let bare = String(name[name.index(after: colon)...])
            return name[..<colon] + ":" + (aliases[bare] ?? bare)
        }
    }

    public struct Dimension: Sendable, Equatable {
        public var name: String
        public var tags: [String]
        /// A ticket can be solved only with at least one tag of this dimension.
        public var requiredToSolve: Bool
    }

    /// First-response targets: how long a new ticket may wait for its first public reply.
    public struct SLA: Sendable, Equatable {
        /// Minutes per priority.
        public var firstResponseMinutes: [Priority: Int]
        /// A ticket is "approaching" its target once this share of the time has passed.
        public var warnAtPercent: Int

        public func target(for priority: Priority) -> Int64 {
            Int64(firstResponseMinutes[priority] ?? 1_440) * 60
        }
    }

    /// Goodwill gestures: what one person may give alone during one shift.
    public struct Goodwill: Sendable, Equatable {
        /// In minor units (cents) of `currency`.
        public var budgetPerShift: Int
        /// ISO 4217 code the budget is in.
        public var currency: String
    }

    public struct Queue: Sendable, Equatable {
        /// New tickets go to whoever on shift now holds the fewest open tickets.
        public var roundRobin: Bool
    }

    /// A named reply template that may also set the status and add tags in one step.
    /// `{{customer.first_name}}`, `{{customer.name}}`, `{{ticket.id}}`, `{{ticket.subject}}`,
    /// `{{me.name}}` and `{{me.first_name}}` are filled in.
    public struct Macro: Sendable, Equatable {
        /// The placeholders a body may use; any other `{{…}}` is refused when the config is read,
        /// so a typo never reaches a customer as written.
        public static let placeholders = ["customer.first_name", "customer.name", "ticket.id", "ticket.subject",
                                          "me.name", "me.first_name"]

        public var name: String
        public var body: String
        public var status: TicketStatus?
        public var tags: [String]
    }

    public struct Console: Sendable, Equatable {
        /// How often the console wakes to look for other processes' changes.
        public var tickMilliseconds: Int
    }

    public static let `default` = Configuration(
        company: Company(name: "Example Co", timeZone: "America/New_York"),
        taxonomy: Taxonomy(dimensions: [
            Dimension(name: "area", tags: ["billing", "onboarding", "integrations", "reporting",
                                           "accounts", "mobile", "notifications", "performance"],
                      requiredToSolve: true),
            Dimension(name: "type", tags: ["bug", "usability", "question", "feature-request", "outage"],
                      requiredToSolve: true),
        ], aliases: ["defect": "bug", "how-to": "question", "feature": "feature-request", "downtime": "outage",
                     "slow": "performance", "login": "accounts"]),
        console: Console(tickMilliseconds: 250),
        sla: SLA(firstResponseMinutes: [.urgent: 60, .high: 240, .normal: 480, .low: 1_440], warnAtPercent: 75),
        goodwill: Goodwill(budgetPerShift: 5_000, currency: "USD"),
        queue: Queue(roundRobin: false),
        macros: [
            Macro(name: "thanks", body: """
                Hi {{customer.first_name}},

                Thanks for getting in touch about "{{ticket.subject}}". I am looking into it now \
                and will write again as soon as I know more.

                {{me.name}}
                """, status: nil, tags: []),
            Macro(name: "need-more-info", body: """
                Hi {{customer.first_name}},

                To get this sorted, could you tell us a little more: what you expected to happen, \
                what happened instead, and roughly when?

                {{me.name}}
                """, status: .pending, tags: []),
            Macro(name: "solved", body: """
                Hi {{customer.first_name}},

                This should be fixed now. If anything is still not right, just reply to this \
                message and it comes straight back to us.

                {{me.name}}
                """, status: .solved, tags: []),
            Macro(name: "boundary", body: """
                Hi {{customer.first_name}},

                We want to help, and we will keep working on ticket #{{ticket.id}}. We can only do \
                that in a conversation without insults or threats, so we will answer messages that \
                stay respectful.

                {{me.name}}
                """, status: nil, tags: []),
        ],
        rotation: defaultRotation,
        listening: defaultListening,
        calldown: defaultCallDown
    )

    public func macro(named name: String) -> Macro? {
        macros.first { $0.name == name }
    }
}

// MARK: - Decoding

extension Configuration: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case company, taxonomy, console, sla, goodwill, queue, macros, rotation, listening, calldown }

    public init(from decoder: any Decoder) throws {
        try Self.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.default
        company = try c.decodeIfPresent(Company.self, forKey: .company) ?? d.company
        taxonomy = try c.decodeIfPresent(Taxonomy.self, forKey: .taxonomy) ?? d.taxonomy
        console = try c.decodeIfPresent(Console.self, forKey: .console) ?? d.console
        sla = try c.decodeIfPresent(SLA.self, forKey: .sla) ?? d.sla
        goodwill = try c.decodeIfPresent(Goodwill.self, forKey: .goodwill) ?? d.goodwill
        queue = try c.decodeIfPresent(Queue.self, forKey: .queue) ?? d.queue
        macros = try c.decodeIfPresent([Macro].self, forKey: .macros) ?? d.macros
        rotation = try c.decodeIfPresent(Rotation.self, forKey: .rotation) ?? d.rotation
        listening = try c.decodeIfPresent(Listening.self, forKey: .listening) ?? d.listening
        calldown = try c.decodeIfPresent(CallDown.self, forKey: .calldown) ?? d.calldown
        var names: Set<String> = []
        for macro in macros where !names.insert(macro.name).inserted {
            throw DecodingError.dataCorruptedError(forKey: .macros, in: c,
                debugDescription: "macro '\(macro.name)' is defined twice")
        }
    }

    /// The entries of an object under `key` whose keys are the cases of `K` (priorities, roles):
    /// an unknown key is refused, and so is a value `check` finds fault with (its message).
    static func entries<Outer: CodingKey, K: CodingKey & CaseIterable, V: Decodable>(
        _ c: KeyedDecodingContainer<Outer>, _ key: Outer, _: K.Type, as _: V.Type, check: (V) -> String?
    ) throws -> [(K, V)] {
        guard c.contains(key) else { return [] }
        let nested = try c.superDecoder(forKey: key)
        try rejectUnknownKeys(nested, K.self)
        let container = try nested.container(keyedBy: K.self)
        return try K.allCases.compactMap { entryKey in
            guard let value = try container.decodeIfPresent(V.self, forKey: entryKey) else { return nil }
            if let fault = check(value) {
                throw DecodingError.dataCorruptedError(forKey: entryKey, in: container, debugDescription: fault)
            }
            return (entryKey, value)
        }
    }

    /// A key the type does not know is an error naming it.
    static func rejectUnknownKeys<K: CodingKey & CaseIterable>(_ decoder: any Decoder, _: K.Type) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(K.allCases.map(\.stringValue))
        if let unknown = any.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [unknown],
                debugDescription: "unknown key (expected one of: \(K.allCases.map(\.stringValue).joined(separator: ", ")))"))
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
    }
}

extension Configuration.Company: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case name, timeZone }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.default.company
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? d.timeZone
        if TimeZone(identifier: timeZone) == nil {
            throw DecodingError.dataCorruptedError(forKey: .timeZone, in: c,
                debugDescription: "'\(timeZone)' is not an IANA time zone (e.g. Europe/Berlin)")
        }
    }
}

extension Configuration.Taxonomy: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case dimensions, aliases }

    /// A file that sets its own dimensions starts with no aliases (the default ones name the
    /// default tags); one that sets only aliases keeps the default dimensions.
    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let own = try c.decodeIfPresent([Configuration.Dimension].self, forKey: .dimensions)
        dimensions = own ?? Configuration.default.taxonomy.dimensions
        aliases = try c.decodeIfPresent([String: String].self, forKey: .aliases)
            ?? (own == nil ? Configuration.default.taxonomy.aliases : [:])
        var seen: Set<String> = []
        for dimension in dimensions {
            for tag in dimension.tags where !seen.insert(tag).inserted {
                throw DecodingError.dataCorruptedError(forKey: .dimensions, in: c,
                    debugDescription: "tag '\(tag)' appears in more than one place; a tag belongs to one dimension")
            }
        }
        for (alias, tag) in aliases.sorted(by: { $0.key < $1.key }) {
            let problem: String? = if !Tag.isValidName(alias) {
                "alias '\(alias)' is not a valid tag name (\(Tag.nameRule))"
            } else if seen.contains(alias) {
                "alias '\(alias)' is itself a tag of the taxonomy"
            } else if !seen.contains(tag) {
                "alias '\(alias)' leads to '\(tag)', which is not a tag of the taxonomy"
            } else { nil }
            if let problem {
                throw DecodingError.dataCorruptedError(forKey: .aliases, in: c, debugDescription: problem)
            }
        }
    }
}

extension Configuration.Dimension: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case name, tags, requiredToSolve }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decode(String.self, forKey: .name)
        tags = try c.decode([String].self, forKey: .tags)
        requiredToSolve = try c.decodeIfPresent(Bool.self, forKey: .requiredToSolve) ?? false
        if name.isEmpty || name.contains(":") {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c,
                debugDescription: "a dimension needs a name without ':'")
        }
        if let bad = tags.first(where: { Tag.isValidName($0) == false }) {
            throw DecodingError.dataCorruptedError(forKey: .tags, in: c,
                debugDescription: "'\(bad)' is not a valid tag name (\(Tag.nameRule))")
        }
    }
}

extension Configuration.Console: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case tickMilliseconds }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        tickMilliseconds = try c.decodeIfPresent(Int.self, forKey: .tickMilliseconds)
            ?? Configuration.default.console.tickMilliseconds
        guard (50...5_000).contains(tickMilliseconds) else {
            throw DecodingError.dataCorruptedError(forKey: .tickMilliseconds, in: c,
                debugDescription: "must be between 50 and 5000, got \(tickMilliseconds)")
        }
    }
}

extension Configuration.SLA: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case firstResponseMinutes, warnAtPercent }
    enum PriorityKeys: String, CodingKey, CaseIterable { case urgent, high, normal, low }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.default.sla
        firstResponseMinutes = d.firstResponseMinutes
        for (key, minutes) in try Configuration.entries(c, .firstResponseMinutes, PriorityKeys.self, as: Int.self, check: {
            $0 > 0 ? nil : "a first-response target is a positive number of minutes, got \($0)"
        }) {
            if let priority = Priority(name: key.rawValue) { firstResponseMinutes[priority] = minutes }
        }
        warnAtPercent = try c.decodeIfPresent(Int.self, forKey: .warnAtPercent) ?? d.warnAtPercent
        guard (1...100).contains(warnAtPercent) else {
            throw DecodingError.dataCorruptedError(forKey: .warnAtPercent, in: c,
                debugDescription: "must be between 1 and 100, got \(warnAtPercent)")
        }
    }
}

extension Configuration.Goodwill: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case budgetPerShift, currency }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.default.goodwill
        if let major = try c.decodeIfPresent(Double.self, forKey: .budgetPerShift) {
            guard major >= 0, major < 1e12 else {
                throw DecodingError.dataCorruptedError(forKey: .budgetPerShift, in: c,
                    debugDescription: "must be an amount of 0 or more, got \(major)")
            }
            budgetPerShift = Int((major * 100).rounded())
        } else {
            budgetPerShift = d.budgetPerShift
        }
        currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? d.currency
        guard currency.count == 3, currency.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw DecodingError.dataCorruptedError(forKey: .currency, in: c,
                debugDescription: "'\(currency)' is not a three-letter currency code (e.g. USD, EUR)")
        }
    }
}

extension Configuration.Queue: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case roundRobin }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        roundRobin = try c.decodeIfPresent(Bool.self, forKey: .roundRobin) ?? Configuration.default.queue.roundRobin
    }
}

extension Configuration.Macro {
    /// The keys between `{{` and `}}` in a body, spaces trimmed.
    static func placeholders(in body: String) -> [String] {
        var keys: [String] = []
        var rest = body[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            keys.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return keys
    }
}

extension Configuration.Macro: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case name, body, status, tags }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decode(String.self, forKey: .name)
        body = try c.decode(String.self, forKey: .body)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        if let raw = try c.decodeIfPresent(String.self, forKey: .status) {
            guard let status = TicketStatus(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c,
                    debugDescription: "'\(raw)' is not a status (new, open, pending, solved, closed)")
            }
            self.status = status
        } else {
            status = nil
        }
        guard Tag.isValidName(name) else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c,
                debugDescription: "'\(name)' is not a valid macro name (\(Tag.nameRule))")
        }
        if let unknown = Self.placeholders(in: body).first(where: { !Self.placeholders.contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: .body, in: c,
                debugDescription: "'{{\(unknown)}}' is not a placeholder (use: \(Self.placeholders.joined(separator: ", ")))")
        }
    }
}
