import AllHandsCore
import Foundation
import TerminalUI

/// The file a reply or note is written in with `$VISUAL`/`$EDITOR`, laid out as git lays out a
/// commit message: the text to send first, then a scissors line, then the ticket's thread as
/// `#` comments for reference. Only what is above the scissors line is kept.
///
/// ```
/// Hello Ann, …
///
/// # ------------------------ >8 ------------------------
/// # Do not modify or remove the line above.
/// # Everything below it will be ignored.
/// #
/// # Reply to #42 · Printer on fire — sent to the customer
/// #
/// # Customer · Ann Lee · 2026-11-18 10:02 EST
/// #
/// # The printer is on fire.
/// ```
///
/// The thread is quoted newest first, as helpdesks show it: the message being answered sits
/// right under the text being written. Everything quoted comes from the database and passes the
/// sanitiser (an editor shows the file on the terminal); the text being written is the writer's
/// own and is left as it is.
public enum ComposeFile {
    public static let scissors = "# ------------------------ >8 ------------------------"
    static let instructions = [scissors, "# Do not modify or remove the line above.", "# Everything below it will be ignored."]

    /// The file's text: `text` (a draft, a filled-in macro, or nothing: the editor then opens
    /// on an empty first line), a blank line, the
    /// scissors and its instructions, `heading` lines (what is being written, for whom), and
    /// `thread` (given in the thread's order, oldest first) quoted newest first, each message
    /// under a `# Kind · author · local time` line.
    public static func build(text: String, heading: [String] = [], thread: [Message], timeZone: TimeZone) -> String {
        var lines = (text.isEmpty ? [""] : [text, ""]) + instructions
        if !heading.isEmpty {
            lines.append("#")
            lines += heading.flatMap(Sanitizer.lines).map(comment)
        }
        for message in thread.reversed() {
            lines.append("#")
            lines.append(comment("\(message.kind.label) · \(Sanitizer.clean(message.author)) · "
                + Timestamp.localWithZone(message.createdAt, timeZone: timeZone)))
            lines.append("#")
            lines += Sanitizer.lines(message.body).map(comment)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the writer wrote: everything above the scissors line, without blank lines at its
    /// start and whitespace at its end. When the scissors line was removed, the `#` lines (and
    /// blank lines among them) at the end of the file are taken for the quoted thread and
    /// dropped; `#` lines above the last line of text are kept, since a reply may well say
    /// "#1 restart the printer". Any line ending (`\r\n`, `\r`) is read as `\n`.
    public static func parse(_ fileText: String) -> String {
        let lines = split(fileText)
        var kept: ArraySlice<String>
        if let cut = lines.firstIndex(where: isScissors) {
            kept = lines[..<cut]
        } else {
            kept = lines[...]
            while let last = kept.last, isBlank(last) || last.hasPrefix("#") { kept.removeLast() }
        }
        while let first = kept.first, isBlank(first) { kept.removeFirst() }
        var text = kept.joined(separator: "\n")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    /// Lines below the scissors that are not comments: text the writer typed where it is
    /// ignored, which the caller may want to point out (and keep in the draft). Empty when none.
    public static func ignoredText(_ fileText: String) -> String {
        let lines = split(fileText)
        guard let cut = lines.firstIndex(where: isScissors) else { return "" }
        return lines[(cut + 1)...]
            .filter { !$0.hasPrefix("#") && !isBlank($0) }
            .joined(separator: "\n")
    }

    private static func comment(_ line: String) -> String {
        line.isEmpty ? "#" : "# " + line
    }

    private static func split(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
    }

    private static func isScissors(_ line: String) -> Bool {
        var line = Substring(line)
        while let last = line.last, last.isWhitespace { line.removeLast() }
        return line == scissors
    }

    private static func isBlank(_ line: String) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }
}
