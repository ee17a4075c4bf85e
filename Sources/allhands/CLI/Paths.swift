import Foundation

/// Where allhands keeps its files, following XDG: data in `$XDG_DATA_HOME/allhands/`, config in
/// `$XDG_CONFIG_HOME/allhands/`; `--db` and `ALLHANDS_DB` override the database.
struct Paths {
    let environment: [String: String]

    var home: String { environment["HOME"] ?? NSHomeDirectory() }

    func database(explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
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
