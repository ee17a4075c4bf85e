import AllHandsCore

/// What another process changed in the ticket on show, in words: "priority: urgent → low,
/// 1 new message by fkim".
enum TicketChangeNotice {
    static func describe(before: TicketDetail, after: TicketDetail, by actor: String?) -> String? {
        let old = before.ticket, new = after.ticket
        var parts: [String] = []
        if old.status != new.status { parts.append("status: \(old.status.rawValue) → \(new.status.rawValue)") }
        if old.priority != new.priority { parts.append("priority: \(old.priority.name) → \(new.priority.name)") }
        if old.assigneeLogin != new.assigneeLogin {
            parts.append("assignee: \(old.assigneeLogin ?? "nobody") → \(new.assigneeLogin ?? "nobody")")
        }
        if old.subject != new.subject { parts.append("subject changed") }
        let added = Set(new.tags).subtracting(old.tags).sorted(), removed = Set(old.tags).subtracting(new.tags).sorted()
        if !added.isEmpty || !removed.isEmpty {
            parts.append("tags: " + (added.map { "+" + $0 } + removed.map { "-" + $0 }).joined(separator: " "))
        }
        let newMessages = after.messages.count - before.messages.count
        if newMessages > 0 { parts.append(English.count(newMessages, "new message")) }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: ", ") + (actor.map { " by " + $0 } ?? "")
    }
}
