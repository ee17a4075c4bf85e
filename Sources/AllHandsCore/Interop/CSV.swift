/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes.
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
}
