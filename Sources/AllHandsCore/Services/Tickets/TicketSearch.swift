import Foundation
import Storage

/// One ticket found by a search, with its best match.
public struct SearchHit: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case subject
        case message(id: Int)
    }

    public var ticket: Ticket
    /// Where the best match is: the subject or one message of the thread.
    public var source: Source
    /// Text around the best match on one line; each matched term sits between
    /// `SearchService.highlightStart` and `SearchService.highlightEnd`.
    public var snippet: String
    /// bm25 relevance; lower is better.
    public var score: Double
}

/// Full-text search over subjects and message bodies (FTS5, external-content tables kept in
/// step by triggers). What a person types is turned into a safe FTS5 expression: words must all
/// match (in any order), `refun*` matches words starting with `refun`, `"exact words"` matches
/// the phrase; every other character is taken literally, so no input can be an FTS syntax error.
public struct SearchService {
    let context: ServiceContext

    /// Private-use characters around each match in a snippet, for the UI to style and remove.
    /// The sanitiser leaves them alone; text that itself contains them could fake a highlight,
    /// which is harmless.
    public static let highlightStart: Character = "\u{E000}"
    public static let highlightEnd: Character = "\u{E001}"

    /// Subject matches count this many times a body match of the same bm25 score: a word in the
    /// subject says more about what the ticket is about.
    static let subjectWeight = 2.0
    /// Words of a query beyond this are ignored, which bounds the cost of one search.
    public static let maximumTerms = 16
    public static let limitRange = 1...500

    /// How many matches of each table are ranked: the newest ones (highest rowid). Ranking by
    /// bm25 costs time in proportion to the matches (0.6 s for a word found in 440,000 messages);
    /// walking the newest few thousand costs a few milliseconds whatever the word. A query with
    /// fewer matches is ranked over all of them; a very common one finds the most relevant of
    /// the recent conversations, which is what a support desk looks for.
    public static let candidateWindow = 2_000

    /// The most relevant tickets for `query`, one hit per ticket (its best match), best first.
    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        try context.check(.viewTickets)
        guard Self.limitRange.contains(limit) else {
            throw AllHandsError.invalid("a search returns \(Self.limitRange.lowerBound) to \(Self.limitRange.upperBound) tickets (asked for \(limit))")
        }
        guard let expression = Self.matchExpression(query) else { return [] }
        return try context.read { db in
            // The best subject match and the best message match of each candidate ticket.
            var best: [Int: (source: SearchHit.Source, score: Double)] = [:]
            try db.forEachRow("""
                SELECT c.id, c.score FROM (SELECT rowid AS id, bm25(tickets_fts) AS score FROM tickets_fts
                                           WHERE tickets_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
                ORDER BY c.score, c.id LIMIT ?
                """, expression, Self.candidateWindow, limit) { row in
                best[row.int(0)] = (.subject, row.double(1) * Self.subjectWeight)
            }
            var seen = Set<Int>()
            try db.forEachRow("""
                SELECT c.id, m.ticket_id, c.score FROM (SELECT rowid AS id, bm25(messages_fts) AS score FROM messages_fts
                                                        WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
                JOIN messages m ON m.id = c.id
                ORDER BY c.score, c.id
                """, expression, Self.candidateWindow) { row in
                // Rows come best first: a ticket's first row is its best message.
                let ticket = row.int(1), score = row.double(2)
                guard seen.count < limit, seen.insert(ticket).inserted else { return }
                if let known = best[ticket], known.score <= score { return }
                best[ticket] = (.message(id: row.int(0)), score)
            }
            let ranked = best.sorted { a, b in a.value.score != b.value.score ? a.value.score < b.value.score : a.key < b.key }
                .prefix(limit)
            guard !ranked.isEmpty else { return [] }
            var tickets = try TicketService.tickets(ranked.map(\.key), in: db)
            try TicketService.attachTags(to: &tickets, in: db)
            let byID = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id, $0) })
            return try ranked.compactMap { id, match in
                guard let ticket = byID[id] else { return nil }
                let snippet = try Self.snippet(match.source, ticket: id, expression: expression, in: db)
                return SearchHit(ticket: ticket, source: match.source, snippet: snippet, score: match.score)
            }
        }
    }

    private static func snippet(_ source: SearchHit.Source, ticket: Int, expression: String, in db: Database) throws -> String {
        let start = String(highlightStart), end = String(highlightEnd)
        let text: String?
        switch source {
        case .subject:
            text = try db.fetchOne("""
                SELECT highlight(tickets_fts, 0, ?, ?) FROM tickets_fts WHERE tickets_fts MATCH ? AND rowid = ?
                """, start, end, expression, ticket) { $0.string(0) }
        case .message(let id):
            text = try db.fetchOne("""
                SELECT snippet(messages_fts, 0, ?, ?, '…', 16) FROM messages_fts WHERE messages_fts MATCH ? AND rowid = ?
                """, start, end, expression, id) { $0.string(0) }
        }
        return oneLine(text ?? "")
    }

    /// Runs of whitespace (line breaks included) become one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The FTS5 expression for what a person typed, or nil when there is nothing to search for.
    ///
    /// Words are separated by white space; `"…"` groups a phrase (an unclosed quote runs to the
    /// end); a trailing `*` on a word or phrase makes it a prefix. Every term is written as an
    /// FTS5 string (double quotes, inner quotes doubled), so operators (`AND`, `OR`, `NOT`,
    /// `NEAR`), parentheses, `:`, `^`, `+`, `-` are just text. Terms with no letter or digit
    /// are dropped: they could match nothing. Control characters separate words.
    public static func matchExpression(_ query: String) -> String? {
        // Control characters separate words like white space: a NUL would end FTS5's reading of a string.
        let scalars = query.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }
        var terms: [String] = []
        func add(_ range: Range<Int>, prefix: Bool) {
            let text = scalars[range]
            guard terms.count < maximumTerms,
                  text.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return }
            var content = String.UnicodeScalarView()
            content.append(contentsOf: text)
            terms.append("\"" + String(content).replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : ""))
        }
        var i = 0
        while i < scalars.count {
            if scalars[i].properties.isWhitespace {
                i += 1
            } else if scalars[i] == "\"" {
                let start = i + 1
                var close = start
                while close < scalars.count, scalars[close] != "\"" { close += 1 }
                i = min(close + 1, scalars.count)
                let prefix = i < scalars.count && scalars[i] == "*"
                while i < scalars.count, scalars[i] == "*" { i += 1 }
                add(start..<close, prefix: prefix)
            } else {
                let start = i
                while i < scalars.count, !scalars[i].properties.isWhitespace, scalars[i] != "\"" { i += 1 }
                var end = i
                let prefix = scalars[end - 1] == "*"
                while end > start, scalars[end - 1] == "*" { end -= 1 }
                add(start..<end, prefix: prefix)
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// Ticket ids whose subject or any message contains `query` as plain text, by `LIKE`: a
    /// scan of every subject and body, for the benchmark to set beside `search`.
    public func searchLike(_ query: String, limit: Int = 20) throws -> [Int] {
        try context.check(.viewTickets)
        let escaped = query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        return try context.read { db in
            try db.fetchAll("""
                SELECT id FROM tickets WHERE subject LIKE ?1 ESCAPE '\\'
                UNION SELECT ticket_id FROM messages WHERE body LIKE ?1 ESCAPE '\\'
                LIMIT ?2
                """, pattern, limit) { $0.int(0) }
        }
    }
}
