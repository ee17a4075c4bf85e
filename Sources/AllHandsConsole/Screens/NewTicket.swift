import AllHandsCore
import Foundation

/// `c` / `:new EMAIL SUBJECT`: a ticket for a phone call, a chat hand-off or an internal
/// report. The first message (what the customer said) is written next, like a reply.
extension Console {
    func createTicket(_ argument: String?) throws {
        let words = (argument ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, words[0].contains("@") else {
            _ = usage(.newTicket)
            return
        }
        compose = ComposeSession(ticketID: 0, kind: .customer, seenThrough: nil, area: TextArea(text: ""),
                                 newTicket: NewTicketRequest(requester: words[0], subject: words[1]))
        state.push(.compose)
        flash("Write what the customer said; C-d creates the ticket, Esc cancels")
    }
}

/// The requester and subject of a ticket being created in the console.
struct NewTicketRequest {
    var requester: String
    var subject: String
}
