import AllHandsCore
import Foundation

/// `c` / `:new EMAIL SUBJECT`: a ticket for a phone call, a chat hand-off or an internal
/// report. The first message (what the customer said) is written next, like a reply.
extension Console {
    func createTicket(_ argument: String?) throws {
        let words = (argument ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, words[0].contains("@") else {
            let problem = words.isEmpty ? "usage: :new EMAIL SUBJECT (the customer's email, then the subject)"
                : words.count == 1 && words[0].contains("@") ? "a new ticket needs a subject after the email: :new EMAIL SUBJECT"
                : "'\(words[0])' is not an email: :new EMAIL SUBJECT"
            return flash(problem, error: true)
        }
        let request = NewTicketRequest(requester: words[0], subject: words[1])
        compose = ComposeSession(ticketID: 0, kind: .customer, seenThrough: nil, area: TextArea(text: ""), newTicket: request)
        if editorCommand == nil { flash("Write what the customer said; C-d creates the ticket, Esc cancels") }
        try write(thread: [], heading: "New ticket for \(request.requester): \(request.subject). Write what the customer said.")
    }
}

/// The requester and subject of a ticket being created in the console.
struct NewTicketRequest {
    var requester: String
    var subject: String
}
