import Foundation
import Storage
import TestSupport
import XCTest

/// Swift functions called from SQL: per row, in row order, swappable without re-preparing, and
/// out of reach of what is stored in the file.
final class SQLFunctionTests: XCTestCase {
    func makeDatabase(_ dir: TemporaryDirectory) throws -> Database {
        try Migrator([.init("t", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);")]).open(path: dir.file("t.db"), now: 0)
    }

    func testAFunctionSeesEachRowInOrderAndItsResultIsUsed() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        try db.write { db in
            for v in ["a", "b", "c"] { try db.execute("INSERT INTO t (v) VALUES (?)", v) }
        }
        var seen: [DatabaseValue] = []
        try db.defineFunction("echo_upper", argumentCount: 2) { arguments in
            seen.append(arguments[0])
            guard case .text(let text) = arguments[1] else { return .null }
            return .text(text.uppercased())
        }
        let rows = try db.fetchAll("SELECT echo_upper(id, v) FROM t ORDER BY id") { $0.string(0) }
        XCTAssertEqual(rows, ["A", "B", "C"])
        XCTAssertEqual(seen, [.integer(1), .integer(2), .integer(3)])
        XCTAssertEqual(try db.fetchOne("SELECT echo_upper(0.5, '')") { $0.value(0) }, .text(""))
        XCTAssertEqual(try db.fetchOne("SELECT echo_upper(x'00ff', NULL)") { $0.value(0) }, .null)
        XCTAssertEqual(seen.suffix(2), [.real(0.5), .blob([0, 255])])
        try db.defineFunction("typed", argumentCount: 3) { arguments in
            .real(arguments.double(0) + Double(arguments.int(1)) + (arguments.isNull(2) ? 100 : 0))
        }
        XCTAssertEqual(try db.fetchOne("SELECT typed(0.25, 2, NULL)") { $0.double(0) }, 102.25)
        XCTAssertEqual(try db.fetchOne("SELECT typed('1.5', '3', 0)") { $0.double(0) }, 4.5, "as SQLite converts")
    }

    func testRedefiningSwapsTheBodyAndKeepsTheStatementPrepared() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        try db.defineFunction("answer", argumentCount: 0) { _ in .integer(1) }
        let statement = try db.statement("SELECT answer()")
        XCTAssertEqual(try db.fetchInt("SELECT answer()"), 1)
        try db.defineFunction("answer", argumentCount: 0) { _ in .integer(2) }
        XCTAssertEqual(try db.fetchInt("SELECT answer()"), 2)
        XCTAssertTrue(try db.statement("SELECT answer()") === statement)
    }

    func testAThrownErrorFailsTheStatement() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused by Swift" } }
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        try db.defineFunction("refuse", argumentCount: 1) { _ in throw Refused() }
        XCTAssertThrowsError(try db.fetchInt("SELECT refuse(1)")) { error in
            XCTAssertTrue((error as? DatabaseError)?.message.contains("refused by Swift") ?? false, "\(error)")
        }
    }

    /// A trigger stored in a file someone handed over cannot reach the process's Swift code.
    func testATriggerInTheFileCannotCallIt() throws {
        let dir = TemporaryDirectory()
        let db = try makeDatabase(dir)
        var calls = 0
        try db.defineFunction("note_call", argumentCount: 0) { _ in calls += 1; return .null }
        XCTAssertNoThrow(try db.fetchInt("SELECT note_call()"))
        XCTAssertEqual(calls, 1)
        try db.executeScript("CREATE TRIGGER t_stored AFTER INSERT ON t BEGIN SELECT note_call(); END")
        XCTAssertThrowsError(try db.write { try $0.execute("INSERT INTO t (v) VALUES ('x')") })
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(try db.fetchInt("SELECT count(*) FROM t"), 0)
    }
}
