import Foundation

/// Runs a built product of this package (`allhands`) as a child process, as a user would.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum Products {
    /// The folder holding the package's built executables: the test bundle's own folder.
    public static var directory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    public static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The path of a built product, or an error (which fails the test) if it was not built:
    /// a missing binary is a broken build, never a reason to skip.
    public static func require(_ name: String) throws -> String {
        let path = path(name)
        guard FileManager.default.isExecutableFile(atPath: path) else { throw MissingProduct(path: path) }
        return path
    }
}

/// A product the tests need was not built.
public struct MissingProduct: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "the product \(path) was not built (swift build --build-tests builds it)" }
}

public enum ProcessRunner {
    /// Starts `executable` with `arguments` and returns it running; stdout and stderr go to pipes,
    /// and `input`, when given, is its whole stdin.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                             input: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        if let stdin { process.standardInput = stdin }
        try process.run()
        if let stdin, let input {
            // A child that exits without reading its stdin must not take the tests down with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            // Written from a thread of its own, so a child that writes before it reads cannot deadlock.
            let writer = stdin.fileHandleForWriting
            let bytes = Data(input.utf8)
            Thread {
                try? writer.write(contentsOf: bytes)
                try? writer.close()
            }.start()
        }
        return (process, out, err)
    }

    /// Runs to completion and collects the output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil) throws -> ProcessResult {
        let (process, out, err) = try start(executable, arguments, environment: environment, input: input)
        return finish(process, out, err)
    }

    /// Runs to completion with output discarded, through posix_spawn and waitpid: for commands
    /// that leave a daemon behind (a tmux server), which Foundation's `Process` may wait on forever.
    public static func runDiscardingOutput(_ executable: String, _ arguments: [String]) throws -> Int32 {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw NSError(domain: "posix_spawn", code: Int(rc)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }

    /// Reads stdout and stderr to their ends at the same time (stderr on a thread of its own), then
    /// waits for the exit. Reading one to its end before the other would deadlock on a child
    /// that fills the other pipe's buffer (64 KiB) before closing the first.
    public static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) -> ProcessResult {
        let stderr = DrainedPipe(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: errors, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own; `wait()` returns everything read.
private final class DrainedPipe: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()  // written by the reading thread before `done` is signalled

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
