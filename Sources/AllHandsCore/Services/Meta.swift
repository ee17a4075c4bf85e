import Storage

/// Database-wide facts kept in the `meta` table.
enum Meta {
    static let demoKey = "demo"

    static func isDemo(_ db: Database) throws -> Bool {
        try db.fetchOne("SELECT value FROM meta WHERE key = ?", demoKey) { $0.string(0) } != nil
    }

    static func markDemo(_ db: Database, seed: UInt64) throws {
        try db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", demoKey, "seed=\(seed)")
    }
}
