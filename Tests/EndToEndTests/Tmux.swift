import Foundation
import TestSupport
import XCTest

/// A tmux server of our own (private socket) running a command in a window of a given size,
/// read back with `capture-pane`. Waits poll with a deadline; nothing sleeps a fixed time.
final class Tmux {
    let socket = "allhands-test-\(UUID().uuidString.prefix(8))"
    let session = "console"

    static var available: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(command: String, width: Int, height: Int) throws {
        let status = try ProcessRunner.runDiscardingOutput("/usr/bin/env", ["tmux", "-L", socket, "new-session", "-d",
            "-s", session, "-x", String(width), "-y", String(height), command])
        guard status == 0 else { throw TmuxError(message: "tmux new-session exited \(status)") }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
        guard result.status == 0 else { throw TmuxError(message: "tmux \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    func screen() throws -> String { try tmux(["capture-pane", "-t", session, "-p"]) }

    /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(20_000)
        }
        XCTFail("timed out waiting for \(what); screen was:\n\(last)", file: file, line: line)
        return last
    }

    func waitFor(text: String, seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor("'\(text)'", seconds: seconds, file: file, line: line) { $0.contains(text) }
    }
}

struct TmuxError: Error { let message: String }
