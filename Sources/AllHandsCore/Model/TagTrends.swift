/// The period the tags pane and the report compare: the last 24 hours, 7, 30 or 90 days, each
/// against the same length just before it.
public enum TagWindow: Int, CaseIterable, Sendable {
    case day = 1, week = 7, month = 30, quarter = 90

    /// `24h`, `7d`, `30d`, `90d`: how the pane and the CLI name it.
    public var label: String { self == .day ? "24h" : "\(rawValue)d" }

    public var seconds: Int64 { Int64(rawValue) * 86_400 }

    /// The next window, round to the first (the pane's `w`).
    public var next: TagWindow {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    public init?(label: String) {
        guard let window = Self.allCases.first(where: { $0.label == label }) else { return nil }
        self = window
    }
}

/// One tag in the tags pane: how many open tickets carry it now and how often it has been put on
/// tickets lately.
public struct TagTrend: Sendable, Equatable {
    public var tag: Tag
    /// Active (new, open, pending) tickets with the tag now.
    public var open: Int
    /// Times the tag was put on a ticket in the last 24 hours and the last 7 days.
    public var new24h: Int
    public var new7d: Int
    /// Times it was put on a ticket in the board's window and in the window before it.
    public var inWindow: Int
    public var previousWindow: Int
    /// Times it was put on a ticket per day in the company's zone, oldest first; the last is
    /// today so far. `TagBoard.sparklineDays` long.
    public var daily: [Int]

    public init(tag: Tag, open: Int, new24h: Int, new7d: Int, inWindow: Int, previousWindow: Int, daily: [Int]) {
        self.tag = tag
        self.open = open
        self.new24h = new24h
        self.new7d = new7d
        self.inWindow = inWindow
        self.previousWindow = previousWindow
        self.daily = daily
    }

    /// The window against the one before: positive when the tag is growing.
    public var change: Int { inWindow - previousWindow }
}

/// Open tickets per pair of values of two dimensions (area × type by default): the hottest cells
/// are where customers struggle most right now.
public struct TagMatrix: Sendable, Equatable {
    public var rowDimension: String
    public var columnDimension: String
    /// Tag names, in the taxonomy's order.
    public var rows: [String]
    public var columns: [String]
    /// `cells[r][c]`: open tickets carrying both `rows[r]` and `columns[c]`.
    public var cells: [[Int]]

    public init(rowDimension: String, columnDimension: String, rows: [String], columns: [String], cells: [[Int]]) {
        self.rowDimension = rowDimension
        self.columnDimension = columnDimension
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }

    public struct Cell: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var open: Int
    }

    /// The `count` fullest non-empty cells, fullest first (ties in reading order).
    public func hottest(_ count: Int) -> [Cell] {
        var all: [Cell] = []
        for (r, row) in cells.enumerated() {
            for (c, open) in row.enumerated() where open > 0 { all.append(Cell(row: r, column: c, open: open)) }
        }
        return Array(all.sorted { $0.open != $1.open ? $0.open > $1.open : ($0.row, $0.column) < ($1.row, $1.column) }
            .prefix(count))
    }
}

/// Everything the tags pane shows, read in one transaction at `asOf`.
public struct TagBoard: Sendable, Equatable {
    /// How many days a sparkline covers.
    public static let sparklineDays = 14

    public var window: TagWindow
    public var asOf: Int64
    /// Taxonomy dimensions in config order, then free tags; busiest first within a group.
    /// Free tags with nothing open and nothing lately are left out. Taxonomy tags no ticket has
    /// carried yet are in, with id 0 and zero counts (their queue is empty).
    public var trends: [TagTrend]
    /// The first two dimensions against each other; nil when the taxonomy has fewer than two.
    public var matrix: TagMatrix?

    /// What the next board after a change needs to read only that change (nil: read everything).
    var memory: TagBoardMemory?

    public init(window: TagWindow, asOf: Int64, trends: [TagTrend], matrix: TagMatrix?) {
        self.window = window
        self.asOf = asOf
        self.trends = trends
        self.matrix = matrix
    }

    /// Boards are equal when they show the same; what they remember for the next read is not shown.
    public static func == (a: TagBoard, b: TagBoard) -> Bool {
        a.window == b.window && a.asOf == b.asOf && a.trends == b.trends && a.matrix == b.matrix
    }
}

