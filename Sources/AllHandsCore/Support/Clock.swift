import Foundation

/// Where "now" comes from. Injected everywhere so tests and the demo control time.
public protocol Clock: Sendable {
    func now() -> Date
}

extension Clock {
    /// Now as whole seconds since 1970, UTC: how every time is stored.
    public var epochSeconds: Int64 { Int64(now().timeIntervalSince1970.rounded(.down)) }
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still (tests, snapshots, deterministic demos).
public struct FixedClock: Clock {
    public let date: Date
    public init(_ date: Date) { self.date = date }
    public init(epochSeconds: Int64) { self.date = Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }
    public func now() -> Date { date }
}
