import Foundation
import TerminalUI

/// What the CLI prints: aligned tables of sanitised text for people, JSON for programs.
///
/// Every byte the CLI writes leaves through `emit`, which passes text through the one sanitiser
/// (`TerminalUI.Sanitizer`) line by line, so no message, argument echo, path, CSV cell or config
/// value can move the cursor, set a title or reorder text, whatever path produced it.
enum Output {
    /// Prints `value` as pretty JSON with sorted keys (see `JSONText`).
    static func json<T: Encodable>(_ value: T) throws {
        let bytes = try JSONText.encode(value)
        writeAll(bytes + [UInt8(ascii: "\n")], to: STDOUT_FILENO)
    }

    /// One line (or several, separated by `\n`) to stdout.
    static func line(_ text: String = "") {
        emit(text, to: STDOUT_FILENO)
    }

    /// `allhands: MESSAGE` to stderr.
    static func error(_ text: String) {
        emit("allhands: " + text, to: STDERR_FILENO)
    }

    /// Text for stderr without the `allhands:` prefix (usage after a usage error, notes).
    static func note(_ text: String) {
        emit(text, to: STDERR_FILENO)
    }

    /// Text with every line sanitised and the newlines between lines kept: the form every
    /// human-readable byte takes before it leaves.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && Sanitizer.isUnsafe($0) }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.clean(String($0)) }.joined(separator: "\n")
    }

    private static func emit(_ text: String, to fd: Int32) {
        writeAll(Array((safe(text) + "\n").utf8), to: fd)
    }

    /// Writes every byte, retrying short writes and interruptions. A closed pipe ends the
    /// process quietly, as SIGPIPE would.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(0) }
                    return
                }
                offset += written
            }
        }
    }

    /// Columns of the terminal stdout goes to, or nil when it is a pipe or file.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
