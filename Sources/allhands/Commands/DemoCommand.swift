import AllHandsCore
import Foundation

enum DemoCommand {
    static let command = Command(
        "demo", "[--people N] [--tickets N] [--seed S] [--force]",
        "Fill the database with a believable demo company (deterministic for a seed).",
        options: [
            "--people N    people in the company, you included as admin (default 150)",
            "--tickets N   tickets over the last 60 days or more (default 600)",
            "--seed S      same seed, same company (default 42)",
            "--force       replace a database that holds real data (admins; a backup is kept)",
        ]
    ) { args, session in
        var options = DemoOptions()
        options.people = try args.intOption("--people", in: 1...1_000_000) ?? options.people
        options.tickets = try args.intOption("--tickets", in: 0...20_000_000) ?? options.tickets
        if let seed = try args.option("--seed") {
            guard let value = UInt64(seed) else { throw UsageError("--seed must be a non-negative whole number (got '\(seed)')") }
            options.seed = value
        }
        options.force = args.flag("--force")
        try args.finish()

        let workspace = try session.workspace()
        let started = Date()
        let summary = try workspace.demo.generate(options)
        let seconds = Date().timeIntervalSince(started)
        if let backup = summary.backupPath { Output.line("Backed up the previous database to \(backup)") }
        Output.line("Demo company ready in \(session.databasePath) (\(String(format: "%.1f", seconds)) s):")
        Output.line("  \(summary.people) people, \(summary.customers) customers, \(summary.tickets) tickets, "
                    + "\(summary.messages) messages, seed \(options.seed)")
        Output.line("Try: allhands ticket list · allhands tags · allhands people list")
        if !summary.sampleLogins.isEmpty {
            Output.line("Act as someone (demo databases allow it): "
                        + summary.sampleLogins.map { "allhands --as \($0) ticket list" }.joined(separator: " · "))
        }
    }
}
