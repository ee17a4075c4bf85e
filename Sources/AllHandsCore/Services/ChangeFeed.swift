import Storage

/// Tells a long-running view (the console) when another process committed, so it reloads only
/// then, without reaching into storage itself.
public final class ChangeFeed {
    private let watcher: ChangeWatcher

    init(database: Database) throws {
        watcher = try wrapDatabaseErrors { try ChangeWatcher(database: database) }
    }

    /// True when another connection committed since the previous poll (or since the feed began).
    public func poll() throws -> Bool {
        try wrapDatabaseErrors { try watcher.poll() }
    }
}

extension Workspace {
    /// A feed of commits made by other processes to this workspace's database.
    public func changeFeed() throws -> ChangeFeed {
        try ChangeFeed(database: database)
    }

    /// Where the database lives, for telling the user.
    public var databasePath: String { database.path }

    /// The same database and person opened anew: after the demo generator replaced who is in it.
    public func reopened() throws -> Workspace {
        try Workspace(database: database, config: config, clock: clock, login: actor.via ?? actor.person.login)
    }
}

extension AllHandsError {
    /// True when `error` means the database itself cannot be trusted or reached any more
    /// (damaged, not a database, unreadable, from a newer allhands): a long-running view must
    /// stop. Refusals, conflicts, missing records and a lock held too long are not: the view
    /// reports them and goes on.
    public static func endsSession(_ error: any Error) -> Bool {
        let storage: DatabaseError
        switch error {
        case let error as DatabaseError: storage = error
        case AllHandsError.database(let error): storage = error
        case is AllHandsError: return false
        default: return true
        }
        switch storage.kind {
        case .busy, .constraint, .foreignKeyViolation, .backupFailed: return false
        case .corrupt, .notADatabase, .schemaTooNew, .cannotOpen, .readOnly, .other, .notAllhands,
             .notARegularFile, .missing: return true
        }
    }
}
