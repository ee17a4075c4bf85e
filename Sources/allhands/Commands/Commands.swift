/// Every command the CLI knows, in the order `allhands help` lists them.
enum Commands {
    static let all: [Command] = [
        DemoCommand.command,
        PeopleCommands.list, PeopleCommands.add, PeopleCommands.importCSV,
        TicketCommands.list, TicketCommands.views, TicketCommands.show, TicketSearchCommands.search,
        TicketSearchCommands.history, TicketWorkCommands.new, TicketWorkCommands.claim, TicketWorkCommands.release,
        TicketWorkCommands.assign, TicketConversationCommands.reply, TicketConversationCommands.note,
        TicketWorkCommands.status, TicketWorkCommands.priority, TicketWorkCommands.tag, TicketWorkCommands.untag,
        TicketCommands.update,
        GoodwillCommands.give, GoodwillCommands.mark,
        ShiftCommands.list, ShiftCommands.me, ShiftCommands.add, ShiftCommands.remove, ShiftCommands.assign,
        ShiftCommands.unassign, ShiftCommands.end,
        RotationCommands.plan, RotationCommands.rebalance, RotationCommands.check, RotationCommands.show,
        RotationCommands.fairness, RotationCommands.prefer,
        TimeOffCommands.add, TimeOffCommands.list, TimeOffCommands.remove,
        SwapCommands.offer, SwapCommands.take, SwapCommands.approve, SwapCommands.decline, SwapCommands.withdraw,
        SwapCommands.list,
        RotationExportCommand.command,
        GoodwillCommands.list, GoodwillCommands.approve, GoodwillCommands.decline,
        GoodwillCommands.boundaries, GoodwillCommands.clear,
        TagsCommand.command, TagsCommand.verify, TagsRetitleCommands.rename, TagsRetitleCommands.merge,
        TagsCompareCommand.command, TagsReportCommand.command,
        // Walk-a-mile follow-ups: call-downs, check-ins, action items.
        CallDownCommands.plan, CallDownCommands.list, CallDownCommands.set, CallDownCommands.notes,
        CheckInCommands.add, CheckInCommands.notes, CheckInCommands.show, CheckInCommands.list, CheckInCommands.search,
        ActionItemCommands.add, ActionItemCommands.list, ActionItemCommands.done, ActionItemCommands.drop,
        // Walk-a-mile: insights.
        InsightCommands.add, InsightCommands.list, InsightCommands.random, InsightCommands.show, InsightCommands.delete,
        // Reports (issue 11).
        ReportCommands.weekly,
    ]

    /// What the leading words of a command line name.
    enum Target {
        /// No command: the console (or `allhands help`'s general text).
        case none
        case command(Command)
        /// A group's first word alone (`ticket`): its commands are listed.
        case group(String)
    }

    /// The commands whose first word is `word` (one for `demo`, several for `ticket`).
    static func group(_ word: String) -> [Command] {
        all.filter { $0.words[0] == word }
    }

    /// Looks up the leading words of `arguments`, removing them.
    static func lookup(_ arguments: inout Arguments) throws -> Target {
        guard let first = arguments.word() else { return .none }
        let members = group(first)
        guard !members.isEmpty else { throw UsageError("unknown command '\(first)'") }
        // A word that is a command on its own (`tags`) may also lead a group (`tags verify`):
        // its sub-command when the next word names one, else the command itself.
        if let single = members.first(where: { $0.words.count == 1 }) {
            if let second = arguments.tokens.first,
               let command = members.first(where: { $0.words.count == 2 && $0.words[1] == second }) {
                _ = arguments.word()
                return .command(command)
            }
            return .command(single)
        }
        guard let second = arguments.word() else { return .group(first) }
        guard let command = members.first(where: { $0.words[1] == second }) else {
            throw UsageError("unknown command '\(first) \(second)' (try: \(members.map(\.name).joined(separator: ", ")))",
                             usage: Help.group(first))
        }
        return .command(command)
    }
}
