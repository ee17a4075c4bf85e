import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI

/// What another process's commit costs the consoles that watch (issue 10): one console's whole
/// refresh (the tick that polls, reloads the regions that moved, and draws) after a tag change,
/// a reply and a heartbeat; fifty consoles running the real loop while the CLI commits five
/// times a second; and what keeping the counts adds to a tag change's commit.
struct LiveBenchmarks {
    let path: String
    let report: Report
    let clock: any Clock = SystemClock()
    let samples = 300
    let consoles = 50
    let commitsPerSecond = 5.0
    let busySeconds = 20.0
    let idleSeconds = 10.0

    func run() throws {
        try refreshAfterAnotherCommit()
        try countingCost()
        // The console's default tick, then a slower one: what coalescing commits would save.
        try manyConsoles(tickMilliseconds: Configuration.default.console.tickMilliseconds, target: 25)
        try manyConsoles(tickMilliseconds: 500, target: nil)
    }

    // MARK: - One console's refresh

    func refreshAfterAnotherCommit() throws {
        let console = try ConsoleBenchmarks(path: path, clock: clock, report: report)
            .openConsole(VirtualBackend(size: ConsoleBenchmarks.size))
        try console.finishLoading()
        console.draw()
        let other = try Self.support(path: path, clock: clock)
        // Tickets on the console's first page: every change lands where the console looks.
        let visible = try other.tickets.page(other.tickets.filter(for: console.state.view), limit: 20).map(\.id)
        guard !visible.isEmpty else { throw BenchFailure("the console's view is empty") }
        let changes: [(name: String, commit: (Int) throws -> Void)] = [
            ("a tag change", { i in
                let id = visible[(i / 2) % visible.count]
                if i % 2 == 0 { try other.tickets.tag(id: id, ["vip"]) } else { try other.tickets.untag(id: id, ["vip"]) }
            }),
            ("a reply", { i in
                _ = try other.tickets.reply(id: visible[i % visible.count], body: "Still on it, thanks for waiting (bench \(i)).")
            }),
            ("a presence heartbeat", { i in
                try other.presence.heartbeat(ticketID: visible[i % visible.count], activity: .viewing)
            }),
        ]
        for (name, commit) in changes {
            // A console runs for hours: its caches are warm when a commit comes.
            for i in 0..<30 {
                try commit(samples + i)
                try console.tick()
            }
            let before = console.reloads
            var times: [Double] = []
            for i in 0..<samples {
                try commit(i)
                other.maintain()
                times.append(try Measure.seconds { try console.tick() } * 1_000)
            }
            let reloaded = ChangeRegion.allCases.compactMap { region -> String? in
                let n = (console.reloads[region] ?? 0) - (before[region] ?? 0)
                return n == 0 ? nil : "\(region.rawValue) \(n)"
            }.joined(separator: ", ")
            FileHandle.standardError.write(Data("  (\(name): reloaded \(reloaded.isEmpty ? "nothing" : reloaded) in \(samples) ticks)\n".utf8))
            report.add("live", "a console's whole refresh after another's commit (\(name)), p50", Measure.quantile(times, 0.5), "ms")
            report.add("live", "a console's whole refresh after another's commit (\(name)), p99", Measure.quantile(times, 0.99), "ms",
                       atMost: 2)
        }
        let frame = Measure.percentiles(300) { _ in console.draw() }
        report.add("live", "of a refresh: drawing the frame (200×60, virtual backend), p50", frame.p50, "ms")
        report.add("live", "of a refresh: drawing the frame, p99", frame.p99, "ms")
        var board = try other.tags.board()
        let tags = try Measure.percentiles(100) { _ in board = try other.tags.board(after: board) }
        report.add("live", "of a refresh: the tags board after the previous one (TagService.board(after:)), p50", tags.p50, "ms")
        report.add("live", "of a refresh: the tags board after the previous one, p99", tags.p99, "ms")
        let filter = other.tickets.filter(for: console.state.view)
        let page = try Measure.percentiles(300) { _ in _ = try other.tickets.page(filter, limit: 76) }
        report.add("live", "of a refresh: the queue's viewport and margin (76 tickets with their tags), p50", page.p50, "ms")
        let views = try Measure.percentiles(300) { _ in _ = try other.tickets.viewCounts() }
        report.add("live", "of a refresh: the view bar's counts, p99", views.p99, "ms")
    }

    /// A support person of the bench company (they may reply at any hour), on its own connection.
    static func support(path: String, clock: any Clock) throws -> Workspace {
        let bench = try Workspace(database: try Workspace.openDatabase(path: path, clock: clock), config: .default,
                                  clock: clock, login: "bench")
        guard let login = try bench.people.list().first(where: { $0.active && $0.role == .support })?.login else {
            throw BenchFailure("the bench database has no support person")
        }
        return try Workspace(database: try Workspace.openDatabase(path: path, clock: clock), config: .default, clock: clock,
                             login: "bench", actAs: login)
    }

    // MARK: - What keeping the counts costs a commit

