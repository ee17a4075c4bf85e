import Foundation
import Storage

/// Walk-a-mile in the demo: for each executive, listening sessions over the past weeks (some this
/// week), about two insights a week quoting a sentence of a real customer message of that week's
/// tickets, a call-down list each week with mixed outcomes and notes; a few check-ins held by
/// employees; action items from the calls and check-ins, some done, some open, some overdue.
///
/// Deterministic from the seed and the as-of instant (each executive and week draws from a stream
/// of its own); nothing is dated after the as-of instant. Its cost follows the number of
/// executives and weeks, not of tickets: the messages quoted are found through the creation-time
/// index, so it runs after the bulk load has recreated the indexes.
enum DemoWalkAMile {
    /// Weeks of history before the current one.
    static let pastWeeks = 5
    /// A stream number of its own, apart from `DemoStream`'s.
    static let stream: UInt64 = 0x5741_4C4B

    static let insightNotes = [
        "They blame themselves before the product: our words assume too much.",
        "Third time this month someone says this; it belongs on the roadmap review.",
        "Plain words for what we call a feature. Worth borrowing for the docs.",
        "The cost to them is hours, not minutes. We underrate this one.",
        "They found a workaround we never meant; the design should learn from it.",
    ]
    static let callNotes = [
        "Happy overall; asked for a heads-up before the next price change.",
        "Still sore about the outage; walked through what we changed since.",
        "Uses two features we thought nobody used. Wants exports by API.",
        "New admin on their side, needed a walk-through of roles.",
        "Considering leaving over the mobile app; promised a call with the product lead.",
    ]
    static let checkInNotes = [
        "Watched them run month-end. The export step takes them 40 minutes of copy and paste.",
        "Their support person reads every error aloud to a colleague: the messages are too technical.",
        "They keep a printed cheat-sheet of our settings pages.",
    ]
    static let actions = [
        "Send the export how-to and check it worked", "Book a call with the product lead",
        "File the mobile crash with their steps", "Follow up on the refund", "Share the roadmap item and its status",
    ]

    static func write(in db: Database, seed: UInt64, now: Int64, config: Configuration) throws {
        let zone = ShiftTime.companyZone(config)
        let execs = try db.fetchAll("SELECT id FROM people WHERE role = 'exec' ORDER BY id") { $0.int(0) }
        let employees = try db.fetchAll("SELECT id FROM people WHERE role = 'employee' ORDER BY id LIMIT 8") { $0.int(0) }
        let customers = try db.fetchInt("SELECT count(*) FROM customers") ?? 0
        guard !execs.isEmpty, customers > 0 else { return }
        let current = ISOWeek.containing(now, zone: zone)
        let perExec = config.calldown.customersPerExecutive
        let writer = try Writer(db: db, zone: zone, now: now)
        var quoted: Set<Int> = []
        for back in stride(from: pastWeeks, through: 0, by: -1) {
            let week = current.adding(-back)
            let start = week.start(in: zone), end = min(week.end(in: zone), now)
            let days = ShiftTime.midnights(from: start, days: 7, timeZone: zone)
            for (index, exec) in execs.enumerated() {
                var rng = SeededRandom.stream(stream, index: exec * 64 + back, seed: seed)
                // Listening: two to four sessions on weekdays, 15 to 50 minutes, mid-morning to afternoon.
                for _ in 0..<(2 + rng.below(3)) {
                    let from = ShiftTime.at(hour: 10 + rng.below(6), onDayOf: days[rng.below(5)], timeZone: zone)
                        + Int64(rng.below(4) * 900)
                    let length = Int64(15 + rng.below(36)) * 60
                    guard from + length < end else { continue }
                    try writer.session(exec, from: from, to: from + length, idleAtEnd: Int64(rng.below(300)))
                }
                // Two insights from the week's tickets.
                for _ in 0..<2 {
                    let instant = start + Int64(rng.unit() * Double(max(end - start, 1)))
                    try writer.insight(by: exec, near: instant, before: end, note: rng.pick(insightNotes), quoted: &quoted,
                                       rng: &rng)
                }
                // The call-down list: distinct customers in the week, moving on every week.
                for k in 0..<perExec {
                    let slot = (pastWeeks - back) * execs.count * perExec + index * perExec + k
                    guard execs.count * perExec <= customers else { break }
                    let customer = slot % customers + 1
                    let roll = rng.unit()
                    let called = ShiftTime.at(hour: 9 + rng.below(8), onDayOf: days[rng.below(5)], timeZone: zone)
                    let state: CallDown.State = called >= end ? .toCall
                        : roll < 0.6 ? .called : roll < 0.8 ? .noAnswer : roll < 0.9 ? .declined : .toCall
                    let notes = state == .called ? rng.pick(callNotes) : state == .noAnswer ? "Voicemail; try again Thursday." : ""
                    let id = try writer.callDown(week: week, exec: exec, customer: customer, reasonRoll: rng.below(3),
                                                 state: state, notes: notes, planned: start - 86_400,
                                                 updated: state == .toCall ? start - 86_400 : called)
                    if state == .called, rng.chance(0.4) {
                        try writer.actionItem(rng.pick(actions), owner: rng.chance(0.3) && !employees.isEmpty
                                                ? rng.pick(employees) : exec, by: exec, customer: customer,
                                              callDown: id, checkIn: nil, at: called, dueIn: 2 + rng.below(9), rng: &rng)
                    }
                }
            }
            // A few check-ins by employees (engineers, designers…) with a colleague.
            guard !employees.isEmpty else { continue }
            var rng = SeededRandom.stream(stream, index: 10_000 + back, seed: seed)
            for _ in 0..<2 {
                let at = ShiftTime.at(hour: 14 + rng.below(3), onDayOf: days[rng.below(5)], timeZone: zone)
                guard at < end else { continue }
                let host = rng.pick(employees), guest = rng.pick(employees)
                let customer = 1 + rng.below(customers)
                let id = try writer.checkIn(customer: customer, at: at, people: host == guest ? [host] : [host, guest],
                                            notes: rng.pick(checkInNotes), planned: at - 3 * 86_400)
                try writer.actionItem(rng.pick(actions), owner: host, by: host, customer: customer, callDown: nil, checkIn: id,
                                      at: at + 3_600, dueIn: 3 + rng.below(7), rng: &rng)
            }
        }
    }

