import AllHandsCore
import Foundation

/// `action add|list|done|drop`: follow-ups with an owner and a due day.
enum ActionItemCommands {
    static let dueForms = "2026-12-01 (the company's day), today, tomorrow, +3d or +2w"

    static let add = Command(
        "action add", "TITLE --owner LOGIN --due DAY [--customer EMAIL] [--ticket N] [--calldown N] [--checkin N] [--json]",
        "Give someone a follow-up (anyone may, as at the end of a meeting): an owner, a due day, and what it is about.",
        options: ["--owner L      who does it (`me` for you); an active person",
                  "--due D        \(dueForms)",
                  "--customer E   the customer it is about (else the linked ticket's, call-down's or check-in's)",
                  "--ticket N     the ticket it follows up",
                  "--calldown N   the call it came from",
                  "--checkin N    the check-in it came from",
                  "--json         the item as JSON (as in action list)"]
    ) { args, session in
        let json = args.flag("--json")
        guard let owner = try args.option("--owner") else { throw UsageError("--owner is required") }
        guard let due = try args.option("--due") else { throw UsageError("--due is required (\(dueForms))") }
        let customer = try args.option("--customer")
        let ticket = try args.option("--ticket").map(TicketCommands.parseID)
        let callDown = try args.option("--calldown").map { try ShiftCommands.parseNumber($0, "call-down") }
        let checkIn = try args.option("--checkin").map { try ShiftCommands.parseNumber($0, "check-in") }
        let title = try args.required("TITLE")
        try args.finish()
        let workspace = try session.workspace()
        let item = try workspace.actionItems.add(title: title, owner: TicketCommands.login(owner, in: workspace), due: due,
                                                 customerEmail: customer, ticketID: ticket, callDownID: callDown,
                                                 checkInID: checkIn)
        if json { return try Output.json(ActionItemJSON(item, today: workspace.actionItems.today)) }
        Output.line("Action item #\(item.id) for \(item.owner), due \(item.dueDay): \(item.title)")
    }

    static let list = Command(
        "action list", "[--owner LOGIN | --all] [--overdue] [--json]",
        "List open action items, earliest due first: yours, one owner's, or everyone's (anyone may read them).",
        options: ["--owner L   L's items (`me` for yours, the default)",
                  "--all       everyone's",
                  "--overdue   only those whose due day is over (in the company's time zone)",
                  "--json      JSON array: id, title, owner, due, overdue, state, customer_id, customer, ticket, "
                      + "calldown, checkin, created_by, created_at, closed_by, closed_at, version"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json"), all = args.flag("--all"), overdue = args.flag("--overdue")
        let owner = try args.option("--owner")
        try args.finish()
        if all, owner != nil { throw UsageError("give --owner or --all, not both") }
        let workspace = try session.workspace()
        let items = try workspace.actionItems.list(owner: owner.map { TicketCommands.login($0, in: workspace) },
                                                   everyone: all, overdueOnly: overdue)
        let today = workspace.actionItems.today
        if json { return try Output.json(items.map { ActionItemJSON($0, today: today) }) }
        guard !items.isEmpty else { return Output.line(overdue ? "No overdue action items." : "No open action items.") }
        var table = Table("ID", "DUE", "OWNER", "CUSTOMER", "TITLE", rightAligned: [0])
        for item in items {
            table.add(String(item.id), item.dueDay + (item.isOverdue(today: today) ? " overdue" : ""), item.owner,
                      item.customerName ?? "", item.title)
        }
        table.print()
    }

    static let done = close("done", .done, "Mark an action item done (its owner; leads and admins any).")
    static let drop = close("drop", .dropped, "Drop an action item that will not be done (its owner; leads and admins any).")

    private static func close(_ word: String, _ outcome: ActionItem.State, _ summary: String) -> Command {
        Command("action \(word)", "ID [--json]", summary, options: ["--json   the item as JSON (as in action list)"]) {
            args, session in
            let json = args.flag("--json")
            let id = try ShiftCommands.parseNumber(try args.required("action item ID"), "action item")
            try args.finish()
            let workspace = try session.workspace()
            let item = try workspace.actionItems.close(id: id, as: outcome)
            if json { return try Output.json(ActionItemJSON(item, today: workspace.actionItems.today)) }
            Output.line("Action item #\(id) \(outcome.rawValue): \(item.title)")
        }
    }
}

struct ActionItemJSON: Encodable {
    let id, version: Int
    let title, owner, due, state, created_by, created_at: String
    /// Left out where the day is not known (inside a check-in brief, whose items are all open).
    let overdue: Bool?
    let customer_id, ticket, calldown, checkin: Int?
    let customer, closed_by, closed_at: String?

    init(_ a: ActionItem, today: String?) {
        id = a.id; title = a.title; owner = a.owner; due = a.dueDay; overdue = today.map { a.isOverdue(today: $0) }
        state = a.state.rawValue; customer_id = a.customerID; customer = a.customerName; ticket = a.ticketID
        calldown = a.callDownID; checkin = a.checkInID; created_by = a.createdBy; created_at = Timestamp.iso8601(a.createdAt)
        closed_by = a.closedBy; closed_at = a.closedAt.map(Timestamp.iso8601); version = a.version
    }
}
