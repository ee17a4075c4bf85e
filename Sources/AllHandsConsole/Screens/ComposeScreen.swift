import AllHandsCore
import Foundation
import TerminalUI

/// A reply or note being written, from the key that started it to the send.
struct ComposeSession {
    var ticketID: Int
    var kind: MessageKind
    /// The newest message the writer had seen when they started (or last confirmed): the
    /// send-time check reports anything newer.
    var seenThrough: Int?
    /// The inline editor's text (also the text between an editor run and the send).
    var area: TextArea
    /// Messages that arrived while writing, shown before a confirmed send.
    var arrived: [Message] = []
    /// A macro's status, applied with the send.
    var status: TicketStatus?
    /// A macro's tags, applied with the send.
    var tags: [String] = []
    /// Set when the text is the first message of a ticket being created.
    var newTicket: NewTicketRequest?
    /// The text started as a kept draft: saved unchanged from the editor, it is not sent
    /// (as mutt aborts an unmodified message).
    var fromDraft = false
}

/// Writing replies and notes: in `$VISUAL`/`$EDITOR` (curses suspended, the screen restored
/// after) or, without one, in the inline editor. Whatever happens, the text is never lost:
/// an editor that fails, an empty text after a draft, a refused send or one that would answer
/// blindly all leave the text as a draft on the ticket.
extension Console {
    func startCompose(_ kind: MessageKind, ticketID: Int, macro: String? = nil) throws {
        let current = try workspace.tickets.detail(id: ticketID)
        // Only a draft of the same kind comes back: a kept note never becomes a reply.
        let kept = current.draft(kind)
        var text = kept?.body ?? ""
        var status: TicketStatus?
        var tags: [String] = []
        if macro != nil, let draft = current.draft(.reply) {
            return flash("You have an unsent reply on #\(ticketID) from \(Timestamp.age(from: draft.updatedAt, to: now)) ago: "
                         + "r continues it, :discard reply throws it away", error: true)
        }
        if let macro {
            let rendered = try workspace.tickets.macro(named: macro, for: ticketID)
            text = rendered.body
            status = rendered.status
            tags = rendered.tags
        }
        if let kept, macro == nil { flash("Your draft from \(Timestamp.age(from: kept.updatedAt, to: now)) ago is back") }
        compose = ComposeSession(ticketID: ticketID, kind: kind, seenThrough: current.messages.last?.id,
                                 area: TextArea(text: text), status: status, tags: tags,
                                 fromDraft: kept != nil && macro == nil)
        try heartbeat(on: ticketID, .composing, force: true)
        try write(thread: current)
    }

    /// Runs the editor on the session's text with the ticket's thread quoted, or opens the
    /// inline editor.
    func write(thread: TicketDetail) throws {
        guard let session = compose else { return }
        let heading = session.kind == .note
            ? "Internal note on #\(session.ticketID): never sent to the customer."
            : "Reply to #\(session.ticketID), sent to \(thread.requester.name) <\(thread.requester.email)>."
        try write(thread: thread.messages, heading: heading)
    }

    func write(thread: [Message], heading: String) throws {
        guard var session = compose else { return }
        guard let command = editorCommand else {
            state.push(.compose)
            return
        }
        let file = ComposeFile.build(text: session.area.text, heading: [heading], thread: thread, timeZone: timeZone)
        let result: ExternalEditor.EditResult
        do {
            result = try ExternalEditor.edit(initialText: file, command: command, backend: backend,
                                             fileName: "allhands-\(session.kind.rawValue)-\(session.ticketID).txt")
        } catch {
            return try keepDraft(session.area.text, reason: error.description)
        }
        switch result {
        case .saved(let text):
            let edited = ComposeFile.parse(text)
            let below = ComposeFile.ignoredText(text)
            guard below.isEmpty else {
                return try keepDraft(edited + "\n\n" + below,
                                     reason: "text was written below the scissors line, where it is left out; both parts are in your draft")
            }
            if session.fromDraft, edited == session.area.text.trimmingCharacters(in: .whitespacesAndNewlines) {
                return try keepDraft(session.area.text, reason: "the draft is unchanged (save a change to send it)")
            }
            session.area = TextArea(text: edited)
            compose = session
            try send()
        case .failed(let failure, let text):
            try keepDraft(text.map(ComposeFile.parse) ?? session.area.text, reason: failure.description)
        }
    }

