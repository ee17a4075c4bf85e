import AllHandsCore
import Foundation
import Storage

/// Read commands while another connection holds the write lock (a demo load, an import, a long
/// transaction): each sample does what `allhands ticket list` does — open without creating,
/// resolve who is acting, read a page of the working queue and its count — on a new connection.
/// Reads must never wait for the writer, so each reader's busy timeout is cut to
/// `patienceMilliseconds`: a read that waited longer is counted as failed instead of stalling
/// the run for 5 s.
struct ReadDuringWriteBenchmarks {
    let path: String
    let clock: any Clock
    let report: Report
    let login = "bench"
    let samples = 200
    static let patienceMilliseconds = 100

    func run() throws {
        let idle = measure(readLikeTicketList)
        report.add("read during write", "ticket list equivalent, no writer, p50", idle.p50, "ms")
        // The writer is a second connection of this process: SQLite's locks behave between two
        // connections of one process as between two processes.
        let writer = try Database(path: path)
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("UPDATE tickets SET updated_at = updated_at WHERE id = (SELECT min(id) FROM tickets)")
        let opens = measure(openOnly)
        let held = measure(readLikeTicketList)
        try writer.execute("ROLLBACK")
        add("open (no create) while a write lock is held", opens)
        add("ticket list equivalent while a write lock is held", held)
    }

    private func add(_ what: String, _ result: (p50: Double, p99: Double, failures: Int, firstError: String?)) {
        if !result.p50.isNaN {
            report.add("read during write", "\(what), p50", result.p50, "ms")
            report.add("read during write", "\(what), p99", result.p99, "ms", atMost: Double(Self.patienceMilliseconds))
        }
        report.add("read during write", "\(what): failed or waited (of \(samples))", Double(result.failures), "reads",
                   atMost: 0)
        if let error = result.firstError {
            FileHandle.standardError.write(Data("  first failure: \(error)\n".utf8))
        }
    }

    private func measure(_ body: () throws -> Void) -> (p50: Double, p99: Double, failures: Int, firstError: String?) {
        var timings: [Double] = []
        var failures = 0
        var firstError: String?
        for _ in 0..<samples {
            do {
                timings.append(try Measure.seconds(body) * 1_000)
            } catch {
                failures += 1
                if firstError == nil { firstError = "\(error)" }
            }
        }
        timings.sort()
        guard !timings.isEmpty else { return (.nan, .nan, failures, firstError) }
        return (timings[timings.count / 2], timings[min(timings.count - 1, Int(Double(timings.count) * 0.99))],
                failures, firstError)
    }

    private func openOnly() throws {
        let db = try Workspace.openDatabase(path: path, clock: clock, create: false)
        try db.execute("PRAGMA busy_timeout = \(Self.patienceMilliseconds)")
        _ = try db.read { try $0.fetchInt("SELECT count(*) FROM tickets WHERE id = 1") }
    }

    private func readLikeTicketList() throws {
        let db = try Workspace.openDatabase(path: path, clock: clock, create: false)
        try db.execute("PRAGMA busy_timeout = \(Self.patienceMilliseconds)")
        let workspace = try Workspace(database: db, config: .default, clock: clock, login: login)
        _ = try workspace.tickets.page(.activeQueue, limit: 50)
        _ = try workspace.tickets.count(.activeQueue)
    }
}
