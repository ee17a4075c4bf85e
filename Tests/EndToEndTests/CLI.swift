import Foundation
import TestSupport
import XCTest

/// Runs the built `allhands` binary against a database in a temp dir.
struct CLI {
    let dir = TemporaryDirectory("allhands-e2e")
    var db: String { dir.file("allhands.db") }
    static var binary: String { Products.path("allhands") }
    /// The instant every end-to-end demo is built as of, so the tests see the same tickets in
    /// every hour of the week (2026-11-20T15:00:00Z, a Friday afternoon).
    static let demoAsOf = "2026-11-20T15:00:00Z"

    /// `allhands --db <temp db> ARGS…` with a clean XDG environment.
    func run(_ arguments: String..., db: String? = nil) throws -> ProcessResult {
        try run(arguments, db: db)
    }

    func run(_ arguments: [String], db: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(Products.require("allhands"), ["--db", db ?? self.db] + arguments, environment: environment)
    }

    /// `allhands demo ARGS…` as of `demoAsOf`, checked to succeed.
    @discardableResult
    func demo(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let result = try run(["demo", "--as-of", Self.demoAsOf] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result
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
