import Foundation
import TestSupport
import XCTest

/// Runs the built `allhands` binary against a database in a temp dir.
struct CLI {
    let dir = TemporaryDirectory("allhands-e2e")
    var db: String { dir.file("allhands.db") }
    static var binary: String { Products.path("allhands") }

    /// `allhands --db <temp db> ARGS…` with a clean XDG environment.
    func run(_ arguments: String..., db: String? = nil) throws -> ProcessResult {
        try run(arguments, db: db)
    }

    func run(_ arguments: [String], db: String? = nil) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw XCTSkip("the allhands binary was not built at \(Self.binary)")
        }
        return try ProcessRunner.run(Self.binary, ["--db", db ?? self.db] + arguments, environment: environment)
    }

    var environment: [String: String] {
        ["XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data"), "NO_COLOR": "1"]
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
