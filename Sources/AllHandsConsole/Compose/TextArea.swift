import TerminalUI

/// A multi-line text being written, with a cursor: the inline composer used when neither
/// `$VISUAL` nor `$EDITOR` is set.
///
/// Keys: characters insert (a paste arrives as many), Enter breaks the line, Tab inserts spaces
/// to the next multiple of four columns; ←/→ (C-b/C-f) move across line ends, ↑/↓ (C-p/C-n)
/// move by screen row keeping the column, PgUp/PgDn by a screen; Home/End (C-a/C-e) go to the
/// ends of the line; Backspace and Delete join lines at their ends; C-k deletes to the end of
/// the line (or joins the next), C-u to its start, C-w the word before the cursor. C-d or C-x
/// sends (C-d ends a message in mail(1)); Esc or C-c leaves, and the caller keeps the text as
/// a draft.
///
/// Long lines wrap at spaces into screen rows. Every position is in `Character`s; every width
/// in terminal columns, measured on the sanitised text that is shown, so a control character
/// typed or pasted shows as its inert placeholder and takes exactly the columns that shows in.
public struct TextArea: Equatable, Sendable {
    /// A place in the text: a line, and a character offset in it (0 is before its first).
    public struct Position: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public enum Outcome: Equatable, Sendable {
        case editing
        /// C-d or C-x: send `text`.
        case send
        /// Esc or C-c: leave; the text is the caller's to keep as a draft.
        case cancel
    }

    /// What `render` shows: the visible screen rows (sanitised, each within the width) and the
    /// cursor's place among them, in rows and columns.
    public struct Rendering: Equatable, Sendable {
        public var lines: [String]
        public var cursorRow: Int
        public var cursorColumn: Int
        /// The first screen row shown, and how many the whole text takes (for a scroll hint).
        public var firstRow: Int
        public var totalRows: Int
    }

    private var content: [[Character]]
    public private(set) var cursor: Position
    /// The first screen row shown; kept between keys so the view scrolls only when it must.
    /// Nil until the first key: the view then shows the end of the text.
    private var top: Int?
    /// The column ↑/↓ aim for, kept across short lines while moving vertically.
    private var goalColumn: Int?

    /// Columns a Tab advances to a multiple of (as the thread view shows tabs).
    static let tabStop = 4

    /// Starts with `text` (a draft, a macro, or nothing), the cursor at its end. Line endings
    /// become `\n`; tabs become spaces.
    public init(text: String = "") {
        content = [[]]
        cursor = Position(line: 0, column: 0)
        insert(text)
    }

    /// The lines, as typed.
    public var lines: [String] { content.map { String($0) } }

    /// The whole text, lines joined with `\n`.
    public var text: String { lines.joined(separator: "\n") }

    /// True when there is nothing but whitespace: nothing to send.
    public var isBlank: Bool { content.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    // MARK: - Keys

    /// Applies one key, with the text shown `width` columns wide and `height` rows high (the
    /// size given to `render`, which ↑/↓ and PgUp/PgDn move in).
    public mutating func handle(_ key: Key, width: Int, height: Int) -> Outcome {
        let width = Self.usable(width)
        var keepGoal = false
        switch key {
        case .ctrl("d"), .ctrl("x"): return .send
        case .escape, .ctrl("c"): return .cancel
        case .character(let c): insert(String(c))
        case .enter: breakLine()
        case .tab: insertTab()
        case .backspace, .ctrl("h"): deleteBackward()
        case .delete: deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): cursor.column = 0
        case .end, .ctrl("e"): cursor.column = content[cursor.line].count
        case .ctrl("k"): killToEnd()
        case .ctrl("u"): killToStart()
        case .ctrl("w"): deleteWordBackward()
        case .up, .ctrl("p"): moveVertically(by: -1, width: width); keepGoal = true
        case .down, .ctrl("n"): moveVertically(by: 1, width: width); keepGoal = true
        case .pageUp: page(by: -1, width: width, height: height); keepGoal = true
        case .pageDown: page(by: 1, width: width, height: height); keepGoal = true
        default: return .editing
        }
        if !keepGoal { goalColumn = nil }
        top = scrolledTop(width: width, height: height)
        return .editing
    }

