import Storage

/// Everything the domain can refuse, with a message fit for the user and the sysexits code the CLI exits with.
public enum AllHandsError: Error, Equatable, CustomStringConvertible {
    /// The actor's role does not allow the action.
    case notPermitted(action: String, role: Role)
    /// The OS login is not a person in this database.
    case notAMember(login: String)
    case notFound(what: String)
    /// Someone else changed the record since it was read; nothing was written.
    case conflict(what: String, expected: Int, found: Int)
    /// Bad input from a user or a file: says what and where.
    case invalid(String)
    /// The operation would destroy data it was not told it may replace.
    case refused(String)
    /// A configuration problem: file, key, problem.
    case badConfig(String)
    /// A database-level failure.
    case database(DatabaseError)

    public var description: String {
        switch self {
        case .notPermitted(let action, let role):
            return "not permitted: \(English.withArticle(role.rawValue)) may not \(action)"
        case .notAMember(let login):
            return "'\(login)' is not a person in this database; ask an admin to run: allhands people add \(login) …"
        case .notFound(let what):
            return "\(what) not found"
        case .conflict(let what, let expected, let found):
            return "\(what) changed since you read it (version \(expected) is now \(found)); nothing was written — re-read and try again"
        case .invalid(let message):
            return message
        case .refused(let message):
            return message
        case .badConfig(let message):
            return message
        case .database(let error):
            return error.description
        }
    }
}
