import AllHandsCore
import TerminalUI

/// A question typed on the bottom line, like the `:` command line: what it is for and the
/// text so far. Enter answers it, Esc drops it.
struct Prompt {
    enum Purpose {
        /// `/`: the words to search for.
        case search
        /// Ending a shift: an optional note for whoever takes the tickets over.
        case handoffNote
        /// The tags board's `m`: the date to compare the tag before and after.
        case compareDate(tag: String)

        var label: String {
            switch self {
            case .search: "Search: "
            case .handoffNote: "Note for the next shift (Enter ends the shift, Esc goes back): "
            case .compareDate(let tag): "Mark a date for \(Sanitizer.clean(tag)), YYYY-MM-DD: "
            }
        }
    }

    var purpose: Purpose
    var editor: LineEditor
}

extension Console {
    func handlePrompt(_ key: Key) throws {
        guard var current = prompt else { return }
        switch current.editor.handle(key, complete: { _ in [] }) {
        case .editing:
            prompt = current
        case .cancel:
            prompt = nil
        case .submit(let line):
            prompt = nil
            switch current.purpose {
            case .search:
                searchHistory = LineEditor.remembering(line, in: searchHistory)
                try runSearch(line)
            case .handoffNote:
                try endShift(note: line.trimmingCharacters(in: .whitespaces))
            case .compareDate(let tag):
                try compare(tag: tag, line.trimmingCharacters(in: .whitespaces))
            }
        }
    }
}
