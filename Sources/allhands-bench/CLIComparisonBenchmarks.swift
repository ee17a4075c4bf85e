import AllHandsCore
import Foundation

/// The CLI as a user runs it, against the `sqlite3` shell running the same reads: the ratio says
/// what allhands' own start-up (open, schema check, identity, formatting) adds to SQLite's.
struct CLIComparisonBenchmarks {
    let path: String
    let report: Report
    let runs = 21

    var allhands: String { ChildProcess.allhands }

    func ticketShow() throws {
        let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard FileManager.default.isExecutableFile(atPath: allhands), let sqlite3 else {
            FileHandle.standardError.write(Data("  (skipped ticket show vs sqlite3: needs the allhands binary and sqlite3)\n".utf8))
            return
        }
        try ChildProcess.admitRunner(to: path, clock: SystemClock())
        let id = "4242"
        let sql = """
            SELECT t.id, t.subject, t.status, t.priority, c.name, c.email, c.organization, p.login, t.created_at, t.version
            FROM tickets t JOIN customers c ON c.id = t.requester_id LEFT JOIN people p ON p.id = t.assignee_id WHERE t.id = \(id);
            SELECT g.name, g.dimension FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = \(id);
            SELECT m.id, m.kind, coalesce(p.login, c.name, ''), m.body, m.created_at FROM messages m
            LEFT JOIN people p ON p.id = m.author_person_id LEFT JOIN customers c ON c.id = m.author_customer_id
            WHERE m.ticket_id = \(id) ORDER BY m.created_at, m.id;
            """
        let ours = try median { try run(allhands, ["--db", path, "ticket", "show", id]) }
        let theirs = try median { try run(sqlite3, [path, sql]) }
        report.add("cli", "ticket show (allhands binary), median of \(runs)", ours, "ms")
        report.add("cli", "the same reads in the sqlite3 shell, median of \(runs)", theirs, "ms")
        report.add("cli", "allhands ticket show / sqlite3", ours / theirs, "×")
    }

    private func median(_ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try Measure.seconds(body) * 1_000) }
        return samples.sorted()[runs / 2]
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let status = ChildProcess.wait(try ChildProcess.spawn(executable, arguments))
        guard status == 0 else { throw BenchFailure("\(executable) \(arguments.prefix(4).joined(separator: " ")) exited \(status)") }
    }
}
