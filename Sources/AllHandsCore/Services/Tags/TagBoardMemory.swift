import Storage

/// What a tags board remembers so the next one, after someone's change, reads only what
/// changed: the daily sums of the days shown and the times of the last two days' additions,
/// up to the last event seen. A new day, a wider window, or a change to history itself (a
/// merge, a demo load: the `tag-history` region) makes the next board read everything again.
struct TagBoardMemory: Sendable, Equatable {
    /// The company-zone day the sums run up to, and how many days they cover.
    var today: Int
    var span: Int
    var historyVersion: Int
    /// The highest `tag_events` id read.
    var lastEvent: Int
    /// Per tag id: additions per day, `span` long, oldest first.
    var daily: [Int: [Int]]
    /// Per tag id: when it was put on a ticket in the last two days.
    var recent: [Int: [Int64]]

    /// Reads the days `(today − span, today]` and the additions since `now − 2 days`.
    static func load(_ db: Database, today: Int, span: Int, now: Int64, historyVersion: Int) throws -> TagBoardMemory {
        var memory = TagBoardMemory(today: today, span: span, historyVersion: historyVersion,
                                    lastEvent: try db.fetchInt("SELECT max(id) FROM tag_events") ?? 0,
                                    daily: [:], recent: [:])
        try db.forEachRow("""
            SELECT tag_id, day, added FROM tag_days INDEXED BY tag_days_day WHERE day > ? AND day <= ?
            """, today - span, today) { row in
            let empty = memory.emptyDays
            memory.daily[row.int(0), default: empty][span - 1 - (today - row.int(1))] = row.int(2)
        }
        try db.forEachRow("""
            SELECT tag_id, at FROM tag_events INDEXED BY tag_events_at WHERE at > ? AND added = 1 AND id <= ?
            """, now - 2 * 86_400, memory.lastEvent) { row in
            memory.recent[row.int(0), default: []].append(row.int64(1))
        }
        return memory
    }

    var emptyDays: [Int] { Array(repeating: 0, count: span) }

    /// Adds the events written since the last read (by id: O(what changed)) and forgets
    /// additions older than two days before `now`.
    mutating func catchUp(_ db: Database, now: Int64) throws {
        var last = lastEvent
        try db.forEachRow("SELECT id, tag_id, at, day, added FROM tag_events WHERE id > ? ORDER BY id", lastEvent) { row in
            last = row.int(0)
            guard row.int(4) == 1 else { return }
            let tag = row.int(1), day = row.int(3)
            let empty = emptyDays
            if day > today - span, day <= today { daily[tag, default: empty][span - 1 - (today - day)] += 1 }
            recent[tag, default: []].append(row.int64(2))
        }
        lastEvent = last
        let horizon = now - 2 * 86_400
        for (tag, times) in recent where times.contains(where: { $0 <= horizon }) {
            recent[tag] = times.filter { $0 > horizon }
        }
    }

    /// Additions of `tag` in the last `count` days ending `skipping` days before today.
    func days(_ tag: Int, last count: Int, skipping: Int = 0) -> Int {
        guard let daily = daily[tag] else { return 0 }
        return daily[(span - skipping - count)..<(span - skipping)].reduce(0, +)
    }

    /// Additions of `tag` in `(from, to]`.
    func additions(_ tag: Int, after from: Int64, upTo to: Int64) -> Int {
        recent[tag]?.reduce(0) { $0 + ($1 > from && $1 <= to ? 1 : 0) } ?? 0
    }
}
