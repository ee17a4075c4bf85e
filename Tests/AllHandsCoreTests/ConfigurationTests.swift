import AllHandsCore
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

    func testMissingKeysKeepTheirDefaults() throws {
        let config = try ConfigLoader.decode(Data("{ // comment\n company: { name: 'Acme', timeZone: 'UTC' } }".utf8), source: "c")
        XCTAssertEqual(config.company.name, "Acme")
        XCTAssertEqual(config.taxonomy, Configuration.default.taxonomy)
    }
}
