/// Everything a person can ask the domain to do that not every role may do.
public enum Action: String, CaseIterable, Sendable {
    case viewTickets = "view tickets"
    case updateTicket = "update tickets, take unassigned ones, release their own"
    case assignOthers = "assign tickets to others, or take over someone else's"
    case replyAnyTime = "reply to customers when not on shift"
    case takeShifts = "offer their own shifts, take open swaps, ask for their own time off"
    case manageShifts = "plan the rotation, or change someone else's shifts, swaps or time off"
    case approveGoodwill = "approve or decline goodwill over a shift's budget"
    case reviewBoundaries = "list the requesters marked abusive"
    case viewPeople = "view people"
    case managePeople = "add, import or change people who are not admins"
    case manageAdmins = "grant, change or remove the admin role, or edit an admin"
    case manageTaxonomy = "manage tags"
    case viewAudit = "view the audit log"
    case replaceDatabase = "replace a database with the demo (a backup is written first)"
    case actAsOthers = "act as someone else"
    case listen = "listen to the support floor, capture and read insights, hold check-ins, own action items"
    case planCallDowns = "plan the weekly executive call-down"
    case manageFollowUps = "change or close others' call-downs, check-ins and action items"
}

/// The one role × action table. Services check it at their boundary; the UI only asks it
/// which hints to show, never to decide. README's "Who can do what" is generated from it
/// (`markdownTable`) and a test keeps the two equal.
public enum Permissions {
    static let table: [Role: Set<Action>] = [
        .employee: [.viewTickets, .updateTicket, .takeShifts, .viewPeople, .listen],
        .exec: [.viewTickets, .updateTicket, .takeShifts, .viewPeople, .listen],
        .support: [.viewTickets, .updateTicket, .assignOthers, .replyAnyTime, .takeShifts, .reviewBoundaries, .viewPeople,
                   .listen],
        .lead: [.viewTickets, .updateTicket, .assignOthers, .replyAnyTime, .takeShifts, .manageShifts, .approveGoodwill,
                .reviewBoundaries, .viewPeople, .managePeople, .manageTaxonomy, .viewAudit, .listen, .planCallDowns,
                .manageFollowUps],
        .admin: Set(Action.allCases),
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        table[role]?.contains(action) ?? false
    }

    /// Throws `notPermitted` unless `role` may do `action`.
    public static func check(_ role: Role, _ action: Action) throws {
        guard allows(role, action) else { throw AllHandsError.notPermitted(action: action.rawValue, role: role) }
    }

    /// The right a change of assignee needs. Anyone may take an unassigned ticket (or keep
    /// their own) and release their own; giving a ticket to someone else, or taking or
    /// releasing someone else's, needs `assignOthers`.
    public static func assignmentAction(current: String?, target: String?, actor: String) -> Action {
        if current == target { return .updateTicket }
        let touchesOnlyMine = (current == nil || current == actor) && (target == nil || target == actor)
        return touchesOnlyMine ? .updateTicket : .assignOthers
    }

    /// The right that working on a ticket someone else holds needs. Changing its status or
    /// priority, or answering its customer, is the holder's work: anyone else needs the right to
    /// take over someone else's tickets. Reading, notes and tags stay open to everyone.
    public static func holderAction(holder: String?, actor: String, touchesTheirWork: Bool) -> Action {
        guard touchesTheirWork, let holder, holder != actor else { return .updateTicket }
        return .assignOthers
    }

    /// The right a rotation change about `subject` needs: one's own shifts, swaps and time off
    /// need `takeShifts`; anyone else's need `manageShifts`.
    public static func rotationAction(subject: String, actor: String) -> Action {
        subject == actor ? .takeShifts : .manageShifts
    }

    /// The right a change to a follow-up (a call-down, a check-in, an action item) needs: its
    /// own people (the executive calling, the check-in's people, the item's owner) need
    /// `listen`; anyone else needs `manageFollowUps`.
    public static func followUpAction(people: [String], actor: String) -> Action {
        people.contains(actor) ? .listen : .manageFollowUps
    }

    /// The table as Markdown, actions down and roles across, for the README.
    public static var markdownTable: String {
        let roles = Role.allCases
        var lines = ["| may … | " + roles.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|" + roles.map { _ in ":-:" }.joined(separator: "|") + "|"]
        for action in Action.allCases {
            lines.append("| \(action.rawValue) | " + roles.map { allows($0, action) ? "✓" : "·" }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
