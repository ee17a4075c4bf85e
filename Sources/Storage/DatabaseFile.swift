#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What lies at a database path, looked at with plain system calls before SQLite may open it:
/// SQLite itself would create a `-journal`, `-wal` or `-shm` beside anything it opens.
enum DatabaseFile {
    /// The fields of an SQLite file header allhands decides on.
    struct Header: Equatable {
        /// `PRAGMA application_id` (offset 68).
        let applicationID: Int32
        /// `PRAGMA user_version` (offset 60).
        let userVersion: Int
    }

    enum State: Equatable {
        /// Nothing at the path.
        case absent
        /// A zero-byte regular file: a database nobody has written yet.
        case empty
        /// A regular file that starts with an SQLite header.
        case sqlite(Header)
    }

    static let headerLength = 100
    private static let magic = Array("SQLite format 3".utf8) + [0]

    /// Looks at `path` without following a symbolic link and without writing anything.
    static func inspect(_ path: String) throws -> State {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return .absent }
            throw DatabaseError(kind: .cannotOpen, message: "cannot open \(path): \(errorText())")
        }
        try requireRegular(info, path: path)
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw notRegular(path, "is a symbolic link") }
            throw DatabaseError(kind: .cannotOpen, message: "cannot open \(path): \(errorText())")
        }
        defer { close(fd) }
        // The path may have been swapped between lstat and open: judge what was really opened.
        guard fstat(fd, &info) == 0 else {
            throw DatabaseError(kind: .cannotOpen, message: "cannot read \(path): \(errorText())")
        }
        try requireRegular(info, path: path)
        var bytes = [UInt8](repeating: 0, count: headerLength)
        var filled = 0
        while filled < headerLength {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress.map { $0 + filled }, headerLength - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        if filled == 0 { return .empty }
        guard filled == headerLength, Array(bytes[0..<magic.count]) == magic else {
            throw DatabaseError(kind: .notADatabase, message: "\(path) does not start with an SQLite header")
        }
        return .sqlite(Header(applicationID: Int32(bitPattern: bigEndian(bytes, at: 68)),
                              userVersion: Int(Int32(bitPattern: bigEndian(bytes, at: 60)))))
    }

    /// True when a non-empty regular file exists at `path` (a `-wal` or `-shm` beside a database).
    static func hasContent(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0
    }

    /// Creates an empty database file with `privateMode`, never following a link and never
    /// replacing anything. Returns false when something appeared at `path` first.
    static func createPrivate(_ path: String) throws -> Bool {
        let mode = privateMode(forFileIn: folder(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { return false }
            throw DatabaseError(kind: .cannotOpen, message: "cannot create \(path): \(errorText())")
        }
        defer { close(fd) }
        // The umask must neither widen nor narrow it; SQLite gives -wal and -shm this same mode.
        guard fchmod(fd, mode) == 0 else {
            throw DatabaseError(kind: .cannotOpen, message: "cannot set the mode of \(path): \(errorText())")
        }
        return true
    }

    /// 0600, or 0660 when the folder has the setgid bit: the shared-host setup, where a group-owned
    /// folder gives its group the database.
    static func privateMode(forFileIn folder: String) -> mode_t {
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_ISGID != 0 else { return 0o600 }
        return 0o660
    }

    /// The folder part of a path ("." for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of a path.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// 16 hex digits from the system's random source: names nobody can guess in advance.
    static func randomToken() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    private static func requireRegular(_ info: stat, path: String) throws {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: throw notRegular(path, "is a symbolic link")
        case S_IFDIR: throw notRegular(path, "is a folder")
        default: throw notRegular(path, "is not a regular file (a device, FIFO or socket)")
        }
    }

    private static func notRegular(_ path: String, _ what: String) -> DatabaseError {
        DatabaseError(kind: .notARegularFile,
                      message: "\(path) \(what); allhands keeps its database in a regular file and left it untouched")
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
