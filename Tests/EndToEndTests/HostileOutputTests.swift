import Foundation
import TestSupport
import XCTest

/// Nothing a user types or a file holds can reach the terminal as a control: every error path
/// of the built binary is fed the hostile corpus, and every byte it writes is checked.
final class HostileOutputTests: XCTestCase {
    /// Terminal-active text: OSC title set, CSI clear, C1 CSI, BEL, bidi override and isolate,
    /// CR, DEL, line separator. Each starts with ESC, so an echo shows as `␛` once sanitised.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}gnp\u{2066}x\r\u{7F}\u{2028}y"

    /// Output as raw bytes, read from files so that nothing is decoded or lost on the way.
    struct Raw {
        let status: Int32
        let stdout: Data
        let stderr: Data
        var text: String { String(decoding: stdout + stderr, as: UTF8.self) }
    }

    func run(_ cli: CLI, _ arguments: [String], db: String? = nil) throws -> Raw {
        let out = cli.dir.file("out-\(UUID().uuidString)"), err = cli.dir.file("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["--db", db ?? cli.db] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Raw(status: process.terminationStatus,
                   stdout: try Data(contentsOf: URL(fileURLWithPath: out)),
                   stderr: try Data(contentsOf: URL(fileURLWithPath: err)))
    }

    /// The first byte or scalar a terminal could act on, or nil when the output is inert:
    /// valid UTF-8 with no C0 but `\n`, no DEL, no C1, no bidi control, no line separator.
    static func firstUnsafe(_ data: Data) -> String? {
        if let byte = data.first(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) {
            return String(format: "byte 0x%02x", byte)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard Data(text.utf8) == data else { return "invalid UTF-8 (a raw 8-bit control?)" }
        let bad = text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x80...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
            default: return false
            }
        }
        return bad.map { String(format: "U+%04X", $0.value) }
    }

    private func assertInert(_ raw: Raw, _ label: String, echoes: Bool = true, line: UInt = #line) {
        XCTAssertFalse(raw.stderr.isEmpty, "\(label): an error was expected", line: line)
        XCTAssertNotEqual(raw.status, 0, "\(label): \(raw.text)", line: line)
        XCTAssertNil(Self.firstUnsafe(raw.stdout), "\(label) stdout: \(raw.text.debugDescription)", line: line)
        XCTAssertNil(Self.firstUnsafe(raw.stderr), "\(label) stderr: \(raw.text.debugDescription)", line: line)
        if echoes {
            XCTAssertTrue(raw.text.contains("␛"), "\(label) should show the input inert: \(raw.text.debugDescription)", line: line)
        }
    }

    func testTheCheckerItselfCatchesEveryKindOfControl() {
        for sample in ["\u{1B}", "\u{07}", "\r", "\t", "\u{7F}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{2028}"] {
            XCTAssertNotNil(Self.firstUnsafe(Data(("ok " + sample).utf8)), sample.debugDescription)
        }
        XCTAssertNotNil(Self.firstUnsafe(Data([0x61, 0x9B, 0x32])), "a raw 8-bit CSI")
        XCTAssertNil(Self.firstUnsafe(Data("ok ␛]0; 東京 👨‍👩‍👧‍👦\n".utf8)))
    }

    func testArgumentsEchoedInUsageErrorsAreInert() throws {
        let cli = CLI()
        let h = Self.hostile
        let cases: [(String, [String])] = [
            ("ticket id", ["ticket", "show", h]),
            ("ticket id to update", ["ticket", "update", h, "--status", "open"]),
            ("command", [h]),
            ("group command", ["ticket", h]),
            ("help topic", ["help", h]),
            ("option", ["ticket", "list", "--" + h]),
            ("extra argument", ["people", "list", h]),
            ("status filter", ["ticket", "list", "--status", h]),
            ("status list", ["ticket", "list", "--status", "open," + h]),
            ("status change", ["ticket", "update", "1", "--status", h]),
            ("priority", ["ticket", "update", "1", "--priority", h]),
            ("role filter", ["people", "list", "--role", h]),
            ("role to add", ["people", "add", "ana", "--name", "Ana", "--role", h]),
            ("limit", ["ticket", "list", "--limit", h]),
            ("expected version", ["ticket", "update", "1", "--status", "open", "--expect-version", h]),
            ("demo seed", ["demo", "--seed", h]),
        ]
        for (label, arguments) in cases {
            let raw = try run(cli, arguments)
            XCTAssertEqual(raw.status, 64, label)
            assertInert(raw, label)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.db), "usage errors never touch the database")
    }

    func testDomainErrorsEchoingWhatWasGivenAreInert() throws {
        let cli = CLI()
        XCTAssertEqual(try run(cli, ["demo", "--people", "5", "--tickets", "3"]).status, 0)
        let h = Self.hostile
        let cases: [(String, [String])] = [
            ("acting as", ["--as", h, "ticket", "list"]),
            ("assignee filter", ["ticket", "list", "--assignee", h]),
            ("tag filter", ["ticket", "list", "--tag", h]),
            ("assignee change", ["ticket", "update", "1", "--assignee", h]),
            ("login", ["people", "add", h, "--name", "Ana"]),
            ("email", ["people", "add", "ana", "--name", "Ana", "--email", h]),
            ("time zone", ["people", "add", "ana", "--name", "Ana", "--timezone", h]),
            ("long name", ["people", "add", h.filter(\.isLetter), "--name", h + String(repeating: "n", count: 300)]),
            ("missing CSV", ["people", "import", cli.dir.file(h + ".csv")]),
        ]
        for (label, arguments) in cases {
            assertInert(try run(cli, arguments), label, echoes: label != "long name")
        }
    }

    func testHostileCSVCellsAndFileNamesAreInert() throws {
        let cli = CLI()
        XCTAssertEqual(try run(cli, ["demo", "--people", "5", "--tickets", "3"]).status, 0)
        let h = Self.hostile
        let header = "login,name,email,team,role,timezone\n"
        let files: [(String, String)] = [
            ("role cell", header + "ana,Ana,,sales,\(h),UTC\n"),
            ("login cell", header + "\(h),Ana,,sales,employee,UTC\n"),
            ("email cell", header + "ana,Ana,\(h),sales,employee,UTC\n"),
            ("zone cell", header + "ana,Ana,,sales,employee,\(h)\n"),
            ("header", "login,\(h),email,team,role,timezone\n"),
            ("field count", header + "ana,\(h)\n"),
            ("quote", header + "ana,\"\(h)\n"),
            ("NUL", header + "ana,An\u{0}a,,sales,\u{0}\(h),UTC\n"),
        ]
        for (index, (label, content)) in files.enumerated() {
            let path = cli.dir.file("\(h)-\(index).csv")
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            assertInert(try run(cli, ["people", "import", path]), label)
        }
        let notUTF8 = cli.dir.file("\(h)-raw.csv")
        try Data(header.utf8 + [0x61, 0x9B, 0x1B, 0x5D, 0x30, 0x3B, 0x07, 0x0A]).write(to: URL(fileURLWithPath: notUTF8))
        assertInert(try run(cli, ["people", "import", notUTF8]), "not UTF-8")
    }

    func testHostileConfigsAndDatabasePathsAreInert() throws {
        let cli = CLI()
        let h = Self.hostile
        let json = h.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : String(format: "\\u%04x", $0.value) }.joined()
        let configs: [(String, String)] = [
            ("zone value", "{ company: { name: 'x', timeZone: \"\(json)\" } }"),
            ("unknown key", "{ \"\(json)\": 1 }"),
            ("tag name", "{ taxonomy: { dimensions: [ { name: 'a', tags: [\"\(json)\"] } ] } }"),
            ("raw bytes", "{ company: \(h) }"),
        ]
        for (index, (label, content)) in configs.enumerated() {
            let path = cli.dir.file("\(h)-\(index).json5")
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            let raw = try run(cli, ["--config", path, "tags"])
            XCTAssertEqual(raw.status, 78, label)
            assertInert(raw, label)
        }
        assertInert(try run(cli, ["--config", cli.dir.file(h + ".json5"), "tags"]), "missing config")
        let folder = cli.dir.file(h + "-dir")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        assertInert(try run(cli, ["--config", folder, "tags"]), "config folder")

        let notADatabase = cli.dir.file(h + ".db")
        try Data("just text\n".utf8).write(to: URL(fileURLWithPath: notADatabase))
        assertInert(try run(cli, ["tags"], db: notADatabase), "not a database")
        assertInert(try run(cli, ["tags"], db: notADatabase + "/under-a-file.db"), "database under a file")
        assertInert(try run(cli, ["tags"], db: folder), "database is a folder")
    }

    func testHostileTextInTheDatabaseIsInertInEveryListing() throws {
        let cli = CLI()
        XCTAssertEqual(try run(cli, ["demo", "--people", "5", "--tickets", "3"]).status, 0)
        let csv = cli.dir.file("people.csv")
        let h = Self.hostile
        try Data("login,name,email,team,role,timezone\nana,\"\(h)\",,\"\(h)\",employee,UTC\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let imported = try run(cli, ["people", "import", csv])
        XCTAssertEqual(imported.status, 0, imported.text)
        for arguments in [["people", "list"], ["people", "list", "--json"], ["people", "list", "--team", h]] {
            let raw = try run(cli, arguments)
            XCTAssertEqual(raw.status, 0, raw.text)
            XCTAssertTrue(raw.text.contains("ana"), raw.text)
            XCTAssertNil(Self.firstUnsafe(raw.stdout + raw.stderr), "\(arguments): \(raw.text.debugDescription)")
        }
    }
}
