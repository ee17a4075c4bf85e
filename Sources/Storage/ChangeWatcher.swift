/// Notices commits made by other connections (other consoles, the CLI, the mail ingester).
///
/// `PRAGMA data_version` is cheap (no disk read when nothing changed) and changes only when
/// *another* connection commits, so a console's own writes never trigger a redundant refresh.
public final class ChangeWatcher {
    private let database: Database
    private var lastVersion: Int

    public init(database: Database) throws {
        self.database = database
        self.lastVersion = try database.dataVersion()
    }

    /// True when another connection committed since the previous poll.
    public func poll() throws -> Bool {
        let version = try database.dataVersion()
        defer { lastVersion = version }
        return version != lastVersion
    }
}
