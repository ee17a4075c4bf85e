import AllHandsCore
import Foundation
import Storage

/// Call-downs, a check-in, action items and listening time on top of `SmallCompany`, for the
/// call-down and check-in view and the fairness panel's listening hours. The clock stands at
/// Sunday 22 November 2026, 11:00 in New York, the last day of week 2026-W47.
///
/// - a second executive, tchen; bbianchi is the lead;
/// - mexec's call-downs of W47: Dana Whitfield (bad experience, to call), Omar Haddad (silence,
///   no answer, with notes), Keiko Tanaka (random, called); tchen's: Lee Park (declined);
/// - a check-in of mexec's with Keiko Tanaka, Monday 23 at 10:00 New York, with jsato;
/// - action items: mexec's "Send the refund receipt" due 2026-11-20 (overdue) from the call to
///   Dana, mexec's "Ask about the export fix" due 2026-11-25 from the check-in, jsato's "Fix the
///   CSV export" due 2026-11-27 (someone else's, for mexec);
/// - mexec listened three half hours this month (1.5 of 3 hours); tchen did not listen.
enum FollowUpsConsoleCompany {
    static let week = ISOWeek("2026-W47")!
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    /// Written as ada (the admin) and the people themselves, with the fixture's clock.
    static func write(into db: Database, clock: TestClock) throws {
        let now = clock.epochSeconds
        let admin = try Workspace(database: db, config: .default, clock: clock, login: "ada")
        try admin.people.add(Person(login: "tchen", name: "Tess Chen", team: "leadership", role: .exec))
        try db.write { db in
            func person(_ login: String) throws -> Int { try db.fetchInt("SELECT id FROM people WHERE login = ?", login) ?? 0 }
            let rows: [(exec: String, customer: Int, reason: String, detail: String, ticket: Int?, state: String, notes: String)] = [
                ("mexec", 1, "bad-experience", "waited 2 days for a first reply on #1", 1, "to-call", ""),
                ("mexec", 2, "silence", "no ticket for 190 days", nil, "no-answer", "Voicemail; try Tuesday morning."),
                ("mexec", 3, "random", "chosen at random, for balance", nil, "called", "Happy with the product."),
                ("tchen", 4, "random", "chosen at random, for balance", nil, "declined", ""),
            ]
            for row in rows {
                try db.execute("""
                    INSERT INTO calldowns (week, exec_id, customer_id, reason, detail, ticket_id, state, notes, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, week.description, try person(row.exec), row.customer, row.reason, row.detail, row.ticket, row.state,
                    row.notes, now - 5 * 86_400, now - 5 * 86_400)
            }
            // Three half hours of listening this month (ended sessions).
            for daysAgo in [2, 4, 6] {
                let start = now - Int64(daysAgo) * 86_400
                try db.execute("""
                    INSERT INTO listening_sessions (person_id, started_at, active_at, ended_at) VALUES (?, ?, ?, ?)
                    """, try person("mexec"), start, start + 1_800, start + 1_800)
            }
        }
        let exec = try Workspace(database: db, config: .default, clock: clock, login: "mexec")
        // Monday 23 November 10:00 in New York.
        let checkIn = try exec.checkins.add(customerEmail: "keiko@sakura.example", at: now + 23 * 3_600, with: ["jsato"])
        let dana = try exec.calldowns.list(week: week).first { $0.customerID == 1 }
        try exec.actionItems.add(title: "Send the refund receipt", owner: "mexec", due: "2026-11-20", callDownID: dana?.id)
        try exec.actionItems.add(title: "Ask about the export fix", owner: "mexec", due: "2026-11-25", checkInID: checkIn.id)
        try exec.actionItems.add(title: "Fix the CSV export", owner: "jsato", due: "2026-11-27", ticketID: 3)
    }
}
