import AllHandsCore
import Foundation
import TerminalUI

enum TicketCommands {
    static let list = Command(
        "ticket list", "[--view V] [--sort S] [--status S] [--tag T] [--assignee LOGIN|me|none] [--limit N] [--json]",
        "List the tickets of a view (default: all open), most urgent first unless sorted otherwise.",
        options: [
            "--view V       \(viewWords): what the console's view bar shows (tag:NAME is the active tickets with a tag)",
            "--sort S       \(TicketSort.allCases.map { "\($0.name) (\($0.summary))" }.joined(separator: ", "))",
            "--status S     new, open, pending, solved, closed, a comma list, active or all (default: active = new,open,pending)",
            "--tag T        only tickets with this tag (billing or area:billing)",
            "--assignee A   only tickets assigned to this login, 'me', or 'none' for unassigned",
            "--limit N      at most N tickets (default 50)",
            "--json         JSON array: id, subject, status, priority, requester, assignee, tags, created_at, updated_at, "
                + "first_response_at and solved_at (when set), version",
            "The SLA column says how long is left to the first response (in 3h; in 20m! when close), how late it is, or met.",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let view = try args.option("--view").map(parseView)
        let sort = try args.option("--sort").map(parseSort)
        let status = try args.option("--status").map(parseStatuses)
        let tag = try args.option("--tag")
        let assignee = try args.option("--assignee")
        let limit = try args.intOption("--limit", in: 1...1_000_000) ?? 50
        try args.finish()

        let workspace = try session.workspace()
        // The view gives the starting filter; each option given narrows or replaces its part.
        var filter = workspace.tickets.filter(for: view ?? .allOpen, sort: sort)
        if let status { filter.statuses = status }
        if let tag { filter.tag = tag }
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
            let sla = workspace.config.sla
            var table = Table("ID", "PRIORITY", "STATUS", "AGE", "SLA", "ASSIGNEE", "TAGS", "SUBJECT", rightAligned: [0, 3])
            extent = try workspace.tickets.forEach(filter, limit: limit) { t in
                table.add(String(t.id), t.priority.name, t.status.rawValue, Timestamp.age(from: t.createdAt, to: now),
                          slaCell(SLA.state(t, sla, now: now)), t.assigneeLogin ?? "-", t.tags.joined(separator: ","), t.subject)
            }
            if table.isEmpty { Output.line("No tickets match.") } else { table.print() }
        }
        if extent.isCut { Output.note("(\(extent.shown) of \(extent.total) shown; --limit N for more)") }
    }

    static let views = Command(
        "ticket views", "[--tag T] [--json]", "How many tickets each view holds (the console's view bar).",
        options: ["--tag T    add the view of the active tickets with this tag",
                  "--json     JSON array: view (the word --view takes), title, count"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let tag = try args.option("--tag")
        try args.finish()
        let counts = try session.workspace().tickets.viewCounts(tag: tag)
        if json { return try Output.json(counts.map(ViewCountJSON.init)) }
        var table = Table("VIEW", "TICKETS", "LIST WITH", rightAligned: [1])
        for c in counts { table.add(c.view.title, String(c.count), "--view \(c.view.name)") }
        table.print()
    }

    /// The SLA column: time left to the first response, how late it is, or met.
    static func slaCell(_ status: SLAStatus?) -> String {
        guard let status else { return "-" }
        switch status.state {
        case .met: return "met"
        case .ok: return "in " + Timestamp.age(from: 0, to: status.seconds)
        case .approaching: return "in " + Timestamp.age(from: 0, to: status.seconds) + "!"
        case .late: return "late " + Timestamp.age(from: 0, to: -status.seconds)
        }
    }

    static let show = Command(
        "ticket show", "ID [--json]", "Show one ticket with its whole thread, and your draft on it if you left one.",
        options: ["--json   object: ticket (as in ticket list), requester {name, email, organization}, "
                  + "messages [{id, ticket, kind, author, body, created_at}], drafts [{kind, body, updated_at}] (yours), "
                  + "goodwill (as in goodwill list), boundary {customer_id, customer, reason, set_by, set_at} or absent, "
                  + "presence [{login, activity, seen_at}]"],
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
        Output.line(responseLine(t, sla: workspace.config.sla, now: session.clock.epochSeconds, zone: zone))
        if let b = detail.boundary {
            Output.line("boundary: conduct marked abusive by \(Sanitizer.clean(b.setBy)): \(Sanitizer.clean(b.reason))")
        }
        for g in detail.goodwill {
            Output.line("goodwill \(g.id): \(g.kind.rawValue) \(GoodwillService.format(g.amount, currency: g.currency)) by "
                        + "\(Sanitizer.clean(g.by)), \(g.status.rawValue): \(Sanitizer.clean(g.reason))")
        }
        for p in detail.presence {
            Output.line("\(Sanitizer.clean(p.login)) is \(p.activity == .composing ? "writing a reply" : "looking at it") now")
        }
        for m in detail.messages {
            Output.line()
            Output.line("── \(m.kind.label.lowercased()) \(m.id) · \(Sanitizer.clean(m.author)) · \(Timestamp.localWithZone(m.createdAt, timeZone: zone))")
            for line in Sanitizer.lines(m.body) { Output.line("   " + line) }
        }
        for draft in detail.drafts {
            Output.line()
            Output.line("── your unsent draft (\(draft.kind.rawValue)) · \(Timestamp.localWithZone(draft.updatedAt, timeZone: zone))")
            for line in Sanitizer.lines(draft.body) { Output.line("   " + line) }
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
        change.status = try args.option("--status").map(parseStatus)
        change.priority = try args.option("--priority").map(parsePriority)
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

    /// First response and resolution: when, and how long after the ticket came in.
    static func responseLine(_ t: Ticket, sla: Configuration.SLA, now: Int64, zone: TimeZone) -> String {
        var parts: [String] = []
        if let first = t.firstResponseAt {
            parts.append("first response after \(Timestamp.age(from: t.createdAt, to: first))")
        } else if let state = SLA.state(t, sla, now: now) {
            parts.append("first response " + (state.state == .late ? "late by \(Timestamp.age(from: state.due, to: now))"
                : "due \(Timestamp.localWithZone(state.due, timeZone: zone))"))
        } else {
            parts.append("no public reply")
        }
        if let solved = t.solvedAt { parts.append("solved after \(Timestamp.age(from: t.createdAt, to: solved))") }
        return parts.joined(separator: " · ")
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

    static let viewWords = TicketView.bar.map(\.name).joined(separator: ", ") + ", tag:NAME"

    static func parseView(_ text: String) throws -> TicketView {
        guard let view = TicketView(name: text) else { throw UsageError("unknown view '\(text)' (valid: \(viewWords))") }
        return view
    }

    static func parseSort(_ text: String) throws -> TicketSort {
        guard let sort = TicketSort(name: text) else {
            throw UsageError("unknown sort '\(text)' (valid: \(TicketSort.allCases.map(\.name).joined(separator: ", ")))")
        }
        return sort
    }

    static func parseStatus(_ text: String) throws -> TicketStatus {
        guard let status = TicketStatus(rawValue: text.lowercased()) else {
            throw UsageError("unknown status '\(text)' (\(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return status
    }

    static func parsePriority(_ text: String) throws -> Priority {
        guard let priority = Priority(name: text) else {
            throw UsageError("unknown priority '\(text)' (\(Priority.allCases.map(\.name).joined(separator: ", ")))")
        }
        return priority
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
