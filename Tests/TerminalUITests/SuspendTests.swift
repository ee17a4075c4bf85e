import Foundation
@testable import TerminalUI
import XCTest

/// Handing the terminal to a child program (`$EDITOR`) and taking it back: the ncurses backend
/// writing into a file that stands in for an xterm, and the virtual backend's bookkeeping.
final class SuspendTests: XCTestCase {
    override func setUp() { TextWidth.prepareLocale() }

    private func frame(_ rows: [String]) -> Grid {
        var grid = Grid(Size(width: 40, height: 6))
        for (y, row) in rows.enumerated() { _ = grid.write(row, x: 0, y: y) }
        return grid
    }

    /// Runs `body` with an ncurses backend on an xterm-256color whose output lands in a file;
    /// `written()` returns what the terminal received since the previous call.
    private func withTerminal(_ body: (NcursesBackend, () -> String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "allhands-suspend-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { unlink(path) }
        let output = try XCTUnwrap(fopen(path, "w+"))
        let input = try XCTUnwrap(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        setenv("LINES", "6", 1)
        setenv("COLUMNS", "40", 1)
        defer { unsetenv("LINES"); unsetenv("COLUMNS") }
        let backend = NcursesBackend(terminalType: "xterm-256color", output: output, input: input)
        defer { backend.shutdown() }
        var offset = 0
        func written() -> String {
            fflush(output)
            let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            defer { offset = data.count }
            return String(decoding: data.dropFirst(offset), as: UTF8.self)
        }
        try body(backend, written)
    }

    func testSuspendGivesTheTerminalBackWithTheCursorShown() throws {
        try withTerminal { backend, written in
            backend.draw(frame(["Ticket #42", "Reply"]))
            _ = written()
            backend.suspend()
            let out = written()
            XCTAssertTrue(out.contains("\u{1B}[?25h"), "cursor shown: \(out.debugDescription)")
            XCTAssertTrue(out.contains("\u{1B}[?1049l"), "main screen back: \(out.debugDescription)")
            backend.resume()
        }
    }

    func testResumeClearsAndRepaintsTheWholeLastFrame() throws {
        try withTerminal { backend, written in
            let grid = frame(["Ticket #42", "Reply", "Status open"])
            backend.draw(grid)
            backend.suspend()
            _ = written()
            backend.resume()
            let out = written()
            XCTAssertTrue(out.contains("\u{1B}[?1049h"), "alternate screen again: \(out.debugDescription)")
            XCTAssertTrue(out.contains("\u{1B}[2J") || out.contains("\u{1B}[J"), "screen cleared: \(out.debugDescription)")
            for word in ["Ticket", "#42", "Reply", "Status", "open"] {
                XCTAssertTrue(out.contains(word), "\(word) repainted: \(out.debugDescription)")
            }
            XCTAssertTrue(out.contains("\u{1B}[?25l"), "cursor hidden again: \(out.debugDescription)")
            // The repainted frame is the one curses now holds: drawing it again sends nothing.
            backend.draw(grid)
            XCTAssertEqual(written(), "")
        }
    }

    func testAFrameDrawnWhileSuspendedWaitsForResume() throws {
        try withTerminal { backend, written in
            backend.draw(frame(["Before"]))
            backend.suspend()
            _ = written()
            backend.draw(frame(["Newer"]))
            XCTAssertEqual(written(), "", "nothing reaches the child's screen")
            backend.resume()
            let out = written()
            XCTAssertTrue(out.contains("Newer"), out.debugDescription)
            XCTAssertFalse(out.contains("Before"), out.debugDescription)
        }
    }

    func testTheVirtualBackendCountsSuspendsAndFramesDrawnWhileSuspended() {
        let backend = VirtualBackend(size: Size(width: 10, height: 2))
        backend.draw(frame(["a"]))
        XCTAssertFalse(backend.isSuspended)
        backend.suspend()
        XCTAssertTrue(backend.isSuspended)
        backend.draw(frame(["b"]))
        backend.resume()
        XCTAssertFalse(backend.isSuspended)
        XCTAssertEqual(backend.suspendCount, 1)
        XCTAssertEqual(backend.resumeCount, 1)
        XCTAssertEqual(backend.framesDrawnWhileSuspended, 1)
    }
}
