import AllHandsCore
import Foundation
import XCTest

/// ISO 8601 weeks on the company's calendar: parsing, the week of an instant, and boundaries
/// that follow the zone across DST and year ends.
final class ISOWeekTests: XCTestCase {
    let newYork = TimeZone(identifier: "America/New_York")!
    let utc = TimeZone(identifier: "UTC")!

    func testParsesTheWrittenFormsAndRefusesTheRest() {
        XCTAssertEqual(ISOWeek("2026-W48")?.description, "2026-W48")
        XCTAssertEqual(ISOWeek("2026w05")?.description, "2026-W05")
        XCTAssertEqual(ISOWeek("2026-W53")?.description, "2026-W53", "2026 starts on a Thursday: it has 53 weeks")
        for bad in ["2025-W53", "2026-W00", "2026-W54", "2026-48", "26-W48", "2026-W4", "2026-W１2", "", "W48", "2026-W48x"] {
            XCTAssertNil(ISOWeek(bad), bad)
        }
    }

    func testTheWeekOfAnInstantIsTheCompanysWeek() {
        // Monday 2026-11-23 03:00 UTC is still Sunday evening in New York: the week before.
        let mondayUTCEarly: Int64 = 1_795_402_800
        XCTAssertEqual(ISOWeek.containing(mondayUTCEarly, zone: utc).description, "2026-W48")
        XCTAssertEqual(ISOWeek.containing(mondayUTCEarly, zone: newYork).description, "2026-W47")
        // 2027-01-01 is a Friday: it belongs to 2026's week 53.
        XCTAssertEqual(ISOWeek.containing(1_798_761_600, zone: utc).description, "2026-W53")
    }

    func testBoundariesStartOnMondayMidnightAndFollowDST() throws {
        let w48 = try XCTUnwrap(ISOWeek("2026-W48"))
        XCTAssertEqual(w48.start(in: utc), 1_795_392_000, "2026-11-23T00:00Z")
        XCTAssertEqual(w48.start(in: newYork), 1_795_410_000, "2026-11-23T00:00-05:00")
        XCTAssertEqual(w48.end(in: newYork) - w48.start(in: newYork), 7 * 86_400)
        // The week of 2026-11-01 (the clocks go back on Sunday): 169 hours long in New York.
        let w44 = try XCTUnwrap(ISOWeek("2026-W44"))
        XCTAssertEqual(w44.end(in: newYork) - w44.start(in: newYork), 169 * 3_600)
        XCTAssertEqual(ISOWeek.containing(w48.start(in: newYork), zone: newYork), w48)
        XCTAssertEqual(ISOWeek.containing(w48.end(in: newYork) - 1, zone: newYork), w48)
    }

    func testArithmeticCrossesYearEnds() throws {
        let w53 = try XCTUnwrap(ISOWeek("2026-W53"))
        XCTAssertEqual(w53.adding(1).description, "2027-W01")
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2027-W01")).adding(-1).description, "2026-W53")
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2026-W02")).adding(-60).description, "2024-W46")
        XCTAssertEqual(try XCTUnwrap(ISOWeek("2024-W46")).weeks(until: try XCTUnwrap(ISOWeek("2026-W02"))), 60)
        XCTAssertLessThan(try XCTUnwrap(ISOWeek("2025-W52")), w53)
        // Every week of six years, one after another, starts where the previous one ended.
        var week = try XCTUnwrap(ISOWeek("2024-W01"))
        for _ in 0..<(6 * 52) {
            let next = week.adding(1)
            XCTAssertEqual(week.end(in: newYork), next.start(in: newYork), week.description)
            week = next
        }
    }
}
