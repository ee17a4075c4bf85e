import Foundation
import TestSupport
import XCTest

/// The binary creates its folders and database private even under a umask of 0.
final class PrivateFilesTests: XCTestCase {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0o7777 }
        return info.st_mode & 0o7777
    }

    func testTheDefaultLocationIsCreatedOwnerOnlyUnderAnOpenUmask() throws {
        let cli = CLI()
        guard FileManager.default.isExecutableFile(atPath: CLI.binary) else {
            return XCTFail("the allhands binary was not built at \(CLI.binary)")
        }
        let saved = umask(0)  // inherited by the child
        defer { umask(saved) }
        let result = try ProcessRunner.run(CLI.binary, ["demo", "--people", "5", "--tickets", "5"],
                                           environment: cli.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = cli.dir.file("data")
        for folder in [data, data + "/allhands"] {
            XCTAssertEqual(mode(folder), 0o700, folder)
        }
        XCTAssertEqual(mode(data + "/allhands/allhands.db"), 0o600)
    }
}
