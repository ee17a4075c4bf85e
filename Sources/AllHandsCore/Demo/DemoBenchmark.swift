import Foundation
import Storage

/// Measures the demo generator alone, writing nothing: the people, customers and tags it
/// needs are set up in an in-memory database first (not timed), then every ticket, message
/// and tag link is generated into a counting sink.
public enum DemoBenchmark {
    public struct Result: Sendable {
        public var tickets: Int
        public var messages: Int
        public var tagLinks: Int
        public var textBytes: Int
        public var seconds: Double
    }

    public static func generateOnly(_ options: DemoOptions, now: Int64, config: Configuration = .default) throws -> Result {
        let db = try Database(path: ":memory:")
        try Schema.migrator.migrate(db, now: now)
        let admin = Person(login: "bench", name: "Bench", role: .admin)
        let (company, tags, tickets) = try db.write { db in
            try DemoCompany.build(options, admin: admin, config: config, now: now, in: db)
        }
        var sink = CountingDemoSink()
        let started = DispatchTime.now().uptimeNanoseconds
        try tickets.generate(company: company, tags: tags, into: &sink)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Result(tickets: sink.counts.tickets, messages: sink.counts.messages, tagLinks: sink.counts.tagLinks,
                      textBytes: sink.textBytes, seconds: seconds)
    }
}
