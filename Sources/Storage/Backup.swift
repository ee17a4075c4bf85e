#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Database {
    /// Writes a complete copy of the database next to it and returns the copy's path,
    /// `NAME.LABEL-NOW-RANDOM.bak`: a name nobody can plant a link at in advance.
    ///
    /// The copy is complete or absent: it is written to an exclusively created temporary file,
    /// flushed to disk, then linked into place without replacing anything. It is private like the
    /// database (0600, or 0660 in a setgid shared folder). Any failure is a `backupFailed` naming
    /// the path; the database itself is never changed. Must be called outside a transaction.
    public func backupBeside(label: String, now: Int64) throws -> String {
        removeAbandonedPartials()
        for _ in 0..<8 {
            let target = "\(path).\(label)-\(now)-\(DatabaseFile.randomToken()).bak"
            if try backup(into: target) { return target }
        }
        throw DatabaseError(kind: .backupFailed(path: path), message: "could not find a free backup name beside \(path)")
    }

    /// Copies the database into `target`. Returns false, having written nothing there, when
    /// something (a file, a planted symbolic link) already exists at `target`.
    func backup(into target: String) throws -> Bool {
        func failure(_ reason: String) -> DatabaseError {
            DatabaseError(kind: .backupFailed(path: target),
                          message: "could not write the backup \(target): \(reason); the database was not changed")
        }
        let folder = DatabaseFile.folder(of: target)
        let temporary = "\(folder)/.\(DatabaseFile.fileName(of: target)).\(DatabaseFile.randomToken()).partial"
        let mode = DatabaseFile.privateMode(forFileIn: folder)
        let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot create \(temporary): \(DatabaseFile.errorText())") }
        defer {
            close(fd)
            unlink(temporary)  // after the link, the copy lives on under `target`
        }
        guard fchmod(fd, mode) == 0 else { throw failure("cannot set its mode: \(DatabaseFile.errorText())") }
        // Held until the descriptor closes: a copy whose writer was killed is unlocked, and the
        // next backup removes it (`removeAbandonedPartials`).
        _ = flock(fd, LOCK_EX)
        do {
            // VACUUM INTO writes into an existing file only when it is empty, and opens it with this
            // connection's flags, which include SQLITE_OPEN_NOFOLLOW.
            try execute("VACUUM INTO ?", temporary)
        } catch let error as DatabaseError {
            throw failure(error.message)
        }
        var written = stat()
        var named = stat()
        guard fstat(fd, &written) == 0, lstat(temporary, &named) == 0,
              written.st_dev == named.st_dev, written.st_ino == named.st_ino else {
            throw failure("the temporary file \(temporary) was replaced while the copy was written")
        }
        guard fsync(fd) == 0 else { throw failure("cannot flush it to disk: \(DatabaseFile.errorText())") }
        // link(2) never replaces an existing name and never follows a link planted at `target`.
        if link(temporary, target) != 0 {
            if errno == EEXIST { return false }
            throw failure(DatabaseFile.errorText())
        }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
        return true
    }

    /// Removes the hidden `.partial` copies (and their journals) that backups killed midway
    /// left beside the database. A copy still being written is locked by its writer and kept.
    func removeAbandonedPartials() {
        let folder = DatabaseFile.folder(of: path)
        let prefix = "." + DatabaseFile.fileName(of: path) + "."
        guard let directory = opendir(folder) else { return }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            names.append(name)
        }
        closedir(directory)
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            let partial = folder + "/" + name
            let fd = open(partial, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(),
                  flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(partial)
            unlink(partial + "-journal")
        }
    }
}
