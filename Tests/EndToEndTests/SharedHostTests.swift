import Foundation
import Storage
import TestSupport
import XCTest

/// The trust model on a real multi-user host, run when the tests run as root (CI does): users
/// made for the test, allhands installed setgid to a group of its own as docs/shared-host.md
/// says, and identity taken from the password database only.
final class SharedHostTests: XCTestCase {
    /// A name unique to this run, short enough for a login.
    let tag = "ah" + String(UUID().uuidString.prefix(6)).lowercased()
    var group: String { tag + "g" }
    var alice: String { tag + "a" }
    var bob: String { tag + "b" }

    func requireRoot() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root to create users and install setgid (CI runs as root)") }
        for tool in ["/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/bin/setpriv", "/usr/bin/sqlite3"] {
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is needed (.ci/run installs it)")
        }
    }

    @discardableResult
    func root(_ tool: String, _ arguments: String...) throws -> ProcessResult {
        let result = try ProcessRunner.run(tool, arguments)
        XCTAssertEqual(result.status, 0, "\(tool) \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// Runs `command` as `user` with only their own groups, and an environment that lies.
    func run(as user: String, _ command: [String]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/setpriv", ["--reuid=\(user)", "--regid=\(user)", "--init-groups", "--"] + command,
                              environment: ["USER": "root", "LOGNAME": "root", "HOME": "/root", "NO_COLOR": "1"])
    }

    func testAMemberWithoutGroupRightsWorksThroughAllhandsOnlyAndIsAuditedAsThemselves() throws {
        try requireRoot()
        let dir = TemporaryDirectory("allhands-shared")
        chmod(dir.path, 0o755)
        try root("/usr/sbin/groupadd", group)
        try root("/usr/sbin/useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", alice)
        try root("/usr/sbin/useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", bob)
        defer {
            _ = try? ProcessRunner.run("/usr/sbin/userdel", [alice])
            _ = try? ProcessRunner.run("/usr/sbin/userdel", [bob])
            _ = try? ProcessRunner.run("/usr/sbin/groupdel", [group])
        }
        // docs/shared-host.md, step by step.
        let shared = dir.file("shared"), bin = dir.file("bin")
        try root("/usr/bin/install", "-d", "-m", "2770", "-o", "root", "-g", group, shared)
        try root("/usr/bin/install", "-d", "-m", "0755", bin)
        let allhands = bin + "/allhands"
        try root("/usr/bin/install", "-m", "2755", "-o", "root", "-g", group, try Products.require("allhands"), allhands)
        let db = shared + "/allhands.db"
        try root("/usr/bin/install", "-m", "0660", "-o", "root", "-g", group, "/dev/null", db)

        // The first person to open it becomes its admin, and adds a colleague.
        let made = try run(as: alice, [allhands, "--db", db, "demo", "--people", "6", "--tickets", "12"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let added = try run(as: alice, [allhands, "--db", db, "people", "add", bob, "--name", "Bob Builder"])
        XCTAssertEqual(added.status, 0, added.stderr)

        var info = stat()
        XCTAssertEqual(stat(db, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o660, "the shared file is for its group only")
        XCTAssertEqual(info.st_gid, try XCTUnwrap(getgrnam(group)).pointee.gr_gid)

        // Bob is not in the group: sqlite3 cannot open the file, allhands can.
        let direct = try run(as: bob, ["/usr/bin/sqlite3", db, "SELECT count(*) FROM people"])
        XCTAssertNotEqual(direct.status, 0, "bob reached the file without allhands: \(direct.stdout)")
        let list = try run(as: bob, [allhands, "--db", db, "ticket", "list", "--json"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let tickets = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try XCTUnwrap(tickets.first?["id"] as? Int)
        let change = try run(as: bob, [allhands, "--db", db, "ticket", "update", String(id), "--priority", "low"])
        XCTAssertEqual(change.status, 0, change.stderr)

        // Audited under bob's own login, though the environment said root.
        let check = try Database(path: db)
        let actors = try check.fetchAll("SELECT actor, coalesce(via, '') FROM audit_log WHERE action = 'ticket.update'") {
            [$0.string(0), $0.string(1)]
        }
        XCTAssertEqual(actors, [[bob, ""]])

        // Nobody fills the shared folder with databases of their own.
        let another = try run(as: bob, [allhands, "--db", shared + "/mine.db", "people", "add", "x", "--name", "X"])
        XCTAssertEqual(another.status, 77, another.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: shared + "/mine.db"))

        // Installed setgid, allhands ignores ALLHANDS_DB and opens nothing outside its places.
        let elsewhere = try run(as: bob, [allhands, "--db", "/etc/allhands-test-\(tag).db", "ticket", "list"])
        XCTAssertEqual(elsewhere.status, 77, elsewhere.stderr)
    }

    func testAUserIdWithNoAccountNameIsRefusedWhateverTheEnvironmentSays() throws {
        try requireRoot()
        let dir = TemporaryDirectory("allhands-nobody")
        chmod(dir.path, 0o777)
        var uid: uid_t = 54_321
        while getpwuid(uid) != nil { uid += 1 }
        let result = try ProcessRunner.run("/usr/bin/setpriv",
            ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--", try Products.require("allhands"), "--db", dir.file("a.db"), "people", "add", "x", "--name", "X"],
            environment: ["USER": "root", "LOGNAME": "root", "HOME": "/root"])
        XCTAssertEqual(result.status, 77, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot tell who you are"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("a.db")), "nothing is created for nobody")
    }
}
