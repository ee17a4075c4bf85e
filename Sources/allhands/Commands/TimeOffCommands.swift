import AllHandsCore
import Foundation

/// `timeoff add|list|remove`: time away from the rota. Anyone for themselves, leads and admins
/// for anyone. Dates are typed in the company's time zone; a date alone as `--to` means
/// through that day.
enum TimeOffCommands {
    static let add = Command(
        "timeoff add", "LOGIN --from DATE --to DATE [--reason TEXT] [--json]",
        "Add time off for LOGIN (`me`; leads and admins for anyone): planned shifts it hits are marked for re-planning.",
        options: [
            "--from D     from this date (midnight) or time: \(ShiftCommands.timeForms)",
            "--to D       up to this time, or through this date (at most 366 days after --from)",
            "--reason R   why (optional; everyone can read it)",
            "--json       object: id, person, starts_at, ends_at, reason, shifts (the planned shifts it hits)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        guard let fromText = try args.option("--from") else { throw UsageError("--from is required") }
        guard let toText = try args.option("--to") else { throw UsageError("--to is required") }
        let reason = try args.option("--reason") ?? ""
        let login = try args.required("LOGIN")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let change = try workspace.timeOff.add(
            login: TicketCommands.login(login, in: workspace),
            from: ShiftTime.parse(fromText, timeZone: zone, what: "--from"),
            to: ShiftTime.parseEnd(toText, timeZone: zone, what: "--to"), reason: reason)
        if json { return try Output.json(TimeOffJSON(change.timeOff, shifts: change.shifts)) }
        let viewer = ShiftCommands.viewerZone(workspace)
        Output.line("Added time off #\(change.timeOff.id) for \(change.timeOff.login): "
                    + TimeOffService.span(change.timeOff, in: viewer))
        if change.shifts.isEmpty { return Output.line("It hits no planned shift.") }
        Output.line("Marked for re-planning (the lead's rebalance moves them): "
                    + change.shifts.map { "#\($0.id) \(ShiftCommands.span($0, in: viewer))" }.joined(separator: "; "))
    }

    static let list = Command(
        "timeoff list", "[--person LOGIN] [--from DATE] [--to DATE] [--json]",
        "List time off that is not over yet (or of a period), everyone's or one person's, earliest first.",
        options: [
            "--person L   only L's (`me` for yours)",
            "--from D     time off that ends after this date or time (default now)",
            "--to D       time off that starts before this time, or by the end of this date",
            "--json       JSON array: id, person, starts_at, ends_at, reason",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let person = try args.option("--person")
        let fromText = try args.option("--from"), toText = try args.option("--to")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let period = try ShiftCommands.period(from: fromText, to: toText, timeZone: zone)
        let from = period.from ?? session.clock.epochSeconds, to = period.to
        if let to, to <= from { throw UsageError("--to must come after --from") }
        let list = try workspace.timeOff.list(login: person.map { TicketCommands.login($0, in: workspace) }, from: from, to: to)
        if json { return try Output.json(list.map { TimeOffJSON($0) }) }
        guard !list.isEmpty else { return Output.line("No time off in that period.") }
        let viewer = ShiftCommands.viewerZone(workspace)
        var table = Table("ID", "PERSON", "WHEN", "REASON", rightAligned: [0])
        for timeOff in list {
            table.add(String(timeOff.id), timeOff.login, TimeOffService.span(timeOff, in: viewer), timeOff.reason)
        }
        table.print()
    }

    static let remove = Command(
        "timeoff remove", "ID [--json]",
        "Remove time off that is not over (your own; leads and admins anyone's). The shifts it marked are unmarked.",
        options: ["--json   object as in timeoff add; shifts: those no longer marked"]
    ) { args, session in
        let json = args.flag("--json")
        let id = try ShiftCommands.parseNumber(try args.required("time off ID"), "time off")
        try args.finish()
        let workspace = try session.workspace()
        let change = try workspace.timeOff.remove(id: id)
        if json { return try Output.json(TimeOffJSON(change.timeOff, shifts: change.shifts)) }
        let unmarked = change.shifts.map { "#\($0.id)" }.joined(separator: ", ")
        Output.line("Removed time off #\(id) of \(change.timeOff.login)" + (unmarked.isEmpty ? "" : "; no longer marked: \(unmarked)"))
    }
}

struct TimeOffJSON: Encodable {
    let id: Int
    let person, starts_at, ends_at, reason: String
    /// The shifts an add hits or a remove unmarks; left out of listings.
    let shifts: [Int]?

    init(_ t: TimeOff, shifts: [Shift]? = nil) {
        id = t.id; person = t.login; starts_at = Timestamp.iso8601(t.startsAt); ends_at = Timestamp.iso8601(t.endsAt)
        reason = t.reason; self.shifts = shifts?.map(\.id)
    }
}
