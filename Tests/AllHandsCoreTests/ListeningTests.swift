import AllHandsCore
import Foundation
@testable import Storage
import XCTest

/// The listen view's timeline (kinds, cursor, filters, contact hiding), listening sessions and
/// the listening time they add up to, with the clock stopped.
final class ListeningTests: XCTestCase {
    /// Two tickets: #1 from Ann (support1 claims it, replies, notes; Ann writes again with her
    /// contacts) and #2 from Bob tagged `defect` (the alias of `type:bug`), with a note by lead1
    /// and one by support1. Returns the fixture, the ticket ids and the message ids in order.
    func floor() throws -> (f: Fixture, ann: Int, bob: Int, messages: [Int]) {
        let (f, admin, ann) = try Fixture.ticketWork()
        let support = try f.workspace("support1")
        _ = try support.tickets.claim(id: ann)
        _ = try support.tickets.reply(id: ann, body: "On it: is the fuser hot?")
        _ = try support.tickets.note(id: ann, body: "Probably the fuser again.")
        _ = try admin.tickets.addCustomerMessage(id: ann, body: "Still smoking. Call +1 (555) 010-2030 or ann.lee@example.com")
        let bob = try admin.tickets.create(requesterEmail: "bob@example.com", requesterName: "Bob Roe",
                                           subject: "Charged twice", body: "Ticket #1234 from 2026-11-02: $12.50 twice").id
        _ = try admin.tickets.tag(id: bob, ["defect"])
        _ = try f.workspace("lead1").tickets.note(id: bob, body: "Billing knows.")
        _ = try support.tickets.note(id: bob, body: "Seen this last week.")
        let ids = try f.workspace().listening.timeline(filter: .all).map(\.id)
        return (f, ann, bob, ids)
    }

    func line(_ e: TimelineEntry) -> String {
        "#\(e.ticketID) \(e.kind.rawValue) \(e.author): \(e.body)"
    }

    func testTheTimelineIsTheFloorInOrderWithEachMessagesKindNotesIncluded() throws {
        let (f, _, _, ids) = try floor()
        let entries = try f.workspace("exec1").listening.timeline(filter: .all)
        XCTAssertEqual(entries.map(line), [
            "#1 new Ann Lee: It is smoking.",
            "#1 reply support1: On it: is the fuser hot?",
            "#1 note support1: Probably the fuser again.",
            "#1 customer Ann Lee: Still smoking. Call +1 (555) 010-2030 or ann.lee@example.com",
            "#2 new Bob Roe: Ticket #1234 from 2026-11-02: $12.50 twice",
            "#2 note lead1: Billing knows.",
            "#2 note support1: Seen this last week.",
        ])
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(entries.map(\.subject), Array(repeating: "Printer on fire", count: 4) + Array(repeating: "Charged twice", count: 3))
        XCTAssertEqual(entries[0].at, Fixture.now)
    }

    func testTheNewestPageAndARefreshFromTheCursor() throws {
        let (f, ann, _, ids) = try floor()
        let listening = try f.workspace("exec1").listening
        XCTAssertEqual(try listening.timeline(filter: .all, limit: 2).map(\.id), Array(ids.suffix(2)), "the newest, oldest first")
        XCTAssertEqual(try listening.timeline(filter: .all, after: ids[2]).map(\.id), Array(ids.dropFirst(3)))
        XCTAssertEqual(try listening.timeline(filter: .all, after: ids[2], limit: 2).map(\.id), [ids[3], ids[4]],
                       "a refresh far behind reads forward from the cursor, at most a page")
        XCTAssertEqual(try listening.timeline(filter: .all, after: ids.last), [])
        let reply = try f.workspace("support1").tickets.reply(id: ann, body: "Unplug it.")
        XCTAssertEqual(try listening.timeline(filter: .all, after: ids.last).map(line), ["#1 reply support1: Unplug it."])
        XCTAssertEqual(try listening.timeline(filter: .all, after: ids.last).first?.id, reply.message.id)
        XCTAssertThrowsError(try listening.timeline(filter: .all, limit: 0))
    }

