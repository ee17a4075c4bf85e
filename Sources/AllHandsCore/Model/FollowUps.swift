/// One customer on one executive's call-down list for one week.
public struct CallDown: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case toCall = "to-call"
        case called
        case noAnswer = "no-answer"
        case declined
    }

    /// Why the customer was chosen, shown with the list.
    public enum Reason: String, Sendable, CaseIterable {
        /// A recent bad experience: a long wait, many reopenings, a goodwill gesture.
        case badExperience = "bad-experience"
        /// Has not written for a long time.
        case silence
        /// Chosen at random, for balance.
        case random
    }

    public var id: Int
    public var week: ISOWeek
    /// Login of the executive calling.
    public var executive: String
    public var customerID: Int
    public var customerName: String
    public var customerEmail: String
    public var reason: Reason
    /// The reason in words: "waited 3 days for a first reply on #1234".
    public var detail: String
    /// The ticket behind the reason, when there is one.
    public var ticketID: Int?
    public var state: State
    public var notes: String
    public var updatedAt: Int64
    public var version: Int

    public init(id: Int, week: ISOWeek, executive: String, customerID: Int, customerName: String, customerEmail: String,
                reason: Reason, detail: String, ticketID: Int?, state: State, notes: String, updatedAt: Int64,
                version: Int) {
        self.id = id
        self.week = week
        self.executive = executive
        self.customerID = customerID
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.reason = reason
        self.detail = detail
        self.ticketID = ticketID
        self.state = state
        self.notes = notes
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A short scheduled conversation between anyone in the company and a customer.
public struct CheckIn: Sendable, Equatable {
    public var id: Int
    public var customerID: Int
    public var customerName: String
    public var customerEmail: String
    public var at: Int64
    /// Logins of the people holding it; the first is who scheduled it.
    public var people: [String]
    public var notes: String
    public var createdBy: String
    public var updatedAt: Int64
    public var version: Int

    public init(id: Int, customerID: Int, customerName: String, customerEmail: String, at: Int64, people: [String],
                notes: String, createdBy: String, updatedAt: Int64, version: Int) {
        self.id = id
        self.customerID = customerID
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.at = at
        self.people = people
        self.notes = notes
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A follow-up from a call or a check-in, with an owner so nothing said is lost.
public struct ActionItem: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case open, done, dropped
    }

    public var id: Int
    public var title: String
    /// Login of the owner.
    public var owner: String
    /// The day it is due, `YYYY-MM-DD` in the company's zone; overdue once that day is over.
    public var dueDay: String
    public var customerID: Int?
    public var customerName: String?
    public var ticketID: Int?
    public var callDownID: Int?
    public var checkInID: Int?
    public var state: State
    public var createdBy: String
    public var createdAt: Int64
    public var closedBy: String?
    public var closedAt: Int64?
    public var version: Int

    public init(id: Int, title: String, owner: String, dueDay: String, customerID: Int?, customerName: String?,
                ticketID: Int?, callDownID: Int?, checkInID: Int?, state: State, createdBy: String, createdAt: Int64,
                closedBy: String?, closedAt: Int64?, version: Int) {
        self.id = id
        self.title = title
        self.owner = owner
        self.dueDay = dueDay
        self.customerID = customerID
        self.customerName = customerName
        self.ticketID = ticketID
        self.callDownID = callDownID
        self.checkInID = checkInID
        self.state = state
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.closedBy = closedBy
        self.closedAt = closedAt
        self.version = version
    }

    /// Open and due before `today` (`YYYY-MM-DD` in the company's zone).
    public func isOverdue(today: String) -> Bool {
        state == .open && dueDay < today
    }
}
