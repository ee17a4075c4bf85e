import Foundation
import TerminalUI

/// What the CLI prints: aligned tables of sanitised text for people, JSON for programs.
enum Output {
    /// Prints `value` as pretty JSON with sorted keys. The encoder escapes C0 controls inside
    /// strings; DEL, C1 controls and bidi overrides, which JSON allows raw, are written as
    /// `\uXXXX` too, so the output is safe to show in a terminal and decodes to the same text.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        var safe = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar != "\n", Sanitizer.isUnsafe(scalar) {
                safe.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                safe.append(scalar)
            }
        }
        line(String(safe))
    }

    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("allhands: " + text + "\n").utf8))
    }

    /// Columns of the terminal stdout goes to, or nil when it is a pipe or file.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

/// A plain text table. Cells are sanitised here; the last column is cut to the terminal's
/// width when printing to a terminal.
struct Table {
    var headers: [String]
    var rightAligned: Set<Int> = []
    private var rows: [[String]] = []

    init(_ headers: String..., rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ cells: String...) {
        rows.append(cells.map(Sanitizer.clean))
    }

    var isEmpty: Bool { rows.isEmpty }

    func print() {
        var widths = headers.map(TextWidth.columns)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count - 1 {
                widths[i] = max(widths[i], TextWidth.columns(cell))
            }
        }
        let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let last = Output.terminalWidth.map { max(10, $0 - fixed) }
        for row in [headers] + rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                if i == row.count - 1 {
                    line += last.map { TextWidth.truncate(cell, to: $0) } ?? cell
                } else {
                    line += TextWidth.fit(cell, to: widths[i], alignRight: rightAligned.contains(i)) + "  "
                }
            }
            Output.line(line)
        }
    }
}