    /// Inserts text at the cursor, as a paste: `\r\n`, `\r` and `\n` break lines, tabs become
    /// spaces to the next tab stop.
    public mutating func insert(_ text: String) {
        for ch in text {
            switch ch {
            case "\n", "\r\n", "\r": breakLine()
            case "\t": insertTab()
            default:
                content[cursor.line].insert(ch, at: cursor.column)
                cursor.column += 1
            }
        }
    }

    private mutating func breakLine() {
        let rest = Array(content[cursor.line][cursor.column...])
        content[cursor.line].removeSubrange(cursor.column...)
        content.insert(rest, at: cursor.line + 1)
        cursor = Position(line: cursor.line + 1, column: 0)
    }

    private mutating func insertTab() {
        let column = Self.columns(content[cursor.line][..<cursor.column])
        let spaces = Self.tabStop - column % Self.tabStop
        content[cursor.line].insert(contentsOf: repeatElement(" ", count: spaces), at: cursor.column)
        cursor.column += spaces
    }

    private mutating func deleteBackward() {
        if cursor.column > 0 {
            content[cursor.line].remove(at: cursor.column - 1)
            cursor.column -= 1
        } else if cursor.line > 0 {
            joinWithNext(line: cursor.line - 1)
        }
    }

    private mutating func deleteForward() {
        if cursor.column < content[cursor.line].count {
            content[cursor.line].remove(at: cursor.column)
        } else if cursor.line + 1 < content.count {
            joinWithNext(line: cursor.line)
        }
    }

    /// Appends the line after `line` to it, the cursor where they meet.
    private mutating func joinWithNext(line: Int) {
        let joint = content[line].count
        content[line] += content.remove(at: line + 1)
        cursor = Position(line: line, column: joint)
    }

    private mutating func killToEnd() {
        if cursor.column < content[cursor.line].count {
            content[cursor.line].removeSubrange(cursor.column...)
        } else if cursor.line + 1 < content.count {
            joinWithNext(line: cursor.line)
        }
    }

    private mutating func killToStart() {
        content[cursor.line].removeSubrange(..<cursor.column)
        cursor.column = 0
    }

    /// The word before the cursor and the spaces after it, as readline's C-w; at the start of a
    /// line, joins it to the line before.
    private mutating func deleteWordBackward() {
        guard cursor.column > 0 else { return deleteBackward() }
        let chars = content[cursor.line]
        var start = cursor.column
        while start > 0, chars[start - 1].isWhitespace { start -= 1 }
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        content[cursor.line].removeSubrange(start..<cursor.column)
        cursor.column = start
    }

    private mutating func moveLeft() {
        if cursor.column > 0 {
            cursor.column -= 1
        } else if cursor.line > 0 {
            cursor = Position(line: cursor.line - 1, column: content[cursor.line - 1].count)
        }
    }

    private mutating func moveRight() {
        if cursor.column < content[cursor.line].count {
            cursor.column += 1
        } else if cursor.line + 1 < content.count {
            cursor = Position(line: cursor.line + 1, column: 0)
        }
    }

    /// Moves `delta` screen rows, aiming for the column the vertical move started in. Past the
    /// first or last row the cursor goes to the start or the end of the text.
    private mutating func moveVertically(by delta: Int, width: Int) {
        let rows = layout(width: width)
        let here = locate(cursor, in: rows)
        let goal = goalColumn ?? here.column
        let target = here.row + delta
        if target < 0 {
            cursor = Position(line: 0, column: 0)
            goalColumn = nil
        } else if target >= rows.count {
            cursor = Position(line: content.count - 1, column: content[content.count - 1].count)
            goalColumn = nil
        } else {
            cursor = position(in: rows[target], isLastOfLine: isLastOfLine(target, rows), atColumn: goal)
            goalColumn = goal
        }
    }

    /// A screen up or down: the cursor and the view move together.
    private mutating func page(by direction: Int, width: Int, height: Int) {
        let step = max(1, height - 1) * direction
        let shown = scrolledTop(width: width, height: height)
        let rows = layout(width: width)
        let here = locate(cursor, in: rows)
        let goal = goalColumn ?? here.column
        let target = min(max(0, here.row + step), rows.count - 1)
        cursor = position(in: rows[target], isLastOfLine: isLastOfLine(target, rows), atColumn: goal)
        goalColumn = goal
        top = max(0, shown + step)
    }

    // MARK: - Layout

