import AllHandsConsole
import AllHandsCore
import Foundation
import TerminalUI
import XCTest

/// The file given to `$EDITOR`: what is written goes above git's scissors line, the thread is
/// quoted below it, and reading the file back keeps only what is above.
final class ComposeFileTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private let day: Int64 = 1_795_000_000 - 1_795_000_000 % 86_400

    private var thread: [Message] {
        [Message(id: 1, ticketID: 42, kind: .customer, author: "Ann Lee", body: "The printer is on fire.\n\nPlease help.", createdAt: day + 36_000),
         Message(id: 2, ticketID: 42, kind: .note, author: "bob", body: "Called facilities.", createdAt: day + 36_600),
         Message(id: 3, ticketID: 42, kind: .reply, author: "bob", body: "We are on it.", createdAt: day + 37_200)]
    }

    func testTheFileHasTheTextTheScissorsAndTheThreadNewestFirst() {
        let file = ComposeFile.build(text: "", heading: ["Reply to #42 · Printer — sent to the customer"], thread: thread, timeZone: utc)
        let date = Timestamp.local(day, timeZone: utc).prefix(10)
        XCTAssertEqual(file, """

            # ------------------------ >8 ------------------------
            # Do not modify or remove the line above.
            # Everything below it will be ignored.
            #
            # Reply to #42 · Printer — sent to the customer
            #
            # Reply · bob · \(date) 10:20 UTC
            #
            # We are on it.
            #
            # Internal note · bob · \(date) 10:10 UTC
            #
            # Called facilities.
            #
            # Customer · Ann Lee · \(date) 10:00 UTC
            #
            # The printer is on fire.
            #
            # Please help.

            """)
        XCTAssertTrue(file.hasPrefix("\n" + ComposeFile.scissors), "the editor opens on an empty first line")
    }

    func testWhatIsWrittenAboveTheScissorsComesBackAsWritten() {
        for text in ["", "Hello", "Hello Ann,\n\nWe replaced the printer.\n\n-- \nBob", "#1 restart it\n#2 call us", "  indented first line", "日本語 🎉"] {
            let file = ComposeFile.build(text: text, thread: thread, timeZone: utc)
            XCTAssertEqual(ComposeFile.parse(file), text)
            XCTAssertEqual(ComposeFile.ignoredText(file), "")
        }
    }

    func testAnEditorsChangesAboveTheScissorsAreTheText() {
        let file = ComposeFile.build(text: "Draft line", thread: thread, timeZone: utc)
        let edited = "\n\nHello Ann,\nFixed.   \n\n\n" + file.replacingOccurrences(of: "Draft line\n", with: "")
        XCTAssertEqual(ComposeFile.parse(edited), "Hello Ann,\nFixed.", "blank lines around and trailing spaces go")
    }

    func testWithoutTheScissorsTheQuotedThreadAtTheEndIsDroppedAndEarlierHashLinesKept() {
        let file = ComposeFile.build(text: "#1 restart it\nThen call us.", thread: thread, timeZone: utc)
        let withoutScissors = file.replacingOccurrences(of: ComposeFile.scissors + "\n", with: "")
        XCTAssertEqual(ComposeFile.parse(withoutScissors), "#1 restart it\nThen call us.")
        XCTAssertEqual(ComposeFile.parse("Just this, the rest deleted\n"), "Just this, the rest deleted")
    }

    func testCRLFFilesReadTheSame() {
        let file = ComposeFile.build(text: "Hello\n\nBye", thread: thread, timeZone: utc)
        XCTAssertEqual(ComposeFile.parse(file.replacingOccurrences(of: "\n", with: "\r\n")), "Hello\n\nBye")
        XCTAssertEqual(ComposeFile.parse(file.replacingOccurrences(of: "\n", with: "\r")), "Hello\n\nBye")
    }

    func testAnEmptyFileOrOnlyCommentsIsNoText() {
        XCTAssertEqual(ComposeFile.parse(""), "")
        XCTAssertEqual(ComposeFile.parse("\n\n  \n"), "")
        XCTAssertEqual(ComposeFile.parse(ComposeFile.build(text: "", thread: thread, timeZone: utc)), "")
        XCTAssertEqual(ComposeFile.parse(ComposeFile.build(text: "   \n\n", thread: [], timeZone: utc)), "")
    }

    func testTextTypedBelowTheScissorsIsIgnoredButCanBeFound() {
        let file = ComposeFile.build(text: "Above", thread: thread, timeZone: utc) + "\nTyped in the wrong place\n"
        XCTAssertEqual(ComposeFile.parse(file), "Above")
        XCTAssertEqual(ComposeFile.ignoredText(file), "Typed in the wrong place")
        XCTAssertEqual(ComposeFile.ignoredText("no scissors at all"), "")
    }

    func testTheQuotedThreadIsSanitised() {
        let hostile = [Message(id: 9, ticketID: 1, kind: .customer, author: "Eve\u{1B}]0;owned\u{7}",
                               body: "hi\u{1B}[2J\u{202E}there\n\u{9B}31m", createdAt: day)]
        let file = ComposeFile.build(text: "", heading: ["Subject \u{1B}[5m"], thread: hostile, timeZone: utc)
        let quoted = file.split(separator: "\n").filter { $0.hasPrefix("#") }
        XCTAssertFalse(quoted.isEmpty)
        XCTAssertFalse(quoted.joined().unicodeScalars.contains(where: Sanitizer.isUnsafe), file.debugDescription)
        XCTAssertTrue(file.contains("# hi␛[2J\u{FFFD}there"))
    }
}
