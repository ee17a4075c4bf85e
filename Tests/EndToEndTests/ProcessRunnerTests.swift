import Foundation
import TestSupport
import XCTest

/// The test harness itself: it must neither hang on a chatty child nor skip a missing product.
final class ProcessRunnerTests: XCTestCase {
    /// A child that writes 1 MiB to stderr before it writes stdout: reading stdout to its end
    /// first would wait forever (the child blocks on the full stderr pipe).
    func testAChildFillingStderrBeforeStdoutIsReadWithoutDeadlock() throws {
        let script = "head -c 1048576 /dev/zero >&2; echo out; head -c 300000 /dev/zero"
        let finished = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let (process, out, err) = try ProcessRunner.start("/bin/sh", ["-c", script])
        Thread {
            box.result = ProcessRunner.finish(process, out, err)
            finished.signal()
        }.start()
        guard finished.wait(timeout: .now() + 30) == .success else {
            process.terminate()
            return XCTFail("ProcessRunner.finish deadlocked on a child writing stderr first")
        }
        let result = try XCTUnwrap(box.result)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr.utf8.count, 1_048_576)
        XCTAssertEqual(result.stdout.utf8.count, 4 + 300_000)
        XCTAssertTrue(result.stdout.hasPrefix("out\n"))
    }

    func testAMissingProductIsAnErrorThatFailsTheTestNotASkip() {
        XCTAssertThrowsError(try Products.require("no-such-product")) { error in
            XCTAssertTrue(error is MissingProduct, "\(error)")
            XCTAssertFalse(error is XCTSkip, "a missing binary must fail, not skip")
        }
        XCTAssertNoThrow(try Products.require("allhands"), "the allhands binary is built with the tests")
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: ProcessResult?  // written once by the reading thread before the semaphore is signalled
}
