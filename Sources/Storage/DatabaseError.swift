import CSQLite

/// A typed SQLite failure. Storage never traps: every failure a file or a user can cause surfaces here.
public struct DatabaseError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Another connection holds the lock longer than `busy_timeout`; retrying later may work.
        case busy
        /// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL rule refused the change.
        case constraint
        /// The file is a database but damaged.
        case corrupt
        /// The file is not an SQLite database at all.
        case notADatabase
        /// The file is an SQLite database, but another program's: it is refused untouched.
        case notAllhands
        /// The path is a folder, a device, a FIFO or a symbolic link: refused without creating anything.
        case notARegularFile
        /// No database exists at the path and the caller asked not to create one.
        case missing
        /// A backup copy could not be written at `path`; the database itself is unchanged.
        case backupFailed(path: String)
        /// A migration left a row pointing at a missing parent; it was rolled back.
        case foreignKeyViolation
        /// The file's schema was written by a newer allhands; this binary must not touch it.
        case schemaTooNew(found: Int, known: Int)
        /// The file or its folder cannot be opened or created.
        case cannotOpen
        /// The file or its folder is read-only.
        case readOnly
        /// Any other SQLite result code.
        case other(code: Int32)
    }

    public let kind: Kind
    public let message: String
    public let sql: String?

    public init(kind: Kind, message: String, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sql = sql
    }

    /// Maps an SQLite primary result code to a kind.
    init(code: Int32, message: String, sql: String? = nil) {
        let kind: Kind
        switch code & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_CONSTRAINT: kind = .constraint
        case SQLITE_CORRUPT: kind = .corrupt
        case SQLITE_NOTADB: kind = .notADatabase
        case SQLITE_CANTOPEN: kind = .cannotOpen
        case SQLITE_READONLY: kind = .readOnly
        default: kind = .other(code: code)
        }
        self.init(kind: kind, message: message, sql: sql)
    }

    public var description: String {
        switch kind {
        case .schemaTooNew(let found, let known):
            return "database schema version \(found) is newer than this allhands understands (\(known)); upgrade allhands"
        case .notADatabase:
            return "file is not an SQLite database (\(message))"
        case .notAllhands, .notARegularFile, .missing, .backupFailed, .foreignKeyViolation:
            return message
        case .busy:
            return "the database is busy: another process held its write lock for over "
                + "\(Database.busyTimeoutMilliseconds / 1000) s; nothing was written, try again"
        case .readOnly:
            return "the database file or its folder is read-only (\(message)); nothing was written"
        default:
            if let sql { return "\(message) [\(sql.prefix(120))]" }
            return message
        }
    }
}
