/// A gesture to put a customer's situation right, with "one good reason".
public struct Goodwill: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Codable, Sendable { case refund, credit, swag, other }

    /// granted: within the giver's shift budget; awaiting: over it, for a lead to decide.
    public enum Status: String, CaseIterable, Codable, Sendable { case granted, awaiting, approved, declined }

    public var id: Int
    public var ticketID: Int
    /// Login of the person who made the gesture.
    public var by: String
    public var kind: Kind
    /// In minor units (cents) of `currency`.
    public var amount: Int
    public var currency: String
    public var reason: String
    public var status: Status
    /// Login of the lead who approved or declined it.
    public var decidedBy: String?
    public var decidedAt: Int64?
    public var createdAt: Int64

    public init(id: Int, ticketID: Int, by: String, kind: Kind, amount: Int, currency: String, reason: String,
                status: Status, decidedBy: String? = nil, decidedAt: Int64? = nil, createdAt: Int64) {
        self.id = id
        self.ticketID = ticketID
        self.by = by
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.reason = reason
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.createdAt = createdAt
    }
}

/// A requester whose conduct was marked abusive: all their tickets show it.
public struct Boundary: Sendable, Equatable {
    public var customerID: Int
    public var customerName: String
    public var reason: String
    /// Login of who marked it.
    public var setBy: String
    public var setAt: Int64

    public init(customerID: Int, customerName: String, reason: String, setBy: String, setAt: Int64) {
        self.customerID = customerID
        self.customerName = customerName
        self.reason = reason
        self.setBy = setBy
        self.setAt = setAt
    }
}

/// Someone else looking at or answering a ticket right now.
public struct Presence: Sendable, Equatable {
    public enum Activity: String, CaseIterable, Sendable { case viewing, composing }

    public var ticketID: Int
    public var login: String
    public var activity: Activity
    public var seenAt: Int64

    public init(ticketID: Int, login: String, activity: Activity, seenAt: Int64) {
        self.ticketID = ticketID
        self.login = login
        self.activity = activity
        self.seenAt = seenAt
    }
}

/// Text someone wrote for a ticket and has not sent: kept per ticket and person.
public struct Draft: Sendable, Equatable {
    public var ticketID: Int
    public var kind: MessageKind
    public var body: String
    public var updatedAt: Int64

    public init(ticketID: Int, kind: MessageKind, body: String, updatedAt: Int64) {
        self.ticketID = ticketID
        self.kind = kind
        self.body = body
        self.updatedAt = updatedAt
    }
}
