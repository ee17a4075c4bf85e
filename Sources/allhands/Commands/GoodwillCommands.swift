import AllHandsCore
import Foundation

/// Goodwill gestures and boundaries: `ticket goodwill`, `ticket boundary`,
/// `goodwill list|approve|decline`, `boundary list|clear`.
enum GoodwillCommands {
    static let kinds = Goodwill.Kind.allCases.map(\.rawValue).joined(separator: ", ")
    static let statuses = Goodwill.Status.allCases.map(\.rawValue).joined(separator: ", ")

    static let give = Command(
        "ticket goodwill", "ID --kind K --amount 12.50 [--currency C] --reason R [--json]",
        "Make a goodwill gesture on a ticket with one good reason: within your shift's budget it is granted, "
            + "above it (or off shift) it waits for a lead.",
        options: [
            "--kind K       \(kinds)",
            "--amount A     in the budget's currency, such as 12.50",
            "--currency C   must be the budget's currency (the config's goodwill.currency)",
            "--reason R     why: required",
            "--json         the gesture as JSON (as in goodwill list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        guard let kindText = try args.option("--kind") else { throw UsageError("--kind is required (\(kinds))") }
        guard let kind = Goodwill.Kind(rawValue: kindText.lowercased()) else {
            throw UsageError("unknown kind '\(kindText)' (\(kinds))")
        }
        guard let amountText = try args.option("--amount") else { throw UsageError("--amount is required") }
        guard let amount = GoodwillService.parseAmount(amountText) else {
            throw UsageError("--amount must be an amount such as 12.50, at most "
                             + "\(GoodwillService.format(GoodwillService.largestAmount, currency: "").dropLast()) (got '\(amountText)')")
        }
        let currency = try args.option("--currency")
        guard let reason = try args.option("--reason") else { throw UsageError("--reason is required: one good reason") }
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        try args.finish()
        let gesture = try session.workspace().goodwill.give(ticketID: id, kind: kind, amount: amount, currency: currency,
                                                            reason: reason)
        if json { return try Output.json(GoodwillJSON(gesture)) }
        let what = "Goodwill #\(gesture.id) on ticket #\(id): \(gesture.kind.rawValue), "
            + GoodwillService.format(gesture.amount, currency: gesture.currency)
        Output.line(what + (gesture.status == .granted ? ", granted" : ", awaiting a lead's approval (over your shift's budget, or off shift)"))
    }

    static let list = Command(
        "goodwill list", "[--status S] [--limit N] [--json]",
        "List goodwill gestures, newest first: everyone's for leads and admins, your own for others.",
        options: [
            "--status S   only \(statuses)",
            "--limit N    at most N (default 100)",
            "--json       JSON array: id, ticket, by, kind, amount (cents), currency, reason, status, decided_by, decided_at, created_at",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let status = try args.option("--status").map { text in
            guard let status = Goodwill.Status(rawValue: text.lowercased()) else {
                throw UsageError("unknown status '\(text)' (\(statuses))")
            }
            return status
        }
        let limit = try args.intOption("--limit", in: 1...100_000) ?? 100
        try args.finish()
        let gestures = try session.workspace().goodwill.list(status: status, limit: limit)
        if json { return try Output.json(gestures.map(GoodwillJSON.init)) }
        guard !gestures.isEmpty else { return Output.line("No goodwill gestures.") }
        var table = Table("ID", "TICKET", "BY", "KIND", "AMOUNT", "STATUS", "REASON", rightAligned: [0, 1, 4])
        for g in gestures {
            table.add(String(g.id), "#\(g.ticketID)", g.by, g.kind.rawValue, GoodwillService.format(g.amount, currency: g.currency),
                      g.status.rawValue + (g.decidedBy.map { " by \($0)" } ?? ""), g.reason)
        }
        table.print()
    }

    static let approve = Command(
        "goodwill approve", "ID [--json]", "Approve a gesture awaiting a lead (leads and admins; not your own)."
    ) { args, session in
        let json = args.flag("--json")
        let id = try ShiftCommands.parseNumber(try args.required("goodwill ID"), "goodwill")
        try args.finish()
        let gesture = try session.workspace().goodwill.approve(id: id)
        if json { return try Output.json(GoodwillJSON(gesture)) }
        Output.line("Approved goodwill #\(id) on ticket #\(gesture.ticketID)")
    }

    static let decline = Command(
        "goodwill decline", "ID --reason R [--json]",
        "Decline a gesture awaiting a lead, saying why (leads and admins; not your own).",
        options: ["--reason R   why: required; it is noted on the ticket"]
    ) { args, session in
        let json = args.flag("--json")
        guard let reason = try args.option("--reason") else { throw UsageError("--reason is required") }
        let id = try ShiftCommands.parseNumber(try args.required("goodwill ID"), "goodwill")
        try args.finish()
        let gesture = try session.workspace().goodwill.decline(id: id, reason: reason)
        if json { return try Output.json(GoodwillJSON(gesture)) }
        Output.line("Declined goodwill #\(id) on ticket #\(gesture.ticketID)")
    }

    static let mark = Command(
        "ticket boundary", "ID --reason R [--json]",
        "Mark the ticket's requester as abusive, with the reason: every ticket of theirs shows it "
            + "(the canned reply is the macro '\(BoundaryService.replyMacro)').",
        options: ["--reason R   what happened: required; marking again replaces it",
                  "--json       the boundary as JSON (as in boundary list)"]
    ) { args, session in
        let json = args.flag("--json")
        guard let reason = try args.option("--reason") else { throw UsageError("--reason is required") }
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        try args.finish()
        let boundary = try session.workspace().boundaries.mark(ticketID: id, reason: reason)
        if json { return try Output.json(BoundaryJSON(boundary, email: nil, openTickets: nil)) }
        Output.line("Marked \(boundary.customerName) (customer #\(boundary.customerID)): \(boundary.reason)")
    }

    static let boundaries = Command(
        "boundary list", "[--json]", "List the requesters marked abusive (support, leads and admins).",
        options: ["--json   JSON array: customer_id, customer, email, reason, set_by, set_at, open_tickets"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        try args.finish()
        let workspace = try session.workspace()
        let marked = try workspace.boundaries.list()
        if json { return try Output.json(marked.map { BoundaryJSON($0.boundary, email: $0.email, openTickets: $0.openTickets) }) }
        guard !marked.isEmpty else { return Output.line("No requesters are marked.") }
        let zone = TimeZone(identifier: workspace.actor.person.timeZone) ?? .gmt
        var table = Table("CUSTOMER", "NAME", "EMAIL", "OPEN", "BY", "SINCE", "REASON", rightAligned: [0, 3])
        for m in marked {
            table.add(String(m.boundary.customerID), m.boundary.customerName, m.email, String(m.openTickets), m.boundary.setBy,
                      Timestamp.local(m.boundary.setAt, timeZone: zone), m.boundary.reason)
        }
        table.print()
    }

    static let clear = Command(
        "boundary clear", "CUSTOMER_ID", "Lift the mark on a requester (support, leads and admins)."
    ) { args, session in
        let id = try ShiftCommands.parseNumber(try args.required("CUSTOMER_ID"), "customer")
        try args.finish()
        try session.workspace().boundaries.clear(customerID: id)
        Output.line("Cleared the boundary on customer #\(id)")
    }
}

struct GoodwillJSON: Encodable {
    let id, ticket, amount: Int
    let by, kind, currency, reason, status, created_at: String
    let decided_by, decided_at: String?

    init(_ g: Goodwill) {
        id = g.id; ticket = g.ticketID; amount = g.amount; by = g.by; kind = g.kind.rawValue; currency = g.currency
        reason = g.reason; status = g.status.rawValue; created_at = Timestamp.iso8601(g.createdAt)
        decided_by = g.decidedBy; decided_at = g.decidedAt.map(Timestamp.iso8601)
    }
}

struct BoundaryJSON: Encodable {
    let customer_id: Int
    let customer, reason, set_by, set_at: String
    let email: String?
    let open_tickets: Int?

    init(_ b: Boundary, email: String?, openTickets: Int?) {
        customer_id = b.customerID; customer = b.customerName; reason = b.reason; set_by = b.setBy
        set_at = Timestamp.iso8601(b.setAt); self.email = email; open_tickets = openTickets
    }
}
