import Foundation
import Storage

/// The tag event log (`tag_events`): every time a tag goes on or comes off a ticket, written in
/// the change's own transaction. The trends read its daily sums (`tag_days`, kept by a trigger).
enum TagHistory {
    static func record(ticket: Int, tag: Int, added: Bool, context: ServiceContext, in db: Database) throws {
        let now = context.now
        var days = LocalDays(zone: ShiftTime.companyZone(context.config))
        try db.execute("""
            INSERT INTO tag_events (ticket_id, tag_id, added, at, day, person_id) VALUES (?, ?, ?, ?, ?, ?)
            """, ticket, tag, added ? 1 : 0, now, days.day(of: now), context.actor.person.id)
    }
}

/// Dates as whole days since 1970-01-01 in one zone: the day a tag event counts on.
/// Remembers the zone's offset for the hour last asked about, so a bulk load of events in time
/// order asks the zone about once an hour.
struct LocalDays {
    let zone: TimeZone
    private var hour: Int64 = .min
    private var offset: Int64 = 0

    init(zone: TimeZone) {
        self.zone = zone
    }

    mutating func day(of seconds: Int64) -> Int {
        let h = seconds.floorDiv(3_600)
        if h != hour {
            hour = h
            offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(h * 3_600))))
        }
        return Int((seconds + offset).floorDiv(86_400))
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (days before 1970 stay whole days).
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
