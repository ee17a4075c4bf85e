import AllHandsCore
import Foundation

/// The text of a message, read from stdin (piped, or typed at a terminal and ended with Ctrl-D).
enum MessageInput {
    /// Reads stdin to its end, refusing more than a message may hold and anything not UTF-8;
    /// the line breaks at the very end are dropped.
    static func read(_ what: String) throws -> String {
        if isatty(STDIN_FILENO) == 1 { Output.note("Type the \(what), then Ctrl-D on a line of its own:") }
        // A code point takes at most four bytes: reading one byte past that bound tells "too long".
        let maximumBytes = FieldLimits.messageBody * 4
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= maximumBytes {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(ExitCode.noInput, "cannot read the \(what) from stdin: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        guard bytes.count <= maximumBytes else {
            throw AllHandsError.invalid("the \(what) is over \(FieldLimits.messageBody) characters")
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw AllHandsError.invalid("the \(what) on stdin is not UTF-8 text")
        }
        // The line breaks that end the input (echo's, a heredoc's) are not part of the message.
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
