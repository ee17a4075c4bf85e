import Foundation

/// The weekly report as Markdown: headings, tables and quotes, to paste into a document or a
/// chat. Pure: report in, text out. Every piece of database text passes `text`, so a subject or a
/// quote can neither end a table cell, open code or a link, start a heading, nor carry a control
/// character.
public enum WeeklyReportMarkdown {
    public static func write(_ report: WeeklyReport) -> String {
        var out: [String] = ["# \(text(report.companyName)): \(WeeklyReportText.title(report))", "",
                             WeeklyReportText.period(report), ""]
        out += tickets(report)
        out += frustrations(report)
        out += successes(report)
        out += insights(report)
        out += participation(report)
        out += actionItems(report)
        out += ["---", ""] + WeeklyReportText.footnotes(report).map { "- " + $0 }
        return out.joined(separator: "\n") + "\n"
    }

    /// Database text made inert for Markdown: on one line, with every character that could start
    /// markup inside a line (`\ ` * _ [ ] < > | # ~ &`) escaped by a backslash. (Database text never
    /// starts a line here, so list and heading markers at a line's start cannot arise.)
    public static func text(_ raw: String) -> String {
        var out = ""
        for character in WeeklyReportText.oneLine(raw) {
            if "\\`*_[]<>|#~&".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    private static func tickets(_ r: WeeklyReport) -> [String] {
        let t = WeeklyReportText.self
        return ["## Tickets", "",
                row(["", "This week", "Last week", "Change"]), "|---|--:|--:|--:|",
                row(["Tickets in", String(r.ticketsIn.this), String(r.ticketsIn.previous), t.change(r.ticketsIn)]),
                row(["Solved", String(r.ticketsSolved.this), String(r.ticketsSolved.previous), t.change(r.ticketsSolved)]),
                row(["First response, median", t.duration(r.firstResponse.median), t.duration(r.firstResponse.previousMedian),
                     t.change(r.firstResponse.median, r.firstResponse.previousMedian)]),
                row(["First response, 90th percentile", t.duration(r.firstResponse.p90), t.duration(r.firstResponse.previousP90),
                     t.change(r.firstResponse.p90, r.firstResponse.previousP90)]),
                row(["Resolution, median", t.duration(r.resolution.median), t.duration(r.resolution.previousMedian),
                     t.change(r.resolution.median, r.resolution.previousMedian)]),
                row(["Resolution, 90th percentile", t.duration(r.resolution.p90), t.duration(r.resolution.previousP90),
                     t.change(r.resolution.p90, r.resolution.previousP90)]),
                "", "\(English.count(r.firstResponse.count, "new ticket")) answered; "
                    + "\(English.count(r.resolution.count, "ticket")) solved.", ""]
    }

    private static func frustrations(_ r: WeeklyReport) -> [String] {
        guard let d = r.frustrationDimensions else {
            return ["## Top frustrations", "", "The taxonomy has fewer than two dimensions to pair.", ""]
        }
        var out = ["## Top frustrations (\(text(d.row)) × \(text(d.column)))", ""]
        guard !r.frustrations.isEmpty else { return out + ["No new ticket carries both.", ""] }
        out += [row([text(d.row.capitalized), text(d.column.capitalized), "Tickets", "Last week", "Change"]), "|---|---|--:|--:|--:|"]
        for f in r.frustrations {
            out.append(row([text(f.row), text(f.column), String(f.tickets.this), String(f.tickets.previous),
                            WeeklyReportText.change(f.tickets)]))
        }
        return out + [""]
    }

    private static func successes(_ r: WeeklyReport) -> [String] {
        let s = r.successes
        var out = ["## Top successes", "",
                   "- **\(English.count(s.fastSolves, "fast solve"))** (solved within "
                       + "\(WeeklyReportText.duration(WeeklyReport.fastSolveSeconds)) of arriving)"
                       + (s.fastest.isEmpty ? "." : "; the fastest:")]
        for f in s.fastest {
            out.append("  - #\(f.ticketID) \(text(f.subject)) (\(WeeklyReportText.duration(f.seconds)))")
        }
        out.append("- **\(English.count(s.thanks, "thank-you", plural: "thank-yous"))** from customers" + (s.thanksQuotes.isEmpty ? "." : ":"))
        for q in s.thanksQuotes {
            out.append("  - “\(text(q.quote))” (\(text(q.customer)), #\(q.ticketID))")
        }
        return out + [""]
    }

    private static func insights(_ r: WeeklyReport) -> [String] {
        var out = ["## In the customers' own words", ""]
        guard !r.insights.isEmpty else { return out + ["No insight was captured this week.", ""] }
        for i in r.insights {
            var source = [i.customer.map(text), i.ticketID.map { "#\($0)" }].compactMap { $0 }.joined(separator: ", ")
            if source.isEmpty { source = "a customer" }
            out += ["> “\(text(i.quote))”", ">", "> — \(source); captured by \(text(i.author))"
                        + (i.note.isEmpty ? "" : ": \(text(i.note))"), ""]
        }
        if r.insightCount > r.insights.count {
            out += ["And \(English.count(r.insightCount - r.insights.count, "more insight")) in the insights view.", ""]
        }
        return out
    }

    private static func participation(_ r: WeeklyReport) -> [String] {
        let p = r.participation, t = WeeklyReportText.self
        var out = ["## Participation", "",
                   "\(English.count(p.shiftPeople, "person", plural: "people")) took shifts, \(t.hours(p.shiftSeconds)) in all.", ""]
        if !p.teams.isEmpty {
            out += [row(["Team", "People", "Hours"]), "|---|--:|--:|"]
            out += p.teams.map { row([text($0.team.isEmpty ? "(no team)" : $0.team), String($0.people), t.hours($0.seconds)]) }
            out.append("")
        }
        out += [t.target(r), ""]
        if p.executives.isEmpty {
            out += ["No executive yet.", ""]
        } else {
            out += [row(["Executive", "Listened", "Target", "Called", "No answer", "Declined", "To call"]),
                    "|---|--:|--:|--:|--:|--:|--:|"]
            for e in p.executives {
                out.append(row([text(e.name), t.hours(e.listenedSeconds), t.hours(p.listeningTargetSeconds), String(e.called),
                                String(e.noAnswer), String(e.declined), String(e.toCall)]))
            }
            out.append("")
        }
        if p.otherListeners > 0 {
            out += ["\(English.count(p.otherListeners, "other person", plural: "other people")) listened, "
                    + "\(t.hours(p.otherListeningSeconds)) in all.", ""]
        }
        return out
    }

    private static func actionItems(_ r: WeeklyReport) -> [String] {
        let a = r.actionItems
        var out = ["## Action items", "", "\(English.count(a.open, "open item")), \(a.overdue) overdue.", ""]
        guard !a.items.isEmpty else { return out }
        out += [row(["Due", "Owner", "Item", ""]), "|---|---|---|---|"]
        out += a.items.map { row([$0.dueDay, text($0.owner), text($0.title), $0.overdue ? "**overdue**" : ""]) }
        if a.open > a.items.count { out += ["", "And \(a.open - a.items.count) more."] }
        return out + [""]
    }
}
