import AllHandsCore
import Foundation
import TerminalUI

/// `i` (or `:insight [N]`): keeps a customer's words as an insight. The message is the one the
/// view points at: the listen view's selected entry, the search hit's message, and on a ticket
/// the message marked with `[`/`]` (`:insight N`: the Nth message of the thread), else the
/// newest customer message. The form is pre-filled with the whole message to trim; it opens in
/// `$VISUAL`/`$EDITOR` when set, inline otherwise. Nothing typed is lost: an editor that fails
/// or a refused save leaves the text in the inline form with the reason, and `Esc` keeps the
/// text for the next `i` on the same message.
extension Console {
    func captureInsight(_ argument: String?) throws {
        let target: (ticketID: Int, messageID: Int?)
        switch state.screen {
        case .listen:
            guard let entry = listen?.selectedEntry else { return flash("Nothing to keep yet: the timeline is empty", error: true) }
            target = (entry.ticketID, entry.id)
        case .search:
            guard searchHits.indices.contains(searchSelection) else { return flash("No result selected", error: true) }
            let hit = searchHits[searchSelection]
            if case .message(let id) = hit.source { target = (hit.ticket.id, id) } else { target = (hit.ticket.id, nil) }
        default:
            guard let ticket = currentTicket else { return flash(Self.noTicketSelected, error: true) }
            target = (ticket.id, nil)
        }
        let thread = try workspace.tickets.detail(id: target.ticketID)
        let message: Message?
        if let number = argument {
            guard let n = Int(number.trimmingCharacters(in: .whitespaces)), thread.messages.indices.contains(n - 1) else {
                return flash("usage: :insight N, N from 1 to \(thread.messages.count) (the Nth message of #\(target.ticketID))", error: true)
            }
            message = thread.messages[n - 1]
        } else if let id = target.messageID ?? markedMessageID(in: thread) {
            message = thread.messages.first { $0.id == id }
        } else {
            message = thread.messages.last { $0.kind == .customer } ?? thread.messages.last
        }
        guard let message else { return flash("#\(target.ticketID) has no message to quote", error: true) }
        let shown = isListening ? listenedDetail(thread) : thread
        let quote = shown.messages.first { $0.id == message.id }?.body ?? message.body
        let source = "\(message.kind.label) · \(shown.messages.first { $0.id == message.id }?.author ?? message.author)"
        if let kept = keptInsight, kept.messageID == message.id {
            insightForm = kept
            flash("Your unsaved insight on this message is back")
        } else {
            insightForm = InsightForm(ticketID: target.ticketID, messageID: message.id, source: source, quote: quote)
        }
        keptInsight = nil
        try editInsight()
    }

    /// The message the `[`/`]` marker points at in the ticket view, when it was moved.
    func markedMessageID(in thread: TicketDetail) -> Int? {
        guard case .ticket(let id) = state.screen, id == thread.ticket.id, let mark = messageMark,
              thread.messages.indices.contains(mark) else { return nil }
        return thread.messages[mark].id
    }

    /// `[`/`]` in the ticket view: the marker moves to the previous or next message (the first
    /// press starts at the newest customer message) and the page scrolls to it.
    func moveMessageMark(by step: Int) {
        guard let messages = detail?.messages, !messages.isEmpty else { return }
        let start = messageMark ?? (messages.lastIndex { $0.kind == .customer } ?? messages.count - 1)
        let next = messageMark == nil ? start : min(max(0, start + step), messages.count - 1)
        messageMark = next
        if let page = currentPage(), let line = page.lines.firstIndex(where: { $0.text.hasPrefix(TicketPage.markedPrefix) }) {
            let height = TextPage.bodyRows(layout.content)
            if line < state.ticketScroll || line >= state.ticketScroll + height {
                state.ticketScroll = min(max(0, line - 1), page.maxScroll(height: height))
            }
        }
        flash("Message \(next + 1) of \(messages.count) marked: i keeps an insight from it")
    }

