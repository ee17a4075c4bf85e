import Foundation

/// Writes a file meant to be served to others (an iCalendar feed): readable by everyone, 0644
/// less the umask, and replaced atomically, so a web server or a subscriber reading it at any
/// moment gets the old file or the new one, never half of one.
enum PublishedFile {
    /// Writes `bytes` at `path` through a temporary file in the same folder, flushed to disk and
    /// renamed over `path`. Refused with exit 73, writing nothing: a symbolic link at `path` (it is
    /// never followed), a folder or anything but a regular file there, and the database `protecting`
    /// (or its journal files). When allhands runs setuid or setgid, only where the user could write
    /// with their own rights.
    static func write(_ bytes: [UInt8], to path: String, protecting database: String) throws {
        let folder = self.folder(of: path)
        if Privilege.isSetID, access(folder, W_OK | X_OK) != 0 {
            throw CLIFailure(ExitCode.noPermission, "cannot write in \(folder) as yourself")
        }
        try checkReplaceable(path, protecting: database)
        let name = String(path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...])
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<8 where fd < 0 {
            temporary = "\(folder)/.\(name).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).partial"
            // The kernel takes the umask off 0644.
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd < 0, errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(path, "cannot create a file in \(folder): \(errorText())") }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            guard fsync(fd) == 0 else { throw failure(path, "cannot flush it to disk: \(errorText())") }
        }
        // Checked again just before: rename(2) replaces a link planted since rather than follow it.
        try checkReplaceable(path, protecting: database)
        guard rename(temporary, path) == 0 else { throw failure(path, errorText()) }
        renamed = true
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// Whether `path` is an existing folder (a link to one counts: the folder is what is named).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func checkReplaceable(_ path: String, protecting database: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            throw failure(path, "it is a symbolic link, and allhands never writes through one; remove it or choose another path")
        case S_IFREG:
            break
        default:
            throw failure(path, "it is not a regular file")
        }
        for file in [database, database + "-wal", database + "-shm", database + "-journal"] {
            var other = stat()
            if stat(file, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
                throw failure(path, "it is the allhands database")
            }
        }
        if Privilege.isSetID, access(path, W_OK) != 0 {
            throw CLIFailure(ExitCode.noPermission, "cannot replace \(path) as yourself")
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, errorText())
                }
                offset += written
            }
        }
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func failure(_ path: String, _ reason: String) -> CLIFailure {
        CLIFailure(ExitCode.cannotCreate, "cannot write \(path): \(reason); nothing was written there")
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
