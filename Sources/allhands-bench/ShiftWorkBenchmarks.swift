import AllHandsCore
import Foundation
import Storage

/// Eight processes working the queue at once, as eight people on shift do (issue 8): each
/// picks a ticket from the first page of the Unassigned view, claims it, replies, tags it and
/// solves it, for a fixed time. The workers are this benchmark's own executable in a child mode
/// (`ShiftWorker`): each opens the database once, like a console, and times every domain call
/// that commits, so a latency is one write transaction as a person feels it — waiting for the
/// write lock, the work, the commit — without process start-up in it.
struct ShiftWorkBenchmarks {
    let path: String
    let clock: any Clock
    let report: Report
    let workers = 8
    let seconds = 10.0
    /// Unassigned tickets the run starts with: more than eight people get through in its time.
    let pool = 8_000

    func run() throws {
        let workspace = try Workspace(database: try Workspace.openDatabase(path: path, clock: clock), config: .default,
                                      clock: clock, login: "bench")
        // Support staff and leads may reply at any hour, so the run does not depend on the rota.
        let people = try workspace.people.list().filter { $0.active }
        let staff = (people.filter { $0.role == .support } + people.filter { $0.role == .lead }).prefix(workers).map(\.login)
        guard staff.count == workers else {
            throw BenchFailure("the bench database has \(staff.count) support people and leads; \(workers) are needed")
        }
        try fillUnassigned(workspace)
        let unassigned = try workspace.tickets.count(workspace.tickets.filter(for: .unassigned))
        let scratch = NSTemporaryDirectory() + "allhands-bench-workers-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Every worker opens the database first, then all start at the same instant.
        let start = Date().timeIntervalSince1970 + 2
        var pids: [pid_t] = []
        for (i, login) in staff.enumerated() {
            pids.append(try ChildProcess.spawn(ChildProcess.bench, [
                ShiftWorker.command, "--db", path, "--as", login, "--start", String(start),
                "--seconds", String(seconds), "--out", scratch + "/\(i).json",
            ]))
        }
        // While they work, the WAL's size every 50 ms: it must stay bounded without SQLite's
        // automatic checkpoint (Storage.WALState).
        var statuses: [Int32?] = Array(repeating: nil, count: pids.count)
        var largestWAL = 0
        while statuses.contains(where: { $0 == nil }) {
            usleep(50_000)
            largestWAL = max(largestWAL, Self.fileSize(path + "-wal"))
            for (i, pid) in pids.enumerated() where statuses[i] == nil { statuses[i] = ChildProcess.exitStatus(pid) }
        }
        var results: [ShiftWorker.Result] = []
        for (i, status) in statuses.compactMap({ $0 }).enumerated() {
            guard let data = FileManager.default.contents(atPath: scratch + "/\(i).json"),
                  let result = try? JSONDecoder().decode(ShiftWorker.Result.self, from: data) else {
                throw BenchFailure("shift worker \(i) (\(staff[i])) exited \(status) without a result")
            }
            if let failure = result.failure { throw BenchFailure("shift worker \(i) (\(staff[i])): \(failure)") }
            results.append(result)
        }
        let byAction = Dictionary(results.flatMap { $0.latencies }.map { ($0.key, $0.value) }, uniquingKeysWith: +)
        let all = ShiftWorker.actions.flatMap { byAction[$0] ?? [] }
        let checkpoints = results.flatMap(\.checkpoints)
        let lost = results.reduce(0) { $0 + $1.lostClaims }
        let busy = results.reduce(0) { $0 + $1.busy }
        let errors = results.flatMap(\.errors)
        let worked = results.reduce(0) { $0 + $1.tickets }
        let label = "\(workers) processes claim, reply, tag, solve for \(Int(seconds)) s"
        report.add("shift work", "\(label): commits", Double(all.count) / seconds, "commits/s")
        report.add("shift work", "commit latency, p50", Measure.quantile(all, 0.5), "ms")
        report.add("shift work", "commit latency, p99", Measure.quantile(all, 0.99), "ms", atMost: 20)
        report.add("shift work", "commit latency, worst of \(all.count)", Measure.quantile(all, 1), "ms")
        for action in ShiftWorker.actions {
            report.add("shift work", "\(action) commit latency, p99", Measure.quantile(byAction[action] ?? [], 0.99), "ms")
        }
        report.add("shift work", "checkpoints by the workers' maintenance (not in the commits)", Double(checkpoints.count),
                   "checkpoints")
        report.add("shift work", "checkpoint by maintenance, p50", Measure.quantile(checkpoints, 0.5), "ms")
        report.add("shift work", "checkpoint by maintenance, worst", Measure.quantile(checkpoints, 1), "ms")
        report.add("shift work", "largest WAL file during the run", Double(largestWAL) / 1_048_576, "MiB")
        report.add("shift work", "busy errors surfaced", Double(busy), "errors", atMost: 0)
        report.add("shift work", "other errors", Double(errors.count), "errors", atMost: 0)
        report.add("shift work", "claims lost to another worker (told who won)", Double(lost), "claims")
        report.add("shift work", "tickets worked through (of \(unassigned) unassigned)", Double(worked), "tickets")
        for error in Set(errors).sorted().prefix(5) {
            FileHandle.standardError.write(Data("  worker error: \(error)\n".utf8))
        }
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Releases held active tickets (the newest first, through the domain, not timed) until the
    /// Unassigned view holds `pool` tickets: the demo leaves only a working queue's worth.
    private func fillUnassigned(_ workspace: Workspace) throws {
        let missing = pool - (try workspace.tickets.count(workspace.tickets.filter(for: .unassigned)))
        guard missing > 0 else { return }
        let held = try workspace.database.fetchAll("""
            SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending') AND assignee_id IS NOT NULL
            ORDER BY id DESC LIMIT ?
            """, missing) { $0.int(0) }
        for id in held { try workspace.tickets.release(id: id) }
        FileHandle.standardError.write(Data("  (released \(held.count) held tickets to the queue first)\n".utf8))
    }
}

/// The child mode of the benchmark: one person on shift working the queue through the domain
/// API until a deadline, timing each call that commits. Writes its `Result` as JSON to `--out`.
enum ShiftWorker {
    static let command = "shift-worker"
    static let actions = ["claim", "reply", "tag", "solve"]