    /// Opens the form in the person's editor, or inline.
    private func editInsight() throws {
        guard let form = insightForm else { return }
        guard let command = editorCommand else {
            if state.screen != .insightForm { state.push(.insightForm) }
            return
        }
        let result: ExternalEditor.EditResult
        do {
            result = try ExternalEditor.edit(initialText: InsightFile.build(form), command: command, backend: backend,
                                             fileName: "allhands-insight-\(form.ticketID).txt")
        } catch {
            return holdInsight(form, "Not saved: \(error.description). Your text is here")
        }
        switch result {
        case .saved(let text):
            guard let fields = InsightFile.parse(text) else {
                return holdInsight(InsightForm(ticketID: form.ticketID, messageID: form.messageID, source: form.source, quote: text),
                                   "Not saved: a [quote], [note] or [tags] line is missing. Your whole text is in the quote")
            }
            let edited = InsightForm(ticketID: form.ticketID, messageID: form.messageID, source: form.source,
                                     quote: fields.quote, note: fields.note, tags: fields.tags)
            if edited.quoteText.isEmpty, edited.noteText.isEmpty {
                insightForm = nil
                return flash("Nothing saved: the quote is empty")
            }
            insightForm = edited
            try saveInsight()
        case .failed(let failure, let text):
            let fields = text.flatMap(InsightFile.parse)
            let kept = fields.map { InsightForm(ticketID: form.ticketID, messageID: form.messageID, source: form.source,
                                                quote: $0.quote, note: $0.note, tags: $0.tags) } ?? form
            holdInsight(kept, "Not saved: \(failure.description). Your text is here")
        }
    }

    /// Saves the form; a refusal keeps it in the inline form with the reason.
    func saveInsight() throws {
        guard let form = insightForm else { return }
        guard !form.quoteText.isEmpty else {
            return holdInsight(form, "Not saved: the quote is empty (the customer's words are the point)")
        }
        let insight: Insight
        do {
            insight = try workspace.insights.add(quote: form.quoteText, note: form.noteText, tags: form.tagNames,
                                                 ticketID: form.ticketID, messageID: form.messageID)
        } catch {
            if AllHandsError.endsSession(error) { throw error }
            return holdInsight(form, "Not saved: \(error). Your text is here")
        }
        insightForm = nil
        if state.screen == .insightForm { state.pop() }
        flash("Insight #\(insight.id) saved")
        if state.screen == .insights { try reloadInsights() }
    }

    /// Shows `form` in the inline form with `message`, whatever the editor setting.
    private func holdInsight(_ form: InsightForm, _ message: String) {
        insightForm = form
        if state.screen != .insightForm { state.push(.insightForm) }
        flash(message, error: true)
    }

    /// A key in the inline form: typing in the field, Tab and Shift-Tab between fields, C-d to
    /// save, Esc to leave (the text is kept for the next `i` on the same message).
    func insightFormKey(_ key: Key) throws {
        guard var form = insightForm else { return state.pop() }
        switch key {
        case .tab: form.nextField(by: 1)
        case .backTab: form.nextField(by: -1)
        default:
            let area = InsightFormLayout.compute(layout.content).area(form.field)
            var text = form.current
            let outcome = text.handle(key, width: area.width, height: area.height)
            form.current = text
            insightForm = form
            switch outcome {
            case .editing: break
            case .send: return try saveInsight()
            case .cancel:
                insightForm = nil
                state.pop()
                if !form.isBlank { keptInsight = form }
                return flash(form.isBlank ? "No insight kept" : "Insight not saved: i on the same message brings your text back")
            }
        }
        insightForm = form
    }

    func drawInsightForm(_ grid: inout Grid, _ rect: Rect) {
        guard let form = insightForm else { return }
        InsightFormPane.draw(&grid, InsightFormLayout.compute(rect), form: form)
    }
}