    /// Cached statements for the rows above.
    private struct Writer {
        let db: Database
        let zone: TimeZone
        let now: Int64
        let sessions: Statement
        let insights: Statement
        let insightTags: Statement
        let calldowns: Statement
        let items: Statement

        init(db: Database, zone: TimeZone, now: Int64) throws {
            self.db = db
            self.zone = zone
            self.now = now
            sessions = try db.statement("""
                INSERT INTO listening_sessions (person_id, started_at, active_at, ended_at, follows) VALUES (?, ?, ?, ?, 'all')
                """)
            insights = try db.statement("""
                INSERT INTO insights (quote, note, ticket_id, message_id, customer_id, author_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            insightTags = try db.statement("INSERT OR IGNORE INTO insight_tags (insight_id, tag_id) SELECT ?, tag_id FROM ticket_tags WHERE ticket_id = ?")
            calldowns = try db.statement("""
                INSERT INTO calldowns (week, exec_id, customer_id, reason, detail, ticket_id, state, notes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            items = try db.statement("""
                INSERT INTO action_items (title, owner_id, due_day, customer_id, calldown_id, checkin_id, state, created_by,
                                          created_at, closed_by, closed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }

        func session(_ person: Int, from: Int64, to: Int64, idleAtEnd: Int64) throws {
            sessions.bind(person, at: 1)
            sessions.bind(from, at: 2)
            sessions.bind(max(from, to - idleAtEnd), at: 3)
            sessions.bind(to, at: 4)
            try sessions.run()
        }

        /// An insight quoting a sentence of the first customer message of the first ticket not yet
        /// `quoted` created at or after `instant` (and before `end`), captured a little after it.
        func insight(by author: Int, near instant: Int64, before end: Int64, note: String, quoted: inout Set<Int>,
                     rng: inout SeededRandom) throws {
            let candidates = try db.fetchAll("""
                SELECT id, requester_id FROM tickets INDEXED BY tickets_created WHERE created_at >= ? AND created_at < ?
                ORDER BY created_at LIMIT 8
                """, instant, end) { ($0.int(0), $0.int(1)) }
            guard let (ticket, customer) = candidates.first(where: { !quoted.contains($0.0) }),
                let (message, body, at) = try db.fetchOne("""
                SELECT id, body, created_at FROM messages WHERE ticket_id = ? AND kind = 'customer' ORDER BY created_at LIMIT 1
                """, ticket, transform: { ($0.int(0), $0.string(1), $0.int64(2)) }) else { return }
            let sentences = DemoWalkAMile.sentences(body)
            guard !sentences.isEmpty else { return }
            quoted.insert(ticket)
            let captured = min(at + 600 + Int64(rng.below(7_200)), end - 1)
            insights.bind(rng.pick(sentences), at: 1)
            insights.bind(note, at: 2)
            insights.bind(ticket, at: 3)
            insights.bind(message, at: 4)
            insights.bind(customer, at: 5)
            insights.bind(author, at: 6)
            insights.bind(max(captured, at), at: 7)
            try insights.run()
            insightTags.bind(Int(db.lastInsertRowID), at: 1)
            insightTags.bind(ticket, at: 2)
            try insightTags.run()
        }

        func callDown(week: ISOWeek, exec: Int, customer: Int, reasonRoll: Int, state: CallDown.State, notes: String,
                      planned: Int64, updated: Int64) throws -> Int {
            let ticket = try db.fetchInt("SELECT max(id) FROM tickets WHERE requester_id = ?", customer)
            let reason: CallDown.Reason = ticket == nil ? .silence : [.badExperience, .silence, .random][reasonRoll]
            let detail: String
            switch reason {
            case .badExperience: detail = "waited long for a first reply on #\(ticket ?? 0)"
            case .silence: detail = "has not written for a long time"
            case .random: detail = "chosen at random, for balance"
            }
            let s = calldowns
            s.bind(week.description, at: 1)
            s.bind(exec, at: 2)
            s.bind(customer, at: 3)
            s.bind(reason.rawValue, at: 4)
            s.bind(detail, at: 5)
            if reason == .badExperience, let ticket { s.bind(ticket, at: 6) } else { s.bindNull(at: 6) }
            s.bind(state.rawValue, at: 7)
            s.bind(notes, at: 8)
            s.bind(planned, at: 9)
            s.bind(max(planned, updated), at: 10)
            try s.run()
            return Int(db.lastInsertRowID)
        }

        func checkIn(customer: Int, at: Int64, people: [Int], notes: String, planned: Int64) throws -> Int {
            try db.execute("""
                INSERT INTO checkins (customer_id, at, notes, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                """, customer, at, notes, people[0], planned, at + 3_600 < now ? at + 3_600 : planned)
            let id = Int(db.lastInsertRowID)
            for person in people {
                try db.execute("INSERT INTO checkin_people (checkin_id, person_id) VALUES (?, ?)", id, person)
            }
            return id
        }

        /// An item due `dueIn` days after `at`: most of those due over a week ago are done, fewer of
        /// the recent ones; the rest are open (overdue once their day is over).
        func actionItem(_ title: String, owner: Int, by creator: Int, customer: Int, callDown: Int?, checkIn: Int?,
                        at: Int64, dueIn: Int, rng: inout SeededRandom) throws {
            guard at < now else { return }
            let due = ShiftTime.midnights(from: at, days: dueIn, timeZone: zone).last ?? at
            let closed: Int64? = rng.chance(due < now - 7 * 86_400 ? 0.92 : 0.4) ? min(now - 60, at + Int64(rng.unit() * Double(due + 86_400 - at))) : nil
            let s = items
            s.bind(title, at: 1)
            s.bind(owner, at: 2)
            s.bind(Timestamp.date(due, timeZone: zone), at: 3)
            s.bind(customer, at: 4)
            if let callDown { s.bind(callDown, at: 5) } else { s.bindNull(at: 5) }
            if let checkIn { s.bind(checkIn, at: 6) } else { s.bindNull(at: 6) }
            s.bind(closed == nil ? "open" : "done", at: 7)
            s.bind(creator, at: 8)
            s.bind(at, at: 9)
            if let closed { s.bind(owner, at: 10); s.bind(max(closed, at), at: 11) } else { s.bindNull(at: 10); s.bindNull(at: 11) }
            try s.run()
        }
    }

    /// The sentences of a message worth quoting: ended by `.`, `!` or `?` (a signature line is not
    /// one), at least 20 characters.
    static func sentences(_ body: String) -> [String] {
        var out: [String] = [], current = ""
        for character in body {
            if character.isNewline {
                current = ""
                continue
            }
            current.append(character)
            if ".!?".contains(character) {
                let sentence = current.trimmingCharacters(in: .whitespaces)
                if sentence.count >= 20 { out.append(sentence) }
                current = ""
            }
        }
        return out
    }
}
