import Foundation
import Storage
import TestSupport
import XCTest

/// Many processes working the same tickets at once: no ticket has two owners, no message or
/// update is lost, only clean conflicts, and the tag links and search indexes stay true.
final class WorkConcurrencyTests: XCTestCase {
    static let racedTickets = 1_000

    /// Whether process `pid` has the file at `path` open (Linux: its descriptors in /proc).
    static func hasOpen(_ path: String, pid: Int32) -> Bool {
        let dir = "/proc/\(pid)/fd"
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return fds.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + $0)) == target }
    }

    /// 16 processes, each as a different person, claim the same 1,000 tickets in different
    /// orders. (So many that no one process can sweep them all in the few milliseconds the others
    /// sleep between tries for the write lock: with 200, one sometimes won every ticket.)
    func testSixteenProcessesRacingForAThousandTicketsGiveEachExactlyOneOwner() throws {
        let cli = CLI()
        try cli.demo("--people", "40", "--tickets", "1100")
        let db = try Database(path: cli.db)
        let ids = try db.fetchAll("SELECT id FROM tickets ORDER BY id LIMIT \(Self.racedTickets)") { $0.int(0) }
        XCTAssertEqual(ids.count, Self.racedTickets)
        try db.execute("UPDATE tickets SET assignee_id = NULL, status = 'open' WHERE id <= ?", try XCTUnwrap(ids.last))
        let people = try XCTUnwrap(cli.json("people", "list", "--json") as? [[String: Any]])
        let logins = Array(people.filter { $0["role"] as? String != "admin" }.compactMap { $0["login"] as? String }.prefix(16))
        XCTAssertEqual(logins.count, 16, "the demo has the people")

        let binary = try Products.require("allhands")
        var rng = SplitMix(seed: 16)
        // The race starts for all at once: the write lock is held until every process has the
        // database open (and so waits for the lock), however slowly a busy machine starts them.
        let gate = try Database(path: cli.db)
        try gate.execute("BEGIN IMMEDIATE")
        let running = try logins.map { login in
            let order = ids.shuffled(using: &rng).map(String.init)
            return (login, try ProcessRunner.start(binary, ["--db", cli.db, "--as", login, "ticket", "claim"] + order,
                                                   environment: cli.environment))
        }
        let deadline = Date().addingTimeInterval(4)
        while Date() < deadline, !running.allSatisfy({ Self.hasOpen(cli.db, pid: $0.1.0.processIdentifier) }) {
            usleep(5_000)
        }
        XCTAssertTrue(running.allSatisfy { Self.hasOpen(cli.db, pid: $0.1.0.processIdentifier) }, "every process started")
        try gate.execute("ROLLBACK")
        let results = running.map { ($0.0, ProcessRunner.finish($0.1.0, $0.1.1, $0.1.2)) }

        let owners = Dictionary(uniqueKeysWithValues: try db.fetchAll("""
            SELECT t.id, p.login FROM tickets t JOIN people p ON p.id = t.assignee_id WHERE t.id <= ?
            """, try XCTUnwrap(ids.last)) { ($0.int(0), $0.string(1)) })
        XCTAssertEqual(owners.count, Self.racedTickets, "every ticket has an owner")
        var claimedBy: [Int: String] = [:]
        for (login, result) in results {
            XCTAssertTrue([0, 75].contains(result.status), "\(login): \(result.status) \(result.stderr)")
            let won = result.stdout.split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix("#"), line.contains(" is yours (") else { return nil }
                return Int(line.dropFirst().prefix { $0.isNumber })
            }
            var lost: [Int: String] = [:]
            for line in result.stderr.split(separator: "\n") where line.hasPrefix("allhands: ticket #") {
                let rest = line.dropFirst("allhands: ticket #".count)
                let id = try XCTUnwrap(Int(rest.prefix { $0.isNumber }), String(line))
                let winner = try XCTUnwrap(rest.range(of: " was already claimed by ").map { rest[$0.upperBound...] }, String(line))
                lost[id] = String(winner.prefix { $0 != ";" })
            }
            XCTAssertEqual(Set(won).union(lost.keys), Set(ids), "\(login) heard about every ticket")
            XCTAssertTrue(Set(won).isDisjoint(with: lost.keys), login)
            for id in won {
                XCTAssertNil(claimedBy[id], "#\(id) claimed twice")
                claimedBy[id] = login
                XCTAssertEqual(owners[id], login)
            }
            for (id, winner) in lost { XCTAssertEqual(winner, owners[id], "\(login) was told the winner of #\(id)") }
            XCTAssertEqual(result.status, lost.isEmpty ? 0 : 75, login)
        }
        XCTAssertEqual(claimedBy.count, Self.racedTickets)
        XCTAssertGreaterThan(Set(claimedBy.values).count, 1, "a real race: more than one process won something")
        let audits = try db.fetchAll("""
            SELECT entity_id, count(*) FROM audit_log WHERE action = 'ticket.claim' GROUP BY entity_id
            """) { ($0.string(0), $0.int(1)) }
        XCTAssertEqual(audits.count, Self.racedTickets)
        XCTAssertTrue(audits.allSatisfy { $0.1 == 1 }, "exactly one claim entry per ticket")
    }

    /// What one worker knows about a ticket: its version and the last message it saw.
    struct Knowledge {
        var version: Int
        var lastMessage: Int
    }

    struct Outcome {
        var command: [String]
        var status: Int32
        var stderr: String
        /// For a message sent: its id, ticket, kind and text.
        var sent: (id: Int, ticket: Int, kind: String, body: String)?
    }

    /// 8 processes reply, note, tag, untag and change the status of the same 6 tickets, a fixed
    /// number of operations each.
    func testEightWorkersOnTheSameTicketsLoseNothingAndConflictCleanly() throws {
        let cli = CLI()
        try cli.demo("--people", "20", "--tickets", "60")
        let workers = (1...8).map { "agent\($0)" }
        try cli.addPeople(workers.map { ($0, "support") })
        let db = try Database(path: cli.db)
        let tickets = try db.fetchAll("""
            SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending') ORDER BY id LIMIT 6
            """) { $0.int(0) }
        XCTAssertEqual(tickets.count, 6)
        let list = tickets.map(String.init).joined(separator: ",")
        let linksBefore = try links(db, list)
        let messagesBefore = try db.fetchInt("SELECT count(*) FROM messages WHERE ticket_id IN (\(list))") ?? 0
        let versionsBefore = try versions(db, list)
        let auditBefore = try db.fetchInt("SELECT coalesce(max(id), 0) FROM audit_log") ?? 0

        let binary = try Products.require("allhands")
        let operations = 20
        let outcomes = Locked<[Outcome]>([])
        DispatchQueue.concurrentPerform(iterations: workers.count) { index in
            let login = workers[index]
            var rng = SplitMix(seed: UInt64(index) + 100)
            var known: [Int: Knowledge] = [:]
            func run(_ arguments: [String], input: String? = nil) -> (status: Int32, stdout: String, stderr: String) {
                guard let result = try? ProcessRunner.run(binary, ["--db", cli.db, "--as", login] + arguments,
                                                          environment: cli.environment, input: input) else {
                    return (-1, "", "could not start")
                }
                return (result.status, result.stdout, result.stderr)
            }
            func learn(_ ticket: Int) {
                let shown = run(["ticket", "show", String(ticket), "--json"])
                guard let object = try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
                      let version = (object["ticket"] as? [String: Any])?["version"] as? Int,
                      let last = (object["messages"] as? [[String: Any]])?.last?["id"] as? Int else { return }
                known[ticket] = Knowledge(version: version, lastMessage: last)
            }
            var mine: [Outcome] = []
            for step in 0..<operations {
                let ticket = tickets[Int(rng.next() % UInt64(tickets.count))]
                if known[ticket] == nil { learn(ticket) }
                let k = known[ticket] ?? Knowledge(version: 1, lastMessage: 0)
                var command: [String]
                var input: String?
                switch rng.next() % 5 {
                case 0:
                    command = ["ticket", "reply", String(ticket), "--since", String(k.lastMessage), "--json"]
                    input = "reply \(login) step \(step)"
                case 1:
                    command = ["ticket", "note", String(ticket), "--since", String(k.lastMessage), "--json"]
                    input = "note \(login) step \(step)"
                case 2:
                    command = ["ticket", "tag", String(ticket), ["vip", "refund", "escalated", "billing", "bug"][Int(rng.next() % 5)], "--json"]
                case 3:
                    command = ["ticket", "untag", String(ticket), ["vip", "refund", "escalated"][Int(rng.next() % 3)], "--json"]
                default:
                    command = ["ticket", "status", String(ticket), ["open", "pending", "solved"][Int(rng.next() % 3)],
                               "--expect-version", String(k.version), "--json"]
                }
                let result = run(command, input: input)
                var outcome = Outcome(command: command, status: result.status, stderr: result.stderr)
                if result.status == 0, let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] {
                    let ticketObject = (object["ticket"] as? [String: Any]) ?? object
                    if let version = ticketObject["version"] as? Int { known[ticket]?.version = version }
                    if let message = object["message"] as? [String: Any], let id = message["id"] as? Int {
                        outcome.sent = (id, message["ticket"] as? Int ?? 0, message["kind"] as? String ?? "",
                                        message["body"] as? String ?? "")
                        known[ticket]?.lastMessage = id
                    }
                } else if result.status == 75 {
                    learn(ticket)
                }
                mine.append(outcome)
            }
            outcomes.update { $0 += mine }
        }

        let all = outcomes.value
        XCTAssertEqual(all.count, workers.count * operations)
        for outcome in all {
            XCTAssertTrue([0, 75].contains(outcome.status), "\(outcome.command): \(outcome.status) \(outcome.stderr)")
            if outcome.status == 75 {
                XCTAssertTrue(outcome.stderr.contains("since you opened it") || outcome.stderr.contains("changed since you read it"),
                              outcome.stderr)
                XCTAssertFalse(outcome.stderr.contains("locked"), "no busy error reaches a user: \(outcome.stderr)")
            }
        }
        XCTAssertTrue(all.contains { $0.status == 0 && $0.command[1] == "reply" })
        XCTAssertTrue(all.contains { $0.status == 0 && $0.command[1] == "tag" })
        // Each worker learns only from its own steps and after a conflict, so others' changes make it stale.
        XCTAssertTrue(all.contains { $0.status == 75 }, "the workers stepped on each other")

        // No lost message: every one acknowledged is there as sent, and nothing else was added.
        let sent = all.compactMap(\.sent)
        for message in sent {
            let stored = try db.fetchOne("SELECT ticket_id, kind, body FROM messages WHERE id = ?", message.id) {
                ($0.int(0), $0.string(1), $0.string(2))
            }
            XCTAssertEqual(stored?.0, message.ticket)
            XCTAssertEqual(stored?.1, message.kind)
            XCTAssertEqual(stored?.2, message.body)
        }
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM messages WHERE ticket_id IN (\(list))"), messagesBefore + sent.count)

        // No lost update: each ticket's version moved once per audited change.
        let versionsAfter = try versions(db, list)
        for ticket in tickets {
            let changes = try db.fetchInt("""
                SELECT count(*) FROM audit_log WHERE id > ? AND entity = 'ticket' AND entity_id = ?
                """, auditBefore, String(ticket)) ?? 0
            XCTAssertEqual(versionsAfter[ticket], (versionsBefore[ticket] ?? 0) + changes, "#\(ticket)")
        }

        // The tag links are what replaying the audit's tag and untag entries gives.
        var replayed = linksBefore
        try db.forEachRow("""
            SELECT entity_id, before, after FROM audit_log WHERE id > ? AND entity = 'ticket' ORDER BY id
            """, auditBefore) { row in
            guard let ticket = Int(row.string(0)) else { return }
            func tags(_ json: String?) -> [String] {
                guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                      let list = object["tags"] as? String else { return [] }
                return list.split(separator: ",").map(String.init)
            }
            replayed[ticket, default: []].subtract(tags(row.optionalString(1)))
            replayed[ticket, default: []].formUnion(tags(row.optionalString(2)))
        }
        XCTAssertEqual(replayed.filter { !$0.value.isEmpty }, try links(db, list).filter { !$0.value.isEmpty })

        for table in ["tickets_fts", "messages_fts"] {
            XCTAssertNoThrow(try db.execute("INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 1)"), table)
        }
    }

    /// Qualified tag names on each ticket of `list` (a comma list of ids).
    func links(_ db: Database, _ list: String) throws -> [Int: Set<String>] {
        var links: [Int: Set<String>] = [:]
        try db.forEachRow("""
            SELECT tt.ticket_id, g.name, g.dimension FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id
            WHERE tt.ticket_id IN (\(list))
            """) { row in
            let name = row.string(1)
            links[row.int(0), default: []].insert(row.optionalString(2).map { "\($0):\(name)" } ?? name)
        }
        return links
    }

    func versions(_ db: Database, _ list: String) throws -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: try db.fetchAll("SELECT id, version FROM tickets WHERE id IN (\(list))") {
            ($0.int(0), $0.int(1))
        })
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ body: (inout Value) -> Void) {
        lock.withLock { body(&stored) }
    }
}
