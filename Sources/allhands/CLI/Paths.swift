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

    /// Creates the folder that will hold `file`. Failure is "cannot create" (exit 73).
    static func createParent(of file: String) throws {
        let parent = (file as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw CLIFailure(ExitCode.cannotCreate, "cannot create \(file): \(parent) is a file, not a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure(ExitCode.cannotCreate, "cannot create folder \(parent): \((error as NSError).localizedDescription)")
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
