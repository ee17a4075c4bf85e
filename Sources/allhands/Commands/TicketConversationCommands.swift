import AllHandsCore
import Foundation
import TerminalUI

/// Replies and notes from scripts. The text comes on stdin; the new message's id is printed
/// so the next step can pass it as `--since`.
enum TicketConversationCommands {
    static let reply = Command(
        "ticket reply", "ID [--since MSGID] [--status S] [--macro NAME] [--json] < TEXT",
        "Send a public reply (text on stdin); prints the new message's id.",
        options: [
            "Replying is for people on shift, and for support, leads and admins at any time.",
            "--since MSGID   the last message you read: if others wrote since, nothing is sent, the new messages "
                + "are shown and your text is kept as a draft (exit 75); send again with the newest id to confirm",
            "--status S      set the status in the same step (e.g. pending, solved); a new ticket becomes open anyway",
            "--macro NAME    send the config's macro NAME (filled in for this ticket, with its status and tags) "
                + "instead of reading stdin",
            "--json          object: message {id, ticket, kind, author, body, created_at}, ticket (as in ticket list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let since = try args.intOption("--since", in: 0...Int.max)
        let status = try args.option("--status").map(TicketCommands.parseStatus)
        let macro = try args.option("--macro")
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        try args.finish()
        let body = macro == nil ? try MessageInput.read("reply") : nil
        let workspace = try session.workspace()
        let sent = try sending(id, kind: .reply, body: body, in: workspace) {
            if let macro {
                return try workspace.tickets.applyMacro(named: macro, to: id, seenThrough: since, status: status)
            }
            return try workspace.tickets.reply(id: id, body: body ?? "", seenThrough: since, status: status)
        }
        try report(sent, json: json)
    }

    static let note = Command(
        "ticket note", "ID [--since MSGID] [--json] < TEXT",
        "Add an internal note (text on stdin); prints the new message's id.",
        options: [
            "Notes are never sent to the customer; anyone may add one, on shift or not.",
            "--since MSGID   the last message you read: if others wrote since, nothing is added, the new messages "
                + "are shown and your text is kept as a draft (exit 75)",
            "--json          object: message {id, ticket, kind, author, body, created_at}, ticket (as in ticket list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let since = try args.intOption("--since", in: 0...Int.max)
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        try args.finish()
        let body = try MessageInput.read("note")
        let workspace = try session.workspace()
        let sent = try sending(id, kind: .note, body: body, in: workspace) {
            try workspace.tickets.note(id: id, body: body, seenThrough: since)
        }
        try report(sent, json: json)
    }

    /// Runs a send; on new activity shows what arrived and how to confirm, and after any other
    /// refusal says where the text was kept.
    private static func sending(_ id: Int, kind: MessageKind, body: String?, in workspace: Workspace,
                                _ send: () throws -> SentMessage) throws -> SentMessage {
        do {
            return try send()
        } catch AllHandsError.newActivity(let ticket, let messages) {
            let error = AllHandsError.newActivity(ticket: ticket, messages: messages)
            var text = error.description
            let zone = TimeZone(identifier: workspace.actor.person.timeZone) ?? .current
            for m in messages {
                text += "\n── \(m.kind.label.lowercased()) \(m.id) · \(m.author) · \(Timestamp.localWithZone(m.createdAt, timeZone: zone))"
                for line in Sanitizer.lines(m.body) { text += "\n   " + line }
            }
            if let last = messages.last?.id { text += "\nsend again with --since \(last) to confirm" }
            throw CLIFailure(ExitCode.code(for: error), text)
        } catch let error as AllHandsError {
            if let draft = try? workspace.tickets.draft(id: id, kind: kind), body == nil || draft.body == body {
                throw CLIFailure(ExitCode.code(for: error), error.description
                                 + "\n  your text is kept as your \(draft.kind.rawValue) draft on ticket #\(id) (ticket show \(id))")
            }
            throw error
        }
    }

    private static func report(_ sent: SentMessage, json: Bool) throws {
        if json { return try Output.json(SentJSON(sent)) }
        Output.line(String(sent.message.id))
        let t = sent.ticket
        Output.note("\(sent.message.kind.label) \(sent.message.id) added to ticket #\(t.id), now \(t.status.rawValue) "
                    + "(version \(t.version))")
    }
}