    func testATagFilterFollowsTheTagByItsAliasAndAnUnknownTagIsNotFound() throws {
        let (f, _, bob, ids) = try floor()
        let listening = try f.workspace("exec1").listening
        let byAlias = try listening.timeline(filter: .tag("defect"))
        XCTAssertEqual(byAlias.map(\.ticketID), [bob, bob, bob])
        XCTAssertEqual(try listening.timeline(filter: .tag("Type:Bug")).map(\.id), byAlias.map(\.id))
        XCTAssertEqual(try listening.timeline(filter: .tag("bug"), after: ids[4]).map(\.id), Array(ids.suffix(2)))
        XCTAssertEqual(try listening.resolve(.tag("defect")), .tag("bug"))
        XCTAssertThrowsError(try listening.timeline(filter: .tag("no-such-tag"))) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "tag 'no-such-tag'"))
        }
    }

    /// Shadowing follows the tickets the agent holds (every message on them, the customer's
    /// too) and every message they write on others' tickets; nothing else.
    func testShadowingFollowsTheAgentsTicketsAndEverythingTheyWrite() throws {
        let (f, ann, bob, ids) = try floor()
        let listening = try f.workspace("exec1").listening
        let support = try listening.timeline(filter: .shadow(login: "support1"))
        XCTAssertEqual(support.map { "#\($0.ticketID) \($0.author)" },
                       ["#\(ann) Ann Lee", "#\(ann) support1", "#\(ann) support1", "#\(ann) Ann Lee", "#\(bob) support1"])
        XCTAssertEqual(try listening.timeline(filter: .shadow(login: "lead1")).map(\.body), ["Billing knows."])
        XCTAssertEqual(try listening.timeline(filter: .shadow(login: "support1"), limit: 2).map(\.id), [ids[3], ids[6]])
        XCTAssertEqual(try listening.timeline(filter: .shadow(login: "support1"), after: ids[3]).map(\.id), [ids[6]])
        // Once the ticket is someone else's, its new messages are no longer followed.
        _ = try f.workspace().tickets.assign(id: ann, to: "lead1")
        _ = try f.workspace().tickets.addCustomerMessage(id: ann, body: "Hello?")
        XCTAssertEqual(try listening.timeline(filter: .shadow(login: "support1"), after: ids.last), [])
        XCTAssertEqual(try listening.timeline(filter: .shadow(login: "lead1"), after: ids.last).map(\.body), ["Hello?"])
        XCTAssertThrowsError(try listening.timeline(filter: .shadow(login: "nobody"))) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "person 'nobody'"))
        }
    }

    func testWithContactsHiddenCustomersAddressesAndPhonesAreMaskedAndNothingElse() throws {
        let (f, _, _, _) = try floor()
        let admin = try f.workspace()
        _ = try admin.tickets.create(requesterEmail: "cy@example.com", requesterName: "cy@example.com",
                                     subject: "From 020 7946 0958", body: "Call 020 7946 0958 at 10:30")
        var config = Configuration.default
        config.listening.hideCustomerContacts = true
        let hidden = try f.workspace("exec1", config: config).listening.timeline(filter: .all)
        XCTAssertEqual(hidden.map(line)[3], "#1 customer Ann Lee: Still smoking. Call [phone hidden] or [email hidden]")
        XCTAssertEqual(hidden.map(line)[4], "#2 new Bob Roe: Ticket #1234 from 2026-11-02: $12.50 twice")
        XCTAssertEqual(hidden.map(line)[7], "#3 new [email hidden]: Call [phone hidden] at 10:30")
        XCTAssertEqual(hidden[7].subject, "From [phone hidden]")
        XCTAssertEqual(hidden.map(line)[1], "#1 reply support1: On it: is the fuser hot?")
        let shown = try f.workspace("exec1").listening.timeline(filter: .all)
        XCTAssertEqual(shown.map(line)[7], "#3 new cy@example.com: Call 020 7946 0958 at 10:30")
    }

    /// A refresh walks the messages' primary key from the cursor, whatever the filter; no plan
    /// sorts in a temporary tree.
    func testARefreshIsAnsweredFromTheMessagesPrimaryKey() throws {
        let f = Fixture()
        _ = try f.demo(people: 30, tickets: 300)
        let ws = try f.workspace()
        let tag = try XCTUnwrap(ws.tags.counts().first?.tag.name)
        let agent = try f.login(.support)
        for filter in [ListenFilter.all, .tag(tag), .shadow(login: agent)] {
            for after in [Int?.none, 100] {
                let before = Set(ws.database.preparedSQL)
                _ = try ws.listening.timeline(filter: filter, after: after)
                let timeline = ws.database.preparedSQL.filter {
                    !before.contains($0) && ($0.contains("FROM messages m") || $0.contains("WITH picked"))
                }
                XCTAssertFalse(timeline.isEmpty)
                for sql in timeline {
                    let steps = try ws.database.fetchAll("EXPLAIN QUERY PLAN " + sql) { $0.string(3) }
                    // The shadow's first page merges two short lists (a sort of what they hold).
                    if !sql.contains("WITH picked") {
                        XCTAssertFalse(steps.contains { $0.contains("TEMP B-TREE") }, "\(filter) \(String(describing: after)): \(steps)")
                    }
                    if after != nil {
                        XCTAssertTrue(steps.contains { $0.hasPrefix("SEARCH m USING INTEGER PRIMARY KEY (rowid>?)") },
                                      "\(filter): \(steps)")
                    }
                    XCTAssertFalse(steps.contains { $0 == "SCAN t" || $0 == "SCAN c" || $0 == "SCAN p" }, "\(filter): \(steps)")
                }
            }
        }
    }

    // MARK: - Sessions and listening time

    static let t0 = Fixture.now
    func at(_ f: Fixture, _ login: String, _ offset: Int64) throws -> ListeningService {
        try f.workspace(login, at: Self.t0 + offset).listening
    }

    func session(_ f: Fixture, _ id: Int) throws -> (active: Int64, ended: Int64?) {
        try XCTUnwrap(f.database().fetchOne("SELECT active_at, ended_at FROM listening_sessions WHERE id = ?", id) {
            ($0.int64(0), $0.isNull(1) ? nil : $0.int64(1))
        })
    }

    func seconds(_ f: Fixture, _ login: String, now: Int64, from: Int64, to: Int64) throws -> ListeningTime? {
        try at(f, "admin", now).listeningTime(from: Self.t0 + from, to: Self.t0 + to).first { $0.login == login }
    }

    func testOpeningAndLeavingCountsTheTimeBetweenAndKeysWriteAtMostOnceAMinute() throws {
        let (f, _, _) = try Fixture.ticketWork()
        let id = try at(f, "exec1", 0).startSession(follows: .tag("defect"))
        XCTAssertEqual(try f.database().fetchOne("SELECT follows FROM listening_sessions WHERE id = ?", id) { $0.string(0) },
                       "tag:bug")
        for second in 1..<60 { XCTAssertEqual(try at(f, "exec1", Int64(second)).touchSession(id), id) }
        XCTAssertEqual(try session(f, id).active, Self.t0, "a storm of keys within the minute writes nothing")
        XCTAssertEqual(try at(f, "exec1", 60).touchSession(id), id)
        XCTAssertEqual(try session(f, id).active, Self.t0 + 60)
        XCTAssertEqual(try at(f, "exec1", 600).touchSession(id), id)
        try at(f, "exec1", 1_200).endSession(id)
        XCTAssertEqual(try session(f, id).ended, Self.t0 + 1_200)
        try at(f, "exec1", 1_300).endSession(id)
        XCTAssertEqual(try session(f, id).ended, Self.t0 + 1_200, "ending twice changes nothing")
        XCTAssertEqual(try seconds(f, "exec1", now: 5_000, from: -3_600, to: 7_200),
                       ListeningTime(login: "exec1", seconds: 1_200, sessions: 1, targetSeconds: 45))
        XCTAssertEqual(try at(f, "exec1", 1_400).touchSession(id) > id, true, "a key after leaving starts a new session")
    }

    func testTenMinutesIdleEndsTheSessionAndTheNextKeyStartsANewOne() throws {
        let (f, _, _) = try Fixture.ticketWork()
        let first = try at(f, "exec1", 0).startSession(follows: .all)
        XCTAssertEqual(try at(f, "exec1", 100).touchSession(first), first)
        XCTAssertEqual(try at(f, "exec1", 700).touchSession(first), first, "exactly ten minutes idle is still listening")
        let second = try at(f, "exec1", 700 + 601).touchSession(first)
        XCTAssertNotEqual(second, first)
        XCTAssertEqual(try f.database().fetchOne("SELECT follows, started_at FROM listening_sessions WHERE id = ?", second) {
            "\($0.string(0)) \($0.int64(1) - Self.t0)"
        }, "all 1301")
        try at(f, "exec1", 1_361).endSession(second)
        // The first counts to its last key plus ten minutes (1 300 s), the second 60 s.
        XCTAssertEqual(try seconds(f, "exec1", now: 2_000, from: 0, to: 3_600)?.seconds, 1_300 + 60)
        XCTAssertEqual(try seconds(f, "exec1", now: 2_000, from: 0, to: 3_600)?.sessions, 2)
    }

    func testADeadConsolesSessionCountsToItsLastSignOfLifePlusTheIdleLimit() throws {
        let (f, _, _) = try Fixture.ticketWork()
        let id = try at(f, "exec1", 0).startSession(follows: .shadow(login: "support1"))
        _ = try at(f, "exec1", 120).touchSession(id)
        XCTAssertEqual(try seconds(f, "exec1", now: 300, from: 0, to: 86_400)?.seconds, 300, "while it runs: up to now")
        XCTAssertEqual(try seconds(f, "exec1", now: 5 * 3_600, from: 0, to: 86_400)?.seconds, 120 + 600)
        XCTAssertNil(try session(f, id).ended)
        // Opening the view again ends the open session where its time stopped.
        _ = try at(f, "exec1", 200).startSession(follows: .all)
        XCTAssertEqual(try session(f, id).ended, Self.t0 + 200)
    }

    func testAPeriodCountsOnlyItsPartOfASession() throws {
        let (f, _, _) = try Fixture.ticketWork()
        let id = try at(f, "employee1", 0).startSession(follows: .all)
        _ = try at(f, "employee1", 600).touchSession(id)
        try at(f, "employee1", 1_200).endSession(id)
        XCTAssertEqual(try seconds(f, "employee1", now: 9_000, from: 600, to: 3_600),
                       ListeningTime(login: "employee1", seconds: 600, sessions: 0, targetSeconds: 0))
        XCTAssertEqual(try seconds(f, "employee1", now: 9_000, from: -600, to: 300)?.seconds, 300)
        XCTAssertNil(try seconds(f, "employee1", now: 9_000, from: 1_200, to: 3_600), "nothing in the period: not listed")
    }

    /// November 2026 in New York is 30 days and an hour (the clocks go back on the 1st): the
    /// whole month asks the full three hours, a week its share.
    func testTheMonthsTargetAndEveryExecutiveListedAtZero() throws {
        let (f, _, _) = try Fixture.ticketWork()
        try f.workspace().people.add(Person(login: "exec2", name: "B exec", role: .exec))
        let id = try at(f, "exec1", 0).startSession(follows: .all)
        try at(f, "exec1", 600).endSession(id)
        let month = try at(f, "admin", 1_000).listeningTime(monthContaining: Self.t0)
        XCTAssertEqual(month, [ListeningTime(login: "exec1", seconds: 600, sessions: 1, targetSeconds: 10_800),
                               ListeningTime(login: "exec2", seconds: 0, sessions: 0, targetSeconds: 10_800)])
        let zone = try XCTUnwrap(TimeZone(identifier: "America/New_York"))
        let november = ShiftTime.month(containing: Self.t0, timeZone: zone)
        XCTAssertEqual(november.end - november.start, 30 * 86_400 + 3_600)
        XCTAssertEqual(ListeningService.targetSeconds(perMonth: 3, from: november.start, to: november.start + 7 * 86_400,
                                                      timeZone: zone), 2_517)
        XCTAssertEqual(ListeningService.targetSeconds(perMonth: 3, from: november.start, to: november.end + 31 * 86_400,
                                                      timeZone: zone), 21_600, "November and December")
        let report = try at(f, "admin", 1_000).listeningTime(from: 0, to: 1)
        XCTAssertEqual(report.map(\.targetSeconds), [0, 0], "a second of a month asks nothing worth a second")
        let fairness = try f.workspace("admin", at: Self.t0 + 1_000).rotation.fairness(monthContaining: Self.t0)
        let exec = try XCTUnwrap(fairness.loads.first { $0.login == "exec1" })
        XCTAssertEqual([exec.listenedSeconds, exec.listeningTargetSeconds], [600, 10_800])
        let employee = try XCTUnwrap(fairness.loads.first { $0.login == "employee1" })
        XCTAssertEqual([employee.listenedSeconds, employee.listeningTargetSeconds], [0, 0])
    }

    func testASessionIsItsListenersAlone() throws {
        let (f, _, _) = try Fixture.ticketWork()
        let id = try at(f, "exec1", 0).startSession(follows: .all)
        XCTAssertThrowsError(try at(f, "employee1", 10).touchSession(id)) { error in
            guard case .notAllowed = error as? AllHandsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try at(f, "employee1", 10).endSession(id))
        XCTAssertThrowsError(try at(f, "exec1", 10).touchSession(id + 100)) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "listening session #\(id + 100)"))
        }
        XCTAssertThrowsError(try at(f, "exec1", 10).startSession(follows: .shadow(login: "ghost")))
        XCTAssertNil(try session(f, id).ended)
    }
}