    /// Tag and untag commits (and solving and reopening) on active tickets across the queue,
    /// on the bench database, then on a copy with the counting triggers dropped.
    func countingCost() throws {
        let with = try commitTimes(path: path)
        let copy = path + ".uncounted"
        let files = ["", "-wal", "-shm"].map { copy + $0 }
        for file in files { try? FileManager.default.removeItem(atPath: file) }
        defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        let source = try Workspace.openDatabase(path: path, clock: clock)
        try source.checkpoint()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let uncounted = try Workspace.openDatabase(path: copy, clock: clock)
        let dropped = try uncounted.write { db in
            try db.fetchAll("""
                SELECT name FROM sqlite_master WHERE type = 'trigger'
                    AND (name GLOB 'tag_open_counts_*' OR name GLOB 'ticket_counts_*' OR name GLOB 'change_counters_*')
                """) { $0.string(0) }.map { name in
                try db.execute("DROP TRIGGER \"\(name)\"")
                return name
            }
        }
        let without = try commitTimes(path: copy)
        for (action, times) in with.sorted(by: { $0.key < $1.key }) {
            let plain = without[action] ?? []
            report.add("live", "\(action) commit with the counting triggers, p50", Measure.quantile(times, 0.5), "ms")
            report.add("live", "\(action) commit with the counting triggers, p99", Measure.quantile(times, 0.99), "ms")
            report.add("live", "\(action) commit without them (\(dropped.count) triggers dropped), p50",
                       Measure.quantile(plain, 0.5), "ms")
            report.add("live", "\(action) commit without them, p99", Measure.quantile(plain, 0.99), "ms")
        }
    }

    private func commitTimes(path: String) throws -> [String: [Double]] {
        let ws = try Self.support(path: path, clock: clock)
        let ids = try ws.database.read { db in
            try db.fetchAll("""
                SELECT id FROM tickets WHERE status = 'open' ORDER BY (id * 7919) % 1000003 LIMIT ?
                """, samples / 2) { $0.int(0) }
        }
        var times: [String: [Double]] = [:]
        func time(_ action: String, _ body: () throws -> Void) throws {
            times[action, default: []].append(try Measure.seconds(body) * 1_000)
            ws.maintain()
        }
        for id in ids {
            try time("tag change (tag, untag)") { try ws.tickets.tag(id: id, ["vip"]) }
            try time("tag change (tag, untag)") { try ws.tickets.untag(id: id, ["vip"]) }
            try time("status change (solve, reopen)") { _ = try ws.tickets.setStatus(id: id, .solved) }
            try time("status change (solve, reopen)") { _ = try ws.tickets.setStatus(id: id, .open) }
        }
        return times
    }

    // MARK: - Fifty consoles

    /// Fifty consoles (this benchmark's own executable in the child mode `ConsoleWorker`, each
    /// running the console's real loop with a 250 ms tick on a backend that waits for keys like
    /// a terminal) on the bench database: their CPU while nothing happens, then while the CLI
    /// tags and untags tickets on their first page five times a second.
    func manyConsoles(tickMilliseconds: Int, target: Double?) throws {
        let allhands = ChildProcess.allhands
        guard FileManager.default.isExecutableFile(atPath: allhands) else {
            FileHandle.standardError.write(Data("  (skipped 50 consoles: needs the allhands binary beside the benchmark)\n".utf8))
            return
        }
        let runner = try ChildProcess.admitRunner(to: path, clock: clock)
        let scratch = NSTemporaryDirectory() + "allhands-bench-consoles-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let stop = scratch + "/stop"
        var pids: [pid_t] = []
        defer {
            _ = FileManager.default.createFile(atPath: stop, contents: nil)
            for pid in pids { _ = ChildProcess.wait(pid) }
        }
        for i in 0..<consoles {
            pids.append(try ChildProcess.spawn(ChildProcess.bench, [
                ConsoleWorker.command, "--db", path, "--stop", stop, "--out", scratch + "/\(i).json",
                "--tick", String(tickMilliseconds),
            ]))
        }
        // Every console has drawn its first frame and filled its tags pane.
        let openDeadline = Date().addingTimeInterval(300)
        while (0..<consoles).contains(where: { !FileManager.default.fileExists(atPath: scratch + "/\($0).json.ready") }) {
            if Date() > openDeadline { throw BenchFailure("the consoles did not all open within 300 s") }
            if let i = pids.indices.first(where: { ChildProcess.exitStatus(pids[$0]) != nil }) {
                throw BenchFailure("console \(i) ended before it was ready")
            }
            usleep(100_000)
        }
        usleep(2_000_000)
        let idle = try cpu(of: pids, for: idleSeconds) {}
        let label = "\(consoles) consoles (tick \(tickMilliseconds) ms)"
        report.add("live", "\(label) open on the bench database, nothing committed: CPU", idle, "% of a core")

        let visible = try runner.tickets.page(runner.tickets.filter(for: .allOpen), limit: 20).map(\.id)
        var commits = 0, failures = 0
        var running: [pid_t] = []
        let start = Date()
        let busy = try cpu(of: pids, for: busySeconds) {
            while Date().timeIntervalSince(start) < busySeconds {
                let due = start.addingTimeInterval(Double(commits) / commitsPerSecond)
                let wait = due.timeIntervalSinceNow
                if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
                let id = visible[(commits / 2) % visible.count]
                running.append(try ChildProcess.spawn(allhands, [
                    "--db", path, "ticket", commits % 2 == 0 ? "tag" : "untag", String(id), "vip",
                ]))
                commits += 1
                running.removeAll { pid in
                    guard let status = ChildProcess.exitStatus(pid) else { return false }
                    if status != 0 { failures += 1 }
                    return true
                }
            }
        }
        for pid in running where ChildProcess.wait(pid) != 0 { failures += 1 }
        _ = FileManager.default.createFile(atPath: stop, contents: nil)
        var refreshes: [Double] = []
        for (i, pid) in pids.enumerated() {
            let status = ChildProcess.wait(pid)
            guard let data = FileManager.default.contents(atPath: scratch + "/\(i).json"),
                  let result = try? JSONDecoder().decode(ConsoleWorker.Result.self, from: data) else {
                throw BenchFailure("console \(i) exited \(status) without a result")
            }
            if let failure = result.failure { throw BenchFailure("console \(i): \(failure)") }
            refreshes.append(Double(result.reloads[ChangeRegion.queue.rawValue] ?? 0))
        }
        pids = []
        report.add("live", "\(label), the CLI committing \(Int(commitsPerSecond))/s (\(commits) tags and untags): CPU",
                   busy, "% of a core", atMost: target)
        report.add("live", "\(label): CLI commits that failed", Double(failures), "commits", atMost: 0)
        report.add("live", "\(label): queue reloads per console during the run, median", Measure.quantile(refreshes, 0.5), "reloads")
    }

