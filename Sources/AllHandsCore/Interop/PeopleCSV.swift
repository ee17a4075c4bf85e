import Foundation

/// The people import format: a header `login,name,email,team,role,timezone`, then one person a row.
public enum PeopleCSV {
    public static let header = ["login", "name", "email", "team", "role", "timezone"]
    /// The largest people file read: 100,000 people of the longest fields fit with room to spare.
    public static let maximumBytes = 64 << 20

    /// One person read from the file, with the line it starts on for error messages.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var person: Person
    }

    public static func parse(_ text: String, source: String) throws -> [Row] {
        let records = try CSV.parse(text, source: source)
        guard let head = records.first else {
            throw AllHandsError.invalid("\(source): empty file; expected the header \(header.joined(separator: ","))")
        }
        let names = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names == header else {
            throw AllHandsError.invalid("\(source):\(head.line): header must be \(header.joined(separator: ",")), found \(FieldLimits.excerpt(head.fields.joined(separator: ","), length: 120))")
        }
        var seen: [String: Int] = [:]
        return try records.dropFirst().map { record in
            let where_ = "\(source):\(record.line)"
            guard record.fields.count == header.count else {
                throw AllHandsError.invalid("\(where_): expected \(header.count) fields, found \(record.fields.count)")
            }
            let f = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let role = Role(rawValue: f[4].lowercased()) else {
                throw AllHandsError.invalid("\(where_): column role: '\(FieldLimits.excerpt(f[4]))' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let person = Person(login: f[0], name: f[1], email: f[2], team: f[3], role: role,
                                timeZone: f[5].isEmpty ? "UTC" : f[5])
            do {
                try PeopleService.validate(person)
            } catch let error as AllHandsError {
                throw AllHandsError.invalid("\(where_): \(error)")
            }
            if let first = seen[person.login] {
                throw AllHandsError.invalid("\(where_): login '\(person.login)' already appears on line \(first)")
            }
            seen[person.login] = record.line
            return Row(line: record.line, person: person)
        }
    }
}
