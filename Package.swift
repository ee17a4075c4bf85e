// swift-tools-version:6.0
// allhands: a terminal console for all-hands customer support.
// No package dependencies: SQLite and ncursesw are reached through system-library targets.
import PackageDescription

let package = Package(
    name: "allhands",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "allhands", targets: ["allhands"]),
        .executable(name: "allhands-bench", targets: ["allhands-bench"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        .target(name: "Storage", dependencies: ["CSQLite"]),
        .target(name: "AllHandsCore", dependencies: ["Storage"]),
        .target(name: "TerminalUI", dependencies: ["CNcursesw"]),
        .target(name: "AllHandsConsole", dependencies: ["AllHandsCore", "TerminalUI"]),
        .executableTarget(name: "allhands", dependencies: ["AllHandsConsole", "AllHandsCore", "Storage", "TerminalUI"]),
        .executableTarget(name: "allhands-bench", dependencies: ["AllHandsConsole", "AllHandsCore", "Storage", "TerminalUI"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "AllHandsCoreTests", dependencies: ["AllHandsCore", "Storage", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "CNcursesw"]),
        .testTarget(name: "AllHandsConsoleTests",
                    dependencies: ["AllHandsConsole", "AllHandsCore", "TerminalUI", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AllHandsCore", "Storage", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
