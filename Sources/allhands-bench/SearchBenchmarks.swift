import AllHandsCore
import Foundation

/// Full-text search over the whole bench database (issue 8: p95 ≤ 50 ms), with the same queries
/// through `LIKE` beside it for the ratio. The queries are fixed and realistic for the demo's
/// words: common words, rare words, a prefix, a phrase and two words.
struct SearchBenchmarks {
    let path: String
    let clock: any Clock
    let report: Report
    /// Timed runs of each query through FTS, after one untimed run.
    let ftsRuns = 30
    /// Timed runs of each query through `LIKE` (each is a scan of every subject and body).
    let likeRuns = 3

    struct Query {
        let kind: String
        /// What a person types in the search line.
        let text: String
        /// The plain text `LIKE` looks for: the words without FTS syntax.
        let plain: String
    }

    static let queries: [Query] = [
        Query(kind: "common word", text: "invoice", plain: "invoice"),
        Query(kind: "common word", text: "thanks", plain: "thanks"),
        Query(kind: "common word", text: "dashboard", plain: "dashboard"),
        Query(kind: "rare word", text: "INV-45678", plain: "INV-45678"),
        Query(kind: "rare word", text: "kubernetes", plain: "kubernetes"),
        Query(kind: "prefix", text: "refun*", plain: "refun"),
        Query(kind: "prefix", text: "notif*", plain: "notif"),
        Query(kind: "phrase", text: "\"charged twice\"", plain: "charged twice"),
        Query(kind: "phrase", text: "\"setup wizard\"", plain: "setup wizard"),
        Query(kind: "two words", text: "sync token", plain: "sync token"),
        Query(kind: "two words", text: "invoice VAT", plain: "invoice VAT"),
    ]

    static var kinds: [String] {
        var seen: [String] = []
        for query in queries where !seen.contains(query.kind) { seen.append(query.kind) }
        return seen
    }

    func run() throws {
        let workspace = try Workspace(database: try Workspace.openDatabase(path: path, clock: clock), config: .default,
                                      clock: clock, login: "bench")
        let search = workspace.search
        var fts: [String: [Double]] = [:], like: [String: [Double]] = [:]
        for query in Self.queries {
            let hits = try search.search(query.text, limit: 20)
            FileHandle.standardError.write(Data("  (search \(query.text): \(hits.count) tickets)\n".utf8))
            for _ in 0..<ftsRuns {
                fts[query.kind, default: []].append(try Measure.seconds { _ = try search.search(query.text, limit: 20) } * 1_000)
            }
        }
        for query in Self.queries {
            for _ in 0..<likeRuns {
                like[query.kind, default: []].append(try Measure.seconds { _ = try search.searchLike(query.plain, limit: 20) } * 1_000)
            }
        }
        let allFTS = fts.values.flatMap { $0 }, allLike = like.values.flatMap { $0 }
        let ftsCount = Self.queries.count * ftsRuns
        report.add("search", "FTS, \(Self.queries.count) queries × \(ftsRuns), 20 best, p50", Measure.quantile(allFTS, 0.5), "ms")
        report.add("search", "FTS, \(Self.queries.count) queries × \(ftsRuns), 20 best, p95", Measure.quantile(allFTS, 0.95), "ms",
                   atMost: 50)
        report.add("search", "FTS, worst of \(ftsCount)", Measure.quantile(allFTS, 1), "ms")
        for kind in Self.kinds {
            let words = Self.queries.filter { $0.kind == kind }.map(\.text).joined(separator: ", ")
            report.add("search", "FTS \(kind) (\(words)), p95", Measure.quantile(fts[kind] ?? [], 0.95), "ms", atMost: 50)
        }
        report.add("search", "LIKE, the same \(Self.queries.count) queries × \(likeRuns), p50", Measure.quantile(allLike, 0.5), "ms")
        report.add("search", "LIKE, p95", Measure.quantile(allLike, 0.95), "ms")
        report.add("search", "LIKE / FTS at p50", Measure.quantile(allLike, 0.5) / Measure.quantile(allFTS, 0.5), "×")
        report.add("search", "LIKE / FTS at p95", Measure.quantile(allLike, 0.95) / Measure.quantile(allFTS, 0.95), "×")
    }
}
