import Storage

/// "Your schedule changed": one standing notice per person, written in the same transaction as
/// the change that moved their shifts (a rebalance, a swap, a lead's assignment), shown by
/// their console until they dismiss it.
public struct RotationNotice: Sendable, Equatable {
    public var changedAt: Int64
    public var summary: String
}

enum RotationNotices {
    /// Tells each of `personIDs` that their schedule changed; a newer notice replaces an older one.
    static func record(personIDs: some Sequence<Int>, summary: String, at instant: Int64, in db: Database) throws {
        let upsert = try db.statement(
            "INSERT OR REPLACE INTO rotation_notices (person_id, changed_at, summary) VALUES (?, ?, ?)")
        for id in Set(personIDs) {
            upsert.bind(id, at: 1)
            upsert.bind(instant, at: 2)
            upsert.bind(summary, at: 3)
            try upsert.run()
        }
    }

    static func notice(personID: Int, in db: Database) throws -> RotationNotice? {
        try db.fetchOne("SELECT changed_at, summary FROM rotation_notices WHERE person_id = ?", personID) {
            RotationNotice(changedAt: $0.int64(0), summary: $0.string(1))
        }
    }
}

extension RotationService {
    /// Clears the actor's "your schedule changed" notice (they have seen it). Not audited: it
    /// changes nothing on the rota.
    public func dismissNotice() throws {
        try context.check(.viewTickets)
        try context.write { db in
            try db.execute("DELETE FROM rotation_notices WHERE person_id = ?", context.actor.person.id)
        }
    }
}
