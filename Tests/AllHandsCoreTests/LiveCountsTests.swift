import AllHandsCore
import Foundation
import Storage
import TestSupport
import XCTest

/// The counts that triggers keep (issue 10): open tickets per tag and per pair of tags, and
/// additions per tag and day. After every change (tag, untag, status, rename, merge, raw SQL),
/// by any path and from any connection, they equal a recount from scratch.
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
            var retitled = (renames: 0, merges: 0)
            for step in 0..<300 {
                let ws = connections[step % 2]
                let id = ids[Int.random(in: 0..<ids.count, using: &rng)]
                let tag = Self.tags[Int.random(in: 0..<Self.tags.count, using: &rng)]
                switch Int.random(in: 0..<14, using: &rng) {
                case 0...3: _ = try? ws.tickets.tag(id: id, [tag])
                case 4...5: _ = try? ws.tickets.untag(id: id, [tag])
                case 6...8:
                    let status = [TicketStatus.new, .open, .pending, .solved, .closed][Int.random(in: 0..<5, using: &rng)]
                    _ = try? ws.tickets.setStatus(id: id, status)
                case 9:
                    // A path that goes round the services: the triggers still keep count.
                    try raw.write { db in
                        try db.execute("UPDATE tickets SET status = CASE status WHEN 'open' THEN 'solved' ELSE 'open' END WHERE id = ?", id)
                    }
                case 10:
                    try raw.write { db in
                        try db.execute("""
                            INSERT OR IGNORE INTO ticket_tags (ticket_id, tag_id) SELECT ?, id FROM tags ORDER BY id LIMIT 1 OFFSET ?
                            """, id, step % 7)
                        try db.execute("DELETE FROM ticket_tags WHERE ticket_id = ? AND tag_id = (SELECT min(tag_id) FROM ticket_tags WHERE ticket_id = ?)",
                                       ids[(step * 7) % ids.count], ids[(step * 7) % ids.count])
                    }
                case 11:
                    // A rename (the old name stays an alias, so later steps naming it still work).
                    if (try? ws.tags.rename(tag, to: "\(tag)-\(step)")) != nil { retitled.renames += 1 }
                default:
                    // A merge: into another tag of its dimension, or anywhere for a free tag.
                    let into = Self.tags[Int.random(in: 0..<Self.tags.count, using: &rng)]
                    if (try? ws.tags.merge(tag, into: into)) != nil { retitled.merges += 1 }
                }
                let drift = try connections[(step + 1) % 2].tags.verify()
                XCTAssertEqual(drift, [], "seed \(seed), step \(step)")
                if !drift.isEmpty { break }
                steps += 1
            }
            XCTAssertEqual(steps, 300)
            XCTAssertGreaterThan(retitled.renames, 0, "seed \(seed): renames happened")
            XCTAssertGreaterThan(retitled.merges, 0, "seed \(seed): merges happened")
            // A ticket deleted with its tags (as a later import's clean-up might) leaves no count behind.
            try raw.write { db in try db.execute("DELETE FROM tickets WHERE id IN (SELECT ticket_id FROM ticket_tags LIMIT 5)") }
            XCTAssertEqual(try f.workspace().tags.verify(), [], "seed \(seed), after deletes")
        }
    }

    func testEachRegionsVersionMovesOnlyWithAChangeToIt() throws {
        let f = Fixture()
        let ws = try f.demo(people: 12, tickets: 40)
        let before = try ws.tags.regionVersions()
        XCTAssertEqual(Set(before.keys), Set(ChangeRegion.allCases.map(\.rawValue)).union(["tag-history"]),
                       "the console's regions, and the tag history a tags board reads again in full")
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
