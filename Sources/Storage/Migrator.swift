/// Ordered, append-only schema migrations, recorded in the database itself.
///
/// A migration is never edited once released: a change to the schema is a new migration at the
/// end of the list. The number of migrations a binary knows is its schema version; a database
/// that records more was written by a newer binary and is refused untouched.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public let name: String
        public let sql: String
        public init(_ name: String, _ sql: String) {
            self.name = name
            self.sql = sql
        }
    }

    public let migrations: [Migration]

    public init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// The schema version this binary knows.
    public var knownVersion: Int { migrations.count }

    /// The version recorded in `db`, 0 for a new file.
    public func appliedVersion(in db: Database) throws -> Int {
        let hasTable = try db.fetchInt(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") ?? 0
        guard hasTable > 0 else { return 0 }
        return try db.fetchInt("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0
    }

    /// Throws `schemaTooNew` without writing anything when `db` is ahead of this binary.
    public func checkNotTooNew(_ db: Database) throws {
        let applied = try appliedVersion(in: db)
        if applied > knownVersion {
            throw DatabaseError(kind: .schemaTooNew(found: applied, known: knownVersion),
                                message: "schema too new", sql: nil)
        }
    }

    /// Applies every migration the database lacks, each in its own transaction with its record.
    /// Returns how many were applied.
    @discardableResult
    public func migrate(_ db: Database, now: Int64) throws -> Int {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL)
            """)
        var applied = 0
        try db.write { db in
            let current = try appliedVersion(in: db)
            if current > knownVersion {
                throw DatabaseError(kind: .schemaTooNew(found: current, known: knownVersion), message: "schema too new")
            }
            for (index, migration) in migrations.enumerated() where index + 1 > current {
                try db.executeScript(migration.sql)
                try db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                               index + 1, migration.name, now)
                applied += 1
            }
        }
        return applied
    }

    /// Opens `path` the way every allhands process does: connect, refuse a newer schema before
    /// anything is written, switch to WAL, then bring the schema up to date.
    public func open(path: String, now: Int64) throws -> Database {
        let db = try Database(path: path)
        try checkNotTooNew(db)
        try db.enableSharedMode()
        try migrate(db, now: now)
        return db
    }
}
