import AllHandsCore
import Foundation

/// `allhands ticket list --status all --json` over the whole bench database, run as a child
/// process the way a script would: rows per second and the child's peak RSS (target ≥ 200k
/// rows/s in ≤ 50 MB, whatever the number of tickets, since rows are streamed).
struct JSONListingBenchmarks {
    let path: String
    let clock: any Clock
    let report: Report

    var binary: String { ChildProcess.allhands }

    func ticketListJSON() throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            FileHandle.standardError.write(Data("  (skipped: no allhands binary at \(binary))\n".utf8))
            return
        }
        let total = try ChildProcess.admitRunner(to: path, clock: clock).tickets.count(TicketFilter(statuses: .all))
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
        var result = Run()
        let start = DispatchTime.now().uptimeNanoseconds
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(binary, arguments, stdout: pipeFDs[1], closing: pipeFDs[0])
        } catch {
            close(pipeFDs[0])
            close(pipeFDs[1])
            throw error
        }
        close(pipeFDs[1])
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
        result.status = ChildProcess.wait(pid)
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
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
