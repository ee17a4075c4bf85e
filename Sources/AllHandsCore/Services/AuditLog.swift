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
            // One query per filter shape, so each walks an index (newest first) instead of
            // `(? IS NULL OR entity = ?)`, which SQLite can only answer by scanning the log.
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let entity {
                clauses.append("entity = ?")
                arguments.append(entity)
            }
            if let id {
                clauses.append("entity_id = ?")
                arguments.append(id)
            }
            arguments.append(limit)
            let sql = "SELECT \(Self.columns) FROM audit_log"
                + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
                + " ORDER BY id DESC LIMIT ?"
            return try db.fetchAll(sql, arguments: arguments, transform: Self.entry)
        }
    }

    /// The columns `entry` reads, in its order.
    static let columns = "id, at, actor, via, action, entity, entity_id, before, after"

    static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row.int(0), at: row.int64(1), actor: row.string(2), via: row.optionalString(3),
                   action: row.string(4), entity: row.string(5), entityID: row.optionalString(6),
                   before: row.optionalString(7), after: row.optionalString(8))
    }
}
