/// One entry in a ticket's thread.
public enum MessageKind: String, CaseIterable, Codable, Sendable {
    /// Written by the customer.
    case customer
    /// A public answer, sent to the customer.
    case reply
    /// Internal; never sent to the customer.
    case note

    /// How a thread names the kind, so nobody mistakes a note for something the customer saw.
    public var label: String {
        switch self {
        case .customer: "Customer"
        case .reply: "Reply"
        case .note: "Internal note"
        }
    }
}

public struct Message: Sendable, Equatable {
    public var id: Int
    public var ticketID: Int
    public var kind: MessageKind
    /// The person's login or the customer's name.
    public var author: String
    public var body: String
    public var createdAt: Int64

    public init(id: Int, ticketID: Int, kind: MessageKind, author: String, body: String, createdAt: Int64) {
        self.id = id
        self.ticketID = ticketID
        self.kind = kind
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}