    struct Result: Codable {
        /// Milliseconds of each committed write, by action.
        var latencies: [String: [Double]] = [:]
        /// Milliseconds of each checkpoint the worker's maintenance ran between tickets.
        var checkpoints: [Double] = []
        var tickets = 0
        /// Claims refused because another worker got the ticket first (nothing written).
        var lostClaims = 0
        /// Writes that failed because the database stayed locked past the busy timeout.
        var busy = 0
        /// Any other refusal or failure, described.
        var errors: [String] = []
        /// Why the worker could not run at all.
        var failure: String?
    }

    static func main(_ arguments: [String]) -> Int32 {
        func option(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        guard let path = option("--db"), let login = option("--as"), let out = option("--out"),
              let start = option("--start").flatMap(Double.init), let seconds = option("--seconds").flatMap(Double.init) else {
            FileHandle.standardError.write(Data("usage: allhands-bench \(command) --db PATH --as LOGIN --start EPOCH --seconds S --out FILE\n".utf8))
            return 64
        }
        var result = Result()
        do {
            try work(path: path, login: login, start: start, deadline: start + seconds, into: &result)
        } catch {
            result.failure = String(describing: error)
        }
        return ChildProcess.finish(result, failed: result.failure != nil, to: out)
    }

    private static func work(path: String, login: String, start: Double, deadline: Double, into result: inout Result) throws {
        let clock = SystemClock()
        let database = try Workspace.openDatabase(path: path, clock: clock, create: false)
        let workspace = try Workspace(database: database, config: .default, clock: clock, login: "bench", actAs: login)
        let tickets = workspace.tickets
        let unassigned = tickets.filter(for: .unassigned)
        let wait = start - Date().timeIntervalSince1970
        if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
        var round = 0
        while Date().timeIntervalSince1970 < deadline {
            round += 1
            // What a person sees first; several pick the same ticket now and then, and all but
            // one are told who got it.
            guard let ticket = try tickets.page(unassigned, limit: 50).randomElement() else {
                result.errors.append("the Unassigned view is empty")
                return
            }
            guard timed("claim", &result, { try tickets.claim(id: ticket.id) }) else { continue }
            result.tickets += 1
            let body = "Hi, thanks for writing. I'm looking at this now and will get back to you today. (bench \(login) \(round))"
            _ = timed("reply", &result) { try tickets.reply(id: ticket.id, body: body) }
            _ = timed("tag", &result) { try tickets.tag(id: ticket.id, ["area:billing", "type:question"]) }
            _ = timed("solve", &result) { try tickets.setStatus(id: ticket.id, .solved) }
            // What a console does on its idle tick (here between two tickets; the worker is never
            // idle): a checkpoint when one is due. Not a commit, but inside the run's time.
            let begin = DispatchTime.now().uptimeNanoseconds
            if workspace.maintain() {
                result.checkpoints.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            }
        }
    }

    /// Runs one committing call; records its time when it committed, or what refused it.
    private static func timed(_ action: String, _ result: inout Result, _ body: () throws -> Void) -> Bool {
        let begin = DispatchTime.now().uptimeNanoseconds
        do {
            try body()
        } catch AllHandsError.alreadyClaimed {
            result.lostClaims += 1
            return false
        } catch AllHandsError.database(let error) where error.kind == .busy {
            result.busy += 1
            return false
        } catch let error as DatabaseError where error.kind == .busy {
            result.busy += 1
            return false
        } catch {
            result.errors.append("\(action): \(error)")
            return false
        }
        result.latencies[action, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
        return true
    }
}
