/// A hand-written command-line parser: options are taken out by name, what is left must be the
/// expected positionals, and anything unknown is a usage error (exit 64).
struct Arguments {
    private(set) var tokens: [String]

    init(_ tokens: [String]) { self.tokens = tokens }

    /// Removes every occurrence of a boolean flag; true if it was there.
    mutating func flag(_ names: String...) -> Bool {
        let before = tokens.count
        tokens.removeAll { names.contains($0) }
        return tokens.count != before
    }

    /// Removes `--name VALUE` or `--name=VALUE` and returns the value (the last one wins).
    mutating func option(_ name: String) throws -> String? {
        var value: String?
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token == name {
                guard index + 1 < tokens.count else { throw UsageError("\(name) needs a value") }
                value = tokens[index + 1]
                tokens.removeSubrange(index...(index + 1))
            } else if token.hasPrefix(name + "=") {
                value = String(token.dropFirst(name.count + 1))
                tokens.remove(at: index)
            } else {
                index += 1
            }
        }
        return value
    }

    /// An integer option within `range`.
    mutating func intOption(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
        }
        return value
    }

    /// The next word if it is not an option.
    mutating func word() -> String? {
        guard let first = tokens.first, !first.hasPrefix("-") || first == "-" else { return nil }
        tokens.removeFirst()
        return first
    }

    /// A required positional argument.
    mutating func required(_ what: String) throws -> String {
        if let first = tokens.first, first.hasPrefix("-"), first != "-" {
            throw UsageError("unknown option '\(first)'")
        }
        guard let value = word() else { throw UsageError("missing \(what)") }
        return value
    }

    /// Fails on anything not consumed: unknown options or extra words.
    func finish() throws {
        guard let first = tokens.first else { return }
        if first.hasPrefix("-"), first != "-" { throw UsageError("unknown option '\(first)'") }
        throw UsageError("unexpected argument '\(first)'")
    }
}

/// A mistake in how allhands was called: printed with the command's usage (or `usage`, when
/// the mistake is about a group of commands), exit 64.
struct UsageError: Error {
    let message: String
    let usage: String?
    init(_ message: String, usage: String? = nil) {
        self.message = message
        self.usage = usage
    }
}
