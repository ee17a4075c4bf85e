import AllHandsCore
import Foundation
import TerminalUI

enum TicketCommands {
    static let list = Command(
        "ticket list", "[--status S] [--tag T] [--assignee LOGIN|me|none] [--limit N] [--json]",
        "List tickets in queue order: most urgent first, then oldest first.",
        options: [
            "--status S     new, open, pending, solved, closed, a comma list, active or all (default: active = new,open,pending)",
            "--tag T        only tickets with this tag (billing or area:billing)",
            "--assignee A   only tickets assigned to this login, 'me', or 'none' for unassigned",
            "--limit N      at most N tickets (default 50)",
            "--json         JSON array: id, subject, status, priority, requester, assignee, tags, created_at, updated_at, version",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        var filter = TicketFilter()
        if let status = try args.option("--status") { filter.statuses = try parseStatuses(status) }
        filter.tag = try args.option("--tag")
        let assignee = try args.option("--assignee")
        let limit = try args.intOption("--limit", in: 1...1_000_000) ?? 50
        try args.finish()

        let workspace = try session.workspace()
        if let assignee {
            filter.assignee = assignee == "none" ? .unassigned : .login(login(assignee, in: workspace))
        }
        let extent: ListingExtent
        if json {
            // Streamed row by row: a million tickets cost one page of memory.
            let stream = JSONArrayStream()
            extent = try workspace.tickets.forEach(filter, limit: limit) { stream.append(TicketJSON($0)) }
            stream.finish()
        } else {
            let now = session.clock.epochSeconds
            var table = Table("ID", "PRIORITY", "STATUS", "AGE", "ASSIGNEE", "TAGS", "SUBJECT", rightAligned: [0, 3])
            extent = try workspace.tickets.forEach(filter, limit: limit) { t in
                table.add(String(t.id), t.priority.name, t.status.rawValue, Timestamp.age(from: t.createdAt, to: now),
                          t.assigneeLogin ?? "-", t.tags.joined(separator: ","), t.subject)
            }
            if table.isEmpty { Output.line("No tickets match.") } else { table.print() }
        }
        if extent.isCut { Output.note("(\(extent.shown) of \(extent.total) shown; --limit N for more)") }
    }

    static let show = Command(
        "ticket show", "ID [--json]", "Show one ticket with its whole thread.",
        options: ["--json   object: ticket (as in ticket list), requester {name, email, organization}, "
                  + "messages [{id, kind, author, body, created_at}]"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let id = try parseID(try args.required("ticket ID"))
        try args.finish()
        let workspace = try session.workspace()
        let detail = try workspace.tickets.detail(id: id)
        if json { return try Output.json(TicketDetailJSON(detail)) }
        let zone = TimeZone(identifier: workspace.actor.person.timeZone) ?? .current
        let t = detail.ticket
        Output.line("#\(t.id)  \(Sanitizer.clean(t.subject))")
        Output.line("status \(t.status.rawValue) · priority \(t.priority.name) · assignee \(t.assigneeLogin ?? "none") · version \(t.version)")
        Output.line("from \(Sanitizer.clean(detail.requester.name)) <\(Sanitizer.clean(detail.requester.email))>"
                    + (detail.requester.organization.isEmpty ? "" : ", \(Sanitizer.clean(detail.requester.organization))"))
        Output.line("created \(Timestamp.localWithZone(t.createdAt, timeZone: zone)) · tags \(t.tags.isEmpty ? "none" : Sanitizer.clean(t.tags.joined(separator: ", ")))")
        for m in detail.messages {
            Output.line()
            Output.line("── \(m.kind.label.lowercased()) · \(Sanitizer.clean(m.author)) · \(Timestamp.localWithZone(m.createdAt, timeZone: zone))")
            for line in Sanitizer.lines(m.body) { Output.line("   " + line) }
        }
    }

    static let update = Command(
        "ticket update", "ID [--status S] [--priority P] [--assignee LOGIN|me|none] [--expect-version N] [--json]",
        "Change a ticket's status, priority or assignee. With --expect-version, only if nobody changed it since.",
        options: [
            "--status S           new, open, pending, solved or closed",
            "--priority P         urgent, high, normal or low",
            "--assignee A         a login, 'me', or 'none' to unassign",
            "--expect-version N   compare-and-set: refuse (exit 75) if the ticket is no longer at version N",
            "--json               print the updated ticket as JSON",
        ]
    ) { args, session in
        let json = args.flag("--json")
        var change = TicketChange()
        if let s = try args.option("--status") {
            guard let status = TicketStatus(rawValue: s.lowercased()) else {
                throw UsageError("unknown status '\(s)' (\(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            change.status = status
        }
        if let p = try args.option("--priority") {
            guard let priority = Priority(name: p) else {
                throw UsageError("unknown priority '\(p)' (\(Priority.allCases.map(\.name).joined(separator: ", ")))")
            }
            change.priority = priority
        }
        let assignee = try args.option("--assignee")
        let expected = try args.intOption("--expect-version", in: 1...Int.max)
        let id = try parseID(try args.required("ticket ID"))
        try args.finish()
        guard !change.isEmpty || assignee != nil else {
            throw UsageError("nothing to change: give --status, --priority or --assignee")
        }
        let workspace = try session.workspace()
        if let assignee { change.assignee = assignee == "none" ? .unassign : .login(login(assignee, in: workspace)) }
        let ticket = try workspace.tickets.update(id: id, expectedVersion: expected, change)
        if json { return try Output.json(TicketJSON(ticket)) }
        Output.line("#\(ticket.id) is \(ticket.status.rawValue), \(ticket.priority.name), assigned to "
                    + "\(ticket.assigneeLogin ?? "nobody") (version \(ticket.version))")
    }

    static func parseID(_ text: String) throws -> Int {
        guard let id = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw UsageError("'\(text)' is not a ticket number")
        }
        return id
    }

    /// `me` is the acting person (the one `--as` names, else you); any other word is a login.
    static func login(_ word: String, in workspace: Workspace) -> String {
        word == "me" ? workspace.actor.person.login : word
    }

    /// Every word `--status` accepts, for its help and its errors.
    static let statusWords = TicketStatus.allCases.map(\.rawValue) + ["active", "all"]

    static func parseStatuses(_ text: String) throws -> TicketFilter.Statuses {
        switch text.lowercased() {
        case "all": return .all
        case "active": return .active
        default:
            var set = Set<TicketStatus>()
            for name in text.lowercased().split(separator: ",") {
                guard let status = TicketStatus(rawValue: String(name)) else {
                    throw UsageError("unknown status '\(name)' (valid: \(statusWords.joined(separator: ", ")), or a comma list)")
                }
                set.insert(status)
            }
            guard !set.isEmpty else { throw UsageError("--status needs a value") }
            return .only(set)
        }
    }
}
