import AllHandsCore
import Storage
import XCTest

final class TicketStreamTests: XCTestCase {
    /// Streaming in small pages gives exactly the rows (tags included) one big page gives, and
    /// says how many the filter holds when the limit cut it.
    func testStreamedPagesEqualOnePageAndReportTheExtent() throws {
        let f = Fixture()
        let ws = try f.demo(people: 20, tickets: 120)
        let filter = TicketFilter(statuses: .all)
        let whole = try ws.tickets.page(filter, limit: 1_000)
        XCTAssertEqual(whole.count, 120)
        XCTAssertTrue(whole.contains { $0.tags.count > 1 })

        var streamed: [Ticket] = []
        let all = try ws.tickets.forEach(filter, limit: 1_000, pageSize: 7) { streamed.append($0) }
        XCTAssertEqual(streamed, whole)
        XCTAssertEqual(all, ListingExtent(shown: 120, total: 120))
        XCTAssertFalse(all.isCut)

        streamed = []
        let cut = try ws.tickets.forEach(filter, limit: 50, pageSize: 7) { streamed.append($0) }
        XCTAssertEqual(streamed, Array(whole.prefix(50)))
        XCTAssertEqual(cut, ListingExtent(shown: 50, total: 120))
        XCTAssertTrue(cut.isCut)

        let exact = try ws.tickets.forEach(filter, limit: 120, pageSize: 40) { _ in }
        XCTAssertEqual(exact, ListingExtent(shown: 120, total: 120), "a limit equal to the total cuts nothing")
    }

    /// Each ticket's tags: dimension tags by dimension, then free tags, by name within.
    func testTagsAreOrderedByDimensionThenFreeTagsByName() throws {
        let f = Fixture()
        let ws = try f.demo(people: 20, tickets: 120)
        let tickets = try ws.tickets.page(TicketFilter(statuses: .all), limit: 1_000)
        let tagged = tickets.filter { !$0.tags.isEmpty }
        XCTAssertFalse(tagged.isEmpty)
        for ticket in tagged {
            let keys = ticket.tags.map { tag -> (Int, String, String) in
                let parts = tag.split(separator: ":", maxSplits: 1).map(String.init)
                return parts.count == 2 ? (0, parts[0], parts[1]) : (1, "", parts[0])
            }
            XCTAssertTrue(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "\(ticket.tags)")
        }
    }
}
