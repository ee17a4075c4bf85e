import CSQLite

/// A prepared statement. Owned by its `Database`, which caches it by SQL text;
/// callers bind, step and read through it, and the database resets it after use.
public final class Statement {
    let handle: OpaquePointer
    public let sql: String
    unowned let database: Database

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw database.error(rc, sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears bindings and rewinds, ready for the next use.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public func bind(_ arguments: [any DatabaseValueConvertible]) throws {
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.databaseValue, at: Int32(offset + 1))
        }
    }

    public func bind(_ value: DatabaseValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        case .text(let s):
            rc = bindText(s, at: index)
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { csqlite_bind_blob(handle, index, $0.baseAddress, Int32($0.count)) }
        }
        guard rc == SQLITE_OK else { throw database.error(rc, sql: sql) }
    }

    /// Fast paths for bulk inserts, which bind millions of values.
    public func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }
    public func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }
    public func bind(_ value: String, at index: Int32) {
        _ = bindText(value, at: index)
    }

    /// Binds UTF-8 bytes without a NUL-terminated copy; SQLite copies them (SQLITE_TRANSIENT).
    private func bindText(_ value: String, at index: Int32) -> Int32 {
        var s = value
        return s.withUTF8 { buf in
            guard let base = buf.baseAddress, buf.count > 0 else {
                return csqlite_bind_text(handle, index, "", 0)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                csqlite_bind_text(handle, index, $0, Int32(buf.count))
            }
        }
    }
    public func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Advances one row. Returns `true` while a row is available.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// The current row; valid until the next `step` or `reset`.
    public var row: Row { Row(handle: handle) }
}
