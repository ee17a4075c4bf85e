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
    ///
    /// Each table is walked once: its newest `candidateWindow` matches, each ranked by bm25, and
    /// the snippet made in the same walk for the rows that can still be among the best (a
    /// `BestMatches` decides as the rows come). A second query per snippet would evaluate the
    /// match again, and for a prefix FTS5 merges the lists of every word starting with it each
    /// time (3–7 ms at a million tickets, twenty times a search).
    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        try context.check(.viewTickets)
        guard Self.limitRange.contains(limit) else {
            throw AllHandsError.invalid("a search returns \(Self.limitRange.lowerBound) to \(Self.limitRange.upperBound) tickets (asked for \(limit))")
        }
        guard let expression = Self.matchExpression(query) else { return [] }
        let start = String(Self.highlightStart), end = String(Self.highlightEnd)
        return try context.read { db in
            // The best subject matches, and the best message of each of the best tickets by message.
            let subjects = try Self.walk(db, limit: limit, sql: """
                SELECT rowid, CASE WHEN \(Self.keepFunction)(bm25(tickets_fts), rowid, rowid)
                                   THEN highlight(tickets_fts, 0, ?1, ?2) END
                FROM tickets_fts WHERE tickets_fts MATCH ?3 ORDER BY rowid DESC LIMIT ?4
                """, start, end, expression, Self.candidateWindow)
            let messages = try Self.walk(db, limit: limit, sql: """
                SELECT messages_fts.rowid,
                       CASE WHEN \(Self.keepFunction)(bm25(messages_fts), messages_fts.rowid, m.ticket_id)
                            THEN snippet(messages_fts, 0, ?1, ?2, '…', 16) END
                FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
                WHERE messages_fts MATCH ?3 ORDER BY messages_fts.rowid DESC LIMIT ?4
                """, start, end, expression, Self.candidateWindow)
            var best: [Int: (source: SearchHit.Source, score: Double, snippet: String)] = [:]
            for match in subjects.best {
                best[match.ticket] = (.subject, match.score * Self.subjectWeight, subjects.snippets[match.row] ?? "")
            }
            for match in messages.best {
                if let known = best[match.ticket], known.score <= match.score { continue }
                best[match.ticket] = (.message(id: match.row), match.score, messages.snippets[match.row] ?? "")
            }
            let ranked = best.sorted { a, b in a.value.score != b.value.score ? a.value.score < b.value.score : a.key < b.key }
                .prefix(limit)
            guard !ranked.isEmpty else { return [] }
            var tickets = try TicketService.tickets(ranked.map(\.key), in: db)
            try TicketService.attachTags(to: &tickets, in: db)
            let byID = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id, $0) })
            return ranked.compactMap { id, match in
                guard let ticket = byID[id] else { return nil }
                return SearchHit(ticket: ticket, source: match.source, snippet: Self.oneLine(match.snippet), score: match.score)
            }
        }
    }

    /// The SQL function a walk calls for every match: `keep(score, row, ticket)` is true when the
    /// row is, so far, its ticket's best and among the best `limit` tickets (`BestMatches.offer`).
    static let keepFunction = "allhands_search_keep"

    /// Runs one walk (`sql` selects a row id and its snippet, made only when `keep` said so) and
    /// returns the best matches with the snippets of the rows kept along the way.
    private static func walk(_ db: Database, limit: Int, sql: String, _ arguments: any DatabaseValueConvertible...)
        throws -> (best: [BestMatches.Match], snippets: [Int: String]) {
        let matches = BestMatches(limit: limit)
        try db.defineFunction(keepFunction, argumentCount: 3) { arguments in
            .integer(matches.offer(score: arguments.double(0), row: arguments.int(1), ticket: arguments.int(2)) ? 1 : 0)
        }
        defer { try? db.defineFunction(keepFunction, argumentCount: 3) { _ in .integer(0) } }
        var snippets: [Int: String] = [:]
        try db.forEachRow(sql, arguments: arguments) { row in
            if !row.isNull(1) { snippets[row.int(0)] = row.string(1) }
        }
        return (matches.best, snippets)
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

/// The best `limit` tickets of a stream of matches, each with its best match, kept as the
/// matches arrive in any order. Better means a lower score, then a lower row id: the order a
/// sort of all the matches by `(score, row)` would give, keeping each ticket's first.
///
/// `offer` says whether a match is, among those offered so far, its ticket's best and its
/// ticket among the best `limit`. Every match of the final result said yes when offered (a
/// ticket's final best was also its best among the matches before it, and fewer tickets were
/// ahead of it then), so a walk that makes snippets only on yes has the snippet of every hit it
/// returns. When scores differ it makes about `limit × (1 + ln(matches / limit))` of them; when
/// many matches score the same (the demo's templated texts), the older of two equal matches is
/// the better and comes later in a newest-first walk, so up to one per match (2,000 snippets cost
/// a few milliseconds).
final class BestMatches {
    struct Match: Equatable {
        var score: Double
        var row: Int
        var ticket: Int

        func isBetter(than other: Match) -> Bool {
            score != other.score ? score < other.score : row < other.row
        }
    }

    let limit: Int
    /// The best `limit` tickets' best matches, best first.
    private(set) var best: [Match] = []
    /// Every ticket's best match so far.
    private var bestOfTicket: [Int: Match] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    func offer(score: Double, row: Int, ticket: Int) -> Bool {
        let match = Match(score: score, row: row, ticket: ticket)
        if let known = bestOfTicket[ticket], !match.isBetter(than: known) { return false }
        bestOfTicket[ticket] = match
        if let previous = best.firstIndex(where: { $0.ticket == ticket }) {
            best.remove(at: previous)
        } else if best.count >= limit, let last = best.last, !match.isBetter(than: last) {
            return false
        }
        best.insert(match, at: best.firstIndex { match.isBetter(than: $0) } ?? best.endIndex)
        if best.count > limit { best.removeLast() }
        return true
    }
}
