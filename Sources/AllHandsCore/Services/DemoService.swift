import Foundation
import Storage

/// Fills the database with the demo company (`allhands demo`, and `d` on the console's welcome screen).
public struct DemoService {
    let context: ServiceContext

    /// The audit action the generator writes; the only change that keeps a demo a demo.
    static let auditAction = "demo.generate"

    /// Replaces everything but the audit log with a deterministic demo company, in one transaction.
    ///
    /// - An empty database (nothing but the person who opened it) is filled by anyone.
    /// - Anything else needs the right to replace the database, and a backup copy is written
    ///   next to it first, whoever asks: a demo can be regenerated, never lost.
    /// - A database with real data is refused unless `options.force`.
    @discardableResult
    public func generate(_ options: DemoOptions) throws -> DemoSummary {
        let people = DemoOptions.peopleRange, tickets = DemoOptions.ticketRange
        guard people.contains(options.people) else {
            throw AllHandsError.invalid(
                "a demo company has \(people.lowerBound) to \(people.upperBound) people (asked for \(options.people))")
        }
        guard tickets.contains(options.tickets) else {
            throw AllHandsError.invalid(
                "a demo company has \(tickets.lowerBound) to \(tickets.upperBound) tickets (asked for \(options.tickets))")
        }
        let db = context.db
        let (isDemo, isEmpty) = try context.read { db in
            (try Meta.isDemo(db), try Self.isEmpty(db))
        }
        var summary = DemoSummary()
        if !isEmpty {
            try context.check(.replaceDatabase)
            if !isDemo, !options.force { throw AllHandsError.holdsRealData(path: db.path) }
            summary.backupPath = try wrapDatabaseErrors { try db.backupBeside(label: "before-demo", now: context.now) }
        }
        // The demo's admin is the person whose rights asked for it: on a non-empty database that
        // is an admin, so nobody becomes admin by regenerating a demo through `--as`.
        let admin = context.actor.person
        try wrapDatabaseErrors {
            try db.bulkLoad {
                try db.write { db in
                    try generate(options, admin: admin, in: db, summary: &summary)
                }
            }
            try db.checkpoint()
        }
        return summary
    }

    /// Nothing but the people the first login created.
    static func isEmpty(_ db: Database) throws -> Bool {
        try db.fetchInt("""
            SELECT NOT EXISTS (SELECT 1 FROM tickets) AND NOT EXISTS (SELECT 1 FROM customers)
                AND (SELECT count(*) FROM (SELECT 1 FROM people LIMIT 2)) <= 1
            """) == 1
    }

    private func generate(_ options: DemoOptions, admin: Person, in db: Database, summary: inout DemoSummary) throws {
        // Generated rows are dated by the as-of instant, not the clock, so the same seed and
        // as-of build the same rows whenever they are built (the audit entry keeps the clock).
        let now = options.asOf ?? context.now
        let recreate = try Self.wipe(db)
        let (company, tags, tickets) = try DemoCompany.build(options, admin: admin, config: context.config, now: now,
                                                             in: db)
        var sink = try DatabaseDemoSink(db, zone: ShiftTime.companyZone(context.config))
        try tickets.generate(company: company, tags: tags, into: &sink)
        for sql in recreate { try db.execute(sql) }
        try DemoGestures.write(in: db, now: now, budget: context.config.goodwill)
        // Walk-a-mile (issue 11): its full-text rows are indexed by the rebuild below.
        try DemoWalkAMile.write(in: db, seed: options.seed, now: now, config: context.config)
        try Self.rebuildSearch(db)
        try LiveCounts.rebuild(in: db)

        summary.asOf = now
        summary.tickets = sink.counts.tickets
        summary.messages = sink.counts.messages
        summary.tagLinks = sink.counts.tagLinks
        summary.people = company.members.count
        summary.customers = company.clients.count
        // The first of each role (`DemoRota` seats the support agent and the employee in the
        // shift on at the as-of instant).
        summary.sampleLogins = [Role.employee, .support, .lead, .exec].compactMap { company.samples[$0]?.login }
        try Meta.markDemo(db, seed: options.seed)
        try context.audit(Self.auditAction, entity: "database", id: nil, after: [
            "seed": String(options.seed), "people": String(summary.people), "customers": String(summary.customers),
            "tickets": String(summary.tickets), "messages": String(summary.messages),
        ])
    }

    /// Empties every data table (the audit log, meta and the migration record stay) and drops
    /// their secondary indexes and triggers for the bulk insert. Returns the SQL that recreates
    /// them. Full-text indexes are emptied through FTS5 itself (their shadow tables are never
    /// touched directly) and rebuilt once after the load by `rebuildSearch`.
    static func wipe(_ db: Database) throws -> [String] {
        let kept = ["schema_migrations", "audit_log", "meta", "change_counters"]
        let search = try searchTables(db)
        let tables = try db.fetchAll("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name
            """) { $0.string(0) }.filter { name in
                !kept.contains(name) && !search.contains { name.hasPrefix($0 + "_") }
            }
        var recreate = try db.fetchAll("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            ($0.string(0), $0.string(1))
        }.map { name, sql in
            try db.execute("DROP TRIGGER \"\(name)\"")
            return sql
        }
        for table in search { try db.execute("INSERT INTO \"\(table)\"(\"\(table)\") VALUES ('delete-all')") }
        for table in tables {
            let indexes = try db.fetchAll(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                table) { ($0.string(0), $0.string(1)) }
            for (name, sql) in indexes {
                try db.execute("DROP INDEX \"\(name)\"")
                recreate.append(sql)
            }
            try db.execute("DELETE FROM \"\(table)\"")
        }
        return recreate
    }

    /// The full-text (FTS5) tables.
    static func searchTables(_ db: Database) throws -> [String] {
        try db.fetchAll("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'
            """) { $0.string(0) }
    }

    /// Re-indexes every full-text table from its content table in one pass.
    static func rebuildSearch(_ db: Database) throws {
        for table in try searchTables(db) {
            try db.execute("INSERT INTO \"\(table)\"(\"\(table)\") VALUES ('rebuild')")
        }
    }
}
