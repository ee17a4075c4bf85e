import Foundation

/// The weekly report as one self-contained page for a wall screen or a mail: well-formed
/// XHTML-style markup (every element closed, attributes quoted), inline CSS, the week's top tags
/// as an inline SVG bar chart, no scripts and nothing fetched from elsewhere. Pure: report in,
/// text out. Every piece of database text passes `escape`.
public enum WeeklyReportHTML {
    public static func write(_ report: WeeklyReport) -> String {
        let title = "\(report.companyName): \(WeeklyReportText.title(report))"
        var out = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p class="period">\(escape(WeeklyReportText.period(report)))</p>

            """
        out += tickets(report) + frustrations(report) + chart(report) + successes(report) + insights(report)
            + participation(report) + actionItems(report)
        out += "<footer><ul>" + WeeklyReportText.footnotes(report).map { "<li>\(escape($0))</li>" }.joined() + "</ul></footer>\n"
        return out + "</body>\n</html>\n"
    }

    /// Text for an element or an attribute value: on one line, without control characters (XML
    /// allows none), `& < > " '` as references.
    public static func escape(_ raw: String) -> String {
        var out = ""
        for character in WeeklyReportText.oneLine(raw) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = "body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:60em;"
        + "margin:2em auto;padding:0 1em;color:#1d2330;background:#fff}h1{font-size:1.6em;margin-bottom:.2em}"
        + "h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d5d9e0;padding-bottom:.2em}"
        + ".period{color:#5a6273}table{border-collapse:collapse;margin:.5em 0}th,td{padding:.25em .7em;"
        + "border-bottom:1px solid #eceef2;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
        + "blockquote{margin:1em 0;padding:.4em 1em;border-left:4px solid #4a7bd0;background:#f5f7fb}"
        + "blockquote p{margin:.2em 0}.who{color:#5a6273;font-size:.9em}.overdue{color:#b3261e;font-weight:bold}"
        + "footer{margin-top:2em;color:#5a6273;font-size:.85em}"

    private static func cell(_ text: String, numeric: Bool = false) -> String {
        numeric ? "<td class=\"n\">\(escape(text))</td>" : "<td>\(escape(text))</td>"
    }

    private static func head(_ names: [String], numericFrom: Int) -> String {
        "<tr>" + names.enumerated().map { i, name in
            i >= numericFrom ? "<th class=\"n\">\(escape(name))</th>" : "<th>\(escape(name))</th>"
        }.joined() + "</tr>"
    }

    private static func tickets(_ r: WeeklyReport) -> String {
        let t = WeeklyReportText.self
        let rows: [[String]] = [
            ["Tickets in", String(r.ticketsIn.this), String(r.ticketsIn.previous), t.change(r.ticketsIn)],
            ["Solved", String(r.ticketsSolved.this), String(r.ticketsSolved.previous), t.change(r.ticketsSolved)],
            ["First response, median", t.duration(r.firstResponse.median), t.duration(r.firstResponse.previousMedian),
             t.change(r.firstResponse.median, r.firstResponse.previousMedian)],
            ["First response, 90th percentile", t.duration(r.firstResponse.p90), t.duration(r.firstResponse.previousP90),
             t.change(r.firstResponse.p90, r.firstResponse.previousP90)],
            ["Resolution, median", t.duration(r.resolution.median), t.duration(r.resolution.previousMedian),
             t.change(r.resolution.median, r.resolution.previousMedian)],
            ["Resolution, 90th percentile", t.duration(r.resolution.p90), t.duration(r.resolution.previousP90),
             t.change(r.resolution.p90, r.resolution.previousP90)],
        ]
        return "<h2>Tickets</h2>\n<table>" + head(["", "This week", "Last week", "Change"], numericFrom: 1)
            + rows.map { "<tr>" + cell($0[0]) + $0.dropFirst().map { cell($0, numeric: true) }.joined() + "</tr>" }.joined()
            + "</table>\n"
    }

    private static func frustrations(_ r: WeeklyReport) -> String {
        guard let d = r.frustrationDimensions else {
            return "<h2>Top frustrations</h2>\n<p>The taxonomy has fewer than two dimensions to pair.</p>\n"
        }
        var out = "<h2>Top frustrations (\(escape(d.row)) × \(escape(d.column)))</h2>\n"
        guard !r.frustrations.isEmpty else { return out + "<p>No new ticket carries both.</p>\n" }
        out += "<table>" + head([d.row.capitalized, d.column.capitalized, "Tickets", "Last week", "Change"], numericFrom: 2)
        for f in r.frustrations {
            out += "<tr>" + cell(f.row) + cell(f.column) + cell(String(f.tickets.this), numeric: true)
                + cell(String(f.tickets.previous), numeric: true) + cell(WeeklyReportText.change(f.tickets), numeric: true) + "</tr>"
        }
        return out + "</table>\n"
    }

    /// The week's top tags as horizontal bars: a label, a bar as long as its share of the
    /// busiest, and the count.
    static func chart(_ r: WeeklyReport) -> String {
        guard let most = r.topTags.map(\.tickets).max(), most > 0 else { return "" }
        let rowHeight = 26, labelWidth = 150, barWidth = 360, width = labelWidth + barWidth + 60
        let height = rowHeight * r.topTags.count + 8
        var out = "<h2>Top tags on new tickets</h2>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Top tags on the week's new tickets\">"
        for (i, tag) in r.topTags.enumerated() {
            let y = 4 + i * rowHeight
            let length = max(1, tag.tickets * barWidth / most)
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" font-size=\"13\" fill=\"#1d2330\">"
                + "\(escape(FieldLimits.excerpt(tag.tag, length: 22)))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 8)\" fill=\"#4a7bd0\"/>"
                + "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\" font-size=\"13\" fill=\"#1d2330\">\(tag.tickets)</text>"
        }
        return out + "</svg>\n"
    }

    private static func successes(_ r: WeeklyReport) -> String {
        let s = r.successes
        var out = "<h2>Top successes</h2>\n<p><strong>\(English.count(s.fastSolves, "fast solve"))</strong> (solved within "
            + "\(WeeklyReportText.duration(WeeklyReport.fastSolveSeconds)) of arriving)\(s.fastest.isEmpty ? "." : "; the fastest:")</p>\n"
        if !s.fastest.isEmpty {
            out += "<ul>" + s.fastest.map {
                "<li>#\($0.ticketID) \(escape($0.subject)) (\(WeeklyReportText.duration($0.seconds)))</li>"
            }.joined() + "</ul>\n"
        }
        out += "<p><strong>\(English.count(s.thanks, "thank-you", plural: "thank-yous"))</strong> from customers"
            + (s.thanksQuotes.isEmpty ? ".</p>\n" : ":</p>\n")
        for q in s.thanksQuotes {
            out += "<blockquote><p>“\(escape(q.quote))”</p><p class=\"who\">\(escape(q.customer)), #\(q.ticketID)</p></blockquote>\n"
        }
        return out
    }

    private static func insights(_ r: WeeklyReport) -> String {
        var out = "<h2>In the customers' own words</h2>\n"
        guard !r.insights.isEmpty else { return out + "<p>No insight was captured this week.</p>\n" }
        for i in r.insights {
            var source = [i.customer.map(escape), i.ticketID.map { "#\($0)" }].compactMap { $0 }.joined(separator: ", ")
            if source.isEmpty { source = "a customer" }
            out += "<blockquote><p>“\(escape(i.quote))”</p><p class=\"who\">— \(source); captured by \(escape(i.author))"
                + (i.note.isEmpty ? "" : ": \(escape(i.note))") + "</p></blockquote>\n"
        }
        if r.insightCount > r.insights.count {
            out += "<p>And \(English.count(r.insightCount - r.insights.count, "more insight")) in the insights view.</p>\n"
        }
        return out
    }

    private static func participation(_ r: WeeklyReport) -> String {
        let p = r.participation, t = WeeklyReportText.self
        var out = "<h2>Participation</h2>\n<p>\(English.count(p.shiftPeople, "person", plural: "people")) took shifts, "
            + "\(t.hours(p.shiftSeconds)) in all.</p>\n"
        if !p.teams.isEmpty {
            out += "<table>" + head(["Team", "People", "Hours"], numericFrom: 1)
                + p.teams.map { "<tr>" + cell($0.team.isEmpty ? "(no team)" : $0.team) + cell(String($0.people), numeric: true)
                    + cell(t.hours($0.seconds), numeric: true) + "</tr>" }.joined() + "</table>\n"
        }
        out += "<p>\(escape(t.target(r)))</p>\n"
        if p.executives.isEmpty {
            out += "<p>No executive yet.</p>\n"
        } else {
            out += "<table>" + head(["Executive", "Listened", "Target", "Called", "No answer", "Declined", "To call"], numericFrom: 1)
            for e in p.executives {
                out += "<tr>" + cell(e.name) + [t.hours(e.listenedSeconds), t.hours(p.listeningTargetSeconds), String(e.called),
                                                String(e.noAnswer), String(e.declined), String(e.toCall)]
                    .map { cell($0, numeric: true) }.joined() + "</tr>"
            }
            out += "</table>\n"
        }
        if p.otherListeners > 0 {
            out += "<p>\(English.count(p.otherListeners, "other person", plural: "other people")) listened, "
                + "\(t.hours(p.otherListeningSeconds)) in all.</p>\n"
        }
        return out
    }

    private static func actionItems(_ r: WeeklyReport) -> String {
        let a = r.actionItems
        var out = "<h2>Action items</h2>\n<p>\(English.count(a.open, "open item")), \(a.overdue) overdue.</p>\n"
        guard !a.items.isEmpty else { return out }
        out += "<table>" + head(["Due", "Owner", "Item", ""], numericFrom: 9)
        for item in a.items {
            out += "<tr>" + cell(item.dueDay) + cell(item.owner) + cell(item.title)
                + (item.overdue ? "<td class=\"overdue\">overdue</td>" : "<td></td>") + "</tr>"
        }
        out += "</table>\n"
        if a.open > a.items.count { out += "<p>And \(a.open - a.items.count) more.</p>\n" }
        return out
    }
}
