import AllHandsCore
import Foundation

/// The listen view's timeline as loaded: entries oldest first, the selected one, whether the
/// view follows the bottom, and the cursor (the newest entry's message id) that a refresh reads
/// after. Pure: the console loads, this keeps.
///
/// The view follows the bottom (new entries select themselves) until the person moves up; then
/// new entries are counted as "N new below" until they come back down to the last line.
struct ListenTimelineModel: Equatable {
    var filter: ListenFilter
    private(set) var entries: [TimelineEntry] = []
    /// Index of the selected entry (the last one while following).
    private(set) var selected = 0
    private(set) var following = true
    /// Entries that arrived while the person was reading further up.
    private(set) var newBelow = 0
    /// How many times the whole timeline was read, and how many refreshes read only what came
    /// after the cursor (tests check that a refresh never reloads everything).
    private(set) var fullLoads = 0
    private(set) var incrementalLoads = 0

    /// The most entries kept: the oldest go first.
    static let capacity = 1_000
    /// How many entries an opening (or a new filter) reads.
    static let initialLimit = 200

    init(filter: ListenFilter) {
        self.filter = filter
    }

    /// The message id a refresh reads after; nil before anything was loaded.
    var cursor: Int? { entries.lazy.map(\.id).max() }

    var selectedEntry: TimelineEntry? { entries.indices.contains(selected) ? entries[selected] : nil }

    /// The whole timeline, read anew (an opening, a new filter): follows the bottom again.
    mutating func replace(_ loaded: [TimelineEntry]) {
        fullLoads += 1
        entries = Array(loaded.suffix(Self.capacity))
        following = true
        newBelow = 0
        selected = max(0, entries.count - 1)
    }

    /// Entries after the cursor: appended; selected when following, counted otherwise.
    mutating func append(_ loaded: [TimelineEntry]) {
        incrementalLoads += 1
        let fresh = loaded.filter { entry in cursor.map { entry.id > $0 } ?? true }
        guard !fresh.isEmpty else { return }
        entries += fresh
        let overflow = entries.count - Self.capacity
        if overflow > 0 {
            entries.removeFirst(overflow)
            selected = max(0, selected - overflow)
        }
        if following {
            selected = entries.count - 1
        } else {
            newBelow += fresh.count
        }
    }

    /// Moves the selection; reaching the last entry follows the bottom again.
    mutating func move(by delta: Int) {
        guard !entries.isEmpty else { return }
        let target = selected.addingReportingOverflow(delta).partialValue
        selected = min(max(0, target), entries.count - 1)
        following = selected == entries.count - 1
        if following { newBelow = 0 }
    }

    /// `f`: all → the selected ticket's first tag → shadow the selected entry's agent → all. A
    /// step that has nothing to follow (an untagged ticket, a customer's line) is skipped.
    static func nextFilter(after current: ListenFilter, tag: String?, agent: String?) -> ListenFilter {
        let cycle: [ListenFilter?] = [.all, tag.map { .tag($0) }, agent.map { .shadow(login: $0) }]
        let steps = cycle.compactMap { $0 }
        let position: Int
        switch current {
        case .all: position = 0
        case .tag: position = 1
        case .shadow: position = 2
        }
        for offset in 1...cycle.count {
            if let next = cycle[(position + offset) % cycle.count], next != current { return next }
        }
        return steps.first ?? .all
    }

    /// `all`, `tag billing`, `shadow ana`: the filter as the header and `:listen` say it.
    static func label(_ filter: ListenFilter) -> String {
        switch filter {
        case .all: "all"
        case .tag(let name): "tag " + name
        case .shadow(let login): "shadow " + login
        }
    }

    /// `:listen` argument: nothing or `all`, `tag NAME`, `shadow LOGIN`; nil when it is none of these.
    static func parse(_ argument: String?) -> ListenFilter? {
        let words = (argument ?? "").split(separator: " ").map(String.init)
        switch (words.first, words.count) {
        case (nil, _), ("all", 1): return .all
        case ("tag", 2): return .tag(words[1])
        case ("shadow", 2): return .shadow(login: words[1])
        default: return nil
        }
    }
}

/// The listening session of one opening of the listen view, as the console keeps it between
/// keys: the session's id and when the console last told the service about a key, and the
/// seconds counted by sessions that idled out before (a session that ends by idling is
/// replaced by a new one on the next key).
struct ListenSession: Equatable {
    var id: Int
    var startedAt: Int64
    var activeAt: Int64
    var earlierSeconds: Int64 = 0

    /// Listening time of this opening so far, by the one rule (`ListeningRules`).
    func seconds(now: Int64) -> Int64 {
        earlierSeconds + ListeningRules.end(startedAt: startedAt, activeAt: activeAt, endedAt: nil, now: now) - startedAt
    }

    /// `12m`, `1h 05m`: how the header says it.
    static func label(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        return minutes < 60 ? "\(minutes)m" : "\(minutes / 60)h \(String(format: "%02d", minutes % 60))m"
    }
}
