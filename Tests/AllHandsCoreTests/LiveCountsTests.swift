import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The open counts per tag that triggers keep (issue 10): after every change, by any path and
/// from any connection, they equal a recount from scratch.
final class LiveCountsTests: XCTestCase {
    static let tags = Configuration.default.taxonomy.dimensions.flatMap(\.tags) + ["vip", "brand-new-free-tag"]

    func testMaintainedCountsEqualARecountAfterEveryRandomChangeFromTwoConnections() throws {
        for seed: UInt64 in [1, 2, 3] {
            let f = Fixture()
            _ = try f.demo(people: 12, tickets: 80, seed: seed)
            XCTAssertEqual(try f.workspace().tags.verify(), [], "the demo's bulk load is recounted")
            let connections = [try f.workspace(), try f.workspace()]
            let raw = try f.database()
            var rng = SplitMix(seed: seed)
            let ids = try raw.read { try $0.fetchAll("SELECT id FROM tickets ORDER BY id") { $0.int(0) } }
            XCTAssertFalse(ids.isEmpty)
            var steps = 0
            for step in 0..<300 {
                let ws = connections[step % 2]
                let id = ids[Int.random(in: 0..<ids.count, using: &rng)]
                let tag = Self.tags[Int.random(in: 0..<Self.tags.count, using: &rng)]
                switch Int.random(in: 0..<10, using: &rng) {
                case 0...3: _ = try? ws.tickets.tag(id: id, [tag])
                case 4...5: _ = try? ws.tickets.untag(id: id, [tag])
                case 6...8:
                    let status = [TicketStatus.new, .open, .pending, .solved, .closed][Int.random(in: 0..<5, using: &rng)]
                    _ = try? ws.tickets.setStatus(id: id, status)
                default:
                    // A path that goes round the services: the triggers still keep count.
                    try raw.write { db in
                        try db.execute("UPDATE tickets SET status = CASE status WHEN 'open' THEN 'solved' ELSE 'open' END WHERE id = ?", id)
                    }
                }
                let drift = try connections[(step + 1) % 2].tags.verify()
                XCTAssertEqual(drift, [], "seed \(seed), step \(step)")
                if !drift.isEmpty { break }
                steps += 1
            }
            XCTAssertEqual(steps, 300)
            // A ticket deleted with its tags (as a later import's clean-up might) leaves no count behind.
            try raw.write { db in try db.execute("DELETE FROM tickets WHERE id IN (SELECT ticket_id FROM ticket_tags LIMIT 5)") }
            XCTAssertEqual(try f.workspace().tags.verify(), [], "seed \(seed), after deletes")
        }
    }

    func testEachRegionsVersionMovesOnlyWithAChangeToIt() throws {
        let f = Fixture()
        let ws = try f.demo(people: 12, tickets: 40)
        let before = try ws.tags.regionVersions()
        XCTAssertEqual(Set(before.keys), Set(ChangeRegion.allCases.map(\.rawValue)))
        let id = try XCTUnwrap(try f.database().read { try $0.fetchInt("SELECT min(id) FROM tickets WHERE status IN ('new', 'open', 'pending')") })
        _ = try ws.tickets.tag(id: id, ["vip"])
        let tagged = try ws.tags.regionVersions()
        XCTAssertGreaterThan(tagged["tags"] ?? 0, before["tags"] ?? 0)
        XCTAssertGreaterThan(tagged["queue"] ?? 0, before["queue"] ?? 0)
        XCTAssertEqual(tagged["rotation"], before["rotation"], "tagging leaves the rotation alone")
        _ = try ws.tags.counts()
        XCTAssertEqual(try ws.tags.regionVersions(), tagged, "reading moves nothing")
    }
}