    /// The CPU the processes used while `body` ran (and at least `seconds`), in % of one core.
    private func cpu(of pids: [pid_t], for seconds: Double, _ body: () throws -> Void) throws -> Double {
        let before = pids.map(Self.cpuTicks), start = Date()
        try body()
        let left = seconds - Date().timeIntervalSince(start)
        if left > 0 { usleep(UInt32(left * 1_000_000)) }
        let elapsed = Date().timeIntervalSince(start)
        let used = zip(pids.map(Self.cpuTicks), before).reduce(0) { $0 + ($1.0 - $1.1) }
        return Double(used) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100
    }

    /// User and system time of a process so far, in clock ticks (`/proc/PID/stat` fields 14, 15).
    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = text.lastIndex(of: ")") else { return 0 }
        // After the command name in parentheses: state is field 3, utime 14, stime 15.
        let fields = text[text.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }
}

/// The child mode of the fifty-console benchmark: one console on the database running the real
/// loop (`Console.run`) until a stop file appears. It writes `--out`.ready once its first frame
/// and tags pane are drawn, and at the end its reload counts as JSON to `--out`.
enum ConsoleWorker {
    static let command = "console-worker"

    struct Result: Codable {
        var reloads: [String: Int] = [:]
        var failure: String?
    }

    static func main(_ arguments: [String]) -> Int32 {
        func option(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        guard let path = option("--db"), let stop = option("--stop"), let out = option("--out") else {
            FileHandle.standardError.write(Data("usage: allhands-bench \(command) --db PATH --stop FILE --out FILE [--tick MS]\n".utf8))
            return 64
        }
        var result = Result()
        do {
            let clock = SystemClock()
            let workspace = try Workspace(database: try Workspace.openDatabase(path: path, clock: clock, create: false),
                                          config: .default, clock: clock, login: "bench")
            let console = try Console(workspace: workspace, backend: WaitingBackend(size: ConsoleBenchmarks.size), clock: clock)
            console.draw()
            try console.finishLoading()
            console.draw()
            _ = FileManager.default.createFile(atPath: out + ".ready", contents: nil)
            let deadline = Date().addingTimeInterval(600)
            let tick = option("--tick").flatMap(Int.init) ?? workspace.config.console.tickMilliseconds
            try console.run(tickMilliseconds: tick) {
                FileManager.default.fileExists(atPath: stop) || Date() > deadline
            }
            result.reloads = Dictionary(uniqueKeysWithValues: console.reloads.map { ($0.key.rawValue, $0.value) })
        } catch {
            result.failure = String(describing: error)
        }
        return ChildProcess.finish(result, failed: result.failure != nil, to: out)
    }
}

/// A terminal nobody types into: frames go to a virtual grid, and waiting for a key waits the
/// whole timeout, as a real terminal's read does.
final class WaitingBackend: Backend {
    private let virtual: VirtualBackend
    init(size: Size) { virtual = VirtualBackend(size: size) }
    var size: Size { virtual.size }
    func draw(_ grid: Grid) { virtual.draw(grid) }
    func readKey(timeoutMilliseconds: Int) -> Key? {
        if timeoutMilliseconds > 0 { usleep(UInt32(timeoutMilliseconds) * 1_000) }
        return nil
    }
    func suspend() {}
    func resume() {}
    func shutdown() {}
}
