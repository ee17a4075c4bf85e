import AllHandsCore
import Foundation

/// allhands-bench: builds a big demo database and measures what users would feel.
/// Run with `swift run -c release allhands-bench [--tickets N] [--people N] [--dir PATH] [--json] [--reuse]
/// [--only SECTION,…]`.
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
// A child mode: one of the shift-work benchmark's workers (see `ShiftWorker`).
if arguments.first == ShiftWorker.command { exit(ShiftWorker.main(arguments)) }
// A child mode: one of the fifty consoles of the live benchmark (see `ConsoleWorker`).
if arguments.first == ConsoleWorker.command { exit(ConsoleWorker.main(arguments)) }
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
/// `--only a,b` runs only the named sections (with `--reuse`, to measure one thing again).
let sections = ["queue", "live", "open", "read-during-write", "json", "search", "console", "console-actions",
                "shift-work", "cli", "tags", "listen", "rotation", "report"]
let only = option("--only").map { Set($0.split(separator: ",").map(String.init)) }
func wanted(_ section: String) -> Bool { only?.contains(section) ?? true }
do {
    FileHandle.standardError.write(Data("allhands-bench: \(tickets) tickets, \(people) people in \(dir)\n".utf8))
    if let unknown = only?.subtracting(sections).first {
        throw BenchFailure("unknown section \(unknown) for --only (sections: \(sections.joined(separator: ", ")))")
    }
    if !reuse || !FileManager.default.fileExists(atPath: dir + "/bench.db") {
        try bench.generation()
        try bench.demoIntoFile()
        try bench.bulkInsert(rows: 1_000_000)
    }
    let path = dir + "/bench.db"
    if wanted("queue") { try bench.queuePages() }
    if wanted("live") {
        try bench.changePolling()
        try LiveBenchmarks(path: path, report: report).run()
    }
    if wanted("open") { try bench.openAndMigrate() }
    if wanted("read-during-write") { try ReadDuringWriteBenchmarks(path: path, clock: SystemClock(), report: report).run() }
    if wanted("json") { try JSONListingBenchmarks(path: path, clock: SystemClock(), report: report).ticketListJSON() }
    if wanted("search") { try SearchBenchmarks(path: path, clock: SystemClock(), report: report).run() }
    let console = ConsoleBenchmarks(path: path, clock: SystemClock(), report: report)
    if wanted("console") {
        try console.firstFrame()
        try console.keystrokes()
        try console.terminalBytes()
    }
    if wanted("console-actions") { try console.ticketActions() }
    if wanted("shift-work") { try ShiftWorkBenchmarks(path: path, clock: SystemClock(), report: report).run() }
    if wanted("cli") { try CLIComparisonBenchmarks(path: path, report: report).ticketShow() }
    // The weekly report (issue 11): reads only.
    if wanted("report") { try ReportBenchmarks(path: path, report: report).run() }
    // Late: it adds 500 tags to the bench database.
    if wanted("tags") { try TagBenchmarks(path: path, report: report).run() }
    // Late: it adds listening sessions, insights and notes to the bench database.
    if wanted("listen") { try ListenBenchmarks(path: path, report: report).run() }
    // Last: it plans a quarter into the bench database.
    if wanted("rotation") { try RotationBenchmarks(path: path, report: report).run() }
    report.add("process", "peak RSS", Measure.peakRSSMiB, "MiB")
    if json { try report.printJSON() } else { report.printTable() }
} catch {
    FileHandle.standardError.write(Data("allhands-bench: \(error)\n".utf8))
    exit(1)
}
