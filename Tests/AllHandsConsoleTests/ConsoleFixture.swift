import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import TestSupport
import XCTest

/// A console on a demo database (fixed seed, fixed clock) drawing into a virtual backend.
final class ConsoleFixture {
    static let now: Int64 = 1_795_363_200 // 2026-11-22T16:00:00Z, a Sunday (11:00 in New York)
    let dir = TemporaryDirectory("allhands-console")
    let clock = FixedClock(epochSeconds: ConsoleFixture.now)
    let backend: VirtualBackend
    let console: Console
    var path: String { dir.file("allhands.db") }

    init(size: Size = Size(width: 120, height: 40), tickets: Int = 600, people: Int = 150, demo: Bool = true) throws {
        TextWidth.prepareLocale()
        backend = VirtualBackend(size: size)
        let db = try Workspace.openDatabase(path: dir.file("allhands.db"), clock: clock)
        var workspace = try Workspace(database: db, config: .default, clock: clock, login: "ada")
        if demo {
            try workspace.demo.generate(DemoOptions(people: people, tickets: tickets, seed: 42))
            workspace = try Workspace(database: db, config: .default, clock: clock, login: "ada")
        }
        console = try Console(workspace: workspace, backend: backend, clock: clock)
        try console.finishLoading()
    }

    func press(_ keys: Key...) throws {
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
