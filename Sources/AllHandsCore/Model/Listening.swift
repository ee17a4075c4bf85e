/// What a listener follows on the listen view's timeline.
public enum ListenFilter: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The whole support floor.
    case all
    /// Tickets carrying one tag (a taxonomy alias means its tag).
    case tag(String)
    /// Everything one agent touches: the tickets they hold and every message they write.
    case shadow(login: String)

    /// `all`, `tag:billing`, `shadow:ana`: how a session records what it followed.
    public var description: String {
        switch self {
        case .all: "all"
        case .tag(let name): "tag:\(name)"
        case .shadow(let login): "shadow:\(login)"
        }
    }

    /// Reads `description`'s forms back; nil for anything else.
    public init?(_ text: String) {
        if text == "all" { self = .all; return }
        if text.hasPrefix("tag:"), text.count > 4 { self = .tag(String(text.dropFirst(4))); return }
        if text.hasPrefix("shadow:"), text.count > 7 { self = .shadow(login: String(text.dropFirst(7))); return }
        return nil
    }
}

/// One line of the listen view's timeline: something that happened on the support floor.
public struct TimelineEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A ticket arrived (its first customer message).
        case newTicket = "new"
        /// A customer wrote again on a ticket.
        case customer
        /// A public reply to the customer.
        case reply
        /// An internal note.
        case note
    }

    /// The message's id: the timeline's cursor (entries come in id order).
    public var id: Int
    public var kind: Kind
    public var ticketID: Int
    public var subject: String
    /// The agent's login, or the customer's name (contacts hidden when the config asks).
    public var author: String
    /// The message's text (contacts hidden when the config asks); the UI shows one line of it.
    public var body: String
    public var at: Int64

    public init(id: Int, kind: Kind, ticketID: Int, subject: String, author: String, body: String, at: Int64) {
        self.id = id
        self.kind = kind
        self.ticketID = ticketID
        self.subject = subject
        self.author = author
        self.body = body
        self.at = at
    }
}

/// Listening time of one person over a period, against what they are asked to listen.
public struct ListeningTime: Sendable, Equatable {
    public var login: String
    public var seconds: Int64
    /// Sessions that began in the period.
    public var sessions: Int
    /// The target for the period in seconds (executives: `listening.targetHoursPerMonth`); 0 for
    /// people who have none.
    public var targetSeconds: Int64

    public init(login: String, seconds: Int64, sessions: Int, targetSeconds: Int64) {
        self.login = login
        self.seconds = seconds
        self.sessions = sessions
        self.targetSeconds = targetSeconds
    }

    public var hours: Double { Double(seconds) / 3_600 }
    public var targetHours: Double { Double(targetSeconds) / 3_600 }
}

/// A customer's words worth remembering, kept where everyone can read them.
public struct Insight: Sendable, Equatable {
    public var id: Int
    /// The customer's own words.
    public var quote: String
    /// Why it matters.
    public var note: String
    public var tags: [String]
    public var ticketID: Int?
    public var messageID: Int?
    public var customerID: Int?
    public var customerName: String?
    public var customerEmail: String?
    public var customerOrganization: String?
    /// Login of the person who captured it.
    public var author: String
    public var createdAt: Int64

    public init(id: Int, quote: String, note: String, tags: [String], ticketID: Int?, messageID: Int?,
                customerID: Int?, customerName: String?, customerEmail: String?, author: String, createdAt: Int64,
                customerOrganization: String? = nil) {
        self.id = id
        self.quote = quote
        self.note = note
        self.tags = tags
        self.ticketID = ticketID
        self.messageID = messageID
        self.customerID = customerID
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.customerOrganization = customerOrganization
        self.author = author
        self.createdAt = createdAt
    }
}

/// What an insights listing keeps: every filter given must match.
public struct InsightFilter: Sendable, Equatable {
    /// Words to find in the quote or the note (the ticket search's rules: all words, `pre*`,
    /// `"a phrase"`).
    public var search: String?
    public var tag: String?
    /// Login of the author.
    public var author: String?
    /// The customer's email address (or id as text).
    public var customer: String?
    public var ticketID: Int?
    /// Captured at or after / before these instants.
    public var from: Int64?
    public var to: Int64?

    public init(search: String? = nil, tag: String? = nil, author: String? = nil, customer: String? = nil,
                ticketID: Int? = nil, from: Int64? = nil, to: Int64? = nil) {
        self.search = search
        self.tag = tag
        self.author = author
        self.customer = customer
        self.ticketID = ticketID
        self.from = from
        self.to = to
    }
}