    /// A key in the inline composer: typing, or C-d to send, Esc to keep the text as a draft.
    func composeKey(_ key: Key) throws {
        guard var session = compose else { return }
        let area = ComposePane.textArea(layout.content)
        let outcome = session.area.handle(key, width: area.width, height: area.height)
        compose = session
        switch outcome {
        case .editing: break
        case .send: try send()
        case .cancel: try keepDraft(session.area.text, reason: nil)
        }
    }

    func performOnConfirm(_ id: ActionID) throws -> Outcome {
        guard var session = compose else { return .unhandled }
        switch id {
        case .sendAnyway:
            session.seenThrough = session.arrived.last?.id ?? session.seenThrough
            session.arrived = []
            compose = session
            state.pop()
            try send()
        case .editAgain:
            session.seenThrough = session.arrived.last?.id ?? session.seenThrough
            session.arrived = []
            compose = session
            state.pop()
            if state.screen == .compose { return .handled }
            try write(thread: workspace.tickets.detail(id: session.ticketID))
        case .keepDraft:
            state.pop()
            try keepDraft(session.area.text, reason: nil)
        default: return .unhandled
        }
        return .handled
    }

    /// Sends the session's text. An empty text sends nothing (a draft stays as it was).
    private func send() throws {
        guard var session = compose else { return }
        let text = session.area.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            finishCompose()
            return flash("Nothing to send: the text is empty" + (hasDraft(session.ticketID, session.kind) ? " (your earlier draft is kept)" : ""))
        }
        if let request = session.newTicket {
            // A refusal leaves the writer in the inline composer with the text, to fix or Esc.
            let ticket: Ticket
            do {
                ticket = try workspace.tickets.create(requesterEmail: request.requester, subject: request.subject, body: text)
            } catch {
                if AllHandsError.endsSession(error) { throw error }
                return holdInComposer(text, "No ticket created: \(error)")
            }
            finishCompose()
            flash("Created #\(ticket.id)")
            return try openTicket(ticket.id)
        }
        do {
            if session.kind == .note {
                try workspace.tickets.note(id: session.ticketID, body: text, seenThrough: session.seenThrough)
            } else {
                try workspace.tickets.reply(id: session.ticketID, body: text, seenThrough: session.seenThrough,
                                            status: session.status, tags: session.tags)
            }
        } catch AllHandsError.newActivity(_, let messages) {
            session.arrived = messages
            compose = session
            state.push(.confirmSend)
            return
        } catch {
            if AllHandsError.endsSession(error) { throw error }
            try keepDraft(text, reason: String(describing: error))
            return
        }
        finishCompose()
        flash(session.kind == .reply ? "Reply sent on #\(session.ticketID)" : "Note added to #\(session.ticketID)")
        try afterChange(session.ticketID)
    }

    /// Keeps the text as the person's draft on the ticket and leaves the composer. When even the
    /// draft cannot be written (a text over the length limit, a ticket not created yet, a busy
    /// database), the text stays in the inline composer with the reason: nothing typed is lost.
    private func keepDraft(_ text: String, reason: String?) throws {
        guard let session = compose else { return }
        let why = reason.map { "Not sent: \($0). " } ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            finishCompose()
            return flash(why + "Nothing was written", error: reason != nil)
        }
        if session.newTicket != nil {
            guard let reason else {
                finishCompose()
                return flash("No ticket created")
            }
            return holdInComposer(text, "No ticket created: \(reason)")
        }
        do {
            try workspace.tickets.saveDraft(id: session.ticketID, kind: session.kind, body: text)
        } catch {
            if AllHandsError.endsSession(error) { throw error }
            return holdInComposer(text, why + "The draft could not be kept either (\(error)): your text is here")
        }
        finishCompose()
        flash(why + "Your text is kept as a draft on #\(session.ticketID) (\(session.kind == .note ? "n" : "r") brings it back)",
              error: reason != nil)
        if case .ticket(let open) = state.screen, open == session.ticketID { try reloadTicket(open) }
    }

    /// Shows `text` in the inline composer with `message`, whatever the editor setting.
    private func holdInComposer(_ text: String, _ message: String) {
        guard var session = compose else { return }
        session.area = TextArea(text: text)
        compose = session
        if state.screen != .compose { state.push(.compose) }
        flash(message, error: true)
    }

    private func finishCompose() {
        if state.screen == .compose { state.pop() }
        if let ticketID = compose?.ticketID { lastHeartbeat = (ticketID, .viewing, 0) }
        compose = nil
    }

    private func hasDraft(_ ticketID: Int, _ kind: MessageKind) -> Bool {
        (try? workspace.tickets.draft(id: ticketID, kind: kind)) != nil
    }
}
