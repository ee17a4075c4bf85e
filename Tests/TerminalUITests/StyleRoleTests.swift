@testable import TerminalUI
import XCTest

/// Every role has a look in every theme and a letter in snapshots, and the roles the shift work
/// added stay apart from each other and from plain text without colour.
final class StyleRoleTests: XCTestCase {
    func testEveryRoleHasALookInEveryThemeAndItsOwnSnapshotLetter() {
        for theme in [Theme.standard, .monochrome] {
            for role in StyleRole.allCases {
                XCTAssertNotNil(theme.looks[role], "\(theme.name) has no look for \(role)")
            }
        }
        let letters = StyleRole.allCases.map(VirtualBackend.mark)
        XCTAssertFalse(letters.contains("?"))
        XCTAssertEqual(Set(letters).count, StyleRole.allCases.count, "two roles share a letter")
    }

    private func attributes(_ look: Theme.Look) -> [Bool] { [look.bold, look.reverse, look.underline, look.dim] }

    func testWithoutColourTheShiftRolesDifferFromPlainTextAndFromEachOther() {
        let roles: [StyleRole] = [.approaching, .overdue, .match, .disabled, .presence, .warning]
        let looks = roles.map { Theme.monochrome.look($0) }
        for (role, look) in zip(roles, looks) {
            XCTAssertTrue(attributes(look).contains(true), "\(role) looks like plain text")
        }
        XCTAssertEqual(Set(looks.map(attributes)).count, roles.count, "two of \(roles) look the same")
        // On the status bar a disabled hint is still part of the bar, yet not a plain hint.
        XCTAssertNotEqual(attributes(Theme.monochrome.look(.statusBarDisabled)), attributes(Theme.monochrome.look(.statusBar)))
        XCTAssertTrue(Theme.monochrome.look(.statusBarDisabled).reverse)
    }

    func testInColourApproachingAndOverdueAreDifferentColours() {
        XCTAssertNotEqual(Theme.standard.look(.approaching).foreground, Theme.standard.look(.overdue).foreground)
        XCTAssertEqual(Theme.standard.look(.statusBarDisabled).background, Theme.standard.look(.statusBar).background)
    }
}
