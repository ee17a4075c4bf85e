import AllHandsCore

/// What the CLI adds to a domain refusal: the flags and commands that help, which the domain
/// does not know about (it serves the console too).
enum ErrorHints {
    static func hint(for error: AllHandsError) -> String? {
        switch error {
        case .holdsRealData:
            return "use another --db, or add --force to replace it (a backup is written first)"
        case .notAMember(let login):
            return "a lead or an admin adds you with: allhands people add \(login) --name \"Your Name\""
        case .notPermitted(let action, _) where action == Action.actAsOthers.rawValue:
            return "--as is for admins, and on a demo database for acting as its demo people"
        default:
            return nil
        }
    }
}
