import AllHandsCore
import Foundation
import TerminalUI

/// The actions on one ticket, the same from the queue (on the selected ticket) and from the
/// ticket view (on the open one). Each is one call into the domain, which checks the rights
/// and writes the change and its audit entry in one transaction; the notice says what happened.
extension Console {
    func performOnTicket(_ id: ActionID, ticketID: Int, argument: String?) throws -> Outcome {
        let tickets = workspace.tickets
        switch id {
        case .claim:
            try tickets.claim(id: ticketID)
            // Taken from the queue, the ticket opens: it is what the person will work on next.
            if state.screen == .main { try openTicket(ticketID) }
            flash("#\(ticketID) is yours now")
        case .release:
            try tickets.release(id: ticketID)
            flash("#\(ticketID) is back in the queue")
        case .assign:
            guard let login = argument else { return usage(.assign) }
            let target = login == "me" ? workspace.actor.person.login : login
            let ticket = try tickets.assign(id: ticketID, to: target == "none" ? nil : target, expectedVersion: shownVersion(ticketID))
            flash("#\(ticketID) is now \(ticket.assigneeLogin.map { "assigned to \(Sanitizer.clean($0))" } ?? "unassigned")")
        case .status:
            guard let name = argument, let status = TicketStatus(rawValue: name.lowercased()) else { return usage(.status) }
            try tickets.setStatus(id: ticketID, status, expectedVersion: shownVersion(ticketID))
            flash("#\(ticketID) is \(status.rawValue)")
        case .solve:
            try tickets.setStatus(id: ticketID, .solved, expectedVersion: shownVersion(ticketID))
            flash("#\(ticketID) is solved")
        case .priority:
            guard let name = argument, let priority = Priority(name: name) else { return usage(.priority) }
            try tickets.setPriority(id: ticketID, priority, expectedVersion: shownVersion(ticketID))
            flash("#\(ticketID) is \(priority.name) priority")
        case .tag, .untag:
            let names = (argument ?? "").split(separator: " ").map(String.init)
            guard !names.isEmpty else { return usage(id) }
            if id == .tag {
                let result = try tickets.tag(id: ticketID, names)
                let free = result.free.isEmpty ? "" : " (free, not in the taxonomy: \(result.free.map(Sanitizer.clean).joined(separator: ", ")))"
                flash("#\(ticketID) tagged \(names.map(Sanitizer.clean).joined(separator: " "))" + free)
            } else {
                try tickets.untag(id: ticketID, names)
                flash("#\(ticketID) untagged \(names.map(Sanitizer.clean).joined(separator: " "))")
            }
        case .reply: try startCompose(.reply, ticketID: ticketID)
        case .note: try startCompose(.note, ticketID: ticketID)
        case .macro:
            guard let name = argument else { return usage(.macro) }
            try startCompose(.reply, ticketID: ticketID, macro: name)
        case .goodwill: try giveGoodwill(ticketID, argument)
        case .discard:
            let kind = argument.flatMap { MessageKind(rawValue: $0.lowercased()) }
            guard argument == nil || kind == .reply || kind == .note else { return usage(.discard) }
            try tickets.discardDraft(id: ticketID, kind: kind)
            flash(kind.map { "Your unsent \($0.rawValue) on #\(ticketID) is thrown away" } ?? "Your drafts on #\(ticketID) are thrown away")
        case .boundary:
            guard let reason = argument else { return usage(.boundary) }
            _ = try workspace.boundaries.mark(ticketID: ticketID, reason: reason)
            flash("The requester of #\(ticketID) is marked: every ticket of theirs shows it (:macro boundary replies)")
        default: return .unhandled
        }
        try afterChange(ticketID)
        return .handled
    }

    /// The version of the ticket as this screen shows it: a change decided on what the person
    /// sees is made only if nobody changed the ticket since (a conflict says so and reloads).
    func shownVersion(_ ticketID: Int) -> Int? {
        if case .ticket(let open) = state.screen, open == ticketID { return detail?.ticket.version }
        return queue.selectedTicket.flatMap { $0.id == ticketID ? $0.version : nil }
    }

    /// Shows the usage of an action that needs an argument.
    func usage(_ id: ActionID) -> Outcome {
        if let action = ActionTable.action(id), let command = action.command {
            flash("usage: :\(command)" + (action.argument.map { " " + $0 } ?? ""), error: true)
        }
        return .handled
    }

    /// Reloads what shows the ticket after this console changed it. The view bar's counts
    /// (every view, several index walks at a million tickets) are recounted on the next tick,
    /// after the frame that shows the change, as the tags pane is on opening.
    func afterChange(_ ticketID: Int) throws {
        try queue.refresh()
        if case .ticket(let open) = state.screen, open == ticketID { try reloadTicket(ticketID) }
        viewCountsStale = true
    }

    /// `:goodwill KIND AMOUNT REASON…`, e.g. `:goodwill refund 12.50 charged twice for March`.
    private func giveGoodwill(_ ticketID: Int, _ argument: String?) throws {
        let words = (argument ?? "").split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count == 3 else { _ = usage(.goodwill); return }
        guard let kind = Goodwill.Kind(rawValue: words[0].lowercased()) else {
            return flash("'\(words[0])' is not a kind of goodwill: refund, credit, swag or other", error: true)
        }
        guard let amount = GoodwillService.parseAmount(words[1]) else {
            return flash("'\(words[1])' is not an amount: write 12 or 12.50", error: true)
        }
        let gesture = try workspace.goodwill.give(ticketID: ticketID, kind: kind, amount: amount,
                                                  currency: workspace.config.goodwill.currency, reason: words[2])
        let money = GoodwillService.format(gesture.amount, currency: gesture.currency)
        flash(gesture.status == .awaiting
              ? "\(kind.rawValue) of \(money) is over your shift's budget: it waits for a lead's approval"
              : "\(kind.rawValue) of \(money) granted")
    }

    func decideGoodwill(_ argument: String?, approve: Bool) throws {
        let words = (argument ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        guard let first = words.first, let id = Int(first.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
            _ = usage(approve ? .approve : .decline)
            return
        }
        if approve {
            _ = try workspace.goodwill.approve(id: id)
            flash("Goodwill #\(id) approved")
        } else {
            guard words.count == 2 else { _ = usage(.decline); return }
            _ = try workspace.goodwill.decline(id: id, reason: words[1])
            flash("Goodwill #\(id) declined")
        }
        if case .report(let kind) = state.screen { try showReport(kind) }
        if case .ticket(let open) = state.screen { try reloadTicket(open) }
    }
}
