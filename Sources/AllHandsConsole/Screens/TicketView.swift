import AllHandsCore
import Foundation
import TerminalUI

/// A read-only ticket with its whole thread: customer messages, public replies and internal
/// notes styled apart, so nobody mistakes a note for something the customer saw.
enum TicketView {
    static func page(_ detail: TicketDetail, width: Int, timeZone: TimeZone, now: Int64) -> TextPage {
        let t = detail.ticket
        let textWidth = TextPage.textWidth(width)
        var lines: [TextPage.Line] = []
        lines += TextPage.wrapped(Sanitizer.clean(t.subject), width: textWidth, role: .title)
        let assignee = t.assigneeLogin.map(Sanitizer.clean) ?? "unassigned"
        lines += TextPage.wrapped("\(t.status.rawValue) · \(t.priority.name) priority · \(assignee) · opened \(Timestamp.age(from: t.createdAt, to: now)) ago, \(Timestamp.localWithZone(t.createdAt, timeZone: timeZone))", width: textWidth, role: .muted)
        let requester = detail.requester
        var from = "From \(Sanitizer.clean(requester.name)) <\(Sanitizer.clean(requester.email))>"
        if !requester.organization.isEmpty { from += ", " + Sanitizer.clean(requester.organization) }
        lines += TextPage.wrapped(from, width: textWidth, role: .normal)
        if !t.tags.isEmpty { lines += TextPage.wrapped("Tags: " + t.tags.map(Sanitizer.clean).joined(separator: "  "), width: textWidth, role: .muted) }
        for message in detail.messages {
            lines.append(.init(""))
            let role = style(message.kind)
            let label = message.kind.label
            let header = "▌ \(label) · \(Sanitizer.clean(message.author)) · \(Timestamp.localWithZone(message.createdAt, timeZone: timeZone))"
            lines.append(.init(TextWidth.truncate(header, to: textWidth), role))
            for raw in Sanitizer.lines(message.body) {
                lines += TextPage.wrapped(raw, width: textWidth, role: message.kind == .note ? .note : .normal, indent: 2)
            }
        }
        return TextPage(title: "Ticket #\(t.id)", detail: "\(English.count(detail.messages.count, "message")) · q back", lines: lines)
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
