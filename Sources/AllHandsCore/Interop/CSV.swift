import Foundation

/// A small RFC 4180 reader and writer: quoted fields, doubled quotes, CRLF or LF, newlines
/// inside quotes.
public enum CSV {
    public struct Record: Sendable, Equatable {
        /// The 1-based line the record starts on, for error messages.
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ text: String, source: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteOpenedLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        if text.unicodeScalars.first == "\u{FEFF}" { _ = iterator.next() }

        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteOpenedLine = line
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw AllHandsError.invalid("\(source):\(quoteOpenedLine): a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    // MARK: - Writing

    /// Records as CSV text, one line each ending in `\n`, every field through `field`.
    public static func write(_ records: [[String]]) -> String {
        records.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    /// One field as a spreadsheet may safely open it: a cell that starts with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return would run as a formula (`=HYPERLINK(…)`, `-2+cmd|…`), so
    /// it gets a `'` in front (OWASP's advice), unless it is a plain number such as `-12.5`,
    /// which a spreadsheet only reads. A field holding a comma, a quote or a line break is
    /// quoted, its quotes doubled.
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(text) {
            text = "'" + text
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// What a spreadsheet takes as the start of a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `12`, `-3`, `+4.5`: a sign, digits and at most one decimal point between digits.
    static func isPlainNumber(_ text: String) -> Bool {
        text.wholeMatch(of: /[+-]?[0-9]+(\.[0-9]+)?/) != nil
    }
}
