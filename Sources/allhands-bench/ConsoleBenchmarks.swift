import AllHandsConsole
import AllHandsCore
import Foundation
import TerminalUI

/// The console's figures on the big database: time to the first frame, time per keystroke
/// (key handling, data fetch, render, draw) through the virtual backend, and bytes sent to a
/// terminal through ncurses.
struct ConsoleBenchmarks {
    let path: String
    let clock: any Clock
    let report: Report
    static let size = Size(width: 200, height: 60)

    func openConsole(_ backend: any Backend) throws -> Console {
        let db = try Workspace.openDatabase(path: path, clock: clock)
        let workspace = try Workspace(database: db, config: .default, clock: clock, login: "bench")
        return try Console(workspace: workspace, backend: backend, clock: clock)
    }

    func firstFrame() throws {
        var consoles: [Console] = []
        let timing = try Measure.percentiles(11) { _ in
            let console = try openConsole(VirtualBackend(size: Self.size))
            console.draw()
            consoles.append(console)
        }
        var filled: [Double] = []
        for console in consoles {
            filled.append(try Measure.seconds {
                try console.finishLoading()
                console.draw()
            } * 1_000)
        }
        filled.sort()
        report.add("console", "open to first frame (queue, rotation), 200×60, p50", timing.p50, "ms", atMost: 100)
        report.add("console", "open to first frame, 200×60, worst of 11", timing.p99, "ms", atMost: 100)
        report.add("console", "then the tags pane filled in, p50", filled[filled.count / 2], "ms")
    }

    func keystrokes() throws {
        for (label, toggle) in [("working queue", false), ("all 1M tickets", true)] {
            let console = try openConsole(VirtualBackend(size: Self.size))
            if toggle { try console.handle(.character("a")) }
            console.draw()
            func measure(_ name: String, _ count: Int, _ keys: (Int) -> Key) throws {
                let t = try Measure.percentiles(count) { i in
                    try console.handle(keys(i))
                    console.draw()
                }
                report.add("console", "\(name) (\(label)), p50", t.p50, "ms")
                report.add("console", "\(name) (\(label)), p99", t.p99, "ms", atMost: 5)
            }
            try measure("scroll one line", 2_000) { _ in .character("j") }
            try measure("page down", 500) { _ in .pageDown }
            try measure("jump to end / top", 100) { i in i % 2 == 0 ? .character("G") : .character("g") }
        }
    }

    /// Frames through the real ncurses backend into a file standing in for the terminal.
    func terminalBytes() throws {
        let outputPath = NSTemporaryDirectory() + "allhands-bench-tty-\(getpid())"
        defer { unlink(outputPath) }
        guard let output = fopen(outputPath, "w"), let input = fopen("/dev/null", "r") else {
            throw BenchError("cannot open a file for the terminal output")
        }
        defer { fclose(output); fclose(input) }
        setenv("LINES", String(Self.size.height), 1)
        setenv("COLUMNS", String(Self.size.width), 1)
        let backend = NcursesBackend(terminalType: "xterm-256color", output: output, input: input)
        defer { backend.shutdown() }
        let console = try openConsole(backend)
        func written() -> Int {
            fflush(output)
            return Int(ftell(output))
        }
        console.draw()
        try console.finishLoading()
        console.draw()
        let first = written()
        // `j` from the top moves the selection inside the viewport; once the selection is on
        // the last row, every `j` scrolls the viewport by one line and every row changes.
        var moves: [Int] = [], scrolls: [Int] = []
        for _ in 0..<200 {
            let before = written(), top = console.queueTop
            try console.handle(.character("j"))
            console.draw()
            if console.queueTop == top { moves.append(written() - before) } else { scrolls.append(written() - before) }
        }
        let beforeIdle = written()
        for _ in 0..<10 { try console.tick() }
        let idle = written() - beforeIdle
        func median(_ v: [Int]) -> Double { v.isEmpty ? 0 : Double(v.sorted()[v.count / 2]) }
        report.add("terminal", "first frame, 200×60 (xterm-256color)", Double(first) / 1024, "KiB")
        report.add("terminal", "j moving the selection one line, median", median(moves), "bytes", atMost: 2_048)
        report.add("terminal", "j scrolling the viewport one line, median", median(scrolls), "bytes", atMost: 2_048)
        report.add("terminal", "10 idle ticks", Double(idle), "bytes", atMost: 0)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
