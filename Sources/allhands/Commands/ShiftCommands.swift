import AllHandsCore
import Foundation

/// `shift add|list|remove|assign|unassign|end|me`: the rota from scripts. Times are typed in the
/// company's time zone (the config's `company.timeZone`) and shown in the viewer's.
enum ShiftCommands {
    static let timeForms = "\"2026-11-24 09:00\" in the company's time zone, or an instant such as 2026-11-24T14:00Z"

    static let add = Command(
        "shift add", "--start TIME --end TIME [--seats MIN[-MAX]] [--label L] [--people LOGIN,…] [--json]",
        "Add a shift (leads and admins), with the people in its seats.",
        options: [
            "--start T      when it starts: \(timeForms)",
            "--end T        when it ends (at most 24 hours later)",
            "--seats N      seats as MIN-MAX, or N for exactly N (default 1, or as many as --people)",
            "--label L      a name such as \"Tue morning\"",
            "--people L     comma-separated logins; nobody may sit in two overlapping shifts",
            "--json         the shift as JSON (as in shift list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        guard let startText = try args.option("--start") else { throw UsageError("--start is required") }
        guard let endText = try args.option("--end") else { throw UsageError("--end is required") }
        let seatsText = try args.option("--seats")
        let label = try args.option("--label") ?? ""
        let people = try args.option("--people").map(logins) ?? []
        try args.finish()
        let seats = try seatsText.map(parseSeats) ?? (min: 1, max: max(1, people.count))
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let shift = try workspace.shifts.add(
            startsAt: ShiftTime.parse(startText, timeZone: zone, what: "--start"),
            endsAt: ShiftTime.parse(endText, timeZone: zone, what: "--end"),
            minSeats: seats.min, maxSeats: seats.max, label: label, people: people)
        if json { return try Output.json(ShiftJSON(shift)) }
        Output.line("Added shift #\(shift.id): \(span(shift, in: viewerZone(workspace))), "
                    + "\(seatsLabel(shift)), \(shift.people.isEmpty ? "nobody in it yet" : shift.people.joined(separator: ", "))")
    }

    static let list = Command(
        "shift list", "[--from DATE] [--to DATE] [--json]",
        "List the shifts of a period (default: this week, Monday to Sunday in company time) with who is in them.",
        options: [
            "--from D   from this date or time (company time; default Monday 00:00 this week)",
            "--to D     up to this time, or to the end of this date (default a week after --from)",
            "--json     JSON array: id, starts_at, ends_at, min_seats, max_seats, label, people",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let fromText = try args.option("--from"), toText = try args.option("--to")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let period = try period(from: fromText, to: toText, timeZone: zone)
        let from = period.from ?? ShiftTime.weekStart(containing: session.clock.epochSeconds, timeZone: zone)
        let to = period.to ?? (ShiftTime.midnights(from: from, days: 7, timeZone: zone).last ?? from)
        guard to > from else { throw UsageError("--to must come after --from") }
        let shifts = try workspace.shifts.list(from: from, to: to)
        if json { return try Output.json(shifts.map(ShiftJSON.init)) }
        guard !shifts.isEmpty else { return Output.line("No shifts in that period.") }
        let viewer = viewerZone(workspace)
        var table = Table("ID", "WHEN", "SEATS", "LABEL", "PEOPLE", rightAligned: [0])
        for shift in shifts {
            table.add(String(shift.id), span(shift, in: viewer), seatsLabel(shift), shift.label,
                      shift.people.isEmpty ? "-" : shift.people.joined(separator: ", "))
        }
        table.print()
    }

    static let remove = Command(
        "shift remove", "ID", "Remove a shift that is not over yet, with its seats (leads and admins)."
    ) { args, session in
        let id = try parseNumber(try args.required("shift ID"), "shift")
        try args.finish()
        try session.workspace().shifts.remove(id: id)
        Output.line("Removed shift #\(id)")
    }

    static let assign = Command(
        "shift assign", "ID LOGIN", "Put someone in a free seat of a shift (leads and admins)."
    ) { args, session in
        let id = try parseNumber(try args.required("shift ID"), "shift")
        let login = try args.required("LOGIN")
        try args.finish()
        let workspace = try session.workspace()
        let shift = try workspace.shifts.assign(TicketCommands.login(login, in: workspace), toShift: id)
        Output.line("Shift #\(shift.id): \(shift.people.joined(separator: ", "))")
    }

    static let unassign = Command(
        "shift unassign", "ID LOGIN", "Take someone out of a shift that is not over (leads and admins)."
    ) { args, session in
        let id = try parseNumber(try args.required("shift ID"), "shift")
        let login = try args.required("LOGIN")
        try args.finish()
        let workspace = try session.workspace()
        let shift = try workspace.shifts.unassign(TicketCommands.login(login, in: workspace), fromShift: id)
        Output.line("Shift #\(shift.id): \(shift.people.isEmpty ? "nobody in it" : shift.people.joined(separator: ", "))")
    }

    static let end = Command(
        "shift end", "[--handoff LOGIN] [--note TEXT] [--json]",
        "End your shift now: every open ticket you hold goes back to the queue, or with --handoff to LOGIN with a note.",
        options: [
            "--handoff L   hand every open ticket to L (e.g. someone on the next shift; see shift me)",
            "--note TEXT   added to the internal note left on each ticket",
            "--json        object: shifts, released, handed_off [{ticket, to}]",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let handoff = try args.option("--handoff")
        let note = try args.option("--note") ?? ""
        try args.finish()
        let workspace = try session.workspace()
        let result = try workspace.shifts.end(
            otherwise: Handoff(to: handoff.map { TicketCommands.login($0, in: workspace) }, note: note))
        if json { return try Output.json(ShiftEndJSON(result)) }
        Output.line("Ended your shift (\(result.shiftIDs.map { "#\($0)" }.joined(separator: ", "))).")
        if !result.released.isEmpty {
            Output.line("Released to the queue: \(result.released.map { "#\($0)" }.joined(separator: ", "))")
        }
        for (login, handed) in Dictionary(grouping: result.handedOff, by: \.to).sorted(by: { $0.key < $1.key }) {
            Output.line("Handed to \(login): \(handed.map { "#\($0.ticketID)" }.joined(separator: ", "))")
        }
        if result.released.isEmpty && result.handedOff.isEmpty { Output.line("You held no open tickets.") }
    }

    static let me = Command(
        "shift me", "[--json]",
        "Where you stand: on shift until when, or when your next shift starts; your open tickets, goodwill budget and who could take over.",
        options: ["--json   object: on_shift, until, next_shift, open_tickets, goodwill_left, handoff_candidates"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        try args.finish()
        let workspace = try session.workspace()
        let overview = try workspace.rotation.overview()
        let tickets = try workspace.shifts.myOpenTickets().map(\.id)
        let budget = try workspace.goodwill.budget()
        let candidates = try workspace.shifts.handoffCandidates().map(\.login)
        if json {
            return try Output.json(StandingJSON(overview: overview, tickets: tickets, budget: budget, candidates: candidates))
        }
        let zone = viewerZone(workspace)
        var standing = overview.myShiftEnds.map { "On shift until \(Timestamp.localWithZone($0, timeZone: zone))" } ?? "Off shift"
        standing += overview.myNextShift.map { "; next shift \(Timestamp.localWithZone($0, timeZone: zone))" } ?? "; no next shift planned"
        Output.line(standing)
        Output.line("Open tickets you hold: \(tickets.isEmpty ? "none" : tickets.map { "#\($0)" }.joined(separator: ", "))")
        Output.line("Goodwill you may give alone: "
                    + GoodwillService.format(budget.left, currency: budget.currency))
        Output.line("Could take over: \(candidates.isEmpty ? "nobody on the next shift" : candidates.joined(separator: ", "))")
    }

    // MARK: - Helpers

    /// A positive number, `#` allowed in front: `what` names it in the error ("shift").
    static func parseNumber(_ text: String, _ what: String) throws -> Int {
        guard let id = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw UsageError("'\(text)' is not \(English.withArticle(what)) number")
        }
        return id
    }

    static func logins(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `2` (exactly two) or `1-3`.
    static func parseSeats(_ text: String) throws -> (min: Int, max: Int) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1: if let n = parts[0] { return (n, n) }
        case 2: if let low = parts[0], let high = parts[1] { return (low, high) }
        default: break
        }
        throw UsageError("--seats must be MIN-MAX or a number, such as 1-3 or 2 (got '\(text)')")
    }

    /// A period typed as `--from`/`--to` in the company's zone, either side optional: `--from` as
    /// `ShiftTime.parse` reads it, `--to` as `ShiftTime.parseEnd` does; refused when it ends before it starts.
    static func period(from fromText: String?, to toText: String?, timeZone zone: TimeZone) throws -> (from: Int64?, to: Int64?) {
        let from = try fromText.map { try ShiftTime.parse($0, timeZone: zone, what: "--from") }
        let to = try toText.map { try ShiftTime.parseEnd($0, timeZone: zone, what: "--to") }
        if let from, let to, to <= from { throw UsageError("--to must come after --from") }
        return (from, to)
    }

    static func viewerZone(_ workspace: Workspace) -> TimeZone {
        TimeZone(identifier: workspace.actor.person.timeZone) ?? .gmt
    }

    /// `2026-11-24 09:00 EST to 12:00 EST` (or to another day's date and time).
    static func span(_ shift: Shift, in zone: TimeZone) -> String {
        let start = Timestamp.localWithZone(shift.startsAt, timeZone: zone)
        let end = Timestamp.localWithZone(shift.endsAt, timeZone: zone)
        let sameDay = start.prefix(10) == end.prefix(10)
        return "\(start) to \(sameDay ? Timestamp.clock(shift.endsAt, timeZone: zone) : end)"
    }

    static func seatsLabel(_ shift: Shift) -> String {
        shift.minSeats == shift.maxSeats ? English.count(shift.maxSeats, "seat") : "\(shift.minSeats)-\(shift.maxSeats) seats"
    }
}

struct ShiftJSON: Encodable {
    struct Seat: Encodable {
        let login, role, source: String
        let paired_with, conflict: String?
    }
    let id: Int
    let starts_at, ends_at, label, template: String
    let min_seats, max_seats: Int
    let buddy_required: Bool
    let people: [String]
    let assignments: [Seat]

    init(_ s: Shift) {
        id = s.id; starts_at = Timestamp.iso8601(s.startsAt); ends_at = Timestamp.iso8601(s.endsAt); label = s.label
        template = s.template; min_seats = s.minSeats; max_seats = s.maxSeats; buddy_required = s.buddyRequired
        people = s.people
        assignments = s.assignments.map { Seat(login: $0.login, role: $0.role.rawValue, source: $0.source.rawValue,
                                                paired_with: $0.pairedWith, conflict: $0.conflict) }
    }
}

struct ShiftEndJSON: Encodable {
    struct HandedOff: Encodable { let ticket: Int; let to: String }
    let shifts, released: [Int]
    let handed_off: [HandedOff]

    init(_ r: ShiftEnd) {
        shifts = r.shiftIDs; released = r.released
        handed_off = r.handedOff.map { HandedOff(ticket: $0.ticketID, to: $0.to) }
    }
}

struct StandingJSON: Encodable {
    let on_shift: Bool
    let until, next_shift: String?
    let open_tickets: [Int]
    /// Cents; left out when nothing limits it (leads and admins).
    let goodwill_left: Int
    let handoff_candidates: [String]

    init(overview: RotationOverview, tickets: [Int], budget: GoodwillBudget, candidates: [String]) {
        on_shift = overview.meOnShift
        until = overview.myShiftEnds.map(Timestamp.iso8601)
        next_shift = overview.myNextShift.map(Timestamp.iso8601)
        open_tickets = tickets
        goodwill_left = budget.left
        handoff_candidates = candidates
    }
}
