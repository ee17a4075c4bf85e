import Storage

/// A listener's sessions: one per opening of the listen view, kept alive by keys, over on leaving
/// or after `ListeningRules.idleSeconds` without a key.
///
/// Sessions are not audited: each row already records who listened, from when to when and what
/// they followed, so an audit entry per opening would repeat the row, and a session changes
/// nothing anyone else works on (like presence heartbeats). They belong to their listener:
/// only they touch or end one.
extension ListeningService {
    /// A key counts as activity this often at most: a storm of keys is one write a minute.
    public static let touchIntervalSeconds: Int64 = 60

    /// Starts a session for the actor following `filter` (which must name a real tag or person)
    /// and returns its id. The actor's other sessions still open end now: one person listens in
    /// one place at a time, so two consoles never count the same minutes twice.
    public func startSession(follows filter: ListenFilter) throws -> Int {
        try context.check(.listen)
        let me = context.actor.person, now = context.now
        return try context.write { db in
            let follows = try ListenTimeline.Scope(filter, taxonomy: context.config.taxonomy, in: db).filter
            try Self.endOpenSessions(of: me.id, at: now, in: db)
            return try Self.insertSession(personID: me.id, follows: follows.description, at: now, in: db)
        }
    }

    /// Records a sign of life in session `id` (a key in the listen view) and returns the session
    /// that is current now: `id` itself, or a new session following the same filter when `id` has
    /// ended, idled out (more than `idleSeconds` since its last activity) or reached the longest
    /// a session counts. `active_at` is written only when `touchIntervalSeconds` have passed
    /// since the last one recorded, so most keys write nothing and take no lock.
    public func touchSession(_ id: Int) throws -> Int {
        try context.check(.listen)
        let me = context.actor.person, now = context.now
        let seen = try context.read { db in try Self.ownSession(id, of: me, in: db) }
        if seen.isLive(at: now), now - seen.activeAt < Self.touchIntervalSeconds { return id }
        return try context.write { db in
            let session = try Self.ownSession(id, of: me, in: db)
            guard session.isLive(at: now) else {
                return try Self.insertSession(personID: me.id, follows: session.follows, at: now, in: db)
            }
            if now - session.activeAt >= Self.touchIntervalSeconds {
                try db.execute("UPDATE listening_sessions SET active_at = ? WHERE id = ?", now, id)
            }
            return id
        }
    }

    /// Ends session `id` where its time stops counting (`ListeningRules.end`: now, or earlier
    /// for a session that had idled out). Ending an ended session changes nothing.
    public func endSession(_ id: Int) throws {
        try context.check(.listen)
        let me = context.actor.person, now = context.now
        try context.write { db in
            let session = try Self.ownSession(id, of: me, in: db)
            guard session.endedAt == nil else { return }
            try db.execute("UPDATE listening_sessions SET ended_at = ? WHERE id = ?", session.end(at: now), id)
        }
    }

    // MARK: - Rows

    struct Session {
        var id: Int
        var personID: Int
        var startedAt: Int64
        var activeAt: Int64
        var endedAt: Int64?
        var follows: String

        /// Still counting: not ended, not idle past the limit, not past the longest session.
        func isLive(at now: Int64) -> Bool {
            endedAt == nil && now <= activeAt + ListeningRules.idleSeconds
                && now < startedAt + ListeningRules.maximumSessionSeconds
        }

        func end(at now: Int64) -> Int64 {
            ListeningRules.end(startedAt: startedAt, activeAt: activeAt, endedAt: endedAt, now: now)
        }
    }

    static func ownSession(_ id: Int, of me: Person, in db: Database) throws -> Session {
        guard let session = try db.fetchOne("""
            SELECT id, person_id, started_at, active_at, ended_at, follows FROM listening_sessions WHERE id = ?
            """, id, transform: { row in
                Session(id: row.int(0), personID: row.int(1), startedAt: row.int64(2), activeAt: row.int64(3),
                        endedAt: row.isNull(4) ? nil : row.int64(4), follows: row.string(5))
            }) else {
            throw AllHandsError.notFound(what: "listening session #\(id)")
        }
        guard session.personID == me.id else {
            throw AllHandsError.notAllowed("listening session #\(id) is someone else's; only its listener touches or ends it")
        }
        return session
    }

    static func insertSession(personID: Int, follows: String, at now: Int64, in db: Database) throws -> Int {
        try db.execute("""
            INSERT INTO listening_sessions (person_id, started_at, active_at, follows) VALUES (?, ?, ?, ?)
            """, personID, now, now, follows)
        return Int(db.lastInsertRowID)
    }

    /// Ends the person's sessions that are still counting where their counted time stops.
    static func endOpenSessions(of personID: Int, at now: Int64, in db: Database) throws {
        let open = try db.fetchAll("""
            SELECT id, started_at, active_at FROM listening_sessions
            WHERE person_id = ? AND ended_at IS NULL AND started_at >= ?
            """, personID, now - ListeningRules.maximumSessionSeconds) { row in
            (id: row.int(0), end: ListeningRules.end(startedAt: row.int64(1), activeAt: row.int64(2), endedAt: nil, now: now))
        }
        for session in open {
            try db.execute("UPDATE listening_sessions SET ended_at = ? WHERE id = ?", session.end, session.id)
        }
    }
}
