import Storage

/// Everything the domain can refuse, with a message fit for the user and the sysexits code the CLI exits with.
public enum AllHandsError: Error, Equatable, CustomStringConvertible {
    /// The actor's role does not allow the action.
    case notPermitted(action: String, role: Role)
    /// The actor's role allows the action in general but not this case of it (a lead editing an
    /// admin, demoting the last admin…): the reason says why.
    case notAllowed(String)
    /// The OS login is not a person in this database.
    case notAMember(login: String)
    /// The process runs as a user id with no account name, so nobody can be held to account.
    case unknownIdentity(uid: UInt32)
    /// A demo would replace a database that holds real data, and replacing was not asked for.
    case holdsRealData(path: String)
    case notFound(what: String)
    /// Someone else changed the record since it was read; nothing was written.
    case conflict(what: String, expected: Int, found: Int)
    /// Someone else claimed the ticket first; nothing was written.
    case alreadyClaimed(ticket: Int, by: String)
    /// Someone else decided first (a goodwill gesture already approved or declined); nothing
    /// was written. `what` names it, `outcome` is what it became.
    case alreadyDecided(what: String, outcome: String, by: String)
    /// Messages arrived on the ticket since the writer opened it: the send waits for a
    /// confirmation (the messages are what to show), and the text is kept as a draft.
    case newActivity(ticket: Int, messages: [Message])
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
        case .notAllowed(let reason):
            return "not permitted: \(reason)"
        case .notAMember(let login):
            return "'\(login)' is not a person in this database; ask a lead or an admin to add them"
        case .unknownIdentity(let uid):
            return "cannot tell who you are: user id \(uid) has no account name"
        case .holdsRealData(let path):
            return "\(path) holds real data (people, customers or tickets) and is not a demo database; refusing to replace it"
        case .notFound(let what):
            return "\(what) not found"
        case .conflict(let what, let expected, let found):
            return "\(what) changed since you read it (version \(expected) is now \(found)); nothing was written — re-read and try again"
        case .alreadyClaimed(let ticket, let by):
            return "ticket #\(ticket) was already claimed by \(by); nothing was changed"
        case .alreadyDecided(let what, let outcome, let by):
            return "\(what) was already \(outcome) by \(by); nothing was changed"
        case .newActivity(let ticket, let messages):
            return "\(English.count(messages.count, "new message")) on ticket #\(ticket) since you opened it; "
                + "read \(messages.count == 1 ? "it" : "them") and send again to confirm (your text is kept as a draft)"
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

extension AllHandsError {
    /// True when `error` means the database itself cannot be trusted or reached any more
    /// (damaged, not a database, unreadable, from a newer allhands): a long-running view must
    /// stop. Refusals, conflicts, missing records and a lock held too long are not: the view
    /// reports them and goes on.
    public static func endsSession(_ error: any Error) -> Bool {
        let storage: DatabaseError
        switch error {
        case let error as DatabaseError: storage = error
        case AllHandsError.database(let error): storage = error
        case is AllHandsError: return false
        default: return true
        }
        switch storage.kind {
        case .busy, .constraint, .foreignKeyViolation, .backupFailed: return false
        case .corrupt, .notADatabase, .schemaTooNew, .cannotOpen, .readOnly, .other, .notAllhands,
             .notARegularFile, .missing: return true
        }
    }
}
