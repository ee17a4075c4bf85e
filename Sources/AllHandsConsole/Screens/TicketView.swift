import AllHandsCore
import Foundation
import TerminalUI

/// A read-only ticket with its whole thread: customer messages, public replies and internal
/// notes styled apart, so nobody mistakes a note for something the customer saw.
enum TicketView {
    static func page(_ detail: TicketDetail, width: Int, timeZone: TimeZone, now: Int64) -> TextPage {
        let t = detail.ticket
        let textWidth = max(10, width - 2)
        var lines: [TextPage.Line] = []
        lines += TextPage.wrapped(Sanitizer.clean(t.subject), width: textWidth, role: .title)
        let assignee = t.assigneeLogin.map(Sanitizer.clean) ?? "unassigned"
        lines.append(.init("\(t.status.rawValue) · \(t.priority.name) priority · \(assignee) · opened \(Timestamp.age(from: t.createdAt, to: now)) ago", .muted))
        let requester = detail.requester
        var from = "From \(Sanitizer.clean(requester.name)) <\(Sanitizer.clean(requester.email))>"
        if !requester.organization.isEmpty { from += ", " + Sanitizer.clean(requester.organization) }
        lines += TextPage.wrapped(from, width: textWidth, role: .normal)
        if !t.tags.isEmpty { lines += TextPage.wrapped("Tags: " + t.tags.map(Sanitizer.clean).joined(separator: "  "), width: textWidth, role: .muted) }
        for message in detail.messages {
            lines.append(.init(""))
            let role = style(message.kind)
            let label = message.kind.label
            let header = "▌ \(label) · \(Sanitizer.clean(message.author)) · \(Timestamp.local(message.createdAt, timeZone: timeZone))"
            lines.append(.init(TextWidth.truncate(header, to: textWidth), role))
            for raw in Sanitizer.lines(message.body) {
                lines += TextPage.wrapped(raw, width: textWidth, role: message.kind == .note ? .note : .normal, indent: 2)
            }
        }
        return TextPage(title: "Ticket #\(t.id)", detail: "\(detail.messages.count) messages · q back", lines: lines)
    }

    static func style(_ kind: MessageKind) -> StyleRole {
        switch kind {
        case .customer: .customer
        case .reply: .reply
        case .note: .note
        }
    }
}

/// Every action from the action table, grouped by where it applies.
enum HelpScreen {
    static func page(width: Int) -> TextPage {
        var lines: [TextPage.Line] = []
        let keyWidth = 18
        for context in ActionContext.allCases {
            let actions = ActionTable.all.filter { $0.context == context }
            guard !actions.isEmpty else { continue }
            if !lines.isEmpty { lines.append(.init("")) }
            lines.append(.init(context.title, .header))
            for action in actions {
                let keys = action.keys.isEmpty ? "" : action.keyLabels
                var text = TextWidth.fit(keys, to: keyWidth) + " " + action.description
                if let command = action.command {
                    text += "  (:" + command + (action.argument.map { " " + $0 } ?? "") + ")"
                }
                lines += TextPage.wrapped(text, width: max(20, width - 2), role: .normal, indent: 0)
            }
        }
        lines.append(.init(""))
        lines.append(.init("Mouse", .header))
        lines.append(.init(TextWidth.fit("click", to: keyWidth) + " Select a ticket or a pane; the wheel scrolls"))
        return TextPage(title: "Help", detail: "keys and commands · q back", lines: lines)
    }
}

/// What an empty database opens on.
enum WelcomeScreen {
    static func page(width: Int, databasePath: String) -> TextPage {
        let w = max(20, width - 2)
        var lines: [TextPage.Line] = [.init("")]
        lines += TextPage.wrapped("Welcome to allhands", width: w, role: .title)
        lines.append(.init(""))
        lines += TextPage.wrapped("allhands is where everyone in the company takes their turn on customer support: employees on shift work tickets from one shared queue, support leads plan a rotation that spreads shifts fairly over the whole company, and executives follow real conversations to hear customers in their own words.", width: w, role: .normal)
        lines.append(.init(""))
        lines += TextPage.wrapped("This database is empty: \(Sanitizer.clean(databasePath))", width: w, role: .muted)
        lines.append(.init(""))
        lines.append(.init("  d   load the demo company (150 people, 600 tickets) to look around", .accent))
        lines.append(.init("  q   quit", .normal))
        lines.append(.init(""))
        lines += TextPage.wrapped("To bring in real data instead, from a shell:", width: w, role: .normal)
        lines.append(.init("  allhands people import people.csv   (login,name,email,team,role,timezone)", .muted))
        lines.append(.init("  allhands people add LOGIN --name \"Full Name\" --role support", .muted))
        lines.append(.init("  allhands help                       every command", .muted))
        return TextPage(title: "allhands", detail: "welcome", lines: lines)
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
