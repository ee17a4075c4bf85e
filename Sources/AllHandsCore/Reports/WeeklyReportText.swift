import Foundation

/// What the Markdown and the HTML weekly report say alike: durations, changes, hours, the
/// week's dates, the footnotes, and text from the database made safe to place in either.
enum WeeklyReportText {
    /// `45s`, `12m`, `3h 20m`, `2d 4h`; `-` for none.
    static func duration(_ seconds: Int64?) -> String {
        guard let seconds else { return "-" }
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3_600: return "\(seconds / 60)m"
        case ..<86_400: return seconds % 3_600 / 60 == 0 ? "\(seconds / 3_600)h" : "\(seconds / 3_600)h \(seconds % 3_600 / 60)m"
        default: return seconds % 86_400 / 3_600 == 0 ? "\(seconds / 86_400)d" : "\(seconds / 86_400)d \(seconds % 86_400 / 3_600)h"
        }
    }

    /// Hours to one decimal: `2.5 h`, `0 h`.
    static func hours(_ seconds: Int64) -> String {
        English.hours((Double(seconds) / 360).rounded() / 10) + " h"
    }

    /// `+20%`; `new` when last week had none; `-` when neither had any.
    static func change(_ figure: WeeklyReport.Figure) -> String {
        if let percent = figure.changePercent { return English.change(percent) }
        return figure.this > 0 ? "new" : "-"
    }

    /// The change of a duration against last week's, in percent; `-` when either is missing.
    static func change(_ this: Int64?, _ previous: Int64?) -> String {
        guard let this, let previous, previous > 0 else { return "-" }
        return English.change(Double(this - previous) / Double(previous) * 100)
    }

    static func title(_ report: WeeklyReport) -> String {
        "Weekly report \(report.week)" + (report.isUnderWay ? " (so far)" : "")
    }

    /// `Monday 2026-11-16 to Sunday 2026-11-22 (America/New_York)`, and how far a week under way runs.
    static func period(_ report: WeeklyReport) -> String {
        let zone = TimeZone(identifier: report.timeZone) ?? .gmt
        let text = "Monday \(Timestamp.date(report.start, timeZone: zone)) to Sunday "
            + "\(Timestamp.date(report.end - 1, timeZone: zone)), \(report.timeZone)"
        guard report.isUnderWay else { return text + ". Changes are against the week before." }
        return text + "; so far, up to \(Timestamp.localWithZone(report.asOf, timeZone: zone)). Changes are against the "
            + "same part of the week before."
    }

    static func target(_ report: WeeklyReport) -> String {
        "Listening target per executive: \(hours(report.participation.listeningTargetSeconds)) a week "
            + "(listening.targetHoursPerMonth, prorated by the days of the week's month)."
    }

    /// The rules behind the figures, said once at the end.
    static func footnotes(_ report: WeeklyReport) -> [String] {
        let words = WeeklyReport.thanksWords.map { "\"\($0)\"" }.joined(separator: " or ")
        return [
            "First response: from a ticket's arrival to its first public reply, over the tickets created in the week "
                + "that have one. Resolution: from arrival to the last solve, over the tickets solved in the week. "
                + "Median, and 90th percentile by nearest rank.",
            "Frustrations: tickets created in the week carrying both tags of a pair.",
            "Fast solves: tickets solved in the week within \(duration(WeeklyReport.fastSolveSeconds)) of arriving. "
                + "Thanks: customers' messages written in the week containing \(words) (in any case, also within "
                + "longer words such as \"thanks\"), on tickets solved in the week or the one before.",
            "Shifts: seats as agent or buddy, hours up to the report's end. Listening: time counted by the listening "
                + "rule (a session stops \(ListeningRules.idleSeconds / 60) minutes after the listener's last key).",
            "Action items: open at the report's end; overdue when due before \(report.actionItems.today).",
        ]
    }

    /// Text from the database on one line: control characters, line and paragraph separators,
    /// bidirectional overrides and other invisible format characters become spaces or go, runs of
    /// white space become one space. Also keeps the text within what XML allows.
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            let blank = scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if blank {
                space = !out.isEmpty
                continue
            }
            if scalar.properties.generalCategory == .format || (0xFFFE...0xFFFF).contains(scalar.value)
                || scalar.properties.generalCategory == .privateUse { continue }
            if space { out.append(" ") }
            space = false
            out.append(scalar)
        }
        return String(out)
    }
}
