/// One CLI command: its words, usage, help and what it does. The list in `Commands.all` drives
/// dispatch, `allhands help` and `allhands COMMAND --help`, so help never drifts from the parser.
struct Command: Sendable {
    /// The words that name it: `["ticket", "list"]`.
    let words: [String]
    let synopsis: String
    let summary: String
    /// Option lines shown by `help COMMAND`.
    let options: [String]
    /// Only reads: never creates a database where none is (exit 66 instead).
    let readsOnly: Bool
    let run: @Sendable (inout Arguments, Session) throws -> Void

    init(_ words: String, _ synopsis: String, _ summary: String, options: [String] = [], readsOnly: Bool = false,
         run: @escaping @Sendable (inout Arguments, Session) throws -> Void) {
        self.words = words.split(separator: " ").map(String.init)
        self.synopsis = synopsis
        self.summary = summary
        self.options = options
        self.readsOnly = readsOnly
        self.run = run
    }

    var name: String { words.joined(separator: " ") }

    var usage: String {
        var text = "usage: allhands \(name)\(synopsis.isEmpty ? "" : " " + synopsis)\n\n\(summary)\n"
        if !options.isEmpty {
            text += "\n" + options.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }
}
