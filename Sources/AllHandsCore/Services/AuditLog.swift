import Foundation
import Storage

/// The append-only record of every change.
public struct AuditLog {
    let context: ServiceContext

    /// Writes one entry. Callers are already inside the change's transaction, so the entry
    /// and the change commit or roll back together.
    static func record(in db: Database, at: Int64, actor: String, via: String?, action: String,
                       entity: String, entityID: String?, before: [String: String?]?,
                       after: [String: String?]?) throws {
        guard db.isInTransaction else {
            throw AllHandsError.invalid("internal: an audit entry for \(action) was written outside its change's transaction")
        }
        try db.execute("""
            INSERT INTO audit_log (at, actor, via, action, entity, entity_id, before, after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, at, actor, via, action, entity, entityID, try json(before), try json(after))
    }

    /// The fields as JSON. A failure throws, so the change rolls back rather than being
    /// recorded with an empty audit row.
    static func json(_ fields: [String: String?]?) throws -> String? {
        guard let fields else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }

    /// The newest entries first, optionally for one entity (e.g. `ticket`, `42`).
    public func entries(entity: String? = nil, id: String? = nil, limit: Int = 100) throws -> [AuditEntry] {
        try context.check(.viewAudit)
        return try context.read { db in
            try db.fetchAll("""
                SELECT id, at, actor, via, action, entity, entity_id, before, after FROM audit_log
                WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)
                ORDER BY id DESC LIMIT ?3
                """, entity, id, limit) { row in
                AuditEntry(id: row.int(0), at: row.int64(1), actor: row.string(2), via: row.optionalString(3),
                           action: row.string(4), entity: row.string(5), entityID: row.optionalString(6),
                           before: row.optionalString(7), after: row.optionalString(8))
            }
        }
    }
}
