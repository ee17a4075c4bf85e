import AllHandsCore
import Foundation

/// allhands-bench: builds a big demo database and measures what users would feel.
/// Run with `swift run -c release allhands-bench [--tickets N] [--people N] [--dir PATH] [--json]`.
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let json = arguments.contains("--json")
/// `--reuse` keeps the database of an earlier run (same size) and skips building it.
let reuse = arguments.contains("--reuse")
let tickets = option("--tickets").flatMap(Int.init) ?? 1_000_000
let people = option("--people").flatMap(Int.init) ?? 10_000
let dir = option("--dir") ?? NSTemporaryDirectory() + "allhands-bench"
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)

let report = Report()
report.machine = Machine.describe()
report.machine["command"] = "allhands-bench " + arguments.joined(separator: " ")
let options = DemoOptions(people: people, tickets: tickets, seed: DemoOptions.standardSeed)
let bench = FoundationBenchmarks(options: options, path: dir + "/bench.db", clock: SystemClock(), report: report)
do {
    FileHandle.standardError.write(Data("allhands-bench: \(tickets) tickets, \(people) people in \(dir)\n".utf8))
    if !reuse || !FileManager.default.fileExists(atPath: dir + "/bench.db") {
        try bench.generation()
        try bench.demoIntoFile()
        try bench.bulkInsert(rows: 1_000_000)
    }
    try bench.queuePages()
    try bench.changePolling()
    try bench.openAndMigrate()
    try ReadDuringWriteBenchmarks(path: dir + "/bench.db", clock: SystemClock(), report: report).run()
    try JSONListingBenchmarks(path: dir + "/bench.db", clock: SystemClock(), report: report).ticketListJSON()
    let console = ConsoleBenchmarks(path: dir + "/bench.db", clock: SystemClock(), report: report)
    try console.firstFrame()
    try console.keystrokes()
    try console.terminalBytes()
    try CLIComparisonBenchmarks(path: dir + "/bench.db", report: report).ticketShow()
    report.add("process", "peak RSS", Measure.peakRSSMiB, "MiB")
    if json { try report.printJSON() } else { report.printTable() }
} catch {
    FileHandle.standardError.write(Data("allhands-bench: \(error)\n".utf8))
    exit(1)
}
