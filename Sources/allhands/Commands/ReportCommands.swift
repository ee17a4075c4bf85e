import AllHandsCore
import Foundation
import TerminalUI

/// `report weekly`: the week's tickets, times, frustrations, successes, insights, participation
/// and action items, as Markdown (the default) or one self-contained HTML page.
enum ReportCommands {
    enum Format: String, CaseIterable {
        case md, html
    }

    static let weekly = Command(
        "report weekly", "[--week YYYY-Www|this|last] [--format md|html] [--out FILE]",
        "The weekly report: tickets in and solved, first-response and resolution times, top frustrations, top "
            + "successes, the week's insights, participation and action items, each against the week before.",
        options: [
            "--week W     an ISO week of the company's calendar (2026-W47), this (the default: the week under way,",
            "             marked \"so far\") or last (the week just finished, for a Monday morning)",
            "--format F   md (Markdown, the default) or html (one self-contained page: inline CSS, an SVG chart of",
            "             the top tags, no scripts, nothing fetched; for a wall screen or a mail)",
            "--out FILE   write to FILE (replaced atomically; a symbolic link there is refused) instead of stdout",
        ],
        readsOnly: true
    ) { args, session in
        let weekText = try args.option("--week")
        let formatText = try args.option("--format")
        let out = try args.option("--out")
        try args.finish()
        var format = Format.md
        if let formatText {
            guard let chosen = Format(rawValue: formatText) else {
                throw UsageError("--format must be md or html (got '\(formatText)')")
            }
            format = chosen
        }
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let week = try ReportCommands.week(weekText, now: session.clock.epochSeconds, zone: zone)
        let report = try workspace.reports.weekly(week: week)
        let text = format == .html ? WeeklyReportHTML.write(report) : WeeklyReportMarkdown.write(report)
        guard let out else { return Output.line(String(text.dropLast())) }
        try PublishedFile.write(Array(text.utf8), to: out, protecting: session.databasePath)
        Output.line("Wrote the weekly report \(report.week)\(report.isUnderWay ? " (so far)" : "") to \(out)")
    }

    /// The week `--week` names: `this` (or nothing) is the one containing now, `last` the one before.
    static func week(_ text: String?, now: Int64, zone: TimeZone) throws -> ISOWeek {
        let current = ISOWeek.containing(now, zone: zone)
        guard let text else { return current }
        switch text.lowercased() {
        case "this": return current
        case "last": return current.adding(-1)
        default:
            guard let week = ISOWeek(text) else {
                throw UsageError("--week must be an ISO week such as \(current), or this or last (got '\(text)')")
            }
            return week
        }
    }
}
