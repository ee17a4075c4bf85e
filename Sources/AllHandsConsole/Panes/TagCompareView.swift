import AllHandsCore
import Foundation
import TerminalUI

/// Did a change move the needle: a tag's tickets week by week before and after a marked date,
/// with a bar per week, the date as a divider, then tickets per week before and after, the
/// change in percent and the tag's share of all tickets. The same table `tags compare` prints,
/// with the rise coloured as a warning and the fall as good news.
enum TagCompareView {
    /// Columns of the busiest week's bar, at most.
    static let barWidth = 20

    static func title(_ c: TagComparison, weeks: Int) -> String {
        Sanitizer.clean(c.tag.qualifiedName) + " · " + English.count(weeks, "week") + " each side"
    }

    static func lines(_ c: TagComparison, weeks: Int, zone: TimeZone, glyphs: Glyphs, width: Int) -> [StyledLine] {
        let at = Timestamp.localWithZone(c.at, timeZone: zone)
        let name = Sanitizer.clean(c.tag.qualifiedName)
        var out: [StyledLine] = []
        for text in TextWrap.wrap("\(name): tickets created per week that carry it, \(English.count(weeks, "week")) "
                                  + "before and after \(at)", width: max(10, width - 2)) {
            out.append(StyledLine([Span(" " + text)]))
        }
        out.append(StyledLine([]))
        let all = c.before + c.after
        let busiest = all.map(\.tagged).max() ?? 0
        let headers = ["WEEK FROM", "TAGGED", "ALL", "SHARE"]
        let rows = all.map { week in
            [Timestamp.date(week.start, timeZone: zone) + (week.complete ? "" : " *"), String(week.tagged),
             String(week.total), week.share.map(English.share) ?? "-"]
        }
        let widths = headers.indices.map { i in (rows.map { TextWidth.columns($0[i]) } + [headers[i].count]).max() ?? 0 }
        func cells(_ row: [String]) -> String {
            " " + row.enumerated().map { i, cell in TextWidth.fit(cell, to: widths[i], alignRight: i > 0) }.joined(separator: "  ")
        }
        let table = TextWidth.columns(cells(headers))
        let bar = max(0, min(barWidth, width - table - 3))
        out.append(StyledLine([Span(cells(headers), .muted)]))
        let rule = glyphs == .unicode ? "──" : "--"
        for (index, week) in all.enumerated() {
            if index == c.before.count { out.append(StyledLine([Span(" \(rule) \(at) \(rule)", .header)])) }
            out.append(StyledLine([Span(cells(rows[index]), week.complete ? .normal : .muted),
                                   Span("  " + glyphs.bar(week.tagged, top: busiest, width: bar),
                                        index < c.before.count ? .muted : .accent)]))
        }
        if c.after.isEmpty { out.append(StyledLine([Span(" \(rule) \(at) \(rule) (no week after it has begun)", .header)])) }
        if all.contains(where: { !$0.complete }) {
            out.append(StyledLine([Span(" * not over yet: left out of the averages", .muted)]))
        }
        out.append(StyledLine([]))
        let summary = [
            ["", "BEFORE", "AFTER", "CHANGE"],
            ["Per week", c.beforePerWeek.map(English.oneDecimal) ?? "-", c.afterPerWeek.map(English.oneDecimal) ?? "-",
             c.changePercent.map(English.change) ?? "-"],
            ["Share", c.shareBefore.map(English.share) ?? "-", c.shareAfter.map(English.share) ?? "-", ""],
        ]
        let summaryWidths = (0..<4).map { i in summary.map { $0[i].count }.max() ?? 0 }
        for (r, row) in summary.enumerated() {
            let spans = row.enumerated().map { i, cell -> Span in
                let text = (i == 0 ? " " : "  ") + TextWidth.fit(cell, to: summaryWidths[i], alignRight: i > 0)
                guard r == 1, i == 3, let percent = c.changePercent, percent.rounded() != 0 else {
                    return Span(text, r == 0 ? .muted : .normal)
                }
                return Span(text, percent > 0 ? .high : .accent)
            }
            out.append(StyledLine(spans))
        }
        return out
    }

    /// Draws the lines below a title row, from `scroll` on.
    static func draw(_ grid: inout Grid, _ rect: Rect, title: String, lines: [StyledLine], scroll: Int) {
        guard rect.height > 0 else { return }
        let rows = max(0, rect.height - 1)
        let offset = min(max(0, scroll), max(0, lines.count - rows))
        let position = lines.count > rows ? "\(min(lines.count, offset + rows))/\(lines.count)" : ""
        PaneTitle.draw(&grid, rect, title: "Compare", detail: title, right: position, focused: true)
        for (i, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
            line.draw(&grid, x: rect.x, y: rect.y + 1 + i, width: rect.width)
        }
    }

    /// The largest useful scroll offset.
    static func maxScroll(lines: Int, rect: Rect) -> Int { max(0, lines - max(0, rect.height - 1)) }
}
