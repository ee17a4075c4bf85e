import AllHandsCore
import Foundation

/// `rotation plan|rebalance|check|show|fairness|prefer`: the support lead's planning from
/// scripts. Dates are read in the company's time zone; times are shown in the viewer's.
enum RotationCommands {
    static let rangeOptions = [
        "--from D   from this date or time (company time; default today)",
        "--to D     up to this time, or through this date (default 13 weeks after --from)",
    ]

    static let plan = Command(
        "rotation plan", "[--from DATE] [--to DATE] [--json]",
        "Create the template shifts of a range and fill them fairly (leads and admins). Keeps every seat already planned.",
        options: rangeOptions + ["--json     object: shifts_created, added, removed, moved, affected, problems"]
    ) { args, session in
        let json = args.flag("--json")
        let (workspace, from, to) = try range(&args, session)
        try args.finish()
        let summary = try workspace.planner.plan(from: from, to: to)
        if json { return try Output.json(PlanSummaryJSON(summary)) }
        printSummary(summary, verb: "Planned", workspace: workspace)
    }

    static let rebalance = Command(
        "rotation rebalance", "[--from DATE] [--to DATE] [--json]",
        "Re-plan the future after time off, departures or new hires, changing as few seats as possible (leads and admins).",
        options: [
            "--from D   from this date or time (company time; default now; never before now)",
            "--to D     up to this time, or through this date (default the last planned shift)",
            "--json     object: added, removed, moved, affected, problems",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let fromText = try args.option("--from"), toText = try args.option("--to")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let period = try ShiftCommands.period(from: fromText, to: toText, timeZone: zone)
        let summary = try workspace.planner.rebalance(from: period.from ?? session.clock.epochSeconds, to: period.to)
        if json { return try Output.json(PlanSummaryJSON(summary)) }
        printSummary(summary, verb: "Rebalanced", workspace: workspace)
    }

    static let check = Command(
        "rotation check", "[--from DATE] [--to DATE] [--json]",
        "List every coverage gap, missing buddy, over-full shift, broken rule and over- or under-loaded person, with the reason.",
        options: rangeOptions + ["--json     array: kind, shift, starts_at, label, login, detail"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let (workspace, from, to) = try range(&args, session)
        try args.finish()
        let issues = try workspace.planner.check(from: from, to: to)
        if json { return try Output.json(issues.map(RotationIssueJSON.init)) }
        guard !issues.isEmpty else { return Output.line("No problems: every shift covered, every rule kept, everyone on target.") }
        printIssues(issues, workspace: workspace, limit: nil)
    }

    static let show = Command(
        "rotation show", "[--person LOGIN] [--from DATE] [--to DATE] [--json]",
        "The planned shifts of a range with who sits in them and how (buddy, listener, newcomer paired with a buddy).",
        options: ["--person L   only the shifts L is in"] + rangeOptions
            + ["--json       array of shifts as in shift list, with assignments"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let person = try args.option("--person")
        let (workspace, from, to) = try range(&args, session)
        try args.finish()
        var shifts = try workspace.shifts.list(from: from, to: to)
        if let person {
            let login = TicketCommands.login(person, in: workspace)
            guard try workspace.people.find(login: login) != nil else {
                throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
            }
            shifts = shifts.filter { $0.people.contains(login) }
        }
        if json { return try Output.json(shifts.map(ShiftJSON.init)) }
        guard !shifts.isEmpty else { return Output.line("No shifts in that period.") }
        let viewer = ShiftCommands.viewerZone(workspace)
        var table = Table("ID", "WHEN", "SHIFT", "SEATS", "PEOPLE", rightAligned: [0])
        for shift in shifts {
            table.add(String(shift.id), ShiftCommands.span(shift, in: viewer), shift.label,
                      "\(shift.seated)/\(shift.minSeats)-\(shift.maxSeats)", peopleText(shift))
        }
        table.print()
    }

    static let fairness = Command(
        "rotation fairness", "[--month YYYY-MM] [--json]",
        "Hours per person against their target for a month, most over- and under-loaded first, and the balance score.",
        options: ["--month M   the month (default this one)",
                  "--json      object: month, balance, people [{login, role, team, hours, target, shifts, listening, "
                      + "listened_hours, listening_target_hours}]"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let monthText = try args.option("--month")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let instant = try monthText.map { text -> Int64 in
            guard text.wholeMatch(of: /\d{4}-\d{2}/) != nil else {
                throw UsageError("--month must be YYYY-MM, such as 2026-12 (got '\(text)')")
            }
            return try ShiftTime.parse(text + "-01", timeZone: zone, what: "--month")
        }
        let report = try workspace.rotation.fairness(monthContaining: instant)
        if json { return try Output.json(FairnessJSON(report)) }
        Output.line("\(report.title): balance score \(String(format: "%.3f", report.balance)) "
                    + "(1 = everyone exactly on target; mean over pairs of min/max of hours as a share of target)")
        var table = Table("LOGIN", "ROLE", "TEAM", "HOURS", "TARGET", "OFF BY", "LISTENED", rightAligned: [3, 4, 5, 6])
        for load in report.loads {
            let listened = load.listeningTargetSeconds > 0
                ? English.hours(load.listenedHours) + " of " + English.hours(load.listeningTargetHours)
                : load.listenedSeconds > 0 ? English.hours(load.listenedHours) : ""
            table.add(load.login, load.role.rawValue, load.team, English.hours(load.hours), English.hours(load.target),
                      (load.deviation > 0 ? "+" : "") + English.hours(load.deviation), listened)
        }
        table.print()
    }

    static let prefer = Command(
        "rotation prefer", "TEMPLATE [--avoid | --clear] [--person LOGIN]",
        "Say which template shifts you prefer or would rather avoid; the planner leans to them. Leads may set anyone's.",
        options: ["--avoid      rather not this template", "--clear      no preference",
                  "--person L   someone else's preference (leads and admins)"]
    ) { args, session in
        let avoid = args.flag("--avoid"), clear = args.flag("--clear")
        let person = try args.option("--person")
        let template = try args.required("TEMPLATE")
        try args.finish()
        guard !(avoid && clear) else { throw UsageError("give --avoid or --clear, not both") }
        let workspace = try session.workspace()
        let login = person.map { TicketCommands.login($0, in: workspace) } ?? workspace.actor.person.login
        let preference = clear ? 0 : (avoid ? -1 : 1)
        try workspace.planner.prefer(login: login, template: template, preference: preference)
        Output.line(clear ? "\(login): no preference for \(template)"
                    : "\(login) \(avoid ? "would rather avoid" : "prefers") \(template) shifts")
    }

    // MARK: - Helpers

    static func range(_ args: inout Arguments, _ session: Session) throws -> (Workspace, Int64, Int64) {
        let fromText = try args.option("--from"), toText = try args.option("--to")
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let today = ShiftTime.midnights(from: session.clock.epochSeconds, days: 0, timeZone: zone)[0]
        let period = try ShiftCommands.period(from: fromText, to: toText, timeZone: zone)
        let from = period.from ?? today
        let to = period.to ?? (ShiftTime.midnights(from: from, days: 91, timeZone: zone).last ?? from)
        guard to > from else { throw UsageError("--to must come after --from") }
        return (workspace, from, to)
    }

    /// `ana (buddy), bo (new, with ana), cy (listening)`.
    static func peopleText(_ shift: Shift) -> String {
        guard !shift.assignments.isEmpty else { return "-" }
        return shift.assignments.map { a in
            var marks: [String] = []
            if a.role == .buddy { marks.append("buddy") }
            if a.role == .listener { marks.append("listening") }
            if let buddy = a.pairedWith { marks.append("new, with \(buddy)") }
            if a.conflict != nil { marks.append("needs rebalancing") }
            return a.login + (marks.isEmpty ? "" : " (\(marks.joined(separator: "; ")))")
        }.joined(separator: ", ")
    }

    static func printSummary(_ summary: PlanSummary, verb: String, workspace: Workspace) {
        let zone = ShiftTime.companyZone(workspace.config)
        Output.line("\(verb) \(Timestamp.date(summary.from, timeZone: zone)) to \(Timestamp.date(summary.to - 1, timeZone: zone)): "
                    + "\(English.count(summary.shiftsCreated, "shift")) created, \(summary.added) added, "
                    + "\(summary.removed) removed, \(summary.moved) moved.")
        if !summary.affected.isEmpty {
            let shown = summary.affected.prefix(20).joined(separator: ", ")
            Output.line("Affected (\(summary.affected.count)): \(shown)\(summary.affected.count > 20 ? ", …" : "")")
        }
        guard !summary.problems.isEmpty else { return Output.line("No problems left.") }
        Output.line("\(English.count(summary.problems.count, "problem")) left (rotation check lists them all):")
        printIssues(summary.problems, workspace: workspace, limit: 10)
    }

    static func printIssues(_ issues: [RotationIssue], workspace: Workspace, limit: Int?) {
        let viewer = ShiftCommands.viewerZone(workspace)
        var table = Table("KIND", "SHIFT", "WHEN", "WHO", "DETAIL")
        for issue in issues.prefix(limit ?? issues.count) {
            table.add(issue.kind.rawValue, issue.shiftID.map { "#\($0) \(issue.label)" } ?? "",
                      issue.startsAt.map { Timestamp.localWithZone($0, timeZone: viewer) } ?? "", issue.login ?? "", issue.detail)
        }
        table.print()
        if let limit, issues.count > limit { Output.line("… and \(issues.count - limit) more") }
    }
}

struct PlanSummaryJSON: Encodable {
    let from, to: String
    let shifts_created, added, removed, moved: Int
    let affected: [String]
    let problems: [RotationIssueJSON]

    init(_ s: PlanSummary) {
        from = Timestamp.iso8601(s.from); to = Timestamp.iso8601(s.to)
        shifts_created = s.shiftsCreated; added = s.added; removed = s.removed; moved = s.moved
        affected = s.affected; problems = s.problems.map(RotationIssueJSON.init)
    }
}

struct RotationIssueJSON: Encodable {
    let kind: String
    let shift: Int?
    let starts_at, login: String?
    let label, detail: String

    init(_ i: RotationIssue) {
        kind = i.kind.rawValue; shift = i.shiftID; starts_at = i.startsAt.map(Timestamp.iso8601)
        label = i.label; login = i.login; detail = i.detail
    }
}

struct FairnessJSON: Encodable {
    struct Load: Encodable {
        let login, role, team: String
        let hours, target: Double
        let shifts, listening: Int
        /// Listen-view hours in the month, and the executive's listening target (0 for others).
        let listened_hours, listening_target_hours: Double
    }
    let month: String
    let balance: Double
    let people: [Load]

    init(_ r: FairnessReport) {
        month = r.title; balance = r.balance
        people = r.loads.map { Load(login: $0.login, role: $0.role.rawValue, team: $0.team, hours: $0.hours,
                                    target: $0.target, shifts: $0.shifts, listening: $0.listeningShifts,
                                    listened_hours: $0.listenedHours, listening_target_hours: $0.listeningTargetHours) }
    }
}
