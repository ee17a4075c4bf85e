import AllHandsConsole
import Foundation
import TerminalUI
import TestSupport
import XCTest

/// Running `$EDITOR` on a private file, with shell scripts standing in for editors: the text
/// comes back whatever the editor did, the terminal is handed over exactly once and taken back,
/// and nothing is left behind.
final class ExternalEditorTests: XCTestCase {
    private var folder: TemporaryDirectory!
    private var backend: VirtualBackend!

    override func setUp() {
        folder = TemporaryDirectory("allhands-editor-test")
        backend = VirtualBackend(size: Size(width: 20, height: 5))
    }

    /// An executable script whose body is `body`, for use as the editor command.
    private func editor(_ body: String) throws -> String {
        let path = folder.file("editor-\(UUID().uuidString.prefix(8)).sh")
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    private var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = folder.path
        env["RECORD"] = folder.file("record")
        return env
    }

    private func edit(_ text: String, _ command: String) throws -> ExternalEditor.EditResult {
        try ExternalEditor.edit(initialText: text, command: command, backend: backend, environment: environment)
    }

    private func assertHandedOverOnce(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(backend.suspendCount, 1, file: file, line: line)
        XCTAssertEqual(backend.resumeCount, 1, file: file, line: line)
        XCTAssertFalse(backend.isSuspended, file: file, line: line)
        XCTAssertEqual(backend.framesDrawnWhileSuspended, 0, file: file, line: line)
    }

    /// The private folders `edit` made under this test's TMPDIR (none once it returned).
    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("allhands-") }
    }

    func testTheCommandIsVisualThenEditorAndBlankMeansUnset() {
        XCTAssertEqual(ExternalEditor.command(environment: ["VISUAL": "vim", "EDITOR": "nano"]), "vim")
        XCTAssertEqual(ExternalEditor.command(environment: ["VISUAL": "", "EDITOR": "nano"]), "nano")
        XCTAssertEqual(ExternalEditor.command(environment: ["VISUAL": "  ", "EDITOR": "code --wait"]), "code --wait")
        XCTAssertNil(ExternalEditor.command(environment: ["EDITOR": ""]))
        XCTAssertNil(ExternalEditor.command(environment: [:]))
    }

    func testAReplyWrittenAboveTheScissorsComesBack() throws {
        let file = ComposeFile.build(text: "", thread: [], timeZone: TimeZone(identifier: "UTC")!)
        // Rewrites the file through a second one and a rename, as many editors save.
        let command = try editor("""
            { printf 'Hello from the editor\\n'; cat "$1"; } > "$1.new" && mv "$1.new" "$1"
            """)
        let result = try edit(file, command)
        guard case .saved(let text) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(ComposeFile.parse(text), "Hello from the editor")
        assertHandedOverOnce()
        XCTAssertEqual(try leftovers(), [])
    }

    func testAnEditorThatFailsStillGivesBackItsText() throws {
        let command = try editor("""
            printf 'half a reply\\n' > "$1"
            exit 3
            """)
        XCTAssertEqual(try edit("draft", command), .failed(.exited(3), "half a reply\n"))
        assertHandedOverOnce()
        XCTAssertEqual(try leftovers(), [])
    }

    func testAnEditorThatEmptiesTheFileSavesNothing() throws {
        let command = try editor(": > \"$1\"")
        XCTAssertEqual(try edit("draft\n", command), .saved(""))
        assertHandedOverOnce()
    }

    func testAnEditorThatRemovesItsFileLeavesNoText() throws {
        let command = try editor("rm \"$1\"")
        XCTAssertEqual(try edit("draft", command), .failed(.unreadable("the file was removed"), nil))
        assertHandedOverOnce()
    }

    func testAMissingCommandIsAFailureThatKeepsTheText() throws {
        let result = try edit("draft", "allhands-no-such-editor-\(UUID().uuidString.prefix(6))")
        XCTAssertEqual(result, .failed(.exited(127), "draft"))
        if case .failed(let failure, _) = result { XCTAssertTrue(failure.description.contains("not found")) }
        assertHandedOverOnce()
    }

    func testAnEditorEndedByASignal() throws {
        XCTAssertEqual(try edit("draft", "kill -KILL $$; :"), .failed(.killed(signal: 9), "draft"))
        assertHandedOverOnce()
    }

    func testTheFileIsPrivateNamedAsAskedAndRemovedWithEverythingBesideIt() throws {
        let command = try editor("""
            ls -ld "$(dirname "$1")" "$1" | cut -c1-10 > "$RECORD"
            printf '%s\\n' "$1" >> "$RECORD"
            printf 'backup' > "$1~"
            """)
        let result = try ExternalEditor.edit(initialText: "x", command: command, backend: backend,
                                             fileName: "../reply #42.md", environment: environment)
        XCTAssertEqual(result, .saved("x"))
        let record = try String(contentsOfFile: folder.file("record"), encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(record.count, 3, "\(record)")
        guard record.count == 3 else { return }
        XCTAssertEqual(record[0], "drwx------")
        XCTAssertEqual(record[1], "-rw-------")
        XCTAssertTrue(record[2].hasPrefix(folder.path + "/allhands-"), record[2])
        XCTAssertTrue(record[2].hasSuffix("/reply42.md"), record[2])
        XCTAssertFalse(FileManager.default.fileExists(atPath: record[2]))
        XCTAssertEqual(try leftovers(), [], "the folder and the editor's backup are gone")
    }

    func testACtrlCWhileTheEditorRunsDoesNotEndTheConsoleButEndsTheEditor() throws {
        // The script interrupts this test process: were SIGINT not ignored meanwhile, the test
        // runner would die here.
        let command = try editor("kill -INT \(getpid())")
        XCTAssertEqual(try edit("draft", command), .saved("draft"))
        // The editor itself gets SIGINT at its default action, so it ends.
        let interrupted = try edit("draft", try editor("kill -INT $$\nsleep 5"))
        guard case .failed = interrupted else { return XCTFail("\(interrupted)") }
        // And the console's own handling is back afterwards.
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        XCTAssertNotEqual(unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self), 1, "SIGINT still ignored")
    }

    func testAFolderThatCannotBeMadeIsAnErrorBeforeAnythingRuns() {
        var env = environment
        env["TMPDIR"] = folder.file("no/such/place")
        XCTAssertThrowsError(try ExternalEditor.edit(initialText: "draft", command: "true", backend: backend, environment: env))
        XCTAssertEqual(backend.suspendCount, 0)
    }
}