/// Tickets carrying a tag, week by week before and after a date (a release, a fix): did the
/// change move the needle?
public struct TagComparison: Sendable, Equatable {
    public struct Week: Sendable, Equatable {
        /// `[start, end)`; weeks of seven days of the company's calendar run from the date backwards and forwards.
        public var start: Int64
        public var end: Int64
        /// Tickets created in the week that carry the tag now, and all tickets created in it.
        public var tagged: Int
        public var total: Int
        /// False for a week after the date that has not ended yet: shown, left out of the averages.
        public var complete: Bool

        public var share: Double? { total > 0 ? Double(tagged) / Double(total) : nil }
    }

    public var tag: Tag
    public var at: Int64
    public var before: [Week]
    public var after: [Week]

    public init(tag: Tag, at: Int64, before: [Week], after: [Week]) {
        self.tag = tag
        self.at = at
        self.before = before
        self.after = after
    }

    /// Tagged tickets per complete week, before and after (from the first week with any ticket);
    /// nil when there is no such week.
    public var beforePerWeek: Double? { Self.perWeek(before) }
    public var afterPerWeek: Double? { Self.perWeek(after) }

    /// After against before, in percent; nil when either side has no complete week or before is 0.
    public var changePercent: Double? {
        guard let b = beforePerWeek, let a = afterPerWeek, b > 0 else { return nil }
        return (a - b) / b * 100
    }

    /// The tag's share of all tickets created in the complete weeks of each side.
    public var shareBefore: Double? { Self.share(before) }
    public var shareAfter: Double? { Self.share(after) }

    /// Complete weeks count; weeks before the first ticket of all (`tags compare --weeks 52` on a
    /// young helpdesk) say nothing about the tag and are left out.
    private static func perWeek(_ weeks: [Week]) -> Double? {
        let done = weeks.drop { $0.total == 0 }.filter(\.complete)
        return done.isEmpty ? nil : Double(done.reduce(0) { $0 + $1.tagged }) / Double(done.count)
    }

    private static func share(_ weeks: [Week]) -> Double? {
        let done = weeks.filter(\.complete)
        let total = done.reduce(0) { $0 + $1.total }
        return total > 0 ? Double(done.reduce(0) { $0 + $1.tagged }) / Double(total) : nil
    }
}

/// Counts and trends per tag over a period, for `tags report`.
public struct TagReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var tag: Tag
        /// Active tickets with the tag now.
        public var open: Int
        /// Times the tag was put on a ticket in the period and in the period of the same length before.
        public var added: Int
        public var previous: Int
        /// Tickets created in the period that carry the tag now.
        public var tickets: Int

        /// Added against the previous period in percent; nil when the previous period had none.
        public var changePercent: Double? {
            previous > 0 ? Double(added - previous) / Double(previous) * 100 : nil
        }
    }

    /// `[from, to)`.
    public var from: Int64
    public var to: Int64
    /// Tickets created in the period (the denominator of each row's share).
    public var ticketsCreated: Int
    /// Dimension order, then free tags; most added first within a group. Tags with nothing in
    /// either period and nothing open are left out.
    public var rows: [Row]

    public init(from: Int64, to: Int64, ticketsCreated: Int, rows: [Row]) {
        self.from = from
        self.to = to
        self.ticketsCreated = ticketsCreated
        self.rows = rows
    }

    /// The row's tickets against all tickets created in the period; nil when none was.
    public func share(of row: Row) -> Double? {
        ticketsCreated > 0 ? Double(row.tickets) / Double(ticketsCreated) : nil
    }
}

/// What `tags rename` and `tags merge` did.
public struct TagRetitle: Sendable, Equatable {
    /// The tag as it is now (for a merge: the one kept).
    public var tag: Tag
    /// The old name (rename) or the merged tag's name; it stays an alias of `tag`.
    public var oldName: String
    /// Tickets whose tags changed: for a merge, those that carried the merged tag.
    public var tickets: Int
    /// For a merge: tickets that already carried both (they keep one link).
    public var alreadyBoth: Int
    /// The configured taxonomy still lists the old name: the config should follow.
    public var configStillListsOld: Bool
}
