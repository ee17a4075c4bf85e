#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices commits made by other connections (other consoles, the CLI, the mail ingester).
///
/// `PRAGMA data_version` is cheap (no disk read when nothing changed) and changes only when
/// *another* connection commits, so a console's own writes never trigger a redundant refresh.
/// Each poll also checks that the file at the path is still the one that was opened: a
/// database deleted or replaced underneath (a restore by `mv`) would otherwise leave a console
/// showing a file nobody else sees.
public final class ChangeWatcher {
    private let database: Database
    private var lastVersion: Int
    private let identity: (device: UInt64, inode: UInt64)?

    public init(database: Database) throws {
        self.database = database
        self.lastVersion = try database.dataVersion()
        self.identity = Self.identity(of: database.path)
    }

    /// True when another connection committed since the previous poll. Throws `missing` when
    /// the file was removed or replaced since the watcher began.
    public func poll() throws -> Bool {
        if let identity, Self.identity(of: database.path).map({ $0 != identity }) ?? true {
            throw DatabaseError(kind: .missing, message: "the database \(database.path) was removed or replaced "
                                + "while allhands had it open; start allhands again to open what is there now")
        }
        let version = try database.dataVersion()
        defer { lastVersion = version }
        return version != lastVersion
    }

    private static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }
}
