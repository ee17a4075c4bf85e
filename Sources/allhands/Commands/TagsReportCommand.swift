import AllHandsCore
import Foundation
import TerminalUI

/// `tags report`: counts and trends per tag over a period, as a Markdown table (to paste into a
/// document for a product team), CSV (for a spreadsheet: cells that could run as formulas are
/// neutralised by `CSV.field`) or JSON.
enum TagsReportCommand {
    static let defaultDays = 30

    enum Format: String, CaseIterable {
        case md, csv, json
    }

    static let command = Command(
        "tags report", "[--from DATE] [--to DATE] [--format md|csv|json]",
        "Per tag over a period (default: the \(defaultDays) days up to now): open tickets, times added against the "
            + "period before, and the period's new tickets carrying it.",
        options: [
            "--from D     from this date (midnight) or time: \(ShiftCommands.timeForms) (default \(defaultDays) days before --to)",
            "--to D       up to this time, or through this date (default now)",
            "--format F   md (a Markdown table, the default), csv or json",
            "--json       the same as --format json: object: from, to, previous_from, tickets_created, tags [{dimension, "
                + "tag, open, added, previous, change_percent, tickets, share_percent}]",
            "Columns: open now; added in the period and in the one of the same length before it; the change in percent; "
                + "tickets created in the period that carry the tag, and their share of all created in it.",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let formatText = try args.option("--format")
        let fromText = try args.option("--from"), toText = try args.option("--to")
        try args.finish()
        var format = Format.md
        if let formatText {
            guard let chosen = Format(rawValue: formatText) else {
                throw UsageError("--format must be md, csv or json (got '\(formatText)')")
            }
            format = chosen
        }
        if json {
            guard format == .json || formatText == nil else { throw UsageError("give --json or --format \(format.rawValue), not both") }
            format = .json
        }
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let period = try ShiftCommands.period(from: fromText, to: toText, timeZone: zone)
        let to = period.to ?? session.clock.epochSeconds
        let from = period.from ?? to - Int64(defaultDays) * 86_400
        guard from < to else { throw UsageError("--from is after now; give --to as well") }
        let report = try workspace.tags.report(from: from, to: to)
        switch format {
        case .json: try Output.json(TagReportJSON(report))
        case .csv: Output.line(String(csv(report).dropLast()))
        case .md: for line in markdown(report, zone: zone) { Output.line(line) }
        }
    }

    /// The Markdown report: a heading with the period, the table, and what the columns mean.
    static func markdown(_ report: TagReport, zone: TimeZone) -> [String] {
        let period = "\(Timestamp.localWithZone(report.from, timeZone: zone)) to \(Timestamp.localWithZone(report.to, timeZone: zone))"
        let previous = Timestamp.localWithZone(report.from - (report.to - report.from), timeZone: zone)
        var out = ["# Tags, \(period)", "",
                   "\(English.count(report.ticketsCreated, "ticket")) created in the period; the previous period "
                       + "began \(previous).", ""]
        guard !report.rows.isEmpty else {
            return out + ["No tag has open tickets or was added in the period or the one before."]
        }
        out.append("| Dimension | Tag | Open | Added | Previous | Change | Tickets | Share |")
        out.append("|---|---|--:|--:|--:|--:|--:|--:|")
        for row in report.rows {
            let cells = [row.tag.dimension ?? "(free)", row.tag.name, String(row.open), String(row.added),
                         String(row.previous), changeText(row), String(row.tickets),
                         report.share(of: row).map(English.share) ?? "-"]
            out.append("| " + cells.map(markdownCell).joined(separator: " | ") + " |")
        }
        out += ["", "Open: active tickets with the tag now. Added: times it was put on a ticket in the period; "
                + "Previous: in the period before. Tickets: tickets created in the period that carry it; "
                + "Share: of all created in the period."]
        return out
    }

    /// The CSV report: a header and one record per tag, each field through `CSV.field`.
    static func csv(_ report: TagReport) -> String {
        var records = [["dimension", "tag", "open", "added", "previous", "change_percent", "tickets", "share_percent"]]
        for row in report.rows {
            records.append([row.tag.dimension ?? "", row.tag.name, String(row.open), String(row.added),
                            String(row.previous), row.changePercent.map { number(TagsText.exact($0)) } ?? "",
                            String(row.tickets), report.share(of: row).map { number(TagsText.percent($0)) } ?? ""])
        }
        return CSV.write(records)
    }

    /// `+50%`; `new` when the tag was not added at all in the period before; `-` when in neither.
    static func changeText(_ row: TagReport.Row) -> String {
        if let percent = row.changePercent { return English.change(percent) }
        return row.added > 0 ? "new" : "-"
    }

    /// A Markdown table cell: sanitised to one line, `|` escaped so it cannot start a new cell.
    static func markdownCell(_ text: String) -> String {
        Sanitizer.clean(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// `12.5`, `-3`: a number as CSV writes it (no trailing `.0`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// `tags report --json`: every key present, null where a number has no meaning.
struct TagReportJSON: Encodable {
    let report: TagReport

    init(_ report: TagReport) { self.report = report }

    struct Row: Encodable {
        let row: TagReport.Row
        let share: Double?

        enum Keys: String, CodingKey { case dimension, tag, open, added, previous, change_percent, tickets, share_percent }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(row.tag.dimension, forKey: .dimension)
            try c.encode(row.tag.name, forKey: .tag)
            try c.encode(row.open, forKey: .open)
            try c.encode(row.added, forKey: .added)
            try c.encode(row.previous, forKey: .previous)
            try c.encode(row.changePercent.map(TagsText.exact), forKey: .change_percent)
            try c.encode(row.tickets, forKey: .tickets)
            try c.encode(share.map(TagsText.percent), forKey: .share_percent)
        }
    }

    enum Keys: String, CodingKey { case from, to, previous_from, tickets_created, tags }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Timestamp.iso8601(report.from), forKey: .from)
        try c.encode(Timestamp.iso8601(report.to), forKey: .to)
        try c.encode(Timestamp.iso8601(report.from - (report.to - report.from)), forKey: .previous_from)
        try c.encode(report.ticketsCreated, forKey: .tickets_created)
        try c.encode(report.rows.map { Row(row: $0, share: report.share(of: $0)) }, forKey: .tags)
    }
}
