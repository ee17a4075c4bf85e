import AllHandsCore
import Foundation

enum DemoCommand {
    private static let standard = DemoOptions.standard

    static let command = Command(
        "demo", "[--people N] [--tickets N] [--seed S] [--as-of DATETIME] [--force]",
        "Fill the database with a believable demo company (deterministic for a seed and as-of).",
        options: [
            "--people N    people in the company, you included as admin (default \(standard.people))",
            "--tickets N   tickets over the last \(DemoOptions.minimumDays) days or more (default \(standard.tickets))",
            "--seed S      same seed and as-of, same company (default \(standard.seed))",
            "--as-of T     build the company as it stands at T: 2026-11-20T15:00:00Z, or a date (default now)",
            "--force       replace a database that holds real data (admins; a backup is kept)",
        ]
    ) { args, session in
        var options = DemoOptions()
        options.people = try args.intOption("--people", in: DemoOptions.peopleRange) ?? options.people
        options.tickets = try args.intOption("--tickets", in: DemoOptions.ticketRange) ?? options.tickets
        if let seed = try args.option("--seed") {
            guard let value = UInt64(seed) else { throw UsageError("--seed must be a non-negative whole number (got '\(seed)')") }
            options.seed = value
        }
        if let asOf = try args.option("--as-of") {
            guard let instant = DemoOptions.asOfInstant(asOf) else {
                throw UsageError("--as-of must be an ISO 8601 date and time with its zone, such as "
                                 + "2026-11-20T15:00:00Z, or a date such as 2026-11-20 (got '\(asOf)')")
            }
            options.asOf = instant
        }
        options.force = args.flag("--force")
        try args.finish()

        let workspace = try session.workspace()
        let started = Date()
        let summary = try workspace.demo.generate(options)
        let seconds = Date().timeIntervalSince(started)
        if let backup = summary.backupPath { Output.line("Backed up the previous database to \(backup)") }
        Output.line("Demo company ready in \(session.databasePath) (\(String(format: "%.1f", seconds)) s):")
        let counts = [English.count(summary.people, "person", plural: "people"), English.count(summary.customers, "customer"),
                      English.count(summary.tickets, "ticket"), English.count(summary.messages, "message")]
        Output.line("  \(counts.joined(separator: ", ")), seed \(options.seed), as of \(Timestamp.iso8601(summary.asOf))")
        Output.line("Try: allhands ticket list · allhands tags · allhands people list")
        if !summary.sampleLogins.isEmpty {
            Output.line("See each role (an employee, support, a lead, an exec): "
                        + summary.sampleLogins.map { "allhands --as \($0) ticket list" }.joined(separator: " · "))
        }
    }
}
