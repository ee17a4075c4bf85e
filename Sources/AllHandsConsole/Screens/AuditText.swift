import AllHandsCore
import Foundation

/// An audit entry's before/after as lines a person reads: `status: new → open`.
enum AuditText {
    static func changes(_ entry: AuditEntry) -> [String] {
        let before = fields(entry.before), after = fields(entry.after)
        let keys = Set(before.keys).union(after.keys).sorted()
        return keys.compactMap { key in
            let old = before[key] ?? nil, new = after[key] ?? nil
            switch (old, new) {
            case (nil, nil): return nil
            case (nil, let value?): return "\(key): \(value)"
            case (let value?, nil): return "\(key): \(value) → (none)"
            case (let a?, let b?): return a == b ? "\(key): \(a)" : "\(key): \(a) → \(b)"
            }
        }
    }

    /// A JSON object of strings (or nulls); anything else shows as nothing.
    private static func fields(_ json: String?) -> [String: String?] {
        guard let data = json?.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var result: [String: String?] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: result[key] = .some(text)
            case is NSNull: result[key] = .some(nil)
            default: result[key] = .some(String(describing: value))
            }
        }
        return result
    }
}
