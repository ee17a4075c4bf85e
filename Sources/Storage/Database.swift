import CSQLite

/// One SQLite connection. allhands opens exactly one per process.
///
/// The connection is not thread-safe by design (`SQLITE_OPEN_NOMUTEX`): the console and the CLI
/// drive it from one thread, and keeping it single-threaded keeps it simple and fast.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var statements: [String: Statement] = [:]
    private var transactionDepth = 0
    /// Swift functions defined on this connection, by name (see `defineFunction`).
    var functions: [String: (count: Int32, function: SQLFunction)] = [:]
    /// What this connection knows of the WAL, for `checkpointIfDue` (see `WALState`).
    let wal = WALState()

    /// How long a writer waits for another process's lock before reporting `busy`.
    public static let busyTimeoutMilliseconds: Int32 = 5_000

    /// How long a write on this connection now waits for another process's lock (milliseconds).
    ///
    /// SQLite's own wait (`sqlite3_busy_timeout`) tries again after 1, 2, 5, 10, 15, 20, 25, …
    /// 100 ms. Retrying every millisecond instead was measured with eight processes writing as
    /// fast as they can on two cores (BENCHMARKS.md, issue 8): it shortens the worst wait (about
    /// 0.1 s instead of 0.5–2 s) but raises the 99th percentile from 20–34 ms to 35–42 ms:
    /// waiters that wake every millisecond take the CPU from the process holding the lock. So
    /// SQLite's wait is kept.
    public private(set) var busyTimeout: Int32 = Database.busyTimeoutMilliseconds

    /// Runs `body` with a shorter (or longer) wait for other processes' locks, then restores the
    /// one before: for best-effort writes (presence heartbeats) that must never hold up a screen.
    public func withBusyTimeout<T>(milliseconds: Int32, _ body: () throws -> T) rethrows -> T {
        let before = busyTimeout
        setBusyTimeout(milliseconds)
        defer { setBusyTimeout(before) }
        return try body()
    }

    private func setBusyTimeout(_ milliseconds: Int32) {
        busyTimeout = milliseconds
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Opens (creating if missing) the file at `path` and checks it really is an SQLite database.
    /// Nothing is written to the file here: a file that is not a database is left untouched.
    /// allhands itself opens through `Migrator.open`, which first checks what lies at the path.
    public convenience init(path: String) throws {
        try self.init(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    }

    /// Opens `path` with SQLite `flags` (never following a symbolic link, never shared between threads).
    init(path: String, flags: Int32, name: String? = nil) throws {
        let shown = name ?? path
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: rc, message: "cannot open \(shown): \(message)")
        }
        self.handle = db
        self.path = shown
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        // Reading the schema forces SQLite to read page 1: a file that is not a database fails here,
        // before any pragma could write to it.
        try execute("SELECT count(*) FROM sqlite_master")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// A read-only look at `path` that cannot write or create anything beside it. Without a `-wal`
    /// beside the file, all its content is in the file itself and it is opened `immutable` (no
    /// locks, no `-shm`); when another connection has it open in WAL mode (a `-wal` and a `-shm`
    /// exist), a plain read-only connection reads the WAL as well.
    static func probe(path: String) throws -> Database {
        if DatabaseFile.hasContent(path + "-wal"), DatabaseFile.hasContent(path + "-shm") {
            return try Database(path: path, flags: SQLITE_OPEN_READONLY)
        }
        var uri = "file:"
        for character in path.unicodeScalars {
            switch character {
            case "%": uri += "%25"
            case "?": uri += "%3f"
            case "#": uri += "%23"
            default: uri.unicodeScalars.append(character)
            }
        }
        return try Database(path: uri + "?immutable=1", flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, name: path)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Switches the file to the shared, concurrent configuration every allhands process uses.
    ///
    /// - WAL lets one writer and many readers (other consoles) work at once.
    /// - `synchronous = NORMAL`: in WAL mode a committed transaction survives a crash of the
    ///   process (kill -9) because it is already in the WAL file; a power loss or OS crash may
    ///   roll back the commits made since the last checkpoint, but never corrupts the database.
    ///   FULL would fsync on every commit, which costs every ticket update a disk flush.
    /// - No automatic checkpoint inside a commit: allhands checkpoints as maintenance, where
    ///   nobody waits for it (`checkpointIfDue`; see `WALState` for when and why the WAL stays
    ///   bounded). The checkpoint is also what syncs: it makes the commits before it survive a
    ///   power loss.
    ///
    /// Switching to WAL is a write; a file already in WAL mode is only read.
    public func enableSharedMode() throws {
        var mode = try fetchOne("PRAGMA journal_mode") { $0.string(0) }
        if mode?.lowercased() != "wal" {
            mode = try fetchOne("PRAGMA journal_mode = WAL") { $0.string(0) }
        }
        if mode?.lowercased() != "wal" {
            throw DatabaseError(kind: .other(code: SQLITE_ERROR), message: "could not switch \(path) to WAL (journal_mode is \(mode ?? "unknown"))")
        }
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA journal_size_limit = \(WALState.fileSizeLimit)")
        wal.install(on: handle)
    }

    // MARK: - Errors

    func error(_ code: Int32, sql: String?) -> DatabaseError {
        DatabaseError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    // MARK: - Statements

    /// The cached prepared statement for `sql`, compiled on first use.
    public func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// The SQL of every statement this connection has prepared (query-plan tests read it).
    var preparedSQL: [String] { Array(statements.keys) }

    /// Runs a single statement, ignoring any rows.
    public func execute(_ sql: String, _ arguments: any DatabaseValueConvertible...) throws {
        try execute(sql, arguments: arguments)
    }

    public func execute(_ sql: String, arguments: [any DatabaseValueConvertible]) throws {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        while try statement.step() {}
    }

    /// Runs several `;`-separated statements (migrations). Not cached.
    public func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(message)
            throw DatabaseError(code: rc, message: text, sql: sql)
        }
    }

    /// All rows of a query, each mapped by `transform`.
    public func fetchAll<T>(_ sql: String, _ arguments: any DatabaseValueConvertible..., transform: (Row) throws -> T) throws -> [T] {
        try fetchAll(sql, arguments: arguments, transform: transform)
    }

    public func fetchAll<T>(_ sql: String, arguments: [any DatabaseValueConvertible], transform: (Row) throws -> T) throws -> [T] {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        var result: [T] = []
        while try statement.step() {
            result.append(try transform(statement.row))
        }
        return result
    }

    /// Calls `body` for each row without collecting them (aggregations into dictionaries).
    public func forEachRow(_ sql: String, _ arguments: any DatabaseValueConvertible..., body: (Row) throws -> Void) throws {
        try forEachRow(sql, arguments: arguments, body: body)
    }

    public func forEachRow(_ sql: String, arguments: [any DatabaseValueConvertible], body: (Row) throws -> Void) throws {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        while try statement.step() { try body(statement.row) }
    }

    /// The first row of a query, mapped, or nil when there is none.
    public func fetchOne<T>(_ sql: String, _ arguments: any DatabaseValueConvertible..., transform: (Row) throws -> T) throws -> T? {
        try fetchOne(sql, arguments: arguments, transform: transform)
    }

    public func fetchOne<T>(_ sql: String, arguments: [any DatabaseValueConvertible], transform: (Row) throws -> T) throws -> T? {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        return try statement.step() ? transform(statement.row) : nil
    }

    /// The integer in the first column of the first row (counts, ids, versions).
    public func fetchInt(_ sql: String, _ arguments: any DatabaseValueConvertible...) throws -> Int? {
        try fetchInt(sql, arguments: arguments)
    }

    public func fetchInt(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> Int? {
        try fetchOne(sql, arguments: arguments) { $0.isNull(0) ? nil : $0.int(0) } ?? nil
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    // MARK: - Transactions

    public var isInTransaction: Bool { transactionDepth > 0 }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`, so the write lock is taken up front
    /// and a busy database is reported before any work is done). Any thrown error rolls back the
    /// whole transaction. Nested calls become savepoints that roll back on their own.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try transaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a deferred read transaction, so every query in it sees one snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED", body)
    }

    private func transaction<T>(begin: String, _ body: (Database) throws -> T) throws -> T {
        if transactionDepth > 0 {
            let name = "sp\(transactionDepth)"
            try execute("SAVEPOINT \(name)")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let result = try body(self)
                try execute("RELEASE \(name)")
                return result
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try execute(begin)
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: - Bulk loads

    /// Runs `body` with foreign-key and CHECK enforcement off and a large page cache: for bulk
    /// loads whose rows are valid by construction (a CHECK with an `IN` list builds a temporary
    /// b-tree for every row, which would dominate a million-row load). SQLite ignores
    /// `foreign_keys` inside a transaction, so this must be called outside one.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        precondition(!isInTransaction, "bulkLoad must wrap the transaction, not run inside one")
        try execute("PRAGMA foreign_keys = OFF")
        try execute("PRAGMA ignore_check_constraints = ON")
        try execute("PRAGMA cache_size = -262144")
        defer {
            try? execute("PRAGMA ignore_check_constraints = OFF")
            try? execute("PRAGMA cache_size = -2000")
            try? execute("PRAGMA foreign_keys = ON")
        }
        return try body()
    }

    // MARK: - Change watching

    /// SQLite's `data_version`: changes whenever another connection commits to this file.
    public func dataVersion() throws -> Int {
        try fetchInt("PRAGMA data_version") ?? 0
    }

    /// Folds the WAL back into the main file and truncates it (after bulk loads).
    public func checkpoint() throws {
        try execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
