import AllHandsCore
import Foundation
import TerminalUI

/// Runs the person's own editor (`$VISUAL`, else `$EDITOR`) on a text, as git and mutt do: the
/// text goes to a private temporary file, the console hands the terminal over, the editor runs
/// on the file, and whatever it left there comes back, even when the editor failed, so the
/// caller can always keep it as a draft.
public enum ExternalEditor {
    /// What happened to an edit.
    public enum EditResult: Equatable, Sendable {
        /// The editor exited with status 0; the file's text (a `ComposeFile` to parse).
        case saved(String)
        /// The editor failed; the text it left in the file, when the file could still be read.
        case failed(Failure, String?)
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// A non-zero exit status (the shell's 127: the command was not found).
        case exited(Int32)
        /// Ended by a signal.
        case killed(signal: Int32)
        /// The shell itself could not be started.
        case couldNotStart(String)
        /// The editor exited 0 but its file could not be read back.
        case unreadable(String)

        public var description: String {
            switch self {
            case .exited(127): "the editor command was not found (exit status 127)"
            case .exited(let status): "the editor exited with status \(status)"
            case .killed(let signal): "the editor was ended by signal \(signal)"
            case .couldNotStart(let reason): "could not start the editor: \(reason)"
            case .unreadable(let reason): "could not read what the editor saved: \(reason)"
            }
        }
    }

    /// The temporary file could not be made; nothing was run and the text is still the caller's.
    public struct SetupError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The most an edited file may hold when it is read back.
    public static let maximumBytes = 1 << 20

    public static let defaultFileName = "allhands-message.txt"

    /// The editor command: `VISUAL`, else `EDITOR`; nil when neither is set to something other
    /// than blanks (the console then composes inline).
    public static func command(environment: [String: String]) -> String? {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.allSatisfy(\.isWhitespace) { return value }
        }
        return nil
    }

    /// Edits `initialText` with `command`, run by `/bin/sh` as git runs its editor (so
    /// `code --wait` and `vim -u NONE` work), on a file named after `fileName` (for the editor's
    /// syntax guess) in a new private folder (0700, under `TMPDIR` or `/tmp`), created 0600 without
    /// following links. `backend` is suspended while the editor runs and always resumed. SIGINT
    /// and SIGQUIT are ignored meanwhile, as git does, so a Ctrl-C meant for the editor does not
    /// end the console; the editor gets them back at their defaults. The folder is removed
    /// afterwards, with anything the editor left in it (backups, swap files).
    public static func edit(initialText: String, command: String, backend: any Backend,
                            fileName: String = defaultFileName,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(SetupError) -> EditResult {
        let folder = try makePrivateFolder(environment: environment)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + safeName(fileName)
        try writeNewFile(path, Data(initialText.utf8))

        let outcome: Result<Int32, Failure>
        do {
            backend.suspend()
            defer { backend.resume() }
            outcome = run(command: command, path: path, environment: environment)
        }

        let read: Result<String, Failure>
        do throws(BoundedFile.Failure) {
            read = .success(String(decoding: try BoundedFile.read(path, maximumBytes: maximumBytes), as: UTF8.self))
        } catch {
            read = .failure(.unreadable(describe(error)))
        }
        switch (outcome, read) {
        case (.success(let status), .success(let text)):
            return status == 0 ? .saved(text) : .failed(failure(status), text)
        case (.success(let status), .failure(let unreadable)):
            return .failed(status == 0 ? unreadable : failure(status), nil)
        case (.failure(let failure), _):
            return .failed(failure, try? read.get())
        }
    }

    // MARK: - The file

    private static func makePrivateFolder(environment: [String: String]) throws(SetupError) -> String {
        var base = environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/allhands-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SetupError(description: "cannot create a private folder in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Letters, digits, `.`, `-` and `_` from `name`, not starting with a dot; the default
    /// name when nothing is left.
    static func safeName(_ name: String) -> String {
        var kept = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) })
        while kept.hasPrefix(".") { kept.removeFirst() }
        return kept.isEmpty ? defaultFileName : String(kept.prefix(100))
    }

    private static func writeNewFile(_ path: String, _ data: Data) throws(SetupError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SetupError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let n = write(fd, base + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw SetupError(description: "cannot write \(path): \(String(cString: strerror(failure)))") }
    }

    private static func describe(_ error: BoundedFile.Failure) -> String {
        switch error {
        case .missing: "the file was removed"
        case .folder: "the file was replaced by a folder"
        case .tooBig: "it is larger than \(maximumBytes / (1 << 20)) MB"
        case .unreadable(let reason): reason
        }
    }

    // MARK: - The editor

    /// `/bin/sh -c '<command> "$1"' allhands-editor <path>` on the inherited terminal; the exit
    /// status as `waitpid` reports it.
    private static func run(command: String, path: String, environment: [String: String]) -> Result<Int32, Failure> {
        let script = command + " \"$1\""
        let words: [String] = ["/bin/sh", "-c", script, "allhands-editor", path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let pairs: [String] = environment.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = pairs.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        // RESETIDS: under a setgid install the editor runs with the user's own group, never the
        // group that owns the shared database (an editor can start a shell).
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_RESETIDS))

        let interrupt = ignoring(SIGINT), quit = ignoring(SIGQUIT)
        defer {
            restore(SIGINT, interrupt)
            restore(SIGQUIT, quit)
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, envp)
        guard rc == 0 else { return .failure(.couldNotStart(String(cString: strerror(rc)))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return .failure(.couldNotStart("waiting for it: \(String(cString: strerror(errno)))")) }
        }
        return .success(status)
    }

    /// The failure a non-zero wait status stands for.
    private static func failure(_ status: Int32) -> Failure {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: signal)
    }

    private static func ignoring(_ signal: Int32) -> sigaction {
        var ignore = sigaction()
        #if canImport(Darwin)
        ignore.__sigaction_u.__sa_handler = SIG_IGN
        #else
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        #endif
        sigemptyset(&ignore.sa_mask)
        var previous = sigaction()
        sigaction(signal, &ignore, &previous)
        return previous
    }

    private static func restore(_ signal: Int32, _ previous: sigaction) {
        var previous = previous
        sigaction(signal, &previous, nil)
    }
}
