import AllHandsCore
import Foundation
import TerminalUI

/// The insights repository from scripts and meetings: `insight add|list|random|show|delete`.
/// Times are shown in the viewer's zone.
enum InsightCommands {
    static let add = Command(
        "insight add", "--ticket ID --quote TEXT [--note TEXT] [--tag T]... [--message ID] [--json]",
        "Capture a customer's words from a ticket: the quote, why it matters, tags. Everyone can read it.",
        options: [
            "--ticket ID    the ticket the words come from (its requester is the customer): required",
            "--quote TEXT   the customer's words: required; with --message, as written in that message (spacing may differ)",
            "--note TEXT    why it matters",
            "--tag T        a tag (repeat for more): taxonomy names and aliases, or a new free tag",
            "--message ID   the message quoted: it must be on the ticket",
            "--json         the insight as JSON (as in insight list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        guard let ticketText = try args.option("--ticket") else { throw UsageError("--ticket is required") }
        let ticket = try TicketCommands.parseID(ticketText)
        guard let quote = try args.option("--quote") else { throw UsageError("--quote is required: the customer's words") }
        let note = try args.option("--note") ?? ""
        let message = try args.option("--message").map { try ShiftCommands.parseNumber($0, "message") }
        let tags = try args.values(of: "--tag")
        try args.finish()
        let workspace = try session.workspace()
        let insight = try workspace.insights.add(quote: quote, note: note, tags: tags, ticketID: ticket, messageID: message)
        if json { return try Output.json(InsightJSON(insight)) }
        Output.line("Captured insight #\(insight.id) from ticket #\(ticket)"
                    + (insight.tags.isEmpty ? "" : " (\(insight.tags.joined(separator: ", ")))"))
    }

    static let list = Command(
        "insight list", "[--tag T] [--author L] [--customer EMAIL] [--search WORDS] [--limit N] [--json]",
        "List insights, newest first, those matching every filter given.",
        options: [
            "--tag T            carrying the tag (aliases and old names find it)",
            "--author L         captured by L",
            "--customer EMAIL   from the customer with this address (or customer id)",
            "--search WORDS     words in the quote or the note (all of them; pre* for a prefix, \"a phrase\")",
            "--limit N          at most N (default 50)",
            "--json             JSON array: id, quote, note, tags, ticket, message, customer_id, customer, email, "
                + "organization, author, created_at",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let filter = InsightFilter(search: try args.option("--search"), tag: try args.option("--tag"),
                                   author: try args.option("--author"), customer: try args.option("--customer"))
        let limit = try args.intOption("--limit", in: 1...100_000) ?? 50
        try args.finish()
        let workspace = try session.workspace()
        let insights = try workspace.insights.list(filter: filter, limit: limit)
        if json { return try Output.json(insights.map(InsightJSON.init)) }
        guard !insights.isEmpty else { return Output.line("No insights.") }
        let zone = viewerZone(workspace)
        var table = Table("ID", "DATE", "BY", "CUSTOMER", "TICKET", "TAGS", "QUOTE", rightAligned: [0])
        for i in insights {
            table.add(String(i.id), Timestamp.date(i.createdAt, timeZone: zone), i.author, i.customerName ?? "",
                      i.ticketID.map { "#\($0)" } ?? "", i.tags.joined(separator: ","),
                      i.quote.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        table.print()
    }

    static let random = Command(
        "insight random", "[--tag T] [--json]",
        "Print one insight at random, to start a meeting with a customer's words.",
        options: ["--tag T   one carrying this tag", "--json    the insight as JSON (as in insight list), or null"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let tag = try args.option("--tag")
        try args.finish()
        let workspace = try session.workspace()
        let insight = try workspace.insights.random(tag: tag)
        if json { return try Output.json(insight.map(InsightJSON.init)) }
        guard let insight else {
            return Output.line(tag == nil ? "No insights yet." : "No insights tagged \(tag ?? "").")
        }
        Output.line(card(insight, zone: viewerZone(workspace)).joined(separator: "\n"))
    }

    static let show = Command(
        "insight show", "ID [--json]", "Show one insight: the quote, who said it, the ticket, the note and the tags.",
        options: ["--json   the insight as JSON (as in insight list)"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let id = try ShiftCommands.parseNumber(try args.required("insight ID"), "insight")
        try args.finish()
        let workspace = try session.workspace()
        let insight = try workspace.insights.find(id)
        if json { return try Output.json(InsightJSON(insight)) }
        var lines = ["Insight #\(insight.id)", ""] + card(insight, zone: viewerZone(workspace))
        if !insight.tags.isEmpty { lines += ["", "Tags: " + insight.tags.joined(separator: ", ")] }
        Output.line(lines.joined(separator: "\n"))
    }

    static let delete = Command(
        "insight delete", "ID", "Delete an insight: your own, or anyone's for leads and admins."
    ) { args, session in
        let id = try ShiftCommands.parseNumber(try args.required("insight ID"), "insight")
        try args.finish()
        try session.workspace().insights.delete(id)
        Output.line("Deleted insight #\(id)")
    }

    // MARK: - Text

    /// The insight as read aloud: the quote in quotation marks wrapped to the terminal (72
    /// columns when not a terminal), who said it, where it came from, and why it matters.
    static func card(_ insight: Insight, zone: TimeZone) -> [String] {
        let width = Output.terminalWidth ?? 72
        let paragraphs = insight.quote.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let text = (index == 0 ? "“" : "") + paragraph + (index == paragraphs.count - 1 ? "”" : "")
            lines += TextWrap.wrap(Sanitizer.clean(text), width: width)
        }
        if let name = insight.customerName {
            let organization = insight.customerOrganization ?? ""
            lines.append("— " + name + (organization.isEmpty ? "" : ", " + organization))
        }
        var origin = insight.ticketID.map { "#\($0) · " } ?? ""
        origin += "captured by \(insight.author) on \(Timestamp.date(insight.createdAt, timeZone: zone))"
        lines.append(origin)
        if !insight.note.isEmpty {
            lines.append("")
            for paragraph in insight.note.split(separator: "\n", omittingEmptySubsequences: false) {
                lines += TextWrap.wrap(Sanitizer.clean(String(paragraph)), width: width)
            }
        }
        return lines
    }

    static func viewerZone(_ workspace: Workspace) -> TimeZone {
        TimeZone(identifier: workspace.actor.person.timeZone) ?? .gmt
    }
}

struct InsightJSON: Encodable {
    let id: Int
    let quote, note, author, created_at: String
    let tags: [String]
    let ticket, message, customer_id: Int?
    let customer, email, organization: String?

    init(_ i: Insight) {
        id = i.id; quote = i.quote; note = i.note; author = i.author; created_at = Timestamp.iso8601(i.createdAt)
        tags = i.tags; ticket = i.ticketID; message = i.messageID; customer_id = i.customerID
        customer = i.customerName; email = i.customerEmail; organization = i.customerOrganization
    }
}

fileprivate extension Arguments {
    /// Every value of a repeatable option (`--tag a --tag b`, `--tag=c`), in order.
    mutating func values(of name: String) throws -> [String] {
        var values: [String] = [], rest: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token == name {
                guard index + 1 < tokens.count else { throw UsageError("\(name) needs a value") }
                values.append(tokens[index + 1])
                index += 2
            } else if token.hasPrefix(name + "=") {
                values.append(String(token.dropFirst(name.count + 1)))
                index += 1
            } else {
                rest.append(token)
                index += 1
            }
        }
        self = Arguments(rest)
        return values
    }
}
