import AllHandsCore
import Foundation
import TerminalUI

/// A read-only ticket with its whole thread: customer messages, public replies and internal
/// notes styled apart, so nobody mistakes a note for something the customer saw.
enum TicketPage {
    /// `banner`: a line above everything (the listen view's read-only notice); `marked`: the
    /// index of the message `[`/`]` marked, whose header starts with `markedPrefix`.
    static func page(_ detail: TicketDetail, width: Int, timeZone: TimeZone, now: Int64,
                     sla: Configuration.SLA = Configuration.default.sla, banner: String? = nil, marked: Int? = nil) -> TextPage {
        let t = detail.ticket
        let textWidth = TextPage.textWidth(width)
        var lines: [TextPage.Line] = []
        if let banner { lines += TextPage.wrapped(banner, width: textWidth, role: .warning) }
        lines += TextPage.wrapped(Sanitizer.clean(t.subject), width: textWidth, role: .title)
        let assignee = t.assigneeLogin.map(Sanitizer.clean) ?? "unassigned"
        lines += TextPage.wrapped("\(t.status.rawValue) · \(t.priority.name) priority · \(assignee) · opened \(Timestamp.age(from: t.createdAt, to: now)) ago, \(Timestamp.localWithZone(t.createdAt, timeZone: timeZone))", width: textWidth, role: .muted)
        let requester = detail.requester
        var from = "From \(Sanitizer.clean(requester.name)) <\(Sanitizer.clean(requester.email))>"
        if !requester.organization.isEmpty { from += ", " + Sanitizer.clean(requester.organization) }
        lines += TextPage.wrapped(from, width: textWidth, role: .normal)
        if !t.tags.isEmpty { lines += TextPage.wrapped("Tags: " + t.tags.map(Sanitizer.clean).joined(separator: "  "), width: textWidth, role: .muted) }
        lines += TextPage.wrapped(responseTimes(detail, sla: sla, now: now), width: textWidth, role: slaRole(t, sla: sla, now: now))
        if let boundary = detail.boundary {
            lines += TextPage.wrapped("⚠ Boundary: this requester's conduct was marked abusive by \(Sanitizer.clean(boundary.setBy)): \(Sanitizer.clean(boundary.reason)). :macro boundary replies.", width: textWidth, role: .warning)
        }
        if !detail.presence.isEmpty {
            let who = detail.presence.map { p in "\(Sanitizer.clean(p.login)) is \(p.activity == .composing ? "writing a reply" : "looking at it")" }
            lines += TextPage.wrapped("◆ " + who.joined(separator: " · "), width: textWidth, role: .presence)
        }
        for g in detail.goodwill {
            var text = "Goodwill #\(g.id): \(g.kind.rawValue) \(GoodwillService.format(g.amount, currency: g.currency)) by \(Sanitizer.clean(g.by)) — “\(Sanitizer.clean(g.reason))” · \(g.status.rawValue)"
            if let by = g.decidedBy { text += " by " + Sanitizer.clean(by) }
            lines += TextPage.wrapped(text, width: textWidth, role: g.status == .awaiting ? .warning : .accent)
        }
        for draft in detail.drafts {
            lines += TextPage.wrapped("✎ Your unsent \(draft.kind == .note ? "note" : "reply") from \(Timestamp.age(from: draft.updatedAt, to: now)) ago is kept: \(draft.kind == .note ? "n" : "r") brings it back.", width: textWidth, role: .accent)
        }
        for (index, message) in detail.messages.enumerated() {
            lines.append(.init(""))
            let role = style(message.kind)
            let label = message.kind.label
            let lead = index == marked ? markedPrefix + "\(index + 1). " : "▌ "
            let header = lead + "\(label) · \(Sanitizer.clean(message.author)) · \(Timestamp.localWithZone(message.createdAt, timeZone: timeZone))"
            lines.append(.init(TextWidth.truncate(header, to: textWidth), role))
            for raw in Sanitizer.lines(message.body) {
                lines += TextPage.wrapped(raw, width: textWidth, role: message.kind == .note ? .note : .normal, indent: 2)
            }
        }
        return TextPage(title: "Ticket #\(t.id)", detail: "\(English.count(detail.messages.count, "message")) · h history · q back", lines: lines)
    }

    /// How the header of the message marked for an insight starts.
    static let markedPrefix = "▶ "

    /// `First response 2h 5m (target 4h) · resolved in 1d 3h`, or how long is left.
    static func responseTimes(_ detail: TicketDetail, sla: Configuration.SLA, now: Int64) -> String {
        let t = detail.ticket
        let target = "target " + Timestamp.age(from: 0, to: sla.target(for: t.priority))
        var text: String
        if let first = t.firstResponseAt {
            text = "First response after \(Timestamp.age(from: t.createdAt, to: first)) (\(target))"
        } else {
            let due = t.createdAt + sla.target(for: t.priority)
            text = due >= now
                ? "No reply yet: first response due in \(Timestamp.age(from: now, to: due)) (\(target))"
                : "No reply yet: first response late by \(Timestamp.age(from: due, to: now)) (\(target))"
        }
        if let solved = t.solvedAt, !t.status.isActive {
            text += " · resolved after " + Timestamp.age(from: t.createdAt, to: solved)
        }
        return text
    }

    static func slaRole(_ t: Ticket, sla: Configuration.SLA, now: Int64) -> StyleRole {
        switch SLA.state(t, sla, now: now)?.state {
        case .late: .overdue
        case .approaching: .approaching
        default: .muted
        }
    }

    /// The audit trail instead of the thread: who changed what, when.
    static func history(_ detail: TicketDetail, entries: [AuditEntry], width: Int, timeZone: TimeZone) -> TextPage {
        let textWidth = TextPage.textWidth(width)
        var lines = TextPage.wrapped(Sanitizer.clean(detail.ticket.subject), width: textWidth, role: .title)
        lines.append(.init(""))
        if entries.isEmpty { lines.append(.init("No changes recorded yet.", .muted)) }
        for entry in entries {
            let who = Sanitizer.clean(entry.actor) + (entry.via.map { " (via \(Sanitizer.clean($0)))" } ?? "")
            let head = "\(Timestamp.localWithZone(entry.at, timeZone: timeZone)) · \(who) · \(Sanitizer.clean(entry.action))"
            lines += TextPage.wrapped(head, width: textWidth, role: .header)
            for change in AuditText.changes(entry) {
                lines += TextPage.wrapped(Sanitizer.clean(change), width: textWidth, role: .normal, indent: 2)
            }
        }
        return TextPage(title: "Ticket #\(detail.ticket.id) history", detail: "\(English.count(entries.count, "change")) · h thread · q back", lines: lines)
    }

    static func style(_ kind: MessageKind) -> StyleRole {
        switch kind {
        case .customer: .customer
        case .reply: .reply
        case .note: .note
        }
    }
}

/// Shown instead of everything when the terminal is below the minimum size.
enum TooSmallScreen {
    static func draw(_ grid: inout Grid, size: Size) {
        let text = "Terminal too small (\(size.width)×\(size.height)); allhands needs \(Layout.minimum.width)×\(Layout.minimum.height). Enlarge the window, or q to quit."
        for (row, line) in TextWrap.wrap(text, width: max(1, size.width)).prefix(size.height).enumerated() {
            grid.write(line, x: 0, y: row, role: .gap)
        }
    }
}
