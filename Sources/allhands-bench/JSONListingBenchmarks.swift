import AllHandsCore
import Foundation

/// `allhands ticket list --status all --json` over the whole bench database, run as a child
/// process the way a script would: rows per second and the child's peak RSS (target ≥ 200k
/// rows/s in ≤ 50 MB, whatever the number of tickets, since rows are streamed).
struct JSONListingBenchmarks {
    let path: String
    let clock: any Clock
    let report: Report

    /// The `allhands` binary built beside this one.
    var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("allhands").path
    }

    func ticketListJSON() throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            FileHandle.standardError.write(Data("  (skipped: no allhands binary at \(binary))\n".utf8))
            return
        }
        let total = try ensureMember()
        let result = try run(["--db", path, "ticket", "list", "--status", "all", "--json", "--limit", "1000000"])
        guard result.status == 0 else {
            throw BenchFailure("allhands ticket list exited \(result.status)")
        }
        if result.rows != min(total, 1_000_000) {
            throw BenchFailure("ticket list --json printed \(result.rows) rows of \(total)")
        }
        let label = "ticket list --status all --json (\(result.rows) rows, child process)"
        report.add("cli", label + " rate", Double(result.rows) / result.seconds, "rows/s", atLeast: 200_000)
        report.add("cli", label + " peak RSS", result.peakRSSMiB, "MiB", atMost: 50)
        report.add("cli", label + " output", Double(result.bytes) / 1_048_576, "MiB")
    }

    /// The bench database is made by the login "bench"; the child runs as this OS user, who
    /// must be a person in it. Returns the number of tickets.
    private func ensureMember() throws -> Int {
        let db = try Workspace.openDatabase(path: path, clock: clock)
        let workspace = try Workspace(database: db, config: .default, clock: clock, login: "bench")
        if let me = OSIdentity.currentLogin(), try workspace.people.find(login: me) == nil {
            try workspace.people.add(Person(login: me, name: me, role: .admin))
        }
        return try workspace.tickets.count(TicketFilter(statuses: .all))
    }

    struct Run {
        var status: Int32 = -1
        var rows = 0
        var bytes = 0
        var seconds = 0.0
        var peakRSSMiB = 0.0
    }

    /// Spawns the binary with stdout on a pipe read here (counting rows: each ends with a
    /// line `  }` at the array's depth), stderr discarded. The child's peak RSS is its VmHWM,
    /// read while it streams: `wait4`'s `ru_maxrss` would include this process's, inherited
    /// through `posix_spawn`'s shared address space before exec.
    private func run(_ arguments: [String]) throws -> Run {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw BenchFailure("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var result = Run()
        let start = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        close(pipeFDs[1])
        guard rc == 0 else {
            close(pipeFDs[0])
            throw BenchFailure("posix_spawn failed: \(rc)")
        }
        // The row end `\n  }` may straddle two reads: carry the last three bytes over.
        let rowEnd: [UInt8] = [0x0A, 0x20, 0x20, 0x7D]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var carry: [UInt8] = []
        var reads = 0
        while true {
            if reads % 16 == 0, let hwm = Self.peakRSSMiB(of: pid) { result.peakRSSMiB = max(result.peakRSSMiB, hwm) }
            reads += 1
            let count = buffer.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            result.bytes += count
            let window = carry + buffer[0..<count]
            var i = 0
            while i + 4 <= window.count {
                if window[i] == rowEnd[0], window[i + 1] == rowEnd[1], window[i + 2] == rowEnd[2], window[i + 3] == rowEnd[3] {
                    result.rows += 1
                    i += 4
                } else {
                    i += 1
                }
            }
            carry = Array(window[i...])
        }
        close(pipeFDs[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        result.status = (status >> 8) & 0xff
        return result
    }

    /// `VmHWM` of a running process, in MiB.
    static func peakRSSMiB(of pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kib / 1024
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
