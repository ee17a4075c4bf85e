import AllHandsCore
import Foundation
import TerminalUI

/// A call-down's or check-in's notes being written.
struct NotesSession: Equatable {
    enum Target: Equatable {
        case callDown(Int)
        case checkIn(Int)
    }

    var target: Target
    /// The version the writer started from: the save is compare-and-set on it.
    var version: Int
    /// `Notes on the call to Dana Whitfield (call-down #3)`.
    var title: String
    var area: TextArea
}

/// Writing call and check-in notes: in `$VISUAL`/`$EDITOR`, or the inline editor without one.
/// Nothing typed is lost: a failed editor, a refused save or a conflict (someone else saved
/// notes meanwhile) leave the text in the inline editor with the reason; `Esc` there keeps it
/// in this console until `e` on the same call or check-in brings it back.
extension Console {
    func startNotes() throws {
        let session: NotesSession
        switch followUps?.selectedRow {
        case .callDown(let c)?:
            session = NotesSession(target: .callDown(c.id), version: c.version,
                                   title: "Notes on the call to \(Sanitizer.clean(c.customerName)) (call-down #\(c.id))",
                                   area: TextArea(text: c.notes))
        case .checkIn(let c)?:
            session = NotesSession(target: .checkIn(c.id), version: c.version,
                                   title: "Notes on the check-in with \(Sanitizer.clean(c.customerName)) (#\(c.id))",
                                   area: TextArea(text: c.notes))
        default:
            return flash("Select a call-down or a check-in to write its notes", error: true)
        }
        if let kept = notes, kept.target == session.target {
            // The text kept by Esc (or a conflict) comes back, against the version it started from.
            notes = kept
            flash("Your unsaved notes are back")
        } else {
            notes = session
        }
        try writeNotes()
    }

    /// Runs the editor on the notes, or opens the inline editor.
    private func writeNotes() throws {
        guard var session = notes else { return }
        guard let command = editorCommand else {
            if state.screen != .followUpNotes { state.push(.followUpNotes) }
            return
        }
        let file = ComposeFile.build(text: session.area.text, heading: [session.title, "Everyone can read these notes."],
                                     thread: [], timeZone: timeZone)
        let result: ExternalEditor.EditResult
        do {
            result = try ExternalEditor.edit(initialText: file, command: command, backend: backend,
                                             fileName: "allhands-notes.txt")
        } catch {
            return holdNotes("Not saved: \(error.description). Your text is here (C-d saves)")
        }
        switch result {
        case .saved(let text):
            let below = ComposeFile.ignoredText(text)
            session.area = TextArea(text: ComposeFile.parse(text) + (below.isEmpty ? "" : "\n\n" + below))
            notes = session
            guard below.isEmpty else {
                return holdNotes("Not saved: text was written below the scissors line; both parts are here (C-d saves)")
            }
            try saveNotes()
        case .failed(let failure, let text):
            if let text { session.area = TextArea(text: ComposeFile.parse(text)) }
            notes = session
            holdNotes("Not saved: \(failure.description). Your text is here (C-d saves)")
        }
    }

    /// A key in the inline notes editor: typing, `C-d` saves, `Esc` keeps the text for later.
    func notesKey(_ key: Key) throws {
        guard var session = notes else { return state.pop() }
        state.message = nil
        let area = ComposePane.textArea(layout.content)
        let outcome = session.area.handle(key, width: area.width, height: area.height)
        notes = session
        switch outcome {
        case .editing: break
        case .send: try saveNotes()
        case .cancel:
            state.pop()
            flash("Not saved: e on the same call or check-in brings your text back")
        }
    }

    /// Saves the notes against the version they started from. A conflict keeps the text and
    /// moves the session to the newer version, so a second `C-d` saves it knowingly.
    private func saveNotes() throws {
        guard var session = notes else { return }
        let text = session.area.text.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            switch session.target {
            case .callDown(let id): try workspace.calldowns.update(id: id, notes: text, expectedVersion: session.version)
            case .checkIn(let id): try workspace.checkins.setNotes(id: id, notes: text, expectedVersion: session.version)
            }
        } catch AllHandsError.conflict {
            let theirs: (notes: String, version: Int)? = switch session.target {
            case .callDown(let id): (try? workspace.calldowns.find(id: id)).map { ($0.notes, $0.version) }
            case .checkIn(let id): (try? workspace.checkins.find(id: id)).map { ($0.notes, $0.version) }
            }
            if let theirs { session.version = theirs.version }
            notes = session
            let excerpt = theirs.map { " Theirs now: “" + TextWidth.truncate(Sanitizer.clean($0.notes), to: 60) + "”." } ?? ""
            return holdNotes("Someone saved these notes while you wrote; yours are kept here." + excerpt
                             + " C-d saves yours over theirs, Esc keeps them for later")
        } catch {
            if AllHandsError.endsSession(error) { throw error }
            return holdNotes("Not saved: \(error). Your text is here")
        }
        notes = nil
        if state.screen == .followUpNotes { state.pop() }
        try reloadFollowUps()
        flash("Notes saved")
    }

    /// Shows the notes in the inline editor with `message`, whatever the editor setting.
    private func holdNotes(_ message: String) {
        if state.screen != .followUpNotes { state.push(.followUpNotes) }
        flash(message, error: true)
    }
}

/// The inline notes editor: the text with the cursor, and how to save or leave.
enum NotesPane {
    static func draw(_ grid: inout Grid, _ rect: Rect, session: NotesSession) {
        guard rect.height > 0 else { return }
        PaneTitle.draw(&grid, rect, title: session.title, detail: "C-d save · Esc keep for later", focused: true)
        let body = ComposePane.textArea(rect)
        guard body.height > 0 else { return }
        let view = session.area.render(width: body.width, height: body.height)
        for (row, line) in view.lines.prefix(body.height).enumerated() {
            grid.write(line, x: body.x, y: body.y + row, role: .normal, limit: body.width)
        }
        let cursorX = body.x + min(view.cursorColumn, body.width - 1)
        let cursorY = body.y + min(view.cursorRow, body.height - 1)
        grid.paint(Rect(x: cursorX, y: cursorY, width: 1, height: 1), role: .selection)
    }
}
