/// The weekly report (issue 11): one ISO week of the company's calendar against the week before,
/// read in one transaction by `ReportService.weekly` and written out by `WeeklyReportMarkdown` and
/// `WeeklyReportHTML`. Plain values only: text from the database is kept as it was typed and
/// escaped by the writers.
public struct WeeklyReport: Sendable, Equatable {
    public var week: ISOWeek
    /// `[start, end)`: Monday 00:00 to the next Monday 00:00 in the company's zone.
    public var start: Int64
    public var end: Int64
    /// The instant the figures run to: the end of the week, or now while it is under way.
    public var asOf: Int64
    /// The company's zone (IANA), in which the week and the days are counted.
    public var timeZone: String
    public var companyName: String

    public var ticketsIn: Figure
    public var ticketsSolved: Figure
    public var firstResponse: Timing
    public var resolution: Timing
    /// The two dimensions frustrations pair up (`area`, `type`); nil when the taxonomy has fewer.
    public var frustrationDimensions: DimensionPair?
    public var frustrations: [Frustration]
    /// The tags on the week's new tickets, busiest first (the HTML chart).
    public var topTags: [TagCount]
    public var successes: Successes
    /// The week's insights, oldest first (at most `WeeklyReport.insightLimit`), and how many there were.
    public var insights: [InsightQuote]
    public var insightCount: Int
    public var participation: Participation
    public var actionItems: ActionItems

    /// The week is not over yet: the figures are "so far".
    public var isUnderWay: Bool { asOf < end }

    public static let frustrationLimit = 5
    public static let topTagLimit = 8
    public static let fastestLimit = 3
    public static let thanksQuoteLimit = 3
    public static let insightLimit = 20
    public static let actionItemLimit = 25
    /// A solve this soon after the ticket arrived is a fast one.
    public static let fastSolveSeconds: Int64 = 3_600
    /// How much of a customer's message a quote keeps.
    public static let quoteLength = 200
    /// The words that make a customer's message a thank-you (matched case-insensitively within words).
    public static let thanksWords = ["thank", "appreciate"]

    /// A count this week against last week.
    public struct Figure: Sendable, Equatable {
        public var this: Int
        public var previous: Int

        public init(this: Int, previous: Int) {
            self.this = this
            self.previous = previous
        }

        /// The change in percent; nil when last week had none.
        public var changePercent: Double? {
            previous == 0 ? nil : Double(this - previous) / Double(previous) * 100
        }
    }

    /// Durations in seconds: the median and the 90th percentile this week and last.
    public struct Timing: Sendable, Equatable {
        public var count: Int
        public var median: Int64?
        public var p90: Int64?
        public var previousMedian: Int64?
        public var previousP90: Int64?

        public init(count: Int, median: Int64?, p90: Int64?, previousMedian: Int64?, previousP90: Int64?) {
            self.count = count
            self.median = median
            self.p90 = p90
            self.previousMedian = previousMedian
            self.previousP90 = previousP90
        }

        /// The median (the mean of the two middle values for an even count) and the 90th
        /// percentile (nearest rank) of `values`; nil for none.
        public static func percentiles(_ values: [Int64]) -> (median: Int64?, p90: Int64?) {
            guard !values.isEmpty else { return (nil, nil) }
            let sorted = values.sorted(), n = sorted.count
            let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            let rank = max(1, Int((Double(n) * 0.9).rounded(.up)))
            return (median, sorted[min(rank, n) - 1])
        }
    }

    public struct DimensionPair: Sendable, Equatable {
        public var row: String
        public var column: String

        public init(row: String, column: String) {
            self.row = row
            self.column = column
        }
    }

    /// Tickets created in the week carrying both tags of a pair (area × type).
    public struct Frustration: Sendable, Equatable {
        public var row: String
        public var column: String
        public var tickets: Figure

        public init(row: String, column: String, tickets: Figure) {
            self.row = row
            self.column = column
            self.tickets = tickets
        }
    }

    public struct TagCount: Sendable, Equatable {
        public var tag: String
        public var tickets: Int

        public init(tag: String, tickets: Int) {
            self.tag = tag
            self.tickets = tickets
        }
    }

    public struct Successes: Sendable, Equatable {
        /// Tickets solved in the week within `fastSolveSeconds` of arriving.
        public var fastSolves: Int
        public var fastest: [FastSolve]
        /// Thank-you messages (see `thanksWords`) and a few of them quoted, newest first.
        public var thanks: Int
        public var thanksQuotes: [ThanksQuote]

