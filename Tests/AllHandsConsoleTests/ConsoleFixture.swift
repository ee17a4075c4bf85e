import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import TestSupport
import XCTest

/// A console on the hand-written small company (fixed clock) drawing into a virtual backend.
final class ConsoleFixture {
    static let now: Int64 = 1_795_363_200 // 2026-11-22T16:00:00Z, a Sunday (11:00 in New York)
    enum Content {
        /// A new database: the welcome screen.
        case empty
        /// `SmallCompany` with this many numbered tickets after the hand-written ones.
        case small(extraTickets: Int)
    }
    let dir = TemporaryDirectory("allhands-console")
    let clock = TestClock(epochSeconds: ConsoleFixture.now)
    let backend: VirtualBackend
    let console: Console
    var path: String { dir.file("allhands.db") }

    /// `prepare` adds to the database (with the fixture's clock) before the console opens it.
    init(size: Size = Size(width: 120, height: 40), content: Content = .small(extraTickets: 0), login: String = "ada",
         config: Configuration = .default, prepare: (Database, TestClock) throws -> Void = { _, _ in }) throws {
        TextWidth.prepareLocale()
        backend = VirtualBackend(size: size)
        let db = try Workspace.openDatabase(path: dir.file("allhands.db"), clock: clock)
        var workspace = try Workspace(database: db, config: config, clock: clock, login: "ada")
        if case .small(let extra) = content {
            try SmallCompany.write(into: db, admin: "ada", now: Self.now, extraTickets: extra)
        }
        try prepare(db, clock)
        if login != "ada" || !(workspace.isEmpty) {
            workspace = try Workspace(database: db, config: config, clock: clock, login: login)
        }
        console = try Console(workspace: workspace, backend: backend, clock: clock)
        // Snapshots never depend on the locale the tests run in.
        console.glyphs = .unicode
        try console.finishLoading()
    }

    /// Another connection to the same file, as another process would have.
    func otherProcess() throws -> Database { try Database(path: path) }

    func press(_ keys: Key...) throws {
        for key in keys { try console.handle(key) }
        console.draw()
    }

    /// Runs a `:` command as typed: `:`, the text, Enter.
    func command(_ text: String) throws {
        try press(.character(":"))
        try press(text.map { Key.character($0) } + [.enter])
    }

    func press(_ keys: [Key]) throws {
        for key in keys { try console.handle(key) }
        console.draw()
    }

    func resize(_ size: Size) throws {
        backend.size = size
        try press(.resize)
    }

    var screen: String {
        console.draw()
        return backend.text()
    }
}

/// A clock that stands still until a test moves it on.
final class TestClock: Clock, @unchecked Sendable {
    var epochSeconds: Int64
    init(epochSeconds: Int64) { self.epochSeconds = epochSeconds }
    func now() -> Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }
}

/// Compares text with a file under `__Snapshots__`. Set `ALLHANDS_RECORD_SNAPSHOTS=1` to
/// write the files anew; a missing file is written and the test fails, so nothing passes unseen.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = folder.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["ALLHANDS_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded snapshot \(name); check it and run again", file: file, line: line)
        return
    }
    if expected != text {
        let actual = folder.appendingPathComponent(name + ".actual.txt")
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        XCTFail("snapshot \(name) differs; the new frame is in \(actual.path)", file: file, line: line)
    }
}
