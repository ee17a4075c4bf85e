import AllHandsCore
import Foundation

/// Where allhands keeps its files, following XDG: data in `$XDG_DATA_HOME/allhands/`, config in
/// `$XDG_CONFIG_HOME/allhands/`; `--db` and `ALLHANDS_DB` override the database.
///
/// Installed setgid for a shared host (docs/shared-host.md), allhands runs with a group's rights
/// that the user does not have, so it trusts nothing the user's environment says: `ALLHANDS_DB`,
/// `XDG_*` and `HOME` are ignored, the home folder comes from the password database, and the
/// database defaults to the shared one, `/var/lib/allhands/allhands.db`.
struct Paths {
    let environment: [String: String]

    /// The shared database of a setgid install.
    static let sharedDatabase = "/var/lib/allhands/allhands.db"

    init(environment: [String: String]) {
        self.environment = Privilege.isSetID ? [:] : environment
    }

    var home: String { environment["HOME"] ?? OSIdentity.homeFolder() ?? NSHomeDirectory() }

    func database(explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if Privilege.isSetID { return Self.sharedDatabase }
        if let env = environment["ALLHANDS_DB"], !env.isEmpty { return env }
        return dataHome + "/allhands/allhands.db"
    }

    /// The user's config file, if they have one.
    var defaultConfig: String { configHome + "/allhands/allhands.json5" }

    private var dataHome: String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg }
        return home + "/.local/share"
    }

    private var configHome: String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg }
        return home + "/.config"
    }

    /// Creates the folder that will hold `file`, and any missing folder above it, each 0700
    /// (the umask may only narrow that; existing folders keep their mode). Failure is "cannot
    /// create" (exit 73).
    static func createParent(of file: String) throws {
        let parent = (file as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        var path = parent.hasPrefix("/") ? "" : "."
        for component in parent.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + component
            var info = stat()
            if stat(path, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR { continue }
                throw CLIFailure(ExitCode.cannotCreate, "cannot create \(file): \(path) is a file, not a folder")
            }
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                let reason = String(cString: strerror(errno))
                throw CLIFailure(ExitCode.cannotCreate, "cannot create folder \(path): \(reason)")
            }
        }
    }
}

/// A failure the CLI reports with its own message and exit code.
struct CLIFailure: Error {
    let code: Int32
    let message: String
    init(_ code: Int32, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Whether allhands runs with rights the user does not have (installed setuid or setgid).
enum Privilege {
    static var isSetID: Bool { getegid() != getgid() || geteuid() != getuid() }

    /// Under setgid, why `path` may not be opened with allhands' group rights, or nil when it
    /// may: a folder the user can use with their own rights anyway, or an existing database in
    /// a folder owned by allhands' group (the shared one; nothing new is created there, so
    /// nobody fills it with files of their own). Anything else would lend the group's rights to
    /// other files.
    static func refusal(for path: String) -> String? {
        guard isSetID else { return nil }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        if access(folder, W_OK | X_OK) == 0 { return nil }
        var info = stat()
        guard stat(folder, &info) == 0 else {
            return "there is no folder \(folder); an administrator sets up the shared one (docs/shared-host.md)"
        }
        guard info.st_gid == getegid(), (info.st_mode & S_IFMT) == S_IFDIR else {
            return "\(path) is neither yours nor in allhands' shared folder; a shared install opens only those"
        }
        var file = stat()
        guard lstat(path, &file) == 0 else {
            return "there is no shared database at \(path); an administrator creates it (docs/shared-host.md)"
        }
        return nil
    }

    /// Under setgid, whether the real user could read `path` without allhands' group.
    static func userMayRead(_ path: String) -> Bool {
        !isSetID || access(path, R_OK) == 0
    }
}
