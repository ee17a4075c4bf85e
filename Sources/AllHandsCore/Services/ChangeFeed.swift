import Storage

/// A part of what a console shows that others change, with its own version in
/// `change_counters`, bumped by triggers in the same transaction as any change to it
/// (`Schema.regionTriggers` names the tables behind each).
public enum ChangeRegion: String, CaseIterable, Sendable, Hashable {
    /// Tickets and everything shown with them: the queue, the view bar's counts, the open
    /// ticket (thread, goodwill, boundary), search results.
    case queue
    /// Tags and their open counts: the tags pane.
    case tags
    /// Shifts, seats, time off, swaps, shift preferences and schedule notices: the rotation
    /// pane, the status bar's standing, the calendar.
    case rotation
    /// Heartbeats of who is on which ticket: the queue's and the open ticket's presence marks.
    case presence
    /// Listening sessions, insights, call-downs, check-ins and action items: the listen,
    /// insights and call-down views, and the listening hours beside the rota.
    case listening

    /// The regions the `live-tags` migration created; later migrations add theirs.
    static let liveTagsRegions: [ChangeRegion] = [.queue, .tags, .rotation, .presence]
}

/// Tells a long-running view (the console) what another process changed, so it reloads only
/// that, without reaching into storage itself.
///
/// `PRAGMA data_version` stays the cheap first check: when nobody else committed, nothing else
/// is read. When someone did, one small query reads the region versions, and only the regions
/// whose version moved are reported. The feed's own connection's commits do not move
/// `data_version`; their version bumps are reported with the next commit by someone else.
public final class ChangeFeed {
    private let watcher: ChangeWatcher
    private let database: Database
    private var versions: [String: Int]

    init(database: Database) throws {
        self.database = database
        watcher = try wrapDatabaseErrors { try ChangeWatcher(database: database) }
        versions = try wrapDatabaseErrors { try database.read { try LiveCounts.versions(in: $0) } }
    }

    /// The regions another connection changed since the previous call (or since the feed
    /// began); empty when nobody committed.
    public func changes() throws -> Set<ChangeRegion> {
        try wrapDatabaseErrors {
            guard try watcher.poll() else { return [] }
            let now = try database.read { try LiveCounts.versions(in: $0) }
            defer { versions = now }
            return Set(ChangeRegion.allCases.filter { now[$0.rawValue] != versions[$0.rawValue] })
        }
    }
}

extension Workspace {
    /// A feed of the regions other processes change in this workspace's database.
    public func changeFeed() throws -> ChangeFeed {
        try ChangeFeed(database: database)
    }
}
