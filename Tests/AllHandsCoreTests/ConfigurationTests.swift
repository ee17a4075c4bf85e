import AllHandsCore
import TestSupport
import Foundation
import XCTest

final class ConfigurationTests: XCTestCase {
    func testTheDocumentedFileAndTheDefaultsInCodeAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("Config/allhands.json5").path
        XCTAssertEqual(try ConfigLoader.load(path: file), Configuration.default)
    }

    func testAnUnknownKeyIsNamedWithItsPath() {
        let json = Data(#"{ console: { tickMillis: 100 } }"#.utf8)
        XCTAssertThrowsError(try ConfigLoader.decode(json, source: "my.json5")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("my.json5"), text)
            XCTAssertTrue(text.contains("console.tickMillis"), text)
        }
    }

    func testABadTimeZoneIsRefused() {
        let json = Data(#"{ company: { name: "X", timeZone: "Mars/Olympus" } }"#.utf8)
        XCTAssertThrowsError(try ConfigLoader.decode(json, source: "c.json5")) { error in
            XCTAssertTrue("\(error)".contains("Mars/Olympus"), "\(error)")
        }
    }

    func testAMacroWithAnUnknownPlaceholderIsRefused() {
        let json = Data(#"{ macros: [{ name: "hi", body: "Hello {{customer.firstname}}" }] }"#.utf8)
        XCTAssertThrowsError(try ConfigLoader.decode(json, source: "c.json5")) { error in
            XCTAssertTrue("\(error)".contains("'{{customer.firstname}}' is not a placeholder"), "\(error)")
        }
        let fine = Data(#"{ macros: [{ name: "hi", body: "Hello {{ customer.first_name }}, #{{ticket.id}}" }] }"#.utf8)
        XCTAssertNoThrow(try ConfigLoader.decode(fine, source: "c.json5"))
    }

    func testMissingKeysKeepTheirDefaults() throws {
        let config = try ConfigLoader.decode(Data("{ // comment\n company: { name: 'Acme', timeZone: 'UTC' } }".utf8), source: "c")
        XCTAssertEqual(config.company.name, "Acme")
        XCTAssertEqual(config.taxonomy, Configuration.default.taxonomy)
    }
}

final class ConfigurationErrorPlaceTests: XCTestCase {
    private func message(_ text: String) -> String {
        do {
            _ = try ConfigLoader.decode(Data(text.utf8), source: "c.json5")
            return "decoded"
        } catch {
            return "\(error)"
        }
    }

    func testASyntaxErrorNamesItsLineAndColumn() {
        XCTAssertEqual(message("{\n  company: {\n    name: \"X\",\n    timeZone: UTC\n  }\n}\n"),
                       "c.json5:4:15: 'UTC' is not a value (strings need quotes)")
        XCTAssertEqual(message("{ company: { name: 'X' /* open\n}"), "c.json5:1:24: comment is never closed (missing */)")
        XCTAssertEqual(message("{\n  company: { name: 'X\n}"), "c.json5:2:20: string is never closed (missing ')")
        XCTAssertEqual(message("{ console: { tickMilliseconds: 100 } } }"), "c.json5:1:40: unexpected text after the end of the document")
        XCTAssertEqual(message("{ console: { tickMilliseconds: 100 "), "c.json5:1:36: object is never closed (missing })")
        XCTAssertEqual(message("{ taxonomy: { dimensions: [ 1 2 ] } }"), "c.json5:1:31: expected ',' or ']'")
    }

    func testAValueErrorNamesWhereTheValueStarts() {
        XCTAssertEqual(message("{\n  // ticks\n  console: { tickMilliseconds: 10 },\n}"),
                       "c.json5:3:32: console.tickMilliseconds: must be between 50 and 5000, got 10")
        XCTAssertEqual(message("{ 'console': { \"tickMilliseconds\": 'fast' } }"),
                       "c.json5:1:36: console.tickMilliseconds: expected Int")
        XCTAssertEqual(message("{\n taxonomy: { dimensions: [ { name: 'a', tags: ['ok'] },\n { name: 'b', tags: ['x', 'Bad Tag'] } ] } }"),
                       "c.json5:3:21: taxonomy.dimensions[1].tags: 'Bad Tag' is not a valid tag name (\(Tag.nameRule))")
        XCTAssertEqual(message("{ taxonomy: { dimensions: [ { tags: [] } ] } }"),
                       "c.json5:1:29: taxonomy.dimensions[0].name: required key is missing")
    }

    func testColumnsCountCharactersAndValidJSON5StillDecodes() throws {
        XCTAssertEqual(message("{ company: { name: 'Café ☕', timeZone: 'Nowhere' } }"),
                       "c.json5:1:40: company.timeZone: 'Nowhere' is not an IANA time zone (e.g. Europe/Berlin)")
        // Every JSON5 form the locator must walk through before the bad value.
        XCTAssertEqual(message("""
            /* block */ { "company": { name: 'it\\'s', timeZone: "UTC", }, // line
              $x_1: [+1e-2, .5, 5., -Infinity, NaN, 0xFF, null, true,], 'console': { tickMilliseconds: 4 } }
            """), "c.json5:2:9: $x_1: unknown key (expected one of: company, taxonomy, console, sla, goodwill, queue, macros, rotation, listening, calldown)")
        let config = try ConfigLoader.decode(Data("""
            // JSON5: comments, unquoted and quoted keys, trailing commas, hex
            { "company": { name: 'AB', timeZone: "UTC", }, /* block */ console: { tickMilliseconds: 0x64, }, }
            """.utf8), source: "c")
        XCTAssertEqual(config.console.tickMilliseconds, 100)
        XCTAssertEqual(config.company.name, "AB")
    }

    func testAFolderAndAnOversizedFileAreRefusedByName() throws {
        let dir = TemporaryDirectory("config")
        XCTAssertThrowsError(try ConfigLoader.load(path: dir.path)) { error in
            XCTAssertEqual("\(error)", "\(dir.path) is a folder, not a config file (give the path of a .json5 file)")
        }
        let big = dir.file("big.json5")
        try Data(("{ company: { name: '" + String(repeating: "x", count: ConfigLoader.maximumBytes) + "' } }").utf8)
            .write(to: URL(fileURLWithPath: big))
        XCTAssertThrowsError(try ConfigLoader.load(path: big)) { error in
            XCTAssertEqual("\(error)", "\(big) is over 1 MB; a config file is a few lines of JSON5")
        }
        let exact = dir.file("exact.json5")
        let padding = String(repeating: " ", count: ConfigLoader.maximumBytes - 2)
        try Data(("{" + padding + "}").utf8).write(to: URL(fileURLWithPath: exact))
        XCTAssertEqual(try ConfigLoader.load(path: exact), .default, "exactly the limit is still read")
    }
}
