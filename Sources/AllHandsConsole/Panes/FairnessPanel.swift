import AllHandsCore
import Foundation
import TerminalUI

/// Hours per person against their target for the month of the selected day, most over- and
/// under-loaded first (the report's order), each with a bar and the hours off target; the
/// balance score on top. Follows the calendar's filter; the score is always everyone's.
enum FairnessPanel {
    /// A person this far over their target (as a share of it) shows as overloaded, as far under
    /// as underloaded.
    static let tolerance = 0.25

    /// `offset`: how many people to scroll past (clamped so the last page stays full). The
    /// title and the balance line stay; the last line says how many more there are below.
    static func draw(_ grid: inout Grid, _ rect: Rect, report: FairnessReport?, filter: CalendarFilter, me: String,
                     offset: Int = 0) {
        guard rect.height > 0, rect.width > 0 else { return }
        let all = lines(report, filter: filter, me: me, width: rect.width - 1)
        let header = min(2, all.count), rows = all.dropFirst(header)
        let room = max(0, rect.height - header)
        let first = max(0, min(offset, rows.count - room))
        var shown = Array(all.prefix(header)) + Array(rows.dropFirst(first).prefix(room))
        let below = rows.count - first - room
        if below > 0, room > 0 {
            shown[shown.count - 1] = StyledLine([Span(TextWidth.truncate("… \(below + 1) more ({ } scroll)", to: rect.width - 1), .muted)])
        }
        for (row, line) in shown.enumerated() {
            line.draw(&grid, x: rect.x + 1, y: rect.y + row, width: rect.width - 1)
        }
    }

    static func lines(_ report: FairnessReport?, filter: CalendarFilter, me: String, width: Int) -> [StyledLine] {
        guard let report else { return [StyledLine([Span("Fairness", .header)]), StyledLine([Span("not loaded", .muted)])] }
        var lines = [StyledLine([Span(TextWidth.truncate("Fairness · " + report.title, to: width), .header)])]
        lines.append(StyledLine([Span(TextWidth.truncate(String(format: "balance %.2f (1 is even) · hours/target", report.balance),
                                                         to: width), .muted)]))
        let shown = report.loads.filter { filter.includes(login: $0.login, team: $0.team, me: me) }
        if shown.isEmpty { lines.append(StyledLine([Span("nobody to show", .muted)])) }
        for load in shown {
            lines.append(row(load, me: me, width: width))
            if let listened = listened(load, width: width) { lines.append(listened) }
        }
        return lines
    }

    /// `          listened 1.5/3h`: an executive's listen-view hours this month against their
    /// listening target, on a row of its own under theirs (walk-a-mile); nil for people without
    /// a listening target.
    static func listened(_ load: PersonLoad, width: Int) -> StyledLine? {
        guard load.listeningTargetSeconds > 0 else { return nil }
        let indent = String(repeating: " ", count: max(4, min(12, width / 4)) + 1)
        return StyledLine([Span(TextWidth.truncate(indent + "listened " + listenedFigures(load), to: width), .muted)])
    }

    /// `1.5/3h`: hours listened against the listening target.
    static func listenedFigures(_ load: PersonLoad) -> String {
        String(format: "%.1f/%.0fh", load.listenedHours, load.listeningTargetHours)
    }

    /// `fkim       40.0/36h ████│█     +4.0h`: login, hours against target, the bar (the target at
    /// its middle), and the hours off target; the row in the overloaded or underloaded role.
    static func row(_ load: PersonLoad, me: String, width: Int) -> StyledLine {
        let figures = " " + TextWidth.fit(String(format: "%.1f/%.0fh", load.hours, load.target), to: 10, alignRight: true) + " "
        let deviation = String(format: " %+.1fh", load.deviation)
        let loginWidth = max(4, min(12, width / 4))
        let barWidth = max(0, min(20, width - loginWidth - TextWidth.columns(figures) - TextWidth.columns(deviation)))
        let role: StyleRole = load.ratio > 1 + tolerance ? .high : load.ratio < 1 - tolerance ? .approaching : .normal
        return StyledLine([Span(TextWidth.fit(Sanitizer.clean(load.login), to: loginWidth), load.login == me ? .accent : .normal),
                           Span(figures), Span(bar(ratio: load.ratio, width: barWidth), role), Span(deviation, role)])
    }

    /// A bar `width` columns wide for a share of the target from 0 to 2: filled up to the share,
    /// with the target marked at the middle.
    static func bar(ratio: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let share = ratio.isFinite ? min(max(ratio, 0), 2) : 2
        let filled = Int((share / 2 * Double(width)).rounded())
        let target = width / 2
        return String((0..<width).map { $0 == target ? "│" : $0 < filled ? "█" : " " })
    }
}
