/// Everything a person can ask the domain to do that not every role may do.
public enum Action: String, CaseIterable, Sendable {
    case viewTickets = "view tickets"
    case updateTicket = "update tickets"
    case assignOthers = "assign tickets to others"
    case viewPeople = "view people"
    case managePeople = "add or import people"
    case manageTaxonomy = "manage tags"
    case viewAudit = "view the audit log"
    case replaceDatabase = "replace a real database with the demo"
    case actAsOthers = "act as someone else"
}

/// The one role × action table. Services check it at their boundary; the UI only asks it
/// which hints to show, never to decide.
public enum Permissions {
    static let table: [Role: Set<Action>] = [
        .employee: [.viewTickets, .updateTicket, .viewPeople],
        .exec: [.viewTickets, .updateTicket, .viewPeople],
        .support: [.viewTickets, .updateTicket, .assignOthers, .viewPeople],
        .lead: [.viewTickets, .updateTicket, .assignOthers, .viewPeople, .managePeople, .manageTaxonomy, .viewAudit],
        .admin: Set(Action.allCases),
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        table[role]?.contains(action) ?? false
    }

    /// Throws `notPermitted` unless `role` may do `action`.
    public static func check(_ role: Role, _ action: Action) throws {
        guard allows(role, action) else { throw AllHandsError.notPermitted(action: action.rawValue, role: role) }
    }
}
