import AllHandsCore
import Storage
import XCTest

final class PeopleServiceTests: XCTestCase {
    let header = "login,name,email,team,role,timezone\n"

    func testImportAddsUpdatesAndCountsInOneTransactionWithAuditEntries() throws {
        let f = Fixture()
        let ws = try f.workspace()
        var summary = try ws.people.importCSV(header + "ana,Ana Silva,ana@example.com,sales,employee,Europe/Lisbon\n"
                                              + "\"kim\",\"Kim, Lee\",kim@example.com,support,support,Asia/Seoul\n", source: "p.csv")
        XCTAssertEqual(summary, .init(added: 2, updated: 0, unchanged: 0))
        XCTAssertEqual(try ws.people.find(login: "kim")?.name, "Kim, Lee")
        summary = try ws.people.importCSV(header + "ana,Ana Silva,ana@example.com,sales,lead,Europe/Lisbon\n"
                                          + "kim,\"Kim, Lee\",kim@example.com,support,support,Asia/Seoul\n", source: "p.csv")
        XCTAssertEqual(summary, .init(added: 0, updated: 1, unchanged: 1))
        XCTAssertEqual(try ws.people.find(login: "ana")?.role, .lead)
        let actions = try ws.audit.entries(entity: "person", id: "ana").map(\.action)
        XCTAssertEqual(actions, ["person.update", "person.create"])
    }

    func testABadRowNamesItsLineAndColumnAndNothingIsWritten() throws {
        let f = Fixture()
        let ws = try f.workspace()
        let csv = header + "ana,Ana,ana@example.com,sales,employee,UTC\nbob,Bob,bob@example.com,sales,wizard,UTC\n"
        XCTAssertThrowsError(try ws.people.importCSV(csv, source: "people.csv")) { error in
            XCTAssertTrue("\(error)".contains("people.csv:3"), "\(error)")
            XCTAssertTrue("\(error)".contains("role"), "\(error)")
        }
        XCTAssertNil(try ws.people.find(login: "ana"))
        XCTAssertThrowsError(try ws.people.importCSV("login,name\nx,y\n", source: "p.csv")) { error in
            XCTAssertTrue("\(error)".contains("header"), "\(error)")
        }
        XCTAssertThrowsError(try ws.people.importCSV(header + "zed,Zed,,x,employee,Mars/Base\n", source: "p.csv")) { error in
            XCTAssertTrue("\(error)".contains("Mars/Base"), "\(error)")
        }
        XCTAssertThrowsError(try ws.people.importCSV(header + "a,A,,,employee,UTC\na,B,,,employee,UTC\n", source: "p.csv")) { error in
            XCTAssertTrue("\(error)".contains("line 2"), "\(error)")
        }
    }

    func testAddingAnExistingLoginIsRefused() throws {
        let f = Fixture()
        let ws = try f.workspace()
        XCTAssertThrowsError(try ws.people.add(Person(login: "admin", name: "Again")))
        XCTAssertThrowsError(try ws.people.add(Person(login: "bad login!", name: "X")))
    }

    func testLimitsCountCodePointsSoCombiningMarksCannotHideAHugeName() throws {
        let f = Fixture()
        let ws = try f.workspace()
        let piled = "a" + String(repeating: "\u{301}", count: 3_000)
        XCTAssertEqual(piled.count, 1, "one character to Swift")
        XCTAssertThrowsError(try ws.people.add(Person(login: "zed", name: piled))) { error in
            XCTAssertTrue("\(error)".contains("name for 'zed' is too long: 3001 characters, at most 200"), "\(error)")
        }
        XCTAssertNil(try ws.people.find(login: "zed"))
    }

    func testLoginsThatCommandsReadAsWordsAreReserved() throws {
        let ws = try Fixture().workspace()
        for login in PeopleService.reservedLogins {
            XCTAssertThrowsError(try ws.people.add(Person(login: login, name: "X"))) { error in
                XCTAssertTrue("\(error)".contains("is reserved"), "\(error)")
            }
        }
    }
}
