import AllHandsCore
import Foundation

/// Runs the built `allhands` as a child process the way a script would, for the CLI sections:
/// through posix_spawn and waitpid, since Foundation's `Process` adds tens of milliseconds of
/// its own to every wait.
enum ChildProcess {
    /// The `allhands` binary built beside this benchmark.
    static var allhands: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("allhands").path
    }

    /// A child mode's last step: writes its result as JSON to `out` for the parent and returns
    /// the exit status (73 when the file cannot be written, 1 when the work failed).
    static func finish<Result: Encodable>(_ result: Result, failed: Bool, to out: String) -> Int32 {
        do {
            try JSONEncoder().encode(result).write(to: URL(fileURLWithPath: out))
        } catch {
            return 73
        }
        return failed ? 1 : 0
    }

    /// This benchmark's own executable, for its child modes.
    static var bench: String {
        Bundle.main.executablePath ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    /// Starts `executable` with stdin and stderr on /dev/null and stdout on `stdout` (a pipe's
    /// write end, closed in the child's copy of `closing`), or /dev/null.
    static func spawn(_ executable: String, _ arguments: [String], stdout: Int32? = nil, closing: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout { posix_spawn_file_actions_adddup2(&actions, stdout, 1) } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let closing { posix_spawn_file_actions_addclose(&actions, closing) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchFailure("cannot start \(executable): posix_spawn failed (\(rc))") }
        return pid
    }

    /// Waits for `pid` and returns its exit status.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }

    /// The exit status of `pid` when it has ended, without waiting; nil while it runs.
    static func exitStatus(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(pid, &status, WNOHANG) } while rc == -1 && errno == EINTR
        return rc == pid ? (status >> 8) & 0xff : nil
    }

    /// The bench database belongs to the login "bench"; the child runs as whoever runs the
    /// benchmark, who must be a person in it. Returns the bench's own workspace.
    @discardableResult
    static func admitRunner(to path: String, clock: any Clock) throws -> Workspace {
        let workspace = try Workspace(database: try Workspace.openDatabase(path: path, clock: clock), config: .default,
                                      clock: clock, login: "bench")
        if let me = OSIdentity.currentLogin(), try workspace.people.find(login: me) == nil {
            try workspace.people.add(Person(login: me, name: me, role: .employee))
        }
        return workspace
    }
}
