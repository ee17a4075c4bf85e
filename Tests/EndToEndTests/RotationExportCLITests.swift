import Foundation
import TestSupport
import XCTest

/// `rotation export-ics` run as a user would: the calendar on stdout, in a file, and as a folder
/// of feeds to serve, each file written whole and readable by all, never through a symbolic link.
/// Shifts are planned at fixed instants in 2099 (the company's zone is America/New_York) and
/// every export names its period, so nothing depends on the clock.
final class RotationExportCLITests: XCTestCase {
    static let period = ["--from", "2099-01-01", "--to", "2099-01-31"]
    /// The seats planned by `company`, by UID: the admin (the OS login) is person 1, ann 2, bo 3.
    static let annMonday = "shift-1-20990105T140000Z-person-2@allhands"
    static let boMonday = "shift-1-20990105T140000Z-person-3@allhands"
    static let annTuesday = "shift-2-20990106T140000Z-person-2@allhands"

    /// ann and bo on Monday 2099-01-05 09:00–12:00 EST (shift 1), ann alone on Tuesday (shift 2).
    func company(bo name: String = "Bo Østergård") throws -> CLI {
        let cli = CLI()
        for (login, name) in [("ann", "Ann Lee"), ("bo", name)] {
            let added = try cli.run("people", "add", login, "--name", name)
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        for (day, people) in [("2099-01-05", "ann,bo"), ("2099-01-06", "ann")] {
            let added = try cli.run("shift", "add", "--start", "\(day) 09:00", "--end", "\(day) 12:00", "--seats", "1-3",
                                    "--label", "Morning", "--people", people)
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        return cli
    }

    func export(_ cli: CLI, _ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let result = try cli.run(["rotation", "export-ics"] + Self.period + arguments)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result
    }

    /// Checks the stream's line structure (CRLF after every physical line and nowhere else, at
    /// most 75 octets each) and returns its content lines, unfolded.
    func contentLines(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.suffix(2), [13, 10], file: file, line: line)
        var physical: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 || bytes[index] == 10 {
                XCTAssertTrue(bytes[index] == 13 && index + 1 < bytes.count && bytes[index + 1] == 10,
                              "a bare CR or LF at byte \(index)", file: file, line: line)
                physical.append([])
                index += 2
            } else {
                physical[physical.count - 1].append(bytes[index])
                index += 1
            }
        }
        physical.removeLast()
        XCTAssertTrue(physical.allSatisfy { $0.count <= 75 }, "every line within 75 octets", file: file, line: line)
        var logical: [[UInt8]] = []
        for next in physical {
            if next.first == 0x20, !logical.isEmpty { logical[logical.count - 1] += next.dropFirst() } else { logical.append(next) }
        }
        return logical.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The content lines of each event, keyed by its UID.
    func events(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String: [String]] {
        var events: [String: [String]] = [:]
        var current: [String]?
        for content in contentLines(text, file: file, line: line) {
            if content == "BEGIN:VEVENT" { current = [] }
            current?.append(content)
            if content == "END:VEVENT", let lines = current,
               let uid = lines.first(where: { $0.hasPrefix("UID:") })?.dropFirst(4) {
                events[String(uid)] = lines
                current = nil
            }
        }
        return events
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The current umask, which a published file's 0644 loses.
    func umaskNow() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    // MARK: - Stdout

    func testTheCalendarGoesToStdoutWithAnEventPerSeatInUTCAndOnePersonsHoldsOnlyTheirs() throws {
        let cli = try company()
        let all = try export(cli).stdout
        let lines = contentLines(all)
        XCTAssertEqual(lines.prefix(6), ["BEGIN:VCALENDAR", "PRODID:-//allhands//rotation//EN", "VERSION:2.0",
                                         "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Example Co support rotation"])
        XCTAssertEqual(lines.last, "END:VCALENDAR")
        let seats = events(all)
        XCTAssertEqual(Set(seats.keys), [Self.annMonday, Self.boMonday, Self.annTuesday])
        let monday = try XCTUnwrap(seats[Self.annMonday])
        XCTAssertTrue(monday.contains("DTSTART:20990105T140000Z"), "\(monday)")
        XCTAssertTrue(monday.contains("DTEND:20990105T170000Z"), "\(monday)")
        XCTAssertTrue(monday.contains("STATUS:CONFIRMED"), "\(monday)")
        XCTAssertTrue(monday.contains { $0.wholeMatch(of: /DTSTAMP:\d{8}T\d{6}Z/) != nil }, "\(monday)")

        let mine = try export(cli, "--person", "ann").stdout
        XCTAssertEqual(Set(events(mine).keys), [Self.annMonday, Self.annTuesday])
        XCTAssertTrue(contentLines(mine).contains("X-WR-CALNAME:Example Co support rotation: Ann Lee"))
        XCTAssertTrue(events(try export(cli, "--from", "2099-01-06").stdout).keys.sorted() == [Self.annTuesday],
                      "the later --from wins, as in shift list")
    }

    func testMistakesAreRefusedWithTheirReason() throws {
        let cli = try company()
        let backwards = try cli.run("rotation", "export-ics", "--from", "2099-01-31", "--to", "2099-01-01")
        XCTAssertEqual(backwards.status, 64)
        XCTAssertTrue(backwards.stderr.contains("--to must come after --from"), backwards.stderr)
        let nobody = try cli.run(["rotation", "export-ics", "--person", "nobody"] + Self.period)
        XCTAssertEqual(nobody.status, 65)
        XCTAssertTrue(nobody.stderr.contains("person 'nobody' not found"), nobody.stderr)
        let badDate = try cli.run("rotation", "export-ics", "--from", "someday")
        XCTAssertEqual(badDate.status, 65)
        XCTAssertTrue(badDate.stderr.contains("--from 'someday'"), badDate.stderr)
    }

    /// A hostile name reaches neither stdout nor a file as anything a terminal acts on.
    func testAHostileNameIsInertInTheCalendar() throws {
        let cli = try company(bo: "Bo " + HostileOutputTests.hostile)
        let out = cli.dir.file("all.ics")
        _ = try export(cli, "--out", out)
        for text in [try export(cli).stdout, try read(out)] {
            XCTAssertFalse(events(text).isEmpty)
            let lineFeedsOnly = Data(text.utf8.split(separator: 13, omittingEmptySubsequences: false).joined())
            XCTAssertNil(HostileOutputTests.firstUnsafe(lineFeedsOnly), text.debugDescription)
        }
    }

    // MARK: - Files

    func testOutFileIsWrittenWholeReadableByAllAndNeverThroughALinkOrOverTheDatabase() throws {
        let cli = try company()
        let out = cli.dir.file("rota.ics")
        let wrote = try export(cli, "--out", out)
        XCTAssertEqual(wrote.stdout, "Wrote 3 events to \(out)\n")
        let withoutStamps = { (text: String) in self.contentLines(text).filter { !$0.hasPrefix("DTSTAMP:") } }
        XCTAssertEqual(withoutStamps(try read(out)), withoutStamps(try export(cli).stdout))
        let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        XCTAssertEqual(mode_t(mode), 0o644 & ~umaskNow())

        let victim = cli.dir.file("victim.txt"), link = cli.dir.file("link.ics")
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let refused = try cli.run(["rotation", "export-ics", "--out", link] + Self.period)
        XCTAssertEqual(refused.status, 73)
        XCTAssertTrue(refused.stderr.contains("is a symbolic link"), refused.stderr)
        XCTAssertEqual(try read(victim), "keep me")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), victim)

        let overDatabase = try cli.run(["rotation", "export-ics", "--out", cli.db] + Self.period)
        XCTAssertEqual(overDatabase.status, 73)
        XCTAssertTrue(overDatabase.stderr.contains("it is the allhands database"), overDatabase.stderr)
        XCTAssertEqual(Set(events(try export(cli).stdout).keys).count, 3, "the database is untouched")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cli.dir.path).filter { $0.hasSuffix(".partial") }, [])
    }

    func testOutFolderHoldsTheWholeRotationAndOneFeedPerPersonAndACancellationKeepsItsUID() throws {
        let cli = try company()
        let folder = cli.dir.file("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let wrote = try export(cli, "--out", folder)
        XCTAssertEqual(wrote.stdout, "Wrote rotation.ics (3 events) and 2 personal calendars to \(folder)\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["ann.ics", "bo.ics", "rotation.ics"],
                       "nobody without a seat gets a file, and no temporary file is left")
        for name in ["ann.ics", "bo.ics", "rotation.ics"] {
            let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")[.posixPermissions] as? Int)
            XCTAssertEqual(mode_t(mode), 0o644 & ~umaskNow(), name)
        }
        XCTAssertEqual(Set(events(try read("\(folder)/rotation.ics")).keys), [Self.annMonday, Self.boMonday, Self.annTuesday])
        XCTAssertEqual(Set(events(try read("\(folder)/ann.ics")).keys), [Self.annMonday, Self.annTuesday])
        XCTAssertEqual(Set(events(try read("\(folder)/bo.ics")).keys), [Self.boMonday])

        let unassigned = try cli.run("shift", "unassign", "2", "ann")
        XCTAssertEqual(unassigned.status, 0, unassigned.stderr)
        _ = try export(cli, "--out", folder)
        let tuesday = try XCTUnwrap(events(try read("\(folder)/ann.ics"))[Self.annTuesday])
        XCTAssertTrue(tuesday.contains("STATUS:CANCELLED"), "\(tuesday)")
        XCTAssertTrue(tuesday.contains("SEQUENCE:1"), "\(tuesday)")
        XCTAssertTrue(try XCTUnwrap(events(try read("\(folder)/rotation.ics"))[Self.annTuesday]).contains("STATUS:CANCELLED"))
        XCTAssertTrue(try XCTUnwrap(events(try read("\(folder)/ann.ics"))[Self.annMonday]).contains("STATUS:CONFIRMED"))

        let onlyBo = try export(cli, "--person", "bo", "--out", folder + "/")
        XCTAssertEqual(onlyBo.stdout, "Wrote 1 event to \(folder)/bo.ics\n")
    }
}
