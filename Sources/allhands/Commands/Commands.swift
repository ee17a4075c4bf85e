/// Every command the CLI knows, in the order `allhands help` lists them.
enum Commands {
    static let all: [Command] = [
        DemoCommand.command,
        PeopleCommands.list, PeopleCommands.add, PeopleCommands.importCSV,
        TicketCommands.list, TicketCommands.show, TicketCommands.update,
        TagsCommand.command,
    ]

    /// The command named by the leading words of `arguments`, removing those words.
    static func find(_ arguments: inout Arguments) throws -> Command? {
        guard let first = arguments.word() else { return nil }
        let group = all.filter { $0.words[0] == first }
        guard !group.isEmpty else { throw UsageError("unknown command '\(first)'") }
        if let single = group.first, single.words.count == 1 { return single }
        guard let second = arguments.word() else {
            throw UsageError("'\(first)' needs one of: \(group.map { $0.words[1] }.joined(separator: ", "))")
        }
        guard let command = group.first(where: { $0.words[1] == second }) else {
            throw UsageError("unknown command '\(first) \(second)' (try: \(group.map(\.name).joined(separator: ", ")))")
        }
        return command
    }
}
