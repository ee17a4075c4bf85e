import AllHandsCore

/// What Tab completes on the command line: command names for the first word, then what the
/// command takes (statuses, priorities, tags from the taxonomy with their dimension, macro
/// names, logins, views, orders, kinds of goodwill).
extension Console {
    func completions(_ before: String) -> [String] {
        guard let space = before.firstIndex(of: " ") else { return ActionTable.completions(before) }
        let command = String(before[..<space])
        guard let kind = ActionTable.action(command: command)?.completes else { return [] }
        let word = String(before[before.index(after: before.lastIndex(of: " ") ?? space)...])
        // Listening (issue 11): what follows `tag`, `shadow`, `author`, `customer`.
        let previous = before.split(separator: " ").dropFirst().dropLast(word.isEmpty ? 0 : 1).last.map(String.init)
        if let words = listeningCandidates(kind, after: previous) { return words.filter { $0.hasPrefix(word) } }
        return candidates(kind).filter { $0.hasPrefix(word) }
    }

    /// `:listen all|tag NAME|shadow LOGIN` and `:insights tag NAME author LOGIN customer EMAIL`.
    private func listeningCandidates(_ kind: ArgumentKind, after previous: String?) -> [String]? {
        guard kind == .listenFilter || kind == .insightsFilter else { return nil }
        switch previous {
        case "tag": return candidates(.tag)
        case "shadow", "author": return (try? workspace.people.list().filter(\.active).map(\.login)) ?? []
        case "customer": return []
        default: return kind == .listenFilter ? (previous == nil ? ["all", "tag", "shadow"] : []) : ["tag", "author", "customer"]
        }
    }

    private func candidates(_ kind: ArgumentKind) -> [String] {
        switch kind {
        case .status: TicketStatus.allCases.map(\.rawValue)
        case .priority: Priority.allCases.map(\.name)
        case .tag:
            // Qualified names complete too, so the dimension shows: `area:billing`.
            workspace.config.taxonomy.dimensions.flatMap { d in d.tags.map { "\(d.name):\($0)" } }
                + workspace.config.taxonomy.dimensions.flatMap(\.tags)
        case .macro: workspace.config.macros.map(\.name)
        case .login: ["me", "none"] + ((try? workspace.people.list().filter(\.active).map(\.login)) ?? [])
        case .view: QueueViews.names
        case .sort: QueueViews.sortNames
        case .goodwillKind: Goodwill.Kind.allCases.map(\.rawValue)
        case .draftKind: [MessageKind.reply.rawValue, MessageKind.note.rawValue]
        case .calendarFilter: CalendarFilter.completions(people: calendar?.people.values.sorted { $0.login < $1.login } ?? [])
        case .shiftPeople: calendar?.selectedShift?.people ?? []
        case .tagWindow: TagWindow.allCases.map(\.label)
        case .listenFilter, .insightsFilter: []
        }
    }
}
