import Foundation
@testable import Storage
import TestSupport
import XCTest

/// The database, its -wal/-shm and backups are private, whatever the umask says.
final class PrivateFileTests: XCTestCase {
    let migrator = Migrator(applicationID: testApplicationID, [
        .init("people", "CREATE TABLE people (id INTEGER PRIMARY KEY, login TEXT NOT NULL);"),
    ])

    func mode(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0o7777 }
        return info.st_mode & 0o7777
    }

    /// Runs `body` with a umask of 0, the worst case: every file SQLite creates on its own is 0644.
    func withOpenUmask<T>(_ body: () throws -> T) rethrows -> T {
        let saved = umask(0)
        defer { umask(saved) }
        return try body()
    }

    func openAndWrite(_ path: String) throws -> Database {
        let db = try migrator.open(path: path, now: 1)
        try db.write { try $0.execute("INSERT INTO people (login) VALUES ('ana')") }
        return db
    }

    func testANewDatabaseAndItsWALAreOwnerOnly() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        let db = try withOpenUmask { try openAndWrite(path) }
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(mode(path + "-wal"), 0o600)
        XCTAssertEqual(mode(path + "-shm"), 0o600)
        _ = db
    }

    func testInASetgidSharedFolderTheGroupMayWrite() throws {
        let dir = TemporaryDirectory()
        let shared = dir.file("shared")
        XCTAssertEqual(mkdir(shared, 0o770), 0)
        XCTAssertEqual(chmod(shared, 0o2770), 0)
        let path = shared + "/x.db"
        let db = try withOpenUmask { try openAndWrite(path) }
        XCTAssertEqual(mode(path), 0o660)
        XCTAssertEqual(mode(path + "-wal"), 0o660)
        XCTAssertEqual(mode(path + "-shm"), 0o660)
        XCTAssertEqual(mode(shared), 0o2770, "the folder is left as it was")
        _ = db
    }

    func testAnExistingDatabaseKeepsTheModeItsOwnerGaveIt() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        _ = try openAndWrite(path)
        XCTAssertEqual(chmod(path, 0o640), 0)
        _ = try migrator.open(path: path, now: 2)
        XCTAssertEqual(mode(path), 0o640)
    }

    // MARK: - Backups

    func testABackupIsCompletePrivateAndNamedUnpredictably() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        let db = try withOpenUmask { try openAndWrite(path) }
        let first = try withOpenUmask { try db.backupBeside(label: "before-demo", now: 42) }
        let second = try db.backupBeside(label: "before-demo", now: 42)
        XCTAssertNotEqual(first, second, "the same instant gives different names")
        XCTAssertTrue(first.hasPrefix(path + ".before-demo-42-"), first)
        XCTAssertTrue(first.hasSuffix(".bak"), first)
        XCTAssertEqual(mode(first), 0o600)
        let copy = try Database(path: first)
        XCTAssertEqual(try copy.fetchAll("SELECT login FROM people") { $0.string(0) }, ["ana"])
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(names.filter { $0.contains("partial") }, [], "no temporary file is left")
    }

    func testACopyLeftByAKilledBackupIsRemovedByTheNextButOneInProgressIsKept() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        let db = try openAndWrite(path)
        let abandoned = dir.file(".x.db.before-demo-1-aaaa.bak.bbbb.partial")
        let inProgress = dir.file(".x.db.before-demo-2-cccc.bak.dddd.partial")
        for file in [abandoned, abandoned + "-journal", inProgress] {
            XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("half a copy".utf8)))
        }
        let writer = open(inProgress, O_RDONLY)
        XCTAssertEqual(flock(writer, LOCK_EX), 0, "another process is still writing this one")
        defer { close(writer) }
        _ = try db.backupBeside(label: "before-demo", now: 3)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned + "-journal"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: inProgress))
    }

    func testABackupNeverFollowsOrReplacesWhatIsAtItsName() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        let db = try openAndWrite(path)
        let victim = dir.file("victim.txt")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
        let planted = dir.file("planted.bak")
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        let dangling = dir.file("dangling.bak")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.file("created.txt"))
        for target in [planted, dangling, victim] {
            XCTAssertFalse(try db.backup(into: target), target)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: victim)), Data("keep me".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("created.txt")))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(names.filter { $0.contains("partial") }, [])
    }

    func testAFailedBackupIsReportedAsABackupFailureNamingThePath() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.db")
        let db = try openAndWrite(path)
        let target = dir.file("missing-folder/x.bak")
        XCTAssertThrowsError(try db.backup(into: target)) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .backupFailed(path: target))
            XCTAssertTrue("\(error)".contains(target), "\(error)")
            XCTAssertFalse("\(error)".contains("not an SQLite database"), "\(error)")
        }
    }
}
