import Foundation
import TestSupport
import XCTest

/// `report weekly` through the built binary (issue 11): HTML written to a file, Markdown to
/// stdout, refusals with their exit codes, and `help report`. The week asked for is one the demo
/// built as of `CLI.demoAsOf` has finished, so nothing depends on the wall clock.
final class ReportCLITests: XCTestCase {
    func testHTMLToAFileAndMarkdownToStdout() throws {
        let cli = CLI()
        try cli.demo("--people", "40", "--tickets", "400")
        let file = cli.dir.file("week.html")
        let html = try cli.run("report", "weekly", "--week", "2026-W46", "--format", "html", "--out", file)
        XCTAssertEqual(html.status, 0, html.stderr)
        XCTAssertEqual(html.stdout, "Wrote the weekly report 2026-W46 to \(file)\n")
        let page = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"), page)
        XCTAssertTrue(page.contains("<h1>Example Co: Weekly report 2026-W46</h1>"), page)
        XCTAssertTrue(page.hasSuffix("</body>\n</html>\n"))

        let md = try cli.run("report", "weekly", "--week", "2026-W46")
        XCTAssertEqual(md.status, 0, md.stderr)
        XCTAssertTrue(md.stdout.hasPrefix("# Example Co: Weekly report 2026-W46\n\nMonday 2026-11-09 to Sunday 2026-11-15, "
                                          + "America/New_York. Changes are against the week before.\n"), md.stdout)
        XCTAssertTrue(md.stdout.contains("\n## Top frustrations (area × type)\n"), md.stdout)
        XCTAssertTrue(md.stdout.contains("\n## Action items\n"), md.stdout)
    }

    func testBadWeeksFormatsAndTargetsAreRefused() throws {
        let cli = CLI()
        try cli.demo("--people", "10", "--tickets", "20")
        let badWeek = try cli.run("report", "weekly", "--week", "2026-W60")
        XCTAssertEqual(badWeek.status, 64)
        XCTAssertTrue(badWeek.stderr.contains("--week must be an ISO week such as"), badWeek.stderr)
        XCTAssertTrue(badWeek.stderr.contains("(got '2026-W60')"), badWeek.stderr)
        let format = try cli.run("report", "weekly", "--format", "pdf")
        XCTAssertEqual(format.status, 64)
        XCTAssertTrue(format.stderr.contains("--format must be md or html (got 'pdf')"), format.stderr)
        let future = try cli.run("report", "weekly", "--week", "2999-W01")
        XCTAssertEqual(future.status, 65)
        XCTAssertTrue(future.stderr.contains("week 2999-W01 has not begun yet"), future.stderr)
        // A symbolic link at --out is never followed.
        let victim = cli.dir.file("victim.txt"), link = cli.dir.file("link.html")
        try "keep".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let linked = try cli.run("report", "weekly", "--week", "2026-W46", "--out", link)
        XCTAssertEqual(linked.status, 73, linked.stderr)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep")
    }

    func testHelpReport() throws {
        let cli = CLI()
        let help = try cli.run("help", "report", "weekly")
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("usage: allhands report weekly [--week YYYY-Www|this|last] [--format md|html] [--out FILE]"),
                      help.stdout)
        XCTAssertTrue(help.stdout.contains("--out FILE"), help.stdout)
    }
}
