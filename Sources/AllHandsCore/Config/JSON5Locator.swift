/// Finds where things are in a JSON5 text, so config errors can name a line and column:
/// Foundation's decoder says only "not valid JSON". It walks the text once, as JSON5 defines it
/// (comments, unquoted keys, single quotes, trailing commas, hex, Infinity/NaN), and records where
/// each value starts, by its path (`console.tickMilliseconds`, `taxonomy.dimensions[0].tags`), or
/// where the first syntax error is.
struct JSON5Locator {
    /// A 1-based line and column (columns count characters, not bytes).
    struct Location: Equatable, CustomStringConvertible {
        let line: Int
        let column: Int
        var description: String { "\(line):\(column)" }
    }

    struct SyntaxError: Error, Equatable {
        let location: Location
        let message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    /// Where each value starts, by path ("" is the top level).
    private(set) var values: [String: Int] = [:]

    /// Walks `bytes`; throws the first syntax error.
    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        try skipTrivia()
        try value(at: "")
        try skipTrivia()
        if index < bytes.count { throw error("unexpected text after the end of the document") }
    }

    /// Where the value at `path` starts, or where its nearest recorded parent starts.
    func location(of path: String) -> Location? {
        var path = path
        while true {
            if let offset = values[path] { return location(ofOffset: offset) }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else {
                return values[""].map(location(ofOffset:))
            }
            path = String(path[..<cut])
        }
    }

    func location(ofOffset offset: Int) -> Location {
        let end = min(offset, bytes.count)
        var line = 1, lineStart = 0
        for i in 0..<end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
        return Location(line: line, column: column)
    }

    // MARK: - Walking

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(location: location(ofOffset: index), message: message)
    }

    private func unexpected() -> SyntaxError {
        guard let byte = current else { return error("unexpected end of file") }
        if byte >= 0x21 && byte < 0x7F { return error("unexpected '\(Character(Unicode.Scalar(byte)))'") }
        return error("unexpected character")
    }

    private mutating func skipTrivia() throws {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                index += 1
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                while let b = current, b != 0x0A { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                let start = index
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                guard index + 1 < bytes.count else {
                    index = start
                    throw error("comment is never closed (missing */)")
                }
                index += 2
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0:
                index += 2                                  // no-break space
            default:
                return
            }
        }
    }

    private mutating func value(at path: String) throws {
        values[path] = index
        guard let byte = current else { throw error("unexpected end of file: a value is missing") }
        switch byte {
        case UInt8(ascii: "{"): try object(at: path)
        case UInt8(ascii: "["): try array(at: path)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default:
            let word = identifier()
            guard ["true", "false", "null", "Infinity", "NaN"].contains(word) else {
                if word.isEmpty { throw unexpected() }
                index -= word.utf8.count
                throw error("'\(word)' is not a value (strings need quotes)")
            }
        }
    }

    private mutating func object(at path: String) throws {
        index += 1
        while true {
            try skipTrivia()
            if current == UInt8(ascii: "}") { index += 1; return }
            let key: String
            if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                key = try string()
            } else {
                key = identifier()
                if key.isEmpty { throw current == nil ? error("object is never closed (missing })") : unexpected() }
            }
            try skipTrivia()
            guard current == UInt8(ascii: ":") else { throw current == nil ? error("missing ':' after '\(key)'") : unexpected() }
            index += 1
            try skipTrivia()
            try value(at: path.isEmpty ? key : path + "." + key)
            try skipTrivia()
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "}") { index += 1; return }
            throw current == nil ? error("object is never closed (missing })") : error("expected ',' or '}'")
        }
    }

    private mutating func array(at path: String) throws {
        index += 1
        var count = 0
        while true {
            try skipTrivia()
            if current == UInt8(ascii: "]") { index += 1; return }
            try value(at: "\(path)[\(count)]")
            count += 1
            try skipTrivia()
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "]") { index += 1; return }
            throw current == nil ? error("array is never closed (missing ])") : error("expected ',' or ']'")
        }
    }

    /// A quoted string; returns its text with escapes left as written (enough for keys).
    private mutating func string() throws -> String {
        let quote = bytes[index]
        let start = index
        index += 1
        while let byte = current {
            if byte == quote {
                index += 1
                return String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                index += 2                                  // the escaped byte, a line continuation too
                if current == 0x0A, index > 0, bytes[index - 1] == 0x0D { index += 1 }
                continue
            }
            if byte == 0x0A || byte == 0x0D { break }
            index += 1
        }
        index = start
        throw error("string is never closed (missing \(Character(Unicode.Scalar(quote))))")
    }

    private mutating func number() throws {
        let start = index
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        let word = identifier(allowingDot: true)
        let body = word.lowercased()
        let isHex = body.hasPrefix("0x") && body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit)
        if isHex || word == "Infinity" || word == "NaN" { return }
        // Exponent signs are not identifier characters: take them here.
        var text = word
        while let last = text.last, last == "e" || last == "E", current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
            index += 1
            let rest = identifier(allowingDot: false)
            text += "+" + rest
            if rest.isEmpty { break }
        }
        if Double(text.replacingOccurrences(of: "+", with: "")) == nil || text.isEmpty {
            index = start
            throw error("not a number")
        }
    }

    /// Letters, digits, `_`, `$` and any non-ASCII byte (unquoted keys may be Unicode).
    private mutating func identifier(allowingDot: Bool = false) -> String {
        let start = index
        while let byte = current {
            let isWord = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
                || byte >= 0x80 || (allowingDot && byte == UInt8(ascii: "."))
            guard isWord else { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