    /// One screen row: part of a line, by character offsets.
    struct Row: Equatable {
        var line: Int
        var start: Int
        var end: Int
    }

    /// Widths below two columns cannot hold a wide character; the view is at least that wide.
    private static func usable(_ width: Int) -> Int { max(2, width) }

    /// What a character shows as: itself, or the sanitiser's inert placeholder.
    private static func shown(_ ch: Character) -> String {
        if let ascii = ch.asciiValue, ascii >= 0x20, ascii != 0x7F { return String(ch) }
        return Sanitizer.clean(String(ch))
    }

    private static func columns(_ ch: Character) -> Int {
        if let ascii = ch.asciiValue, ascii >= 0x20, ascii != 0x7F { return 1 }
        return TextWidth.columns(shown(ch))
    }

    private static func columns(_ chars: ArraySlice<Character>) -> Int {
        chars.reduce(0) { $0 + columns($1) }
    }

    /// Every line broken into screen rows at most `width` columns wide: at the last space that
    /// fits (the space stays at the end of its row), or inside a word longer than the row. A
    /// line that exactly fills its last row gets an empty row after it for the cursor at its end.
    func layout(width: Int) -> [Row] {
        var rows: [Row] = []
        for (index, chars) in content.enumerated() {
            var start = 0
            var used = 0
            repeat {
                used = 0
                var i = start
                var lastSpaceEnd: Int?
                while i < chars.count {
                    let w = Self.columns(chars[i])
                    if used + w > width, i > start { break }
                    used += w
                    i += 1
                    if chars[i - 1] == " " { lastSpaceEnd = i }
                }
                let end = i < chars.count ? (lastSpaceEnd ?? i) : i
                rows.append(Row(line: index, start: start, end: end))
                start = end
            } while start < chars.count
            if !chars.isEmpty, used >= width {
                rows.append(Row(line: index, start: chars.count, end: chars.count))
            }
        }
        return rows
    }

    private func isLastOfLine(_ index: Int, _ rows: [Row]) -> Bool {
        index + 1 == rows.count || rows[index + 1].line != rows[index].line
    }

    /// The screen row and column of a position: the last row of its line starting at or before it.
    func locate(_ position: Position, in rows: [Row]) -> (row: Int, column: Int) {
        var found = 0
        for (index, row) in rows.enumerated() where row.line == position.line && row.start <= position.column {
            found = index
        }
        let row = rows[found]
        let chars = content[row.line]
        return (found, Self.columns(chars[row.start..<min(position.column, chars.count)]))
    }

    /// The position in `row` under screen column `column` (or the row's end when it is shorter;
    /// a row that continues on the next ends before its last character, which the next row's
    /// start would otherwise claim).
    private func position(in row: Row, isLastOfLine: Bool, atColumn column: Int) -> Position {
        let chars = content[row.line]
        var used = 0
        var i = row.start
        while i < row.end {
            let w = Self.columns(chars[i])
            if used + w > column { break }
            used += w
            i += 1
        }
        if i == row.end, !isLastOfLine, row.end > row.start { i -= 1 }
        return Position(line: row.line, column: i)
    }

    /// The first row to show so the cursor is in view, moving the view as little as it can
    /// and leaving no empty rows at the bottom that text could fill.
    private func scrolledTop(width: Int, height: Int) -> Int {
        let rows = layout(width: width)
        let cursorRow = locate(cursor, in: rows).row
        let height = max(1, height)
        var first = min(top ?? .max, max(0, rows.count - height))
        if cursorRow < first { first = cursorRow }
        if cursorRow >= first + height { first = cursorRow - height + 1 }
        return first
    }

    // MARK: - Rendering

    /// The rows to show in a `width`×`height` view, sanitised, with the cursor's place.
    public func render(width: Int, height: Int) -> Rendering {
        let width = Self.usable(width)
        let rows = layout(width: width)
        let here = locate(cursor, in: rows)
        let first = scrolledTop(width: width, height: height)
        let visible = rows[first..<min(rows.count, first + max(1, height))]
        let lines = visible.map { row in
            content[row.line][row.start..<row.end].map(Self.shown).joined()
        }
        return Rendering(lines: lines, cursorRow: here.row - first, cursorColumn: here.column,
                         firstRow: first, totalRows: rows.count)
    }
}
