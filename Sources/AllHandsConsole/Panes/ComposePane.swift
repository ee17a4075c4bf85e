import Foundation
import AllHandsCore
import TerminalUI

/// The inline composer: what is being written, with the cursor, and how to send or leave.
enum ComposePane {
    static func draw(_ grid: inout Grid, _ rect: Rect, session: ComposeSession) {
        guard rect.height > 0 else { return }
        let what: String
        switch (session.newTicket, session.kind) {
        case (let request?, _): what = "New ticket for \(Sanitizer.clean(request.requester)): \(Sanitizer.clean(request.subject))"
        case (nil, .note): what = "Internal note on #\(session.ticketID) (never sent to the customer)"
        case (nil, _): what = "Reply to the customer on #\(session.ticketID)"
        }
        PaneTitle.draw(&grid, rect, title: what,
                       detail: session.newTicket == nil ? "C-d send · Esc keep as draft" : "C-d create · Esc cancel", focused: true)
        let body = textArea(rect)
        guard body.height > 0 else { return }
        let view = session.area.render(width: body.width, height: body.height)
        for (row, line) in view.lines.prefix(body.height).enumerated() {
            grid.write(line, x: body.x, y: body.y + row, role: session.kind == .note ? .note : .normal, limit: body.width)
        }
        let cursorX = body.x + min(view.cursorColumn, body.width - 1)
        let cursorY = body.y + min(view.cursorRow, body.height - 1)
        grid.paint(Rect(x: cursorX, y: cursorY, width: 1, height: 1), role: .selection)
    }
}

extension ComposePane {
    /// Where the text goes: under the title, a column of margin on either side.
    static func textArea(_ rect: Rect) -> Rect {
        Rect(x: rect.x + 1, y: rect.y + 1, width: max(1, rect.width - 2), height: max(0, rect.height - 1))
    }
}

/// Asked before a send when messages arrived on the ticket since the writer started: the new
/// messages, then y to send anyway, e to edit, q to keep the text as a draft.
enum ConfirmSendPage {
    static func page(_ session: ComposeSession, width: Int, timeZone: TimeZone) -> TextPage {
        let w = TextPage.textWidth(width)
        var lines = TextPage.wrapped("While you were writing, \(English.count(session.arrived.count, "message")) arrived on #\(session.ticketID). Read \(session.arrived.count == 1 ? "it" : "them") before you answer:", width: w, role: .warning)
        for message in session.arrived {
            lines.append(.init(""))
            let header = "▌ \(message.kind.label) · \(Sanitizer.clean(message.author)) · \(Timestamp.localWithZone(message.createdAt, timeZone: timeZone))"
            lines.append(.init(TextWidth.truncate(header, to: w), TicketPage.style(message.kind)))
            for raw in Sanitizer.lines(message.body) {
                lines += TextPage.wrapped(raw, width: w, role: message.kind == .note ? .note : .normal, indent: 2)
            }
        }
        lines.append(.init(""))
        lines.append(.init("Yours:", .header))
        for raw in Sanitizer.lines(session.area.text) {
            lines += TextPage.wrapped(raw, width: w, role: session.kind == .note ? .note : .normal, indent: 2)
        }
        lines.append(.init(""))
        lines += TextPage.wrapped("y send yours anyway · e edit it again · q keep it as a draft", width: w, role: .accent)
        return TextPage(title: "Someone wrote meanwhile", detail: "#\(session.ticketID)", lines: lines)
    }
}
