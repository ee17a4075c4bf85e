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
}
