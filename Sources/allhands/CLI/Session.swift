import AllHandsCore
import Foundation
import Storage

/// The global options and the workspace they lead to, opened on first use so that `--help`
/// and usage errors never touch a database.
final class Session {
    let databasePath: String
    let configPath: String?
    let configIsExplicit: Bool
    let actAs: String?
    let clock: any Clock
    private(set) var opened: Workspace?
    /// False for commands that only read: they never create a database.
    var createsDatabase = true

    init(databasePath: String, configPath: String?, configIsExplicit: Bool, actAs: String?, clock: any Clock = SystemClock()) {
        self.databasePath = databasePath
        self.configPath = configPath
        self.configIsExplicit = configIsExplicit
        self.actAs = actAs
        self.clock = clock
    }

    func configuration() throws -> Configuration {
        guard let path = configPath else { return .default }
        guard Privilege.userMayRead(path) || !FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure(ExitCode.noPermission, "cannot read config file \(path) as yourself")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            if configIsExplicit { throw CLIFailure(ExitCode.noInput, "config file \(path) does not exist") }
            return .default
        }
        return try ConfigLoader.load(path: path)
    }

    /// Opens the database and resolves who is acting. Commands that change something (and the
    /// console) create the folder and file when missing; commands that only read refuse a path
    /// where no database exists (exit 66) and create nothing, so a mistyped `--db` never makes a
    /// new empty database.
    func workspace() throws -> Workspace {
        if let opened { return opened }
        let config = try configuration()
        guard let login = OSIdentity.currentLogin() else {
            throw AllHandsError.unknownIdentity(uid: OSIdentity.userID)
        }
        if let reason = Privilege.refusal(for: databasePath) { throw CLIFailure(ExitCode.noPermission, reason) }
        if createsDatabase { try Paths.createParent(of: databasePath) }
        let database: Database
        do {
            database = try Workspace.openDatabase(path: databasePath, clock: clock, create: createsDatabase)
        } catch AllHandsError.database(let error) {
            throw CLIFailure(ExitCode.code(for: error), describeOpenFailure(error))
        }
        let workspace = try Workspace(database: database, config: config, clock: clock, login: login, actAs: actAs)
        opened = workspace
        return workspace
    }

    private func describeOpenFailure(_ error: DatabaseError) -> String {
        switch error.kind {
        case .notADatabase:
            return "\(databasePath) is not an allhands database (not an SQLite file); it was left untouched"
        case .schemaTooNew:
            return "\(databasePath): \(error.description); the file was left untouched"
        case .cannotOpen, .readOnly:
            return "cannot open or create \(databasePath): \(error.message)"
        case .missing:
            return "no allhands database at \(databasePath) (run `allhands` or `allhands demo` to create one)"
        case .notAllhands, .notARegularFile, .backupFailed, .foreignKeyViolation:
            return error.description
        default:
            return "\(databasePath): \(error.description)"
        }
    }
}