        public init(fastSolves: Int, fastest: [FastSolve], thanks: Int, thanksQuotes: [ThanksQuote]) {
            self.fastSolves = fastSolves
            self.fastest = fastest
            self.thanks = thanks
            self.thanksQuotes = thanksQuotes
        }
    }

    public struct FastSolve: Sendable, Equatable {
        public var ticketID: Int
        public var subject: String
        public var seconds: Int64

        public init(ticketID: Int, subject: String, seconds: Int64) {
            self.ticketID = ticketID
            self.subject = subject
            self.seconds = seconds
        }
    }

    public struct ThanksQuote: Sendable, Equatable {
        public var ticketID: Int
        public var customer: String
        /// The message, cut to `quoteLength`.
        public var quote: String

        public init(ticketID: Int, customer: String, quote: String) {
            self.ticketID = ticketID
            self.customer = customer
            self.quote = quote
        }
    }

    /// An insight in the customer's own words.
    public struct InsightQuote: Sendable, Equatable {
        public var id: Int
        public var quote: String
        public var note: String
        public var customer: String?
        public var ticketID: Int?
        /// Who captured it (name).
        public var author: String
        public var at: Int64

        public init(id: Int, quote: String, note: String, customer: String?, ticketID: Int?, author: String, at: Int64) {
            self.id = id
            self.quote = quote
            self.note = note
            self.customer = customer
            self.ticketID = ticketID
            self.author = author
            self.at = at
        }
    }

    public struct Participation: Sendable, Equatable {
        /// People seated as agent or buddy in the week's shifts (listener seats are listening,
        /// counted below), and their hours up to `asOf`.
        public var shiftPeople: Int
        public var shiftSeconds: Int64
        /// The same per team, most hours first.
        public var teams: [TeamShifts]
        /// The listening target for the week: `targetHoursPerMonth` prorated by the days of the
        /// week's month(s) (`ListeningService.targetSeconds`, as on the fairness panel).
        public var listeningTargetSeconds: Int64
        /// Every executive, and anyone else with a call-down that week, by name.
        public var executives: [Executive]
        /// Listening by people who are not executives.
        public var otherListeners: Int
        public var otherListeningSeconds: Int64

        public init(shiftPeople: Int, shiftSeconds: Int64, teams: [TeamShifts], listeningTargetSeconds: Int64,
                    executives: [Executive], otherListeners: Int, otherListeningSeconds: Int64) {
            self.shiftPeople = shiftPeople
            self.shiftSeconds = shiftSeconds
            self.teams = teams
            self.listeningTargetSeconds = listeningTargetSeconds
            self.executives = executives
            self.otherListeners = otherListeners
            self.otherListeningSeconds = otherListeningSeconds
        }
    }

    public struct TeamShifts: Sendable, Equatable {
        public var team: String
        public var people: Int
        public var seconds: Int64

        public init(team: String, people: Int, seconds: Int64) {
            self.team = team
            self.people = people
            self.seconds = seconds
        }
    }

    public struct Executive: Sendable, Equatable {
        public var login: String
        public var name: String
        /// Counted by `ListeningRules` within the week.
        public var listenedSeconds: Int64
        /// Call-downs of the week by state.
        public var called: Int
        public var noAnswer: Int
        public var declined: Int
        public var toCall: Int

        public init(login: String, name: String, listenedSeconds: Int64, called: Int, noAnswer: Int, declined: Int,
                    toCall: Int) {
            self.login = login
            self.name = name
            self.listenedSeconds = listenedSeconds
            self.called = called
            self.noAnswer = noAnswer
            self.declined = declined
            self.toCall = toCall
        }

        public var callDowns: Int { called + noAnswer + declined + toCall }
    }

    /// Action items open at `asOf` (created before it, not closed by it).
    public struct ActionItems: Sendable, Equatable {
        /// The day overdue is counted against (`YYYY-MM-DD`, company zone): an open item due
        /// before it is overdue. The Monday after a finished week; today for one under way.
        public var today: String
        public var open: Int
        public var overdue: Int
        /// Overdue first, then by due day; at most `actionItemLimit`.
        public var items: [Item]

        public init(today: String, open: Int, overdue: Int, items: [Item]) {
            self.today = today
            self.open = open
            self.overdue = overdue
            self.items = items
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var owner: String
        public var dueDay: String
        public var overdue: Bool

        public init(id: Int, title: String, owner: String, dueDay: String, overdue: Bool) {
            self.id = id
            self.title = title
            self.owner = owner
            self.dueDay = dueDay
            self.overdue = overdue
        }
    }
}
