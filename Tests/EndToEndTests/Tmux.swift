import Foundation
import TestSupport
import XCTest

/// A tmux server of our own (private socket, no user config) running one command in a window
/// of a given size, read back with `capture-pane`. Waits poll with a deadline; nothing sleeps a
/// fixed time. The pane stays after the command ends, so the restored screen can be read.
///
/// The command's pid and exit status are written to files by the shell around it (tmux's own
/// `#{pane_dead_status}` is unreliable: tmux 3.3 sometimes leaves the exited command a zombie).
/// The shell writes its pid, then `exec`s the command, so the pid is the command's own.
final class Tmux {
    let socket = "allhands-test-\(UUID().uuidString.prefix(8))"
    let session = "console"
    private let dir = TemporaryDirectory("allhands-tmux")

    static var available: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private var pidFile: String { dir.file("pid") }
    private var statusFile: String { dir.file("status") }

    /// Runs the program `arguments[0]` with the rest as its arguments (no shell parsing).
    init(_ arguments: [String], width: Int, height: Int) throws {
        let config = dir.file("tmux.conf")
        try Data("set -g remain-on-exit on\n".utf8).write(to: URL(fileURLWithPath: config))
        let run = "echo $$ > \(Self.quote(pidFile)); exec " + arguments.map(Self.quote).joined(separator: " ")
        let part = Self.quote(statusFile + ".part")
        let command = "sh -c \(Self.quote(run)); echo $? > \(part); mv \(part) \(Self.quote(statusFile))"
        let status = try ProcessRunner.runDiscardingOutput("/usr/bin/env", ["tmux", "-L", socket, "-f", config,
            "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        guard status == 0 else { throw TmuxError(message: "tmux new-session exited \(status)") }
    }

    /// `text` as one shell word.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
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

    private static func read(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process id of the command (written just before it started).
    func pid() throws -> pid_t {
        let text = Self.read(pidFile) ?? ""
        guard let pid = pid_t(text), pid > 0 else { throw TmuxError(message: "no pid in \(pidFile): '\(text)'") }
        return pid
    }

    /// How the command ended: its exit status (128 + n for signal n), or nil while it runs.
    func exitStatus() -> Int32? {
        Self.read(statusFile).flatMap { Int32($0) }
    }

    /// Polls until the command has ended; returns its exit status, or nil on time-out (a failure).
    func waitForExit(seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = exitStatus() { return status }
            usleep(20_000)
        }
        XCTFail("the command did not exit within \(seconds) s; screen was:\n\(try screen())", file: file, line: line)
        return nil
    }

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

    /// Waits for an exact piece of screen text: a pane title, a notice, a layout marker. Never
    /// pass words that ticket content may hold.
    func waitFor(text: String, seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor("'\(text)'", seconds: seconds, file: file, line: line) { $0.contains(text) }
    }
}

struct TmuxError: Error { let message: String }
