import AllHandsCore
import Foundation
import XCTest

final class TimestampTests: XCTestCase {
    /// The arithmetic ISO 8601 path agrees with Foundation's format style, leap days and
    /// century rules included, up to the last second it handles.
    func testISO8601MatchesFoundationAcrossTheRange() {
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current)
        var samples: [Int64] = [0, 1, 59, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_400, 4_107_628_800,
                                1_795_000_000, 253_402_300_799, 253_402_300_800, -1, -86_401]
        // A deterministic spread over every year, each at a different time of day.
        for i in Int64(0)..<2_000 { samples.append(i * 126_701_150 + (i * 7_919) % 86_400) }
        for seconds in samples {
            XCTAssertEqual(Timestamp.iso8601(seconds), style.format(Date(timeIntervalSince1970: TimeInterval(seconds))), "\(seconds)")
        }
        XCTAssertEqual(Timestamp.iso8601(951_782_400), "2000-02-29T00:00:00Z")
        XCTAssertEqual(Timestamp.iso8601(253_402_300_799), "9999-12-31T23:59:59Z")
    }
}
