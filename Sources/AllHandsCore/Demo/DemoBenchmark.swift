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
        var rng = SeededRandom(seed: options.seed)
        var company = DemoCompany()
        let admin = Person(login: "bench", name: "Bench", role: .admin)
        let tags = try db.write { db -> DemoTickets.TagIDs in
            try company.writePeople(options.people, admin: admin, now: now, companyDomain: "example.com", rng: &rng, in: db)
            try company.writeCustomers(options.customers, now: now, rng: &rng, in: db)
            try company.writeTags(taxonomy: config.taxonomy, now: now, in: db)
            return try DemoTickets.TagIDs(company: &company, now: now, in: db)
        }
        var sink = CountingDemoSink()
        let zone = TimeZone(identifier: config.company.timeZone) ?? .gmt
        let started = DispatchTime.now().uptimeNanoseconds
        try DemoTickets(count: options.tickets, now: now, days: options.days, timeZone: zone)
            .generate(company: company, tags: tags, rng: &rng, into: &sink)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Result(tickets: sink.counts.tickets, messages: sink.counts.messages, tagLinks: sink.counts.tagLinks,
                      textBytes: sink.textBytes, seconds: seconds)
    }
}
