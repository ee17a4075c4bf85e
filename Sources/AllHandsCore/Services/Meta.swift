import Storage

/// Database-wide facts kept in the `meta` table.
///
/// The demo flag says the database holds only what the demo generator made. It ends with the
/// first change that did not come from the generator (see `ServiceContext.audit`), and then
/// the database is treated as real for good: `--as` needs an admin and a new demo needs the
/// admin's right to replace it.
enum Meta {
    static let demoKey = "demo"
    /// The highest person id the demo generator created: `--as` on a demo may only act as them.
    static let demoPeopleKey = "demo_people_max_id"

    static func isDemo(_ db: Database) throws -> Bool {
        try db.fetchOne("SELECT value FROM meta WHERE key = ?", demoKey) { $0.string(0) } != nil
    }

    static func markDemo(_ db: Database, seed: UInt64) throws {
        try db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", demoKey, "seed=\(seed)")
        let maxID = try db.fetchInt("SELECT coalesce(max(id), 0) FROM people") ?? 0
        try db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", demoPeopleKey, String(maxID))
    }

    /// Ends the demo flag for good. A no-op on a database that is not a demo.
    static func endDemo(_ db: Database) throws {
        try db.execute("DELETE FROM meta WHERE key IN (?, ?)", demoKey, demoPeopleKey)
    }

    /// Whether `person` was made by the demo generator of a database that is still a demo, and
    /// is not its admin: the admin is the real person who loaded the demo, whose rights nobody
    /// borrows (an OS user whose login happens to match a demo person's must not become admin).
    static func isDemoPerson(_ person: Person, in db: Database) throws -> Bool {
        guard person.role != .admin, try isDemo(db),
              let maxID = try db.fetchOne("SELECT value FROM meta WHERE key = ?", demoPeopleKey, transform: { Int($0.string(0)) }) ?? nil
        else { return false }
        return person.id <= maxID
    }
}
