import AllHandsCore
import Foundation

/// Working tickets from scripts: create, claim, release, assign, status, priority, tags.
enum TicketWorkCommands {
    static let new = Command(
        "ticket new", "--requester EMAIL [--name NAME] --subject S [--priority P] [--json] < MESSAGE",
        "Open a ticket for a customer; their first message is read from stdin. Prints its number.",
        options: [
            "For a phone call, a chat hand-off or an internal report. The message counts as the customer's.",
            "--requester EMAIL   the customer, found by email or added",
            "--name NAME         the customer's name when they are new (default: the address before @)",
            "--subject S         one line, at most \(FieldLimits.subject) characters",
            "--priority P        urgent, high, normal or low (default normal)",
            "--json              print the new ticket as in ticket list",
        ]
    ) { args, session in
        let json = args.flag("--json")
        guard let email = try args.option("--requester") else { throw UsageError("--requester EMAIL is required") }
        guard let subject = try args.option("--subject") else { throw UsageError("--subject is required") }
        let name = try args.option("--name")
        let priority = try args.option("--priority").map(TicketCommands.parsePriority) ?? .normal
        try args.finish()
        let body = try MessageInput.read("first message")
        let ticket = try session.workspace().tickets.create(requesterEmail: email, requesterName: name, subject: subject,
                                                              body: body, priority: priority)
        if json { return try Output.json(TicketJSON(ticket)) }
        Output.line(String(ticket.id))
        Output.note("Opened ticket #\(ticket.id) for \(ticket.requesterName) (\(ticket.priority.name)"
                    + (ticket.assigneeLogin.map { ", assigned to \($0)" } ?? ", unassigned") + ")")
    }

    static let claim = Command(
        "ticket claim", "ID... [--json]",
        "Take unassigned tickets for yourself; if someone was first, says who (exit 75).",
        options: ["Each ticket is claimed on its own; a new one becomes open. A ticket someone else holds is left as it is.",
                  "--json   JSON array of the tickets you now hold, as in ticket list"]
    ) { args, session in
        let json = args.flag("--json")
        var ids = [try TicketCommands.parseID(try args.required("ticket ID"))]
        while let word = args.word() { ids.append(try TicketCommands.parseID(word)) }
        try args.finish()
        let workspace = try session.workspace()
        var claimed: [Ticket] = []
        var failure: AllHandsError?
        for id in ids {
            do {
                let ticket = try workspace.tickets.claim(id: id)
                claimed.append(ticket)
                if !json { Output.line("#\(ticket.id) is yours (\(ticket.status.rawValue), version \(ticket.version))") }
            } catch let error as AllHandsError {
                if case .database = error { throw error }
                Output.error(error.description)
                failure = failure ?? error
            }
        }
        if json { try Output.json(claimed.map(TicketJSON.init)) }
        if let failure {
            throw CLIFailure(ExitCode.code(for: failure),
                             "\(ids.count - claimed.count) of \(English.count(ids.count, "ticket")) not claimed")
        }
    }

    static let release = Command(
        "ticket release", "ID [--json]",
        "Give a ticket back to the queue.",
        options: ["Releasing someone else's ticket needs the right to assign others (support, leads, admins).",
                  "--json   print the ticket as in ticket list"]
    ) { args, session in
        let json = args.flag("--json")
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        try args.finish()
        try report(try session.workspace().tickets.release(id: id), json: json)
    }

    static let assign = Command(
        "ticket assign", "ID LOGIN|me|none [--expect-version N] [--json]",
        "Assign a ticket to someone, to yourself (me) or to nobody (none).",
        options: ["Giving a ticket to someone else, or taking it from them, needs the right to assign others.",
                  "--expect-version N   compare-and-set: refuse (exit 75) if the ticket is no longer at version N",
                  "--json               print the ticket as in ticket list"]
    ) { args, session in
        let json = args.flag("--json")
        let version = try args.intOption("--expect-version", in: 1...Int.max)
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        let who = try args.required("LOGIN, me or none")
        try args.finish()
        let workspace = try session.workspace()
        let login = who == "none" ? nil : TicketCommands.login(who, in: workspace)
        try report(try workspace.tickets.assign(id: id, to: login, expectedVersion: version), json: json)
    }

