import AllHandsCore
import Foundation
import TerminalUI

/// `tags compare TAG --at DATE`: tickets carrying a tag week by week before and after a date
/// (a release, a fix), so a lead can show whether the change moved the needle.
enum TagsCompareCommand {
    static let defaultWeeks = 4
    /// Columns of the longest bar (the busiest week's).
    static let barWidth = 20

    static let command = Command(
        "tags compare", "TAG --at DATE [--weeks N] [--json]",
        "Tickets created per week carrying TAG, N weeks before and after DATE (a release, a fix), with the change "
            + "per week and the tag's share of all tickets.",
        options: [
            "TAG         a tag (name or dimension:name; an old or alias name finds it)",
            "--at D      the date: \(ShiftCommands.timeForms); a date alone is its midnight",
            "--weeks N   weeks each side, \(TagService.compareWeeks.lowerBound) to \(TagService.compareWeeks.upperBound) "
                + "(default \(defaultWeeks)); weeks run seven days from D",
            "--json      object: tag, at, weeks, before and after [{start, end, tagged, total, share_percent, complete}], "
                + "before_per_week, after_per_week, change_percent, share_before_percent, share_after_percent",
            "A week not over yet is marked * and left out of the averages.",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        guard let atText = try args.option("--at") else { throw UsageError("--at DATE is required") }
        let weeks = try args.intOption("--weeks", in: TagService.compareWeeks) ?? defaultWeeks
        let tag = try args.required("TAG")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let at = try ShiftTime.parse(atText, timeZone: zone, what: "--at")
        let comparison = try workspace.tags.compare(tag: tag, at: at, weeks: weeks)
        if json { return try Output.json(TagComparisonJSON(comparison, weeks: weeks)) }
        for line in lines(comparison, weeks: weeks, zone: zone) { Output.line(line) }
    }

    /// The text `tags compare` prints: a heading, the weeks with a bar each and a divider at the
    /// date, then the averages. Pure, so its layout is one function of the comparison.
    static func lines(_ c: TagComparison, weeks: Int, zone: TimeZone) -> [String] {
        let at = Timestamp.localWithZone(c.at, timeZone: zone)
        var out = ["\(c.tag.qualifiedName): tickets created per week, \(English.count(weeks, "week")) before and after \(at)", ""]
        let all = c.before + c.after
        let busiest = all.map(\.tagged).max() ?? 0
        let rows = all.map { week -> [String] in
            [Timestamp.date(week.start, timeZone: zone) + (week.complete ? "" : " *"), String(week.tagged),
             String(week.total), week.share.map(English.share) ?? "-"]
        }
        let headers = ["WEEK FROM", "TAGGED", "ALL", "SHARE"]
        let widths = headers.indices.map { i in (rows.map { TextWidth.columns($0[i]) } + [headers[i].count]).max() ?? 0 }
        func line(_ cells: [String], bar: String) -> String {
            let text = cells.enumerated().map { i, cell in TextWidth.fit(cell, to: widths[i], alignRight: i > 0) }
                .joined(separator: "  ") + "  " + bar
            return TagsText.trimmingTrailingSpaces(text)
        }
        out.append(line(headers, bar: ""))
        for (index, week) in all.enumerated() {
            if index == c.before.count { out.append("-- \(at) --") }
            out.append(line(rows[index], bar: bar(week.tagged, busiest: busiest)))
        }
        if c.after.isEmpty { out.append("-- \(at) -- (no week after it has begun)") }
        if all.contains(where: { !$0.complete }) { out.append("* not over yet: left out of the averages") }
        out.append("")
        let summary = [
            ["", "BEFORE", "AFTER", "CHANGE"],
            ["Per week", c.beforePerWeek.map(English.oneDecimal) ?? "-", c.afterPerWeek.map(English.oneDecimal) ?? "-",
             c.changePercent.map(English.change) ?? "-"],
            ["Share", c.shareBefore.map(English.share) ?? "-", c.shareAfter.map(English.share) ?? "-", ""],
        ]
        let summaryWidths = (0..<4).map { i in summary.map { $0[i].count }.max() ?? 0 }
        for row in summary {
            let text = row.enumerated().map { i, cell in TextWidth.fit(cell, to: summaryWidths[i], alignRight: i > 0) }
                .joined(separator: "  ")
            out.append(TagsText.trimmingTrailingSpaces(text))
        }
        return out
    }

    /// Blocks in proportion to the busiest week's count; any ticket shows at least one.
    static func bar(_ tagged: Int, busiest: Int) -> String {
        guard tagged > 0, busiest > 0 else { return "" }
        let blocks = max(1, Int((Double(tagged) / Double(busiest) * Double(barWidth)).rounded()))
        return String(repeating: "█", count: blocks)
    }
}

/// `tags compare --json`: every key present, null where a number has no meaning (no complete
/// week, nothing before).
struct TagComparisonJSON: Encodable {
    let comparison: TagComparison
    let weeks: Int

    init(_ comparison: TagComparison, weeks: Int) {
        self.comparison = comparison
        self.weeks = weeks
    }

    struct Week: Encodable {
        let week: TagComparison.Week

        enum Keys: String, CodingKey { case start, end, tagged, total, share_percent, complete }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(Timestamp.iso8601(week.start), forKey: .start)
            try c.encode(Timestamp.iso8601(week.end), forKey: .end)
            try c.encode(week.tagged, forKey: .tagged)
            try c.encode(week.total, forKey: .total)
            try c.encode(week.share.map(TagsText.percent), forKey: .share_percent)
            try c.encode(week.complete, forKey: .complete)
        }
    }

    enum Keys: String, CodingKey {
        case tag, at, weeks, before, after, before_per_week, after_per_week, change_percent
        case share_before_percent, share_after_percent
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(comparison.tag.qualifiedName, forKey: .tag)
        try c.encode(Timestamp.iso8601(comparison.at), forKey: .at)
        try c.encode(weeks, forKey: .weeks)
        try c.encode(comparison.before.map(Week.init), forKey: .before)
        try c.encode(comparison.after.map(Week.init), forKey: .after)
        try c.encode(comparison.beforePerWeek.map(TagsText.exact), forKey: .before_per_week)
        try c.encode(comparison.afterPerWeek.map(TagsText.exact), forKey: .after_per_week)
        try c.encode(comparison.changePercent.map(TagsText.exact), forKey: .change_percent)
        try c.encode(comparison.shareBefore.map(TagsText.percent), forKey: .share_before_percent)
        try c.encode(comparison.shareAfter.map(TagsText.percent), forKey: .share_after_percent)
    }
}
