import Foundation

/// allhands settings. `Config/allhands.json5` documents the same defaults that `Configuration.default`
/// holds in code (a test keeps them equal). A user's file may set any subset; missing keys keep
/// their defaults, unknown keys are refused so a typo never silently does nothing.
public struct Configuration: Sendable, Equatable {
    public var company: Company
    public var taxonomy: Taxonomy
    public var console: Console

    public struct Company: Sendable, Equatable {
        public var name: String
        /// IANA zone in which shifts are defined.
        public var timeZone: String
    }

    /// The dimensions tags are measured along. Free tags outside them are allowed.
    public struct Taxonomy: Sendable, Equatable {
        public var dimensions: [Dimension]

        public func dimension(ofTag tag: String) -> String? {
            dimensions.first { $0.tags.contains(tag) }?.name
        }
    }

    public struct Dimension: Sendable, Equatable {
        public var name: String
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
                                           "accounts", "mobile", "notifications", "performance"]),
            Dimension(name: "type", tags: ["bug", "usability", "question", "feature-request", "outage"]),
        ]),
        console: Console(tickMilliseconds: 250)
    )
}

// MARK: - Decoding

extension Configuration: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case company, taxonomy, console }

    public init(from decoder: any Decoder) throws {
        try Self.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.default
        company = try c.decodeIfPresent(Company.self, forKey: .company) ?? d.company
        taxonomy = try c.decodeIfPresent(Taxonomy.self, forKey: .taxonomy) ?? d.taxonomy
        console = try c.decodeIfPresent(Console.self, forKey: .console) ?? d.console
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
    enum Keys: String, CodingKey, CaseIterable { case dimensions }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        dimensions = try c.decodeIfPresent([Configuration.Dimension].self, forKey: .dimensions)
            ?? Configuration.default.taxonomy.dimensions
        var seen: Set<String> = []
        for dimension in dimensions {
            for tag in dimension.tags where !seen.insert(tag).inserted {
                throw DecodingError.dataCorruptedError(forKey: .dimensions, in: c,
                    debugDescription: "tag '\(tag)' appears in more than one place; a tag belongs to one dimension")
            }
        }
    }
}

extension Configuration.Dimension: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case name, tags }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decode(String.self, forKey: .name)
        tags = try c.decode([String].self, forKey: .tags)
        if name.isEmpty || name.contains(":") {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c,
                debugDescription: "a dimension needs a name without ':'")
        }
        if let bad = tags.first(where: { Tag.isValidName($0) == false }) {
            throw DecodingError.dataCorruptedError(forKey: .tags, in: c,
                debugDescription: "'\(bad)' is not a valid tag name (lower-case letters, digits, '-' and '_')")
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
