/// The general usage text and the usage of a command group.
enum Help {
    static let version = "allhands 0.1.0"

    static var general: String {
        let width = Commands.all.map(\.name.count).max() ?? 10
        let list = Commands.all.map { "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)" }
        return """
            usage: allhands [--db PATH] [--config PATH] [--as LOGIN] [COMMAND [ARGS]]

            allhands is the terminal console for all-hands customer support. With no command it
            opens the console (without a terminal it prints a summary of the database instead);
            the commands below work from scripts.

            commands:
            \(list.joined(separator: "\n"))
              help COMMAND    show a command's options (or: allhands COMMAND --help)

            global options:
              --db PATH       the database (default: $ALLHANDS_DB, else $XDG_DATA_HOME/allhands/allhands.db,
                              else ~/.local/share/allhands/allhands.db)
              --config PATH   a JSON5 config file (default: $XDG_CONFIG_HOME/allhands/allhands.json5 if present)
              --as LOGIN      act as another person (admins, or anyone on a demo database; audited)
              --help, -h      this help
              --version       print the version

            Exit codes follow sysexits: 64 usage, 65 bad data, 66 missing input, 73 cannot create,
            75 busy or conflict (retry), 77 not permitted, 78 bad config.
            """
    }

    /// A command's usage; for a command that also leads a group (`tags`, and `tags verify`…),
    /// followed by the group's other commands, so `allhands help tags` shows them all.
    static func usage(of command: Command) -> String {
        let others = Commands.group(command.words[0]).filter { $0.words.count > 1 }
        guard command.words.count == 1, !others.isEmpty else { return command.usage }
        let width = others.map(\.name.count).max() ?? 0
        let list = others.map { "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)" }
        return command.usage + """

            more \(command.name) commands:
            \(list.joined(separator: "\n"))

            allhands help \(command.name) COMMAND (or: allhands \(command.name) COMMAND --help) shows a command's options.

            """
    }

    /// `allhands help ticket`: the group's commands with their summaries.
    static func group(_ word: String) -> String {
        let members = Commands.group(word)
        let width = members.map { $0.words.dropFirst().joined(separator: " ").count }.max() ?? 0
        let list = members.map { command in
            let sub = command.words.dropFirst().joined(separator: " ")
            return "  \(sub.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(command.summary)"
        }
        return """
            usage: allhands \(word) COMMAND [ARGS]

            commands:
            \(list.joined(separator: "\n"))

            allhands help \(word) COMMAND (or: allhands \(word) COMMAND --help) shows a command's options.
            """
    }
}
