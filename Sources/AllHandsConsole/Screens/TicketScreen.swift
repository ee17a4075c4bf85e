import AllHandsCore
import TerminalUI

/// The ticket view: the thread (or, with `h`, the history), and every ticket action on the
/// open ticket.
extension Console {
    func performOnTicketScreen(_ id: ActionID, argument: String?) throws -> Outcome {
        guard case .ticket(let ticketID) = state.screen else { return .unhandled }
        switch id {
        case .history:
            state.showHistory.toggle()
            state.ticketScroll = 0
            history = state.showHistory ? try workspace.tickets.history(id: ticketID) : []
            return .handled
        case .previousMessage, .nextMessage:
            moveMessageMark(by: id == .nextMessage ? 1 : -1)
            return .handled
        case .back:
            messageMark = nil
            try workspace.presence.leave(ticketID: ticketID)
            lastHeartbeat = nil
            state.pop()
            try queue.refresh()
            return .handled
        default:
            return try performOnTicket(id, ticketID: ticketID, argument: argument)
        }
    }

    /// Tells others this person is on a ticket, about every ten seconds while it stays open
    /// (presence rows expire after thirty).
    func heartbeat(on ticketID: Int, _ activity: Presence.Activity, force: Bool = false) throws {
        if !force, let last = lastHeartbeat, last.ticket == ticketID, last.activity == activity,
           now - last.at < Self.heartbeatSeconds { return }
        try workspace.presence.heartbeat(ticketID: ticketID, activity: activity)
        lastHeartbeat = (ticketID, activity, now)
    }

    static let heartbeatSeconds: Int64 = 10

    /// Keeps the heartbeat going for the ticket on show or being written.
    func keepPresence() throws {
        switch state.screen {
        case .ticket(let id): try heartbeat(on: id, .viewing)
        case .compose, .confirmSend:
            if let compose, compose.newTicket == nil { try heartbeat(on: compose.ticketID, .composing) }
        default: break
        }
    }
}
