/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so the same
/// seed always builds the same demo company on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The golden-ratio increment of SplitMix64, also used to spread item numbers apart.
    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// An independent stream for item `index` of one kind of thing (`stream`), derived from
    /// `seed` alone: what item 7 gets never depends on how many values item 6 drew.
    ///
    /// The mixed value goes through one SplitMix64 step before seeding, so neighbouring items
    /// (whose raw states differ by a multiple of the increment) do not get shifted copies of
    /// one sequence.
    public static func stream(_ stream: UInt64, index: Int, seed: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* golden)
                                     ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SeededRandom(seed: mixer.next())
    }

    public mutating func next() -> UInt64 {
        state &+= Self.golden
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), cheaper than `Int.random(in:)`.
    public mutating func below(_ bound: Int) -> Int {
        Int((next() >> 11) % UInt64(bound))
    }

    /// A uniform number in `0..<1`.
    public mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}

/// The kinds of demo items that each get their own random stream per item.
enum DemoStream: UInt64 {
    case person = 1
    case customer = 2
    case ticket = 3
    case shift = 4

    /// The stream of item `index` (1-based ids work as well as 0-based indexes, as long as a
    /// kind always uses the same).
    func random(_ index: Int, seed: UInt64) -> SeededRandom {
        SeededRandom.stream(rawValue, index: index, seed: seed)
    }
}
