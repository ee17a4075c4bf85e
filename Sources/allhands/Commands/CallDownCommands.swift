import AllHandsCore
import Foundation

/// `calldown plan|list|set|notes`: the weekly executive call-down.
enum CallDownCommands {
    static let states = CallDown.State.allCases.map(\.rawValue).joined(separator: ", ")

    static let plan = Command(
        "calldown plan", "--week YYYY-Www [--json]",
        "Plan a week's call-down (leads and admins): each executive gets calldown.customersPerExecutive customers, "
            + "chosen for a recent bad experience, a long silence, or at random; planning again only fills up.",
        options: ["--week W   the ISO week, such as 2026-W48 (required)",
                  "--json     JSON array of the week's call-downs (as in calldown list), with added: true on new ones"]
    ) { args, session in
        let json = args.flag("--json")
        guard let weekText = try args.option("--week") else { throw UsageError("--week is required (such as 2026-W48)") }
        let week = try parseWeek(weekText)
        try args.finish()
        let plan = try session.workspace().calldowns.plan(week: week)
        let added = Set(plan.added.map(\.id))
        if json { return try Output.json(plan.all.map { CallDownJSON($0, added: added.contains($0.id)) }) }
        Output.line("Call-down \(week): \(English.count(plan.added.count, "customer")) added, "
                    + "\(plan.kept.count) already planned.")
        if !plan.all.isEmpty { table(plan.all) }
    }

    static let list = Command(
        "calldown list", "[--week YYYY-Www] [--exec LOGIN | --all] [--json]",
        "List a week's call-downs: yours, one executive's, or everyone's (anyone may read them).",
        options: ["--week W     the ISO week (default this week, in the company's time zone)",
                  "--exec L     L's list (`me` for yours, the default)",
                  "--all        every executive's list",
                  "--json       JSON array: id, week, executive, customer_id, customer, email, reason, detail, ticket, "
                      + "state, notes, updated_at, version"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json"), all = args.flag("--all")
        let week = try args.option("--week").map(parseWeek)
        let exec = try args.option("--exec")
        try args.finish()
        if all, exec != nil { throw UsageError("give --exec or --all, not both") }
        let workspace = try session.workspace()
        let calls = try workspace.calldowns.list(week: week, executive: exec.map { TicketCommands.login($0, in: workspace) },
                                                 everyone: all)
        if json { return try Output.json(calls.map { CallDownJSON($0) }) }
        let shown = week ?? workspace.calldowns.currentWeek
        guard !calls.isEmpty else {
            let whose = all ? "" : " for \(exec.map { TicketCommands.login($0, in: workspace) } ?? workspace.actor.person.login)"
            return Output.line("No call-downs\(whose) in \(shown).")
        }
        table(calls)
    }

    static let set = Command(
        "calldown set", "ID STATE [--notes TEXT] [--json]",
        "Record a call: its state (\(states)) and, optionally, its notes (your own calls; leads and admins any).",
        options: ["--notes T   replace the notes with T",
                  "--json      the call-down as JSON (as in calldown list)"]
    ) { args, session in
        let json = args.flag("--json")
        let notes = try args.option("--notes")
        let id = try ShiftCommands.parseNumber(try args.required("call-down ID"), "call-down")
        let stateText = try args.required("STATE")
        guard let state = CallDown.State(rawValue: stateText.lowercased()) else {
            throw UsageError("unknown state '\(stateText)' (\(states))")
        }
        try args.finish()
        let call = try session.workspace().calldowns.update(id: id, state: state, notes: notes)
        if json { return try Output.json(CallDownJSON(call)) }
        Output.line("Call-down #\(id) (\(call.customerName)): \(call.state.rawValue)")
    }

    static let notes = Command(
        "calldown notes", "ID [--text TEXT]",
        "Write the notes of a call: --text, or stdin, or $VISUAL/$EDITOR on the notes so far (your own calls; "
            + "leads and admins any).",
        options: ["--text T   the notes (replacing what was there)"]
    ) { args, session in
        let text = try args.option("--text")
        let id = try ShiftCommands.parseNumber(try args.required("call-down ID"), "call-down")
        try args.finish()
        let workspace = try session.workspace()
        let current = try workspace.calldowns.find(id: id)
        let notes = try NotesInput.read(text: text, current: current.notes, what: "notes")
        _ = try workspace.calldowns.update(id: id, notes: notes, expectedVersion: current.version)
        Output.line("Saved the notes of call-down #\(id) (\(current.customerName)).")
    }

    static func parseWeek(_ text: String) throws -> ISOWeek {
        guard let week = ISOWeek(text) else { throw UsageError("'\(text)' is not an ISO week such as 2026-W48") }
        return week
    }

    static func table(_ calls: [CallDown]) {
        var table = Table("ID", "WEEK", "EXEC", "CUSTOMER", "EMAIL", "STATE", "WHY", rightAligned: [0])
        for c in calls {
            table.add(String(c.id), c.week.description, c.executive, c.customerName, c.customerEmail, c.state.rawValue,
                      c.detail)
        }
        table.print()
    }
}

struct CallDownJSON: Encodable {
    let id, customer_id, version: Int
    let week, executive, customer, email, reason, detail, state, notes, updated_at: String
    let ticket: Int?
    /// Only in `calldown plan`: whether this plan added it.
    let added: Bool?

    init(_ c: CallDown, added: Bool? = nil) {
        id = c.id; week = c.week.description; executive = c.executive; customer_id = c.customerID
        customer = c.customerName; email = c.customerEmail; reason = c.reason.rawValue; detail = c.detail
        ticket = c.ticketID; state = c.state.rawValue; notes = c.notes; updated_at = Timestamp.iso8601(c.updatedAt)
        version = c.version; self.added = added
    }
}
