import AllHandsCore
import Foundation
import XCTest

/// The iCalendar writer against RFC 5545: the calendar and event properties, UTC times, CRLF
/// after every line and nowhere else, folding at 75 octets counting UTF-8 bytes (never inside a
/// character), and TEXT escaping.
final class ICalendarTests: XCTestCase {
    /// 2026-11-24T14:00:00Z.
    static let nine: Int64 = 1_795_528_800

    static func event(uid: String = "shift-1-person-2@allhands", summary: String = "Support shift",
                      description: String = "", status: ICalendar.Status = .confirmed, sequence: Int = 0,
                      lastModified: Int64? = nil) -> ICalendar.Event {
        ICalendar.Event(uid: uid, stamp: Fixture.now, start: nine, end: nine + 3 * 3_600, summary: summary,
                        description: description, status: status, sequence: sequence, lastModified: lastModified)
    }

    // MARK: - Helpers

    /// The physical lines: the bytes between CRLFs (the text ends with one).
    func physicalLines(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.suffix(2), [13, 10], "the stream ends with CRLF", file: file, line: line)
        var lines: [[UInt8]] = [], current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        XCTAssertTrue(current.isEmpty, "nothing after the last CRLF", file: file, line: line)
        return lines
    }

    /// The content lines: every physical line that starts with a space continues the one before it.
    func unfold(_ text: String) -> [String] {
        var logical: [[UInt8]] = []
        for line in physicalLines(text) {
            if line.first == 0x20, !logical.isEmpty {
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        return logical.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Checks the octet limit, that no character is split, and that unfolding gives back `original`.
    func assertFolded(_ folded: String, from original: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = folded + "\r\n"
        let lines = physicalLines(text, file: file, line: line)
        XCTAssertFalse(lines.isEmpty, file: file, line: line)
        for (index, physical) in lines.enumerated() {
            XCTAssertLessThanOrEqual(physical.count, ICalendar.lineLimit, "line \(index)", file: file, line: line)
            XCTAssertNotNil(String(bytes: physical, encoding: .utf8), "line \(index) holds whole characters",
                            file: file, line: line)
            if index > 0 { XCTAssertEqual(physical.first, 0x20, "a continuation starts with a space", file: file, line: line) }
        }
        XCTAssertEqual(unfold(text), [original], file: file, line: line)
    }

    // MARK: - The calendar

    func testACalendarHasItsPropertiesAndEachEventItsOwnInUTC() {
        let calendar = ICalendar(name: "Example Co support rotation", events: [
            Self.event(description: "Buddy: Sam (sam)"),
            Self.event(uid: "shift-2-person-2@allhands", status: .cancelled, sequence: 1, lastModified: Fixture.now - 60),
        ])
        XCTAssertEqual(unfold(calendar.text()), [
            "BEGIN:VCALENDAR",
            "PRODID:-//allhands//rotation//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Example Co support rotation",
            "BEGIN:VEVENT",
            "UID:shift-1-person-2@allhands",
            "DTSTAMP:\(ICalendar.utc(Fixture.now))",
            "DTSTART:20261124T140000Z",
            "DTEND:20261124T170000Z",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            "SUMMARY:Support shift",
            "DESCRIPTION:Buddy: Sam (sam)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:shift-2-person-2@allhands",
            "DTSTAMP:\(ICalendar.utc(Fixture.now))",
            "DTSTART:20261124T140000Z",
            "DTEND:20261124T170000Z",
            "SEQUENCE:1",
            "STATUS:CANCELLED",
            "SUMMARY:Support shift",
            "LAST-MODIFIED:\(ICalendar.utc(Fixture.now - 60))",
            "END:VEVENT",
            "END:VCALENDAR",
        ])
        XCTAssertEqual(ICalendar.utc(Fixture.now), "20261118T110640Z")
    }

    func testAnEmptyCalendarStillNamesItself() {
        XCTAssertEqual(unfold(ICalendar(name: "Nobody's shifts").text()), [
            "BEGIN:VCALENDAR", "PRODID:-//allhands//rotation//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:Nobody's shifts", "END:VCALENDAR",
        ])
    }

    /// Every line break in the stream is CRLF, whatever breaks and controls the values held.
    func testEveryLineEndsWithCRLFAndNoBareLineFeedOrCarriageReturnIsLeft() {
        let hostile = "one\ntwo\r\nthree\rfour\u{0B}\u{0C}\u{1B}[2J\u{85}\u{2028}five"
        let text = ICalendar(name: hostile, events: [Self.event(summary: hostile, description: hostile)]).text()
        let bytes = Array(text.utf8)
        let lineFeeds = bytes.indices.filter { bytes[$0] == 10 }
        XCTAssertFalse(lineFeeds.isEmpty)
        XCTAssertTrue(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 13 }, "every LF follows a CR")
        let returns = bytes.indices.filter { bytes[$0] == 13 }
        XCTAssertEqual(returns.count, lineFeeds.count, "every CR is followed by a LF")
        XCTAssertFalse(text.unicodeScalars.contains { $0 != "\r" && $0 != "\n" && $0.properties.generalCategory == .control },
                       "no control character but the line breaks")
        XCTAssertTrue(unfold(text).contains("SUMMARY:one\\ntwo\\nthree\\nfour[2J\u{2028}five"))
    }

    // MARK: - Escaping

    func testTextValuesEscapeBackslashSemicolonCommaAndLineBreaksAndDropControls() {
        XCTAssertEqual(ICalendar.escape("a\\b;c,d:e"), "a\\\\b\\;c\\,d:e", "a colon needs no escape in TEXT")
        XCTAssertEqual(ICalendar.escape("one\ntwo\r\nthree\rfour\n"), "one\\ntwo\\nthree\\nfour\\n")
        XCTAssertEqual(ICalendar.escape("tab\there"), "tab here")
        XCTAssertEqual(ICalendar.escape("\u{1B}[31mred\u{07}\u{7F}\u{9B}\u{00}"), "[31mred")
        XCTAssertEqual(ICalendar.escape("Zoë 東京 😀"), "Zoë 東京 😀")
        XCTAssertEqual(ICalendar.escape("\\n"), "\\\\n", "a typed backslash-n stays two characters")
    }

    /// The cleaning the CLI passes sees one line at a time with no control in it, and what it
    /// returns is escaped (and a control it adds is dropped).
    func testCleaningRunsOnEachLineBeforeEscaping() {
        var seen: [String] = []
        let escaped = ICalendar.escape("a\u{1B},b\nc\u{202E}d") { line in
            seen.append(line)
            return line.replacingOccurrences(of: "\u{202E}", with: "\u{FFFD};\u{07}")
        }
        XCTAssertEqual(seen, ["a,b", "c\u{202E}d"])
        XCTAssertEqual(escaped, "a\\,b\\nc\u{FFFD}\\;d")
    }

    // MARK: - Folding

    func testALongASCIILineFoldsAtExactlySeventyFiveOctets() {
        let line = "DESCRIPTION:" + String(repeating: "x", count: 300)
        let folded = ICalendar.fold(line)
        assertFolded(folded, from: line)
        let lengths = physicalLines(folded + "\r\n").map(\.count)
        XCTAssertEqual(lengths, [75, 75, 75, 75, 16], "74 octets after each continuation's space")
        XCTAssertEqual(ICalendar.fold(String(repeating: "y", count: 75)), String(repeating: "y", count: 75),
                       "75 octets fit on one line")
    }

    /// Characters of 2, 3 and 4 octets (and a combining sequence) put at every offset around
    /// each fold: no line over 75 octets, none holding part of a character, each as full as the
    /// next character allows, and unfolding gives the line back.
    func testMultiByteCharactersNearTheBoundaryAreNeverSplit() {
        for character in ["é", "東", "😀", "e\u{301}", "👩‍👩‍👧"] {
            for padding in 0..<8 {
                let line = "SUMMARY:" + String(repeating: "a", count: 60 + padding)
                    + String(repeating: character, count: 40)
                let folded = ICalendar.fold(line)
                assertFolded(folded, from: line)
                let lines = physicalLines(folded + "\r\n")
                XCTAssertGreaterThan(lines.count, 1)
                var rest = Array(line.utf8)
                for (index, physical) in lines.enumerated() {
                    let content = index == 0 ? physical : Array(physical.dropFirst())
                    XCTAssertEqual(Array(rest.prefix(content.count)), content)
                    rest.removeFirst(content.count)
                    if let next = rest.first {
                        let width = next < 0xC0 ? 1 : next < 0xE0 ? 2 : next < 0xF0 ? 3 : 4
                        XCTAssertGreaterThan(physical.count + width, ICalendar.lineLimit,
                                             "\(character) at \(padding): line \(index) was folded early")
                    }
                }
                XCTAssertTrue(rest.isEmpty)
            }
        }
    }

    func testEveryLineOfAWholeCalendarIsWithinTheLimit() {
        let long = String(repeating: "Ünïcødé 東京 😀, ", count: 20)
        let text = ICalendar(name: long, events: [Self.event(summary: long, description: long + "\n" + long)]).text()
        let lines = physicalLines(text)
        XCTAssertFalse(lines.isEmpty)
        XCTAssertTrue(lines.allSatisfy { $0.count <= ICalendar.lineLimit && String(bytes: $0, encoding: .utf8) != nil })
        XCTAssertTrue(unfold(text).contains("SUMMARY:" + ICalendar.escape(long)))
    }
}
