import Foundation
import TerminalUI

/// The `:` command line as a value: text, a cursor and the readline keys people expect.
///
/// C-a/Home and C-e/End jump, ←/→ move, Backspace and Delete (or C-d) delete around the cursor,
/// C-u deletes to the start, C-k to the end, C-w the word before the cursor, ↑/↓ walk the
/// history, Tab completes the command word to the longest prefix its candidates share.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text = ""
    /// The cursor, in characters from the start of `text`.
    public private(set) var cursor = 0
    /// Earlier lines, oldest first.
    public private(set) var history: [String]
    /// Which history line is showing while walking it (nil: the line being typed).
    private var historyIndex: Int?
    /// The line being typed, kept while the history is walked.
    private var draft = ""

    public enum Outcome: Equatable, Sendable {
        case editing
        /// Enter: the line to run.
        case submit(String)
        /// Esc, or Backspace on an empty line.
        case cancel
    }

    public init(text: String = "", history: [String] = []) {
        self.text = text
        self.cursor = text.count
        self.history = history
    }

    /// The history after a line is run: the line appended unless empty or the same as the last.
    public static func remembering(_ line: String, in history: [String], limit: Int = 100) -> [String] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, history.last != trimmed else { return history }
        return Array((history + [trimmed]).suffix(limit))
    }

    /// Applies one key. `complete` lists the candidates for the word before the cursor when it
    /// is the command word (Tab).
    public mutating func handle(_ key: Key, complete: (String) -> [String] = { _ in [] }) -> Outcome {
        switch key {
        case .escape, .ctrl("c"): return .cancel
        case .enter: return .submit(text)
        case .backspace, .ctrl("h"):
            if text.isEmpty { return .cancel }
            if cursor > 0 { remove(cursor - 1..<cursor) }
        case .delete, .ctrl("d"):
            if cursor < text.count { remove(cursor..<cursor + 1) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"): remove(0..<cursor)
        case .ctrl("k"): remove(cursor..<text.count)
        case .ctrl("w"): remove(wordStart(before: cursor)..<cursor)
        case .up: walkHistory(by: -1)
        case .down: walkHistory(by: 1)
        case .tab: completeWord(complete)
        case .character(let c): insert(String(c))
        default: break
        }
        return .editing
    }

    private mutating func insert(_ s: String) {
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: s, at: i)
        cursor += s.count
    }

    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(text.startIndex, offsetBy: range.upperBound)
        text.removeSubrange(lower..<upper)
        cursor = range.lowerBound
    }

    /// Where the word ending at `position` starts (spaces before it go with it, as in readline).
    private func wordStart(before position: Int) -> Int {
        let chars = Array(text.prefix(position))
        var i = chars.count
        while i > 0, chars[i - 1] == " " { i -= 1 }
        while i > 0, chars[i - 1] != " " { i -= 1 }
        return i
    }

    private mutating func walkHistory(by step: Int) {
        guard !history.isEmpty else { return }
        let current = historyIndex ?? history.count
        let next = min(max(0, current + step), history.count)
        guard next != current else { return }
        if historyIndex == nil { draft = text }
        historyIndex = next == history.count ? nil : next
        text = historyIndex.map { history[$0] } ?? draft
        cursor = text.count
    }

    /// Completes the word before the cursor to the longest common prefix of its candidates,
    /// with a space after it when only one is left. `complete` gets the whole line up to the
    /// cursor (so it can tell a command word from an argument) and returns candidates for the
    /// word being typed.
    private mutating func completeWord(_ complete: (String) -> [String]) {
        let before = String(text.prefix(cursor))
        let start = before.lastIndex(of: " ").map { before.index(after: $0) } ?? before.startIndex
        let word = String(before[start...])
        let head = String(before[..<start])
        let matches = complete(before).filter { $0.hasPrefix(word) }
        guard let first = matches.first else { return }
        var prefix = first
        for candidate in matches.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        let rest = String(text.dropFirst(cursor))
        let completed = matches.count == 1 && !rest.hasPrefix(" ") ? prefix + " " : prefix
        guard completed.count > word.count else { return }
        text = head + completed + rest
        cursor = head.count + completed.count
    }
}
