#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

/// When a connection folds the WAL back into the database file (a checkpoint), and why the WAL
/// stays bounded.
///
/// SQLite's default is an automatic checkpoint run by whichever `COMMIT` takes the WAL past
/// 1,000 pages: that caller copies the pages into the database and syncs both files while a
/// person waits for their click (tens of milliseconds at a million tickets, more when the disk
/// or the CPU is busy). allhands turns that off (this hook replaces SQLite's) and checkpoints as
/// maintenance, where nobody waits: `Database.checkpointIfDue`, called at the end of every CLI
/// command that wrote and on the console's idle tick. Those checkpoints are passive: they never
/// wait for or block another reader or writer.
///
/// Durability is unchanged in kind: with `synchronous = NORMAL` a commit is safe from a crash of
/// the process at once, and from a power loss once a checkpoint has synced it. That is now at
/// the end of the CLI command that made it, within a few seconds of an idle console's last
/// change, or sooner when the WAL grows; before, it was whenever 1,000 pages had gathered.
///
/// The WAL stays bounded in every way allhands is used:
/// - a CLI command that wrote checkpoints when it ends, and the last connection to close
///   checkpoints and removes the WAL (SQLite does this);
/// - a console checkpoints within a few seconds of its own commits when idle (its caller picks
///   the interval), and at any maintenance once the WAL holds `checkpointFrames` pages not yet
///   checkpointed;
/// - a process that calls no maintenance for a long time (a long import, a console never idle)
///   still checkpoints in its commits once `ceilingFrames` pages wait: SQLite's rule, ten times
///   later;
/// - after a checkpoint has copied everything, the next writer starts the WAL over from its
///   beginning when no reader is using it, and `journal_size_limit` (`fileSizeLimit`) cuts a
///   file that had grown back. Under writes that never pause (the eight-process benchmark) that
///   moment may never come; once the WAL holds `restartFrames` pages, maintenance makes it
///   with a RESTART checkpoint, holding off writers for at most `restartWaitMilliseconds`.
final class WALState {
    /// Unchecked pages at which maintenance checkpoints, however recent the last checkpoint.
    static let checkpointFrames: Int32 = 1_000
    /// Unchecked pages at which a commit checkpoints by itself (maintenance is not keeping up).
    static let ceilingFrames: Int32 = 10_000
    /// Pages since the WAL last started over from which maintenance, once a passive checkpoint has
    /// copied all of them, makes sure the next writer starts it over (see `restart`).
    static let restartFrames: Int32 = 16_384
    /// How long a restart may hold up other writers (milliseconds), waiting for readers.
    static let restartWaitMilliseconds: Int32 = 10
    /// The size (bytes) the WAL file is cut back to when it starts over.
    static let fileSizeLimit = 16 * 1024 * 1024

    /// Pages in the WAL after this connection's last commit (every process's, since it last
    /// started over).
    private(set) var frames: Int32 = 0
    /// Pages of the WAL already copied into the database, as of this connection's last checkpoint.
    private var backfilled: Int32 = 0
    /// This connection committed since its last checkpoint.
    private(set) var wrote = false
    /// When this connection last checkpointed or tried to (monotonic nanoseconds).
    private(set) var lastAttempt: UInt64 = 0
    private(set) var installed = false

    /// Pages in the WAL not yet copied into the database, as far as this connection knows
    /// (another process's checkpoint may have copied more).
    var unchecked: Int32 {
        frames >= backfilled ? frames - backfilled : frames  // fewer: the WAL started over
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Replaces SQLite's automatic checkpoint on connection `db`, which must not outlive this
    /// object, with `committed`.
    func install(on db: OpaquePointer) {
        sqlite3_wal_hook(db, { context, db, _, frames in
            guard let context, let db else { return SQLITE_OK }
            Unmanaged<WALState>.fromOpaque(context).takeUnretainedValue().committed(frames: frames, db: db)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
        installed = true
    }

    /// After each commit of this connection, with the WAL's size in pages.
    private func committed(frames: Int32, db: OpaquePointer) {
        self.frames = frames
        wrote = true
        if unchecked >= Self.ceilingFrames { checkpoint(db) }
    }

    /// A passive checkpoint: copies what no reader still needs, waits for nobody. True when it
    /// ran; false when another connection was checkpointing (it copies the same pages) or it failed
    /// (an I/O error shows again on the next write).
    @discardableResult
    func checkpoint(_ db: OpaquePointer) -> Bool {
        var log: Int32 = 0, copied: Int32 = 0
        lastAttempt = WALState.monotonicNanoseconds()
        guard sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK else { return false }
        frames = max(log, 0)
        backfilled = max(copied, 0)
        wrote = false
        return true
    }

    /// True when the WAL is long after a checkpoint: while other connections keep reading and
    /// writing, no writer may find the moment when no reader uses the WAL, which it needs to
    /// start the WAL over, and the file would grow without end.
    var needsRestart: Bool { frames >= Self.restartFrames }

    /// A RESTART checkpoint: holds off writers (within the connection's busy budget) until every
    /// reader reads from the database file, so that the next writer starts the WAL over. What it
    /// copies was mostly copied by the passive checkpoint just before it.
    func restart(_ db: OpaquePointer) {
        var log: Int32 = 0, copied: Int32 = 0
        if sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_RESTART, &log, &copied) == SQLITE_OK {
            frames = 0
            backfilled = 0
        }
    }
}

extension Database {
    /// Maintenance for a moment when nobody waits: a passive checkpoint when this connection
    /// committed since its last one and `minimumInterval` seconds have passed since then, or
    /// when the WAL holds `WALState.checkpointFrames` pages not yet checkpointed; then, if the
    /// WAL is long, a restart (see `WALState`). Does nothing inside a transaction or on a
    /// connection not in `enableSharedMode`, and never throws: a checkpoint that cannot run now
    /// (another process is checkpointing, or an I/O error that the next write will report) runs
    /// at a later call. Returns true when a checkpoint ran.
    @discardableResult
    public func checkpointIfDue(minimumInterval: Double) -> Bool {
        guard wal.installed, !isInTransaction else { return false }
        let elapsed = Double(WALState.monotonicNanoseconds() &- wal.lastAttempt) / 1e9
        guard wal.unchecked >= WALState.checkpointFrames || (wal.wrote && elapsed >= minimumInterval) else { return false }
        guard wal.checkpoint(handle) else { return false }
        if wal.needsRestart {
            withBusyTimeout(milliseconds: WALState.restartWaitMilliseconds) { wal.restart(handle) }
        }
        return true
    }
}
