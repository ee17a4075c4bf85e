import AllHandsCore
import Foundation
import TerminalUI

/// An insight being captured: the customer's words (pre-filled with the whole message, to trim
/// to the part that matters), a note on why it matters, tags, and where it came from.
struct InsightForm: Equatable {
    enum Field: Int, CaseIterable { case quote, note, tags }

    var ticketID: Int
    var messageID: Int?
    /// Who wrote the message, as the form's heading says it (masked for a listener when asked).
    var source: String
    var quote: TextArea
    var note = TextArea()
    var tags = TextArea()
    var field: Field = .quote

    init(ticketID: Int, messageID: Int?, source: String, quote: String, note: String = "", tags: String = "") {
        self.ticketID = ticketID
        self.messageID = messageID
        self.source = source
        self.quote = TextArea(text: quote)
        self.note = TextArea(text: note)
        self.tags = TextArea(text: tags)
    }

    /// The tag names typed, split at spaces and commas.
    var tagNames: [String] {
        tags.text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).map(String.init)
    }

    var quoteText: String { quote.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    var noteText: String { note.text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Nothing typed in any field.
    var isBlank: Bool { quote.isBlank && note.isBlank && tags.isBlank }

    mutating func nextField(by step: Int) {
        let count = Field.allCases.count
        field = Field(rawValue: ((field.rawValue + step) % count + count) % count) ?? .quote
    }

    /// The text area of the field being written.
    var current: TextArea {
        get {
            switch field {
            case .quote: quote
            case .note: note
            case .tags: tags
            }
        }
        set {
            switch field {
            case .quote: quote = newValue
            case .note: note = newValue
            case .tags: tags = newValue
            }
        }
    }
}

/// The file an insight is written in with `$VISUAL`/`$EDITOR`: three sections under lines of
/// their own, `[quote]`, `[note]` and `[tags]`, after a few `#` lines saying what to do. Only
/// `#` lines before the first section are instructions; everything in a section is kept (a
/// customer may well write "#1").
///
/// ```
/// # An insight from #42 · Dana Whitfield. Trim the quote to the words that matter,
/// # say why they matter, add tags (spaces between them). Save and quit to keep it.
/// [quote]
/// I never realized …
///
/// [note]
///
/// [tags]
/// billing
/// ```
enum InsightFile {
    static let sections = ["[quote]", "[note]", "[tags]"]

    static func build(_ form: InsightForm) -> String {
        let heading = "# An insight from #\(form.ticketID) · \(Sanitizer.clean(form.source))."
        return [heading,
                "# Trim the quote to the customer's words that matter, say why they matter, add tags",
                "# (spaces between them). Save and quit to keep it; an empty quote keeps nothing.",
                sections[0], form.quote.text, "", sections[1], form.note.text, "", sections[2], form.tags.text]
            .joined(separator: "\n") + "\n"
    }

    /// The three fields of an edited file; nil when a section line is missing (the caller then
    /// keeps the whole text in the quote, so nothing is lost).
    static func parse(_ text: String) -> (quote: String, note: String, tags: String)? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { String($0) }
        var found: [Int] = []
        for section in sections {
            guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == section }),
                  index > (found.last ?? -1) else { return nil }
            found.append(index)
        }
        func body(_ from: Int, _ to: Int) -> String {
            lines[(from + 1)..<to].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (body(found[0], found[1]), body(found[1], found[2]), body(found[2], lines.count))
    }
}
