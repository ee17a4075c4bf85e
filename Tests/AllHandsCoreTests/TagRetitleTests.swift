import AllHandsCore
import Foundation
import Storage
import XCTest

/// `TagService.rename` and `merge` (issue 10, "Taxonomy"): leads tidy the taxonomy in one
/// audited transaction; tickets, history and counts follow, and the old name keeps working.
final class TagRetitleTests: XCTestCase {
    /// Admin, employee1, support1, lead1, exec1, and tickets 1–4 tagged as given.
    func company(_ tags: [[String]]) throws -> (Fixture, Workspace, [Int]) {
        let f = Fixture()
        try f.addPeople([.employee, .support, .lead, .exec])
        let admin = try f.workspace()
        let ids = try tags.map { names -> Int in
            let id = try admin.tickets.create(requesterEmail: "ann@example.com", requesterName: "Ann Lee",
                                              subject: "Help", body: "Something is wrong.").id
            if !names.isEmpty { try admin.tickets.tag(id: id, names) }
            return id
        }
        return (f, try f.workspace("lead1"), ids)
    }

    func tags(_ ws: Workspace, _ id: Int) throws -> [String] {
        try ws.tickets.find(id: id).tags
    }

    func auditEntries(_ f: Fixture, _ action: String) throws -> [AuditEntry] {
        try f.workspace().audit.entries(entity: "tag").filter { $0.action == action }
    }

    // MARK: - rename

    func testRenameKeepsTicketsAndTheOldNameLeadsToTheTag() throws {
        let (f, lead, ids) = try company([["billing", "bug"], ["billing"], ["bug"]])
        let done = try lead.tags.rename("billing", to: "Invoicing ")
        XCTAssertEqual(done.tag.qualifiedName, "area:invoicing")
        XCTAssertEqual(done.oldName, "billing")
        XCTAssertEqual(done.tickets, 2)
        XCTAssertEqual(done.alreadyBoth, 0)
        XCTAssertTrue(done.configStillListsOld, "the default taxonomy lists billing")
        XCTAssertEqual(try tags(lead, ids[0]), ["area:invoicing", "type:bug"])
        // Tagging with the old name puts the renamed tag on; a filter by it finds its tickets.
        let tagged = try lead.tickets.tag(id: ids[2], ["billing"])
        XCTAssertEqual(tagged.changed, ["area:invoicing"])
        XCTAssertEqual(Set(try lead.tickets.page(TicketFilter(tag: "billing"), limit: 10).map(\.id)), Set(ids))
        XCTAssertEqual(try lead.tickets.page(TicketFilter(tag: "area:invoicing"), limit: 10).count, 3)
        let audit = try auditEntries(f, "tag.rename")
        XCTAssertEqual(audit.count, 1)
        XCTAssertEqual(audit.first?.actor, "lead1")
        XCTAssertEqual(try lead.tags.verify(), [])
        // Back to the old name: the alias goes, the tag takes its name again.
        let back = try lead.tags.rename("invoicing", to: "billing")
        XCTAssertEqual(back.tag.qualifiedName, "area:billing")
        XCTAssertEqual(try tags(lead, ids[1]), ["area:billing"])
        XCTAssertEqual(try lead.tickets.page(TicketFilter(tag: "invoicing"), limit: 10).count, 3)
    }

    func testRenameToATagThatExistsIsRefusedWithTheMergeHint() throws {
        let (f, lead, ids) = try company([["billing"], ["accounts"]])
        XCTAssertThrows(.invalid("a tag 'accounts' exists; to fold 'billing' into it, use: tags merge billing accounts")) {
            try lead.tags.rename("billing", to: "accounts")
        }
        _ = try lead.tags.rename("accounts", to: "logins")
        XCTAssertThrows(.invalid("'accounts' is an old name of 'logins'")) { try lead.tags.rename("billing", to: "accounts") }
        XCTAssertThrows(.invalid("'accounts' is an old name of 'logins'; name 'logins' instead")) {
            try lead.tags.rename("accounts", to: "profiles")
        }
        XCTAssertThrows(.invalid("'billing' already has that name")) { try lead.tags.rename("billing", to: "billing") }
        XCTAssertThrows(.notFound(what: "tag 'nonesuch'")) { try lead.tags.rename("nonesuch", to: "other") }
        XCTAssertThrows(.invalid("'not valid!' is not a valid tag name (\(Tag.nameRule))")) {
            try lead.tags.rename("billing", to: "Not Valid!")
        }
        XCTAssertEqual(try tags(lead, ids[0]), ["area:billing"], "nothing changed")
        XCTAssertEqual(try auditEntries(f, "tag.rename").count, 1, "only the one that happened")
    }

