import TerminalUI

/// Where the inline insight form's parts go, as a pure function of the content area: the title
/// row, then each field under a label row — the quote takes what the note (a third of the rest)
/// and the one-row tags leave — and a row of keys at the bottom.
struct InsightFormLayout: Equatable {
    var title: Rect
    var quoteLabel: Rect
    var quote: Rect
    var noteLabel: Rect
    var note: Rect
    var tagsLabel: Rect
    var tags: Rect
    var keys: Rect

    static func compute(_ content: Rect) -> InsightFormLayout {
        let (title, rest) = content.splitTop(min(1, content.height))
        let (body, keys) = rest.splitTop(max(0, rest.height - 1))
        // Label rows and the tags row: 4 rows; the rest is shared by the quote (2/3) and the note.
        let free = max(0, body.height - 4)
        let noteRows = free / 3
        let (quoteLabel, a) = body.splitTop(min(1, body.height))
        let (quote, b) = a.splitTop(min(free - noteRows, a.height))
        let (noteLabel, c) = b.splitTop(min(1, b.height))
        let (note, d) = c.splitTop(min(noteRows, c.height))
        let (tagsLabel, e) = d.splitTop(min(1, d.height))
        let (tags, _) = e.splitTop(min(1, e.height))
        func inset(_ r: Rect) -> Rect { Rect(x: r.x + 2, y: r.y, width: max(1, r.width - 3), height: r.height) }
        return InsightFormLayout(title: title, quoteLabel: quoteLabel, quote: inset(quote), noteLabel: noteLabel,
                                 note: inset(note), tagsLabel: tagsLabel, tags: inset(tags), keys: keys)
    }

    func area(_ field: InsightForm.Field) -> Rect {
        switch field {
        case .quote: quote
        case .note: note
        case .tags: tags
        }
    }
}
