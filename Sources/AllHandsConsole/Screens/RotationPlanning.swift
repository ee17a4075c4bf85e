import AllHandsCore
import Foundation
import TerminalUI

/// The lead's planning from the calendar: `P` plans a quarter from today in one keystroke
/// (`:plan FROM TO` a range), `R` rebalances the future, and `c` lists what `rotation check`
/// finds in the period on show. Dates are read in the company's time zone, as the CLI reads them.
extension Console {
    /// How far `P` (or `:plan FROM`) plans: thirteen weeks, a quarter.
    static let planDays = 91

    func plan(_ argument: String?) throws {
        let zone = ShiftTime.companyZone(workspace.config)
        let words = (argument ?? "").split(separator: " ").map(String.init)
        guard words.count <= 2 else { _ = usage(.plan); return }
        let from = try words.first.map { try ShiftTime.parse($0, timeZone: zone, what: "FROM") }
            ?? ShiftTime.midnights(from: now, days: 0, timeZone: zone)[0]
        let to = try words.dropFirst().first.map { try Self.end($0, timeZone: zone) }
            ?? ShiftTime.midnights(from: from, days: Self.planDays, timeZone: zone).last ?? from
        guard to > from else { return flash("usage: :plan FROM TO — TO must come after FROM", error: true) }
        let summary = try workspace.planner.plan(from: from, to: to)
        try afterRotaChange()
        flash("Planned " + Self.describe(summary, zone: zone))
    }

    func rebalance(_ argument: String?) throws {
        let zone = ShiftTime.companyZone(workspace.config)
        let from = try argument.map { try ShiftTime.parse($0, timeZone: zone, what: "FROM") } ?? now
        let summary = try workspace.planner.rebalance(from: from)
        try afterRotaChange()
        flash("Rebalanced " + Self.describe(summary, zone: zone)
              + (summary.affected.isEmpty ? "" : "; affected: " + summary.affected.prefix(8).map(Sanitizer.clean).joined(separator: ", ")
                 + (summary.affected.count > 8 ? ", …" : "")))
    }

    /// `rotation check` over the days on show, as a report (`q` comes back to the calendar).
    func checkRotation() throws {
        guard let range = calendar?.range else { return }
        let issues = try workspace.planner.check(from: range.lowerBound, to: range.upperBound)
        reportLines = issues.map { issue in
            var parts = [issue.kind.rawValue]
            if let start = issue.startsAt { parts.append(Timestamp.localWithZone(start, timeZone: timeZone)) }
            if let id = issue.shiftID { parts.append("#\(id)" + (issue.label.isEmpty ? "" : " " + issue.label)) }
            if let login = issue.login { parts.append(login) }
            return parts.joined(separator: "  ") + ": " + issue.detail
        }
        state.reportScroll = 0
        state.push(.report(.rotationCheck))
    }

    /// The intro of the check's report page.
    static let rotationCheckIntro = "Every coverage gap, missing buddy, over-full shift, broken rule and over- or "
        + "under-loaded person of the days on the calendar, with the reason. q goes back to the calendar."

    /// `2026-11-23 to 2027-02-21: 20 shifts created, 38 added, 0 removed, 0 moved; 3 problems left (c lists them)`.
    static func describe(_ summary: PlanSummary, zone: TimeZone) -> String {
        "\(Timestamp.date(summary.from, timeZone: zone)) to \(Timestamp.date(summary.to - 1, timeZone: zone)): "
            + "\(English.count(summary.shiftsCreated, "shift")) created, \(summary.added) added, \(summary.removed) removed, "
            + "\(summary.moved) moved; "
            + (summary.problems.isEmpty ? "no problems left" : English.count(summary.problems.count, "problem") + " left (c lists them)")
    }

    /// A time as typed, or the end of the day for a date alone (`:plan 2026-12-01 2026-12-31`
    /// plans through the 31st).
    static func end(_ text: String, timeZone: TimeZone) throws -> Int64 {
        try ShiftTime.parseEnd(text, timeZone: timeZone, what: "TO")
    }
}