    func testRenameFollowsTheTaxonomysDimensions() throws {
        let (_, lead, ids) = try company([["billing"], ["vip"]])
        // A free tag renamed to a name the taxonomy lists joins that dimension.
        XCTAssertEqual(try lead.tags.rename("vip", to: "outage").tag.qualifiedName, "type:outage")
        XCTAssertEqual(try tags(lead, ids[1]), ["type:outage"])
        // An area tag cannot become a type tag, nor take a name the config keeps as an alias.
        XCTAssertThrows(.invalid("'bug' is a type tag in the taxonomy and 'billing' an area tag")) {
            try lead.tags.rename("billing", to: "bug")
        }
        XCTAssertThrows(.invalid("'defect' is an alias of 'bug' in the config; pick another name")) {
            try lead.tags.rename("billing", to: "defect")
        }
        // A name outside the taxonomy keeps the tag in its dimension, and the config need not follow.
        let done = try lead.tags.rename("area:billing", to: "payments")
        XCTAssertEqual(done.tag.qualifiedName, "area:payments")
        XCTAssertTrue(done.configStillListsOld)
        let free = try lead.tags.rename("outage", to: "downtime-ish")
        XCTAssertEqual(free.tag.qualifiedName, "type:downtime-ish")
    }

    func testOnlyLeadsAndAdminsRenameOrMerge() throws {
        let (f, _, ids) = try company([["billing"], ["vip"]])
        for role in [Role.employee, .support, .exec] {
            let ws = try f.workspace(role.rawValue + "1")
            let refusal = AllHandsError.notPermitted(action: Action.manageTaxonomy.rawValue, role: role)
            XCTAssertThrows(refusal) { try ws.tags.rename("billing", to: "payments") }
            XCTAssertThrows(refusal) { try ws.tags.merge("vip", into: "billing") }
        }
        XCTAssertEqual(try tags(f.workspace(), ids[0]), ["area:billing"])
        XCTAssertEqual(try auditEntries(f, "tag.rename") + auditEntries(f, "tag.merge"), [])
        XCTAssertNoThrow(try f.workspace().tags.rename("billing", to: "payments"), "an admin may")
    }

    // MARK: - merge

    func testMergeMovesTicketsKeepsOneLinkAndLeavesAnAlias() throws {
        let (f, lead, ids) = try company([["vip"], ["vip", "escalated", "billing"], ["escalated"], ["billing"]])
        let done = try lead.tags.merge("vip", into: "escalated")
        XCTAssertEqual(done.tag.name, "escalated")
        XCTAssertEqual(done.oldName, "vip")
        XCTAssertEqual(done.tickets, 2)
        XCTAssertEqual(done.alreadyBoth, 1)
        XCTAssertFalse(done.configStillListsOld, "vip is a free tag")
        XCTAssertEqual(try tags(lead, ids[0]), ["escalated"])
        XCTAssertEqual(try tags(lead, ids[1]), ["area:billing", "escalated"])
        let links = try f.database().fetchInt("""
            SELECT count(*) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE g.name = 'escalated'
            """)
        XCTAssertEqual(links, 3, "one link each for tickets 1, 2 and 3")
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM tags WHERE name = 'vip'"), 0)
        // The old name leads to the survivor: tagging, filtering and comparing by it.
        XCTAssertEqual(try lead.tickets.tag(id: ids[3], ["vip"]).changed, ["escalated"])
        XCTAssertEqual(try lead.tickets.page(TicketFilter(tag: "vip"), limit: 10).count, 4)
        XCTAssertEqual(try lead.tags.compare(tag: "vip", at: Fixture.now - 86_400, weeks: 1).tag.name, "escalated")
        XCTAssertEqual(try lead.tags.verify(), [], "open counts, pairs and daily sums agree with a recount")
        // The matrix and the counts know only the survivor.
        let counts = try lead.tags.counts()
        XCTAssertNil(counts.first { $0.tag.name == "vip" })
        XCTAssertEqual(counts.first { $0.tag.name == "escalated" }?.open, 4)
    }

