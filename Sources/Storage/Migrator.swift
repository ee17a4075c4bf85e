import CSQLite

/// Ordered, append-only schema migrations identified by name and recorded in the database itself
/// (learned from GRDB's `DatabaseMigrator`).
///
/// - A migration is never edited once released: a change to the schema is a new migration at the
///   end of the list. A database that records a name this binary does not know, or a
///   `user_version` above the number of migrations it knows, was written by a newer binary and is
///   refused untouched.
/// - Every migration runs with foreign keys off, so a table can be rebuilt the standard SQLite way
///   (create, copy, drop, rename) without `ON DELETE CASCADE` emptying its children, and
///   `PRAGMA foreign_key_check` must pass before the transaction commits.
/// - Databases are marked with `PRAGMA application_id`; any other non-empty SQLite file is refused
///   untouched, except one of an earlier build (no mark, but a record whose first migration is
///   this list's first), which is marked on open.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public enum Body: Sendable {
            case sql(String)
            case code(@Sendable (Database) throws -> Void)
        }

        public let name: String
        public let body: Body

        /// A migration written as `;`-separated SQL.
        public init(_ name: String, _ sql: String) {
            self.name = name
            self.body = .sql(sql)
        }

        /// A migration written as Swift code, for changes SQL alone cannot express.
        public init(_ name: String, code: @escaping @Sendable (Database) throws -> Void) {
            self.name = name
            self.body = .code(code)
        }

        func run(_ db: Database) throws {
            switch body {
            case .sql(let sql): try db.executeScript(sql)
            case .code(let code): try code(db)
            }
        }
    }

    /// What a database says about its schema, read without writing.
    struct SchemaState {
        var applicationID: Int32
        var userVersion: Int
        /// Recorded migration names in the order they ran; nil when the record is not allhands' shape.
        var applied: [String]?
        var isBlank: Bool
    }

    /// The value of `PRAGMA application_id` this migrator marks its databases with (0: unmarked).
    public let applicationID: Int32
    public let migrations: [Migration]

    public init(applicationID: Int32 = 0, _ migrations: [Migration]) {
        self.applicationID = applicationID
        self.migrations = migrations
    }

    /// The schema version this binary knows: the number of migrations.
    public var knownVersion: Int { migrations.count }

    // MARK: - Opening

    /// Opens `path` the way every allhands process does.
    ///
    /// 1. Before SQLite sees the path: a symbolic link, folder, device or FIFO is refused; a
    ///    missing file is created private (or, with `create: false`, reported `missing`); a file
    ///    that is not an SQLite file, is another program's, or is newer than this binary is refused.
    /// 2. The schema is checked in a read transaction; the write lock is taken only when a
    ///    migration is due, and the switch to WAL only when the file is not in WAL mode yet.
    ///    An up-to-date database opens without writing, even while another process writes.
    public func open(path: String, now: Int64, create: Bool = true) throws -> Database {
        try admit(path, create: create)
        let db = try Database(path: path, flags: SQLITE_OPEN_READWRITE)
        let state = try db.read { try self.state(of: $0) }
        try validate(state, path: path, allowBlank: true)
        if needsMigration(state) { try migrate(db, now: now) }
        try db.enableSharedMode()
        return db
    }

    /// Refuses what must not be opened, and creates the file when it is missing and allowed.
    private func admit(_ path: String, create: Bool) throws {
        switch try DatabaseFile.inspect(path) {
        case .absent:
            guard create else { throw missing(path) }
            if try !DatabaseFile.createPrivate(path) {
                try admit(path, create: create)  // someone created it meanwhile: judge what they made
            }
        case .empty:
            guard create else { throw missing(path) }
        case .sqlite(let header):
            if applicationID != 0, header.applicationID == applicationID {
                if header.userVersion > knownVersion { throw tooNew(found: header.userVersion) }
                return
            }
            guard header.applicationID == 0 else { throw notAllhands(path) }
            // Unmarked: an earlier build's database or someone else's. Look inside without writing.
            let probe = try Database.probe(path: path)
            try validate(try probe.read { try state(of: $0) }, path: path, allowBlank: false)
        }
    }

    // MARK: - Schema state

    func state(of db: Database) throws -> SchemaState {
        let applicationID = Int32(truncatingIfNeeded: try db.fetchInt("PRAGMA application_id") ?? 0)
        let userVersion = try db.fetchInt("PRAGMA user_version") ?? 0
        let objects = try db.fetchInt("SELECT count(*) FROM sqlite_master") ?? 0
        let hasRecord = try db.fetchInt(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") ?? 0
        var applied: [String]? = []
        if hasRecord > 0 {
            // Another program's table of this name (Rails has one) has another shape.
            applied = try? db.fetchAll("SELECT name FROM schema_migrations ORDER BY version") { $0.string(0) }
        }
        return SchemaState(applicationID: applicationID, userVersion: userVersion, applied: applied,
                           isBlank: objects == 0 && applicationID == 0 && userVersion == 0)
    }

    /// Throws unless the state is allhands' and not newer than this binary.
    private func validate(_ state: SchemaState, path: String, allowBlank: Bool) throws {
        let marked = applicationID != 0 && state.applicationID == applicationID
        let earlierBuild = state.applicationID == 0 && state.applied?.first != nil
            && state.applied?.first == migrations.first?.name
        guard marked || earlierBuild || (allowBlank && state.isBlank), let applied = state.applied else {
            throw notAllhands(path)
        }
        let known = Set(migrations.map(\.name))
        // A migration this binary does not know counts as one beyond what it knows, whatever
        // the total: the schema came from another version.
        let unknown = applied.filter { !known.contains($0) }.count
        if state.userVersion > knownVersion || unknown > 0 {
            throw tooNew(found: max(state.userVersion, applied.count, unknown > 0 ? knownVersion + unknown : 0))
        }
    }

    private func needsMigration(_ state: SchemaState) -> Bool {
        state.applicationID != applicationID || state.userVersion != knownVersion
            || state.applied?.count != knownVersion
    }

    /// The names recorded in `db`, in the order they ran.
    public func appliedNames(in db: Database) throws -> [String] {
        try state(of: db).applied ?? []
    }

    // MARK: - Migrating

    /// Applies every migration the database lacks in one write transaction, each with foreign keys
    /// off and checked before commit, then records them, `user_version` and `application_id`.
    /// Returns how many were applied. Must be called outside a transaction.
    @discardableResult
    public func migrate(_ db: Database, now: Int64) throws -> Int {
        guard !db.isInTransaction else {
            throw DatabaseError(kind: .other(code: SQLITE_MISUSE), message: "migrations cannot run inside a transaction")
        }
        // SQLite ignores this pragma inside a transaction, so it is set around it.
        let foreignKeys = try db.fetchInt("PRAGMA foreign_keys") ?? 1
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = \(foreignKeys == 0 ? "OFF" : "ON")") }
        return try db.write { db in
            // Checked again under the write lock: another process may have migrated meanwhile.
            let state = try self.state(of: db)
            try validate(state, path: db.path, allowBlank: true)
            guard needsMigration(state) else { return 0 }
            try db.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at INTEGER NOT NULL)
                """)
            let done = Set(state.applied ?? [])
            var applied = 0
            for migration in migrations where !done.contains(migration.name) {
                try migration.run(db)
                try checkForeignKeys(db, after: migration.name)
                try db.execute("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES ((SELECT coalesce(max(version), 0) + 1 FROM schema_migrations), ?, ?)
                    """, migration.name, now)
                applied += 1
            }
            try db.execute("PRAGMA user_version = \(knownVersion)")
            try db.execute("PRAGMA application_id = \(applicationID)")
            return applied
        }
    }

    /// Throws (rolling the migration back) when any row points at a parent that does not exist.
    private func checkForeignKeys(_ db: Database, after name: String) throws {
        let violations = try db.fetchAll("PRAGMA foreign_key_check") { row in
            "\(row.string(0)) row \(row.isNull(1) ? "?" : String(row.int(1))) → \(row.string(2))"
        }
        guard let first = violations.first else { return }
        throw DatabaseError(kind: .foreignKeyViolation, message: """
            migration '\(name)' would leave \(violations.count) row(s) pointing at missing rows \
            (first: \(first)); nothing was changed
            """)
    }

    // MARK: - Errors

    private func tooNew(found: Int) -> DatabaseError {
        DatabaseError(kind: .schemaTooNew(found: found, known: knownVersion), message: "schema too new")
    }

    private func notAllhands(_ path: String) -> DatabaseError {
        DatabaseError(kind: .notAllhands,
                      message: "\(path) is an SQLite database of another program, not allhands'; it was left untouched")
    }

    private func missing(_ path: String) -> DatabaseError {
        DatabaseError(kind: .missing, message: "no allhands database at \(path)")
    }
}
