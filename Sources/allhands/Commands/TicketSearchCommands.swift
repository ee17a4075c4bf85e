import AllHandsCore
import Foundation
import TerminalUI

/// Finding tickets by their words, and what happened to one.
enum TicketSearchCommands {
    static let search = Command(
        "ticket search", "QUERY... [--limit N] [--json]",
        "Search subjects and messages, best match first, matching words «marked».",
        options: [
            "QUERY       words that must all appear; refun* matches words starting with refun; \"exact words\" a phrase",
            "--limit N   at most N tickets (default 20, at most \(SearchService.limitRange.upperBound))",
            "--json      JSON array: ticket (as in ticket list), match (subject or message), message_id, snippet, score",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let limit = try args.intOption("--limit", in: SearchService.limitRange) ?? 20
        var words: [String] = []
        while let word = args.word() { words.append(word) }
        try args.finish()
        guard !words.isEmpty else { throw UsageError("missing QUERY") }
        let hits = try session.workspace().search.search(words.joined(separator: " "), limit: limit)
        if json { return try Output.json(hits.map(SearchHitJSON.init)) }
        guard !hits.isEmpty else { return Output.line("No tickets match.") }
        var table = Table("ID", "STATUS", "SUBJECT", "MATCH", rightAligned: [0])
        for hit in hits {
            table.add(String(hit.ticket.id), hit.ticket.status.rawValue, hit.ticket.subject, SearchHitJSON.marked(hit.snippet))
        }
        table.print()
    }

    static let history = Command(
        "ticket history", "ID [--json]", "Who changed what on a ticket and when, oldest first.",
        options: ["--json   JSON array: id, at, actor, via (when acting as someone), action, before and after "
                  + "(the fields that changed)"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let id = try TicketCommands.parseID(try args.required("ticket ID"))
        try args.finish()
        let workspace = try session.workspace()
        let entries = try workspace.tickets.history(id: id)
        if json { return try Output.json(entries.map(HistoryJSON.init)) }
        let zone = TimeZone(identifier: workspace.actor.person.timeZone) ?? .current
        var table = Table("WHEN", "WHO", "WHAT", "CHANGE")
        for e in entries {
            let who = e.actor + (e.via.map { " (via \($0))" } ?? "")
            table.add(Timestamp.localWithZone(e.at, timeZone: zone), who, e.action, change(e))
        }
        if table.isEmpty { Output.line("No changes recorded.") } else { table.print() }
    }

    /// `status: new → open, assignee: – → ann`: each field's before and after.
    static func change(_ e: AuditEntry) -> String {
        let before = HistoryJSON.fields(e.before) ?? [:], after = HistoryJSON.fields(e.after) ?? [:]
        return Set(before.keys).union(after.keys).sorted().map { key in
            let old = before[key].map { $0 ?? "–" }, new = after[key].map { $0 ?? "–" }
            switch (old, new) {
            case let (old?, new?): return "\(key): \(old) → \(new)"
            case let (nil, new?): return "\(key): \(new)"
            case let (old?, nil): return "\(key): \(old) removed"
            case (nil, nil): return key
            }
        }.joined(separator: ", ")
    }
}