    func testMergeMovesTheHistorySoTheBoardShowsItUnderTheSurvivor() throws {
        let f = Fixture()
        try f.addPeople([.lead])
        let day: Int64 = 86_400
        // vip goes on two tickets three days ago and one today; escalated on one yesterday.
        var ids: [Int] = []
        for (daysAgo, tag) in [(3, "vip"), (3, "vip"), (1, "escalated"), (0, "vip")] as [(Int64, String)] {
            let ws = try f.workspace(at: Fixture.now - daysAgo * day)
            let id = try ws.tickets.create(requesterEmail: "ann@example.com", subject: "Help", body: "Hi.").id
            try ws.tickets.tag(id: id, [tag])
            ids.append(id)
        }
        let lead = try f.workspace("lead1")
        let before = try lead.tags.board(window: .week)
        let vipDaily = try XCTUnwrap(before.trends.first { $0.tag.name == "vip" }).daily
        let escalatedDaily = try XCTUnwrap(before.trends.first { $0.tag.name == "escalated" }).daily
        XCTAssertEqual(vipDaily.reduce(0, +), 3)

        _ = try lead.tags.merge("vip", into: "escalated")
        let after = try lead.tags.board(window: .week)
        XCTAssertNil(after.trends.first { $0.tag.name == "vip" })
        let survivor = try XCTUnwrap(after.trends.first { $0.tag.name == "escalated" })
        XCTAssertEqual(survivor.daily, zip(vipDaily, escalatedDaily).map { $0 + $1 })
        XCTAssertEqual(survivor.new7d, 4)
        XCTAssertEqual(survivor.new24h, 1, "today's vip")
        XCTAssertEqual(survivor.open, 4)
        let events = try f.database().fetchInt("""
            SELECT count(*) FROM tag_events e JOIN tags g ON g.id = e.tag_id WHERE g.name = 'escalated' AND e.added = 1
            """)
        XCTAssertEqual(events, 4)
        let report = try lead.tags.report(from: Fixture.now - 7 * day, to: Fixture.now + 1)
        XCTAssertEqual(report.rows.map(\.tag.name), ["escalated"])
        XCTAssertEqual(report.rows.first?.added, 4)
        XCTAssertEqual(try lead.tags.verify(), [])
    }

    func testMergeWritesOneAuditEntryAndARefusalWritesNothing() throws {
        let (f, lead, ids) = try company([["billing", "bug"], ["accounts", "vip"], ["vip"]])
        // Across dimensions, into itself, through an old name: refused, nothing written.
        XCTAssertThrows(.invalid("'billing' is an area tag; it can be merged only into another area tag")) {
            try lead.tags.merge("billing", into: "bug")
        }
        XCTAssertThrows(.invalid("'billing' is an area tag; it can be merged only into another area tag")) {
            try lead.tags.merge("billing", into: "vip")
        }
        XCTAssertThrows(.invalid("a tag cannot be merged into itself")) { try lead.tags.merge("billing", into: "area:billing") }
        XCTAssertThrows(.notFound(what: "tag 'nonesuch'")) { try lead.tags.merge("nonesuch", into: "billing") }
        XCTAssertEqual(try tags(lead, ids[0]), ["area:billing", "type:bug"])
        XCTAssertEqual(try auditEntries(f, "tag.merge"), [])

        // An area tag into another area tag, a free tag into a taxonomy tag.
        XCTAssertEqual(try lead.tags.merge("accounts", into: "billing").tickets, 1)
        let free = try lead.tags.merge("vip", into: "type:bug")
        XCTAssertEqual(free.tickets, 2)
        XCTAssertEqual(try tags(lead, ids[1]), ["area:billing", "type:bug"])
        XCTAssertEqual(try tags(lead, ids[2]), ["type:bug"])
        let audit = try auditEntries(f, "tag.merge")
        XCTAssertEqual(audit.count, 2)
        XCTAssertEqual(audit.map(\.actor), ["lead1", "lead1"])
        XCTAssertEqual(audit.first?.before.map { $0.contains("\"tag\":\"vip\"") }, true)
        XCTAssertEqual(audit.first?.after.map { $0.contains("\"into\":\"type:bug\"") }, true)
        XCTAssertThrows(.invalid("'accounts' is an old name of 'billing'; name 'billing' instead")) {
            try lead.tags.merge("accounts", into: "billing")
        }
        XCTAssertEqual(try lead.tags.verify(), [])
    }

    /// The audit entry is part of the merge's transaction: when it cannot be written, the merge
    /// is undone with it.
    func testAMergeWhoseAuditEntryFailsLeavesNothingBehind() throws {
        let (f, lead, ids) = try company([["vip"], ["escalated"]])
        try f.database().execute("""
            CREATE TRIGGER no_merge_audit BEFORE INSERT ON audit_log WHEN new.action = 'tag.merge'
            BEGIN SELECT RAISE(ABORT, 'audit refused'); END
            """)
        XCTAssertThrowsError(try lead.tags.merge("vip", into: "escalated"))
        XCTAssertEqual(try tags(lead, ids[0]), ["vip"])
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM tag_aliases WHERE name = 'vip'"), 0)
        XCTAssertEqual(try lead.tags.verify(), [])
    }
}
