import Foundation

/// One measured figure with its target, if it has one.
struct Figure: Encodable {
    let section: String
    let name: String
    let value: Double
    let unit: String
    /// e.g. "≥ 100000" or "≤ 2"; nil when the figure is informative only.
    let target: String?
    let met: Bool?
}

/// Collects figures and prints them as a table or JSON.
final class Report {
    private(set) var figures: [Figure] = []
    var machine: [String: String] = [:]

    func add(_ section: String, _ name: String, _ value: Double, _ unit: String, atLeast: Double? = nil, atMost: Double? = nil) {
        var target: String?
        var met: Bool?
        if let atLeast { target = "≥ \(format(atLeast))"; met = value >= atLeast }
        if let atMost { target = "≤ \(format(atMost))"; met = value <= atMost }
        figures.append(Figure(section: section, name: name, value: value, unit: unit, target: target, met: met))
        FileHandle.standardError.write(Data("  \(name): \(format(value)) \(unit)\n".utf8))
    }

    func format(_ v: Double) -> String {
        if v >= 1_000 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        if v >= 0.1 { return String(format: "%.2f", v) }
        return String(format: "%.4f", v)
    }

    func printTable() {
        print(machine.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " · "))
        print("")
        let nameWidth = max(40, figures.map(\.name.count).max() ?? 0)
        print("| section | figure | value | unit | target | met |")
        print("|---|---|---:|---|---|---|")
        for f in figures {
            let met = f.met.map { $0 ? "yes" : "**no**" } ?? ""
            print("| \(f.section) | \(f.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)) | \(format(f.value)) | \(f.unit) | \(f.target ?? "") | \(met) |")
        }
    }

    func printJSON() throws {
        struct Output: Encodable { let machine: [String: String]; let figures: [Figure] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(Output(machine: machine, figures: figures)), as: UTF8.self))
    }
}

/// Timing helpers.
enum Measure {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs `body` `count` times and returns the p50 and p99 in milliseconds.
    static func percentiles(_ count: Int, _ body: (Int) throws -> Void) rethrows -> (p50: Double, p99: Double) {
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for i in 0..<count {
            samples.append(try seconds { try body(i) } * 1_000)
        }
        samples.sort()
        return (samples[count / 2], samples[min(count - 1, Int(Double(count) * 0.99))])
    }

    /// The `q` quantile (0…1) of `samples` by nearest rank; NaN when there are none.
    static func quantile(_ samples: [Double], _ q: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }

    /// Peak resident set size of this process, in MiB.
    static var peakRSSMiB: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
