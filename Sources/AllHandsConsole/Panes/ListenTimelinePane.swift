import AllHandsCore
import Foundation
import TerminalUI

/// The listen view's timeline: one line per entry, newest at the bottom — the time in the
/// viewer's zone, what happened (a new ticket, the customer, a reply, an internal note), the
/// ticket, who wrote, the subject and the first line of what they wrote. Everything from the
/// database passes the sanitiser.
enum ListenTimelinePane {
    /// The words of the kind column, all as wide as the widest. An internal note says so.
    static func marker(_ kind: TimelineEntry.Kind) -> String {
        switch kind {
        case .newTicket: "new"
        case .customer: "customer"
        case .reply: "reply"
        case .note: "internal"
        }
    }

    static let markerWidth = 8

    static func role(_ kind: TimelineEntry.Kind) -> StyleRole {
        switch kind {
        case .newTicket: .accent
        case .customer: .customer
        case .reply: .reply
        case .note: .note
        }
    }

    /// The first line of a message's text that is not blank, sanitised.
    static func firstLine(_ body: String) -> String {
        Sanitizer.lines(body).first { !$0.allSatisfy(\.isWhitespace) }?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// When an entry happened, ten columns wide in the viewer's zone: `     14:08` today,
    /// `Sat 14:08` in the six days before, `2026-11-17` earlier.
    static func when(_ at: Int64, timeZone: TimeZone, now: Int64) -> String {
        let day = Timestamp.date(at, timeZone: timeZone)
        if day == Timestamp.date(now, timeZone: timeZone) { return "     " + Timestamp.hourMinute(at, timeZone: timeZone) }
        if now - at < 6 * 86_400 { return TextWidth.fit(Timestamp.weekdayClock(at, timeZone: timeZone, now: at), to: 10) }
        return day
    }

    /// One entry as a line `width` columns wide:
    /// `    11:02 customer #1234 Dana Whitfield  Charged twice — I was charged twice for…`.
    static func line(_ entry: TimelineEntry, width: Int, timeZone: TimeZone, now: Int64, authorWidth: Int) -> StyledLine {
        let time = when(entry.at, timeZone: timeZone, now: now)
        let author = TextWidth.fit(Sanitizer.clean(entry.author), to: authorWidth)
        let ticket = TextWidth.fit("#\(entry.ticketID)", to: 7)
        let body = firstLine(entry.body)
        let lead = [
            Span(" " + time + " ", .muted),
            Span(TextWidth.fit(marker(entry.kind), to: markerWidth) + " ", role(entry.kind)),
            Span(ticket + " ", .header),
            Span(author + " "),
        ]
        // The subject leaves at least half the rest of the line to what was written.
        let rest = width - lead.reduce(0) { $0 + TextWidth.columns($1.text) }
        var subject = Sanitizer.clean(entry.subject)
        if !body.isEmpty, TextWidth.columns(subject) > max(12, rest / 2) { subject = TextWidth.truncate(subject, to: max(12, rest / 2)) }
        let spans = lead + [
            Span(subject, .title),
            Span(body.isEmpty ? "" : " — " + body, entry.kind == .note ? .note : .normal),
        ]
        var used = 0
        var fitted: [Span] = []
        for span in spans {
            let room = width - used
            guard room > 0 else { break }
            let text = TextWidth.columns(span.text) > room ? TextWidth.truncate(span.text, to: room) : span.text
            fitted.append(Span(text, span.role))
            used += TextWidth.columns(text)
        }
        return StyledLine(fitted)
    }

    /// The author column: room for most names, less on narrow screens.
    static func authorWidth(_ width: Int) -> Int { width >= 120 ? 18 : 12 }

    /// Draws the entries that fit, scrolled to keep the selected one in view (near the bottom
    /// while following), the selected one highlighted.
    static func draw(_ grid: inout Grid, _ rect: Rect, model: ListenTimelineModel, timeZone: TimeZone, now: Int64,
                     emptyText: String) {
        guard rect.height > 0 else { return }
        let entries = model.entries
        guard !entries.isEmpty else {
            grid.write(" " + emptyText, x: rect.x, y: rect.y, role: .muted, limit: rect.width)
            return
        }
        let first = firstShown(count: entries.count, selected: model.selected, rows: rect.height)
        let authorWidth = authorWidth(rect.width)
        for (row, index) in (first..<min(entries.count, first + rect.height)).enumerated() {
            let line = line(entries[index], width: rect.width, timeZone: timeZone, now: now, authorWidth: authorWidth)
            line.draw(&grid, x: rect.x, y: rect.y + row, width: rect.width, selected: index == model.selected)
        }
    }

    /// The first entry shown: the bottom of the timeline when the selection is near it, else
    /// the selection a third of the way down.
    static func firstShown(count: Int, selected: Int, rows: Int) -> Int {
        guard count > rows else { return 0 }
        let bottom = count - rows
        if selected >= bottom { return bottom }
        return max(0, min(bottom, selected - rows / 3))
    }

    static func newBelowText(_ count: Int) -> String {
        " ▼ \(count) new below · G goes to the newest and follows it"
    }
}
