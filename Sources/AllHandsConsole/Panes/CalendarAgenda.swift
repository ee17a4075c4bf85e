import AllHandsCore
import Foundation
import TerminalUI

/// Days of shifts as rows: a heading per day, a row per shift (more when its people wrap) with
/// its time in the viewer's zone, seats filled/min/max, what is wrong with it and who is in it,
/// and the now line where now falls. The week view is seven days of it; the month view lists
/// the selected day with it.
enum CalendarAgenda {
    /// Where a shift's people continue when they wrap: under the seats.
    static let continuationIndent = 15

    /// The marks on people, as the legend explains them.
    static let legend = "* buddy  a→b paired with b  (a) listens  "
        + ShiftProblem.allCases.map { "\($0.mark) \($0.word)" }.joined(separator: "  ")

    static func lines(for days: [Int64], model: CalendarModel, now: Int64, width: Int, headings: Bool = true) -> [StyledLine] {
        let today = model.days.day(containing: now)
        var lines: [StyledLine] = []
        for day in days {
            let shifts = model.shown(on: day)
            if headings {
                var heading = [Span(model.days.heading(day), day == today ? .today : .header)]
                if day == today { heading.append(Span(" today", .header)) }
                // A day without shifts says so on its heading's row.
                if shifts.isEmpty { heading.append(Span("  no shifts", .muted)) }
                lines.append(StyledLine(heading, day: day))
            } else if shifts.isEmpty {
                lines.append(StyledLine([Span("  no shifts", .muted)], day: day))
            }
            var nowShown = day != today
            for shift in shifts {
                if !nowShown, shift.startsAt > now {
                    lines.append(nowLine(now, timeZone: model.days.timeZone, width: width))
                    nowShown = true
                }
                let spans = shiftSpans(shift, problems: model.problems(shift), me: model.me, now: now,
                                       timeZone: model.days.timeZone)
                lines += StyledLine.wrap(spans, width: width, indent: continuationIndent, shiftID: shift.id)
            }
            if !nowShown { lines.append(nowLine(now, timeZone: model.days.timeZone, width: width)) }
        }
        return lines
    }

    /// The row to keep in view: the selected shift's first, else the selected day's heading.
    static func anchor(in lines: [StyledLine], model: CalendarModel) -> Int? {
        if let id = model.selectedShift?.id, let row = lines.firstIndex(where: { $0.shiftID == id }) { return row }
        return lines.firstIndex { $0.day == model.day }
    }

    /// `  09:00–12:00  2/2/6 gap  americas-am  ada*, jsato→ada, (mexec)`: the seats in the role of
    /// the worst problem, each problem's word in its own, the viewer's name in the accent.
    static func shiftSpans(_ shift: Shift, problems: [ShiftProblem], me: String, now: Int64,
                           timeZone: TimeZone) -> [Span] {
        let time = Timestamp.hourMinute(shift.startsAt, timeZone: timeZone) + "–"
            + Timestamp.hourMinute(shift.endsAt, timeZone: timeZone)
        var spans = [Span("  "), Span(time, shift.endsAt <= now ? .muted : .normal), Span("  "),
                     Span(seats(shift), problems.first?.role ?? .normal)]
        for problem in problems { spans.append(Span(" " + problem.word, problem.role)) }
        let label = Sanitizer.clean(shift.label.isEmpty ? shift.template : shift.label)
        if !label.isEmpty { spans.append(Span("  " + label, .muted)) }
        spans.append(Span("  "))
        if shift.assignments.isEmpty { spans.append(Span("nobody yet", .muted)) }
        for (index, assignment) in shift.assignments.enumerated() {
            let role: StyleRole = assignment.conflict != nil ? .overdue : assignment.login == me ? .accent : .normal
            let separator = index + 1 < shift.assignments.count ? "," : ""
            spans.append(Span(person(assignment) + separator, role))
            if !separator.isEmpty { spans.append(Span(" ")) }
        }
        return spans
    }

    /// `2/2/6`: seated / minimum / maximum.
    static func seats(_ shift: Shift) -> String { "\(shift.seated)/\(shift.minSeats)/\(shift.maxSeats)" }

    /// A person in a shift with their marks: `fkim*` a buddy, `jsato→fkim` a newcomer paired with
    /// fkim, `(mexec)` listening, `ada×` to be re-planned.
    static func person(_ assignment: Assignment) -> String {
        var text = Sanitizer.clean(assignment.login)
        if assignment.role == .buddy { text += "*" }
        if let buddy = assignment.pairedWith { text += "→" + Sanitizer.clean(buddy) }
        if assignment.role == .listener { text = "(" + text + ")" }
        if assignment.conflict != nil { text += ShiftProblem.conflict.mark }
        return text
    }

    /// `── now 11:00 EST ─────`: the current time line, across the whole row.
    static func nowLine(_ now: Int64, timeZone: TimeZone, width: Int) -> StyledLine {
        let text = "── now " + Timestamp.clock(now, timeZone: timeZone) + " "
        let rule = String(repeating: "─", count: max(0, width - TextWidth.columns(text)))
        return StyledLine([Span(text + rule, .today)], fill: .today)
    }
}