    static let status = versionedChange(
        "ticket status", value: "STATUS", "Set a ticket's status: open, pending, solved or closed.",
        notes: ["Solving needs a tag of each dimension the config requires; closed is final."],
        parse: TicketCommands.parseStatus
    ) { workspace, id, status, version in try workspace.tickets.setStatus(id: id, status, expectedVersion: version) }

    static let priority = versionedChange(
        "ticket priority", value: "PRIORITY", "Set a ticket's priority: urgent, high, normal or low.",
        parse: TicketCommands.parsePriority
    ) { workspace, id, priority, version in try workspace.tickets.setPriority(id: id, priority, expectedVersion: version) }

    /// `ticket WORD ID VALUE [--expect-version N] [--json]`: one field of a ticket, compare-and-set
    /// when a version is given, the changed ticket printed.
    private static func versionedChange<Value>(
        _ words: String, value: String, _ summary: String, notes: [String] = [],
        parse: @escaping @Sendable (String) throws -> Value,
        apply: @escaping @Sendable (Workspace, Int, Value, Int?) throws -> Ticket
    ) -> Command {
        Command(words, "ID \(value) [--expect-version N] [--json]", summary,
                options: notes + ["--expect-version N   compare-and-set: refuse (exit 75) if the ticket is no longer at version N",
                                  "--json               print the ticket as in ticket list"]) { args, session in
            let json = args.flag("--json")
            let version = try args.intOption("--expect-version", in: 1...Int.max)
            let id = try TicketCommands.parseID(try args.required("ticket ID"))
            let parsed = try parse(try args.required(value))
            try args.finish()
            try report(try apply(try session.workspace(), id, parsed, version), json: json)
        }
    }

    static let tag = Command(
        "ticket tag", "ID TAG... [--json]",
        "Add tags; a name outside the taxonomy becomes a free tag.",
        options: ["Taxonomy tags by name (billing) or with their dimension (area:billing); any other name "
                    + "(lower-case letters, digits, - and _) becomes a free tag, and the output says so.",
                  "--json   object: ticket (as in ticket list), changed (tags added), unchanged (already there), free"]
    ) { args, session in
        let json = args.flag("--json")
        let (id, names) = try tagArguments(&args)
        let result = try session.workspace().tickets.tag(id: id, names)
        if json { return try Output.json(TagChangeJSON(result)) }
        var parts: [String] = []
        if !result.changed.isEmpty {
            parts.append("added " + result.changed.map { result.free.contains($0) ? "\($0) (free tag)" : $0 }.joined(separator: ", "))
        }
        if !result.unchanged.isEmpty { parts.append("already had " + result.unchanged.joined(separator: ", ")) }
        Output.line("#\(id): " + parts.joined(separator: "; ") + " · tags now \(tagList(result.ticket))")
    }

    static let untag = Command(
        "ticket untag", "ID TAG... [--json]", "Remove tags (by name or dimension:name).",
        options: ["--json   object: ticket (as in ticket list), changed (tags removed), unchanged (not there), free (empty)"]
    ) { args, session in
        let json = args.flag("--json")
        let (id, names) = try tagArguments(&args)
        let result = try session.workspace().tickets.untag(id: id, names)
        if json { return try Output.json(TagChangeJSON(result)) }
        var parts: [String] = []
        if !result.changed.isEmpty { parts.append("removed " + result.changed.joined(separator: ", ")) }
        if !result.unchanged.isEmpty { parts.append("did not have " + result.unchanged.joined(separator: ", ")) }
        Output.line("#\(id): " + parts.joined(separator: "; ") + " · tags now \(tagList(result.ticket))")
    }

    private static func tagArguments(_ args: inout Arguments) throws -> (Int, [String]) {
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        var names = [try args.required("TAG")]
        while let word = args.word() { names.append(word) }
        try args.finish()
        return (id, names)
    }

    static func tagList(_ ticket: Ticket) -> String {
        ticket.tags.isEmpty ? "none" : ticket.tags.joined(separator: ", ")
    }

    /// One line about the ticket after a change, or the ticket as JSON.
    static func report(_ t: Ticket, json: Bool) throws {
        if json { return try Output.json(TicketJSON(t)) }
        Output.line("#\(t.id) is \(t.status.rawValue), \(t.priority.name), assigned to \(t.assigneeLogin ?? "nobody") "
                    + "(version \(t.version))")
    }
}
