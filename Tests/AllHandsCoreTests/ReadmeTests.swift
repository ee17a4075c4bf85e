import AllHandsCore
import Foundation
import XCTest

/// What the README states that the code decides: they must never drift apart.
final class ReadmeTests: XCTestCase {
    func readme() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    func testTheReadmeShowsThePermissionTableAsTheCodeHasIt() throws {
        XCTAssertTrue(try readme().contains(Permissions.markdownTable),
                      "README's 'Who can do what' table differs from the code; paste this:\n\(Permissions.markdownTable)")
    }

    func testTheReadmeQuotesTheStandardDemoAndItsLoginsForEachRole() throws {
        let text = try readme()
        XCTAssertTrue(text.contains("(\(DemoOptions.standardPeople) people, \(DemoOptions.standardTickets) tickets over "
                                    + "\(DemoOptions.minimumDays) days)"))
        let f = Fixture()
        let summary = try f.workspace().demo.generate(.standard)
        XCTAssertEqual(summary.sampleLogins.count, 4, "an employee, a support agent, a lead, an exec")
        for login in summary.sampleLogins {
            XCTAssertTrue(text.contains("`allhands --as \(login)`"), "README should name \(login)")
        }
    }
}
