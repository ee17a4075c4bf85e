import Foundation
import Storage

/// The insights repository: customers' words worth remembering, captured by anyone who listens,
/// read by everyone ("start every meeting with a customer insight").
public struct InsightService {
    let context: ServiceContext

    /// Captures an insight from ticket `ticketID`: the customer's words (`quote`), why they
    /// matter (`note`), tags (taxonomy aliases apply; other valid names become free tags, as on
    /// tickets). The customer is the ticket's requester.
    ///
    /// With `messageID` the message must be on the ticket and the quote must be in it: the
    /// customer's own words, as written. Spacing may differ (a quote is tidied when copied, and
    /// a line break becomes a space), and a quote copied from a view with contacts hidden
    /// matches the hidden form; anything else is refused, so an insight never puts words in a
    /// customer's mouth. Without `messageID` the quote is the capturer's record of what was said
    /// (a call, a chat) and is taken as given.
    @discardableResult
    public func add(quote: String, note: String = "", tags: [String] = [], ticketID: Int, messageID: Int? = nil) throws -> Insight {
        try context.check(.listen)
        let quote = try FieldLimits.required(quote, "a quote", limit: FieldLimits.insightQuote)
        let note = try FieldLimits.optional(note, "a note", limit: FieldLimits.insightNote)
        let names = tags.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
            ? try TicketService.normalisedTagNames(tags) : []
        let me = context.actor.person, now = context.now
        return try context.write { db in
            let ticket = try TicketService.find(id: ticketID, in: db)
            if let messageID { try Self.checkQuote(quote, inMessage: messageID, ticketID: ticketID, in: db) }
            try db.execute("""
                INSERT INTO insights (quote, note, ticket_id, message_id, customer_id, author_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, quote, note, ticketID, messageID, ticket.requesterID, me.id, now)
            let id = Int(db.lastInsertRowID)
            let tickets = TicketService(context: context)
            for name in names {
                let tag = try tickets.resolveOrCreateTag(name, in: db)
                try db.execute("INSERT OR IGNORE INTO insight_tags (insight_id, tag_id) VALUES (?, ?)", id, tag.id)
            }
            let insight = try Self.find(id, in: db)
            var after: [String: String?] = ["quote": quote, "ticket": String(ticketID)]
            if !note.isEmpty { after["note"] = note }
            if let messageID { after["message"] = String(messageID) }
            if !insight.tags.isEmpty { after["tags"] = insight.tags.joined(separator: ",") }
            try context.audit("insight.add", entity: "insight", id: id, after: after)
            return insight
        }
    }

    /// Insights newest first, those matching every part of `filter`, at most `limit`, with ids
    /// below `before` (the last id of the previous page). A search with no searchable words
    /// finds nothing; an unknown tag or author is `notFound`.
    public func list(filter: InsightFilter = InsightFilter(), limit: Int = 50, before: Int? = nil) throws -> [Insight] {
        try context.check(.listen)
        guard (1...100_000).contains(limit) else { throw AllHandsError.invalid("a page holds 1 to 100000 insights, not \(limit)") }
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let search = filter.search {
            guard let expression = SearchService.matchExpression(search) else { return [] }
            clauses.append("i.id IN (SELECT rowid FROM insights_fts WHERE insights_fts MATCH ?)")
            arguments.append(expression)
        }
        return try context.read { db in
            if let name = filter.tag {
                clauses.append("i.id IN (SELECT insight_id FROM insight_tags WHERE tag_id = ?)")
                arguments.append(try Self.tag(name, taxonomy: context.config.taxonomy, in: db).id)
            }
            if let login = filter.author {
                guard let person = try PeopleService.find(login: login, in: db) else {
                    throw AllHandsError.notFound(what: "person '\(FieldLimits.excerpt(login))'")
                }
                clauses.append("i.author_id = ?")
                arguments.append(person.id)
            }
            if let customer = filter.customer?.trimmingCharacters(in: .whitespaces) {
                if let id = Int(customer) {
                    clauses.append("i.customer_id = ?")
                    arguments.append(id)
                } else {
                    clauses.append("i.customer_id IN (SELECT id FROM customers WHERE email = ?)")
                    arguments.append(customer.lowercased())
                }
            }
            if let ticketID = filter.ticketID {
                clauses.append("i.ticket_id = ?")
                arguments.append(ticketID)
            }
            if let from = filter.from {
                clauses.append("i.created_at >= ?")
                arguments.append(from)
            }
            if let to = filter.to {
                clauses.append("i.created_at < ?")
                arguments.append(to)
            }
            if let before {
                clauses.append("i.id < ?")
                arguments.append(before)
            }
            var insights = try db.fetchAll(Self.select + (clauses.isEmpty ? "" : "\nWHERE " + clauses.joined(separator: " AND "))
                                           + "\nORDER BY i.id DESC LIMIT ?", arguments: arguments + [limit], transform: Self.insight)
            try Self.attachTags(to: &insights, in: db)
            return insights
        }
    }

    /// One insight.
    public func find(_ id: Int) throws -> Insight {
        try context.check(.listen)
        return try context.read { db in try Self.find(id, in: db) }
    }

    /// One insight chosen at random, every insight (with `tag`: every one carrying it) equally
    /// likely; nil when there is none. Draws an id between the smallest and the largest and keeps
    /// it when it names a matching insight (a primary-key lookup), a few dozen times at most;
    /// when deletions left the ids too sparse for that, counts the matching ones and takes the
    /// n-th. Both are uniform; the first reads a handful of rows however many there are.
    public func random(tag: String? = nil) throws -> Insight? {
        var generator = SystemRandomNumberGenerator()
        return try random(tag: tag, using: &generator)
    }

    public func random<G: RandomNumberGenerator>(tag: String? = nil, using generator: inout G) throws -> Insight? {
        try context.check(.listen)
        return try context.read { db in
            let tagID = try tag.map { try Self.tag($0, taxonomy: context.config.taxonomy, in: db).id }
            let range = tagID.map { "FROM insight_tags WHERE tag_id = \($0)" } ?? "FROM insights"
            let column = tagID == nil ? "id" : "insight_id"
            guard let low = try db.fetchInt("SELECT min(\(column)) \(range)"),
                  let high = try db.fetchInt("SELECT max(\(column)) \(range)") else { return nil }
            let exists = tagID.map { "SELECT 1 FROM insight_tags WHERE tag_id = \($0) AND insight_id = ?" }
                ?? "SELECT 1 FROM insights WHERE id = ?"
            for _ in 0..<Self.draws {
                let id = Int.random(in: low...high, using: &generator)
                if try db.fetchInt(exists, id) != nil { return try Self.find(id, in: db) }
            }
            let count = try db.fetchInt("SELECT count(*) \(range)") ?? 0
            guard count > 0 else { return nil }
            let offset = Int.random(in: 0..<count, using: &generator)
            guard let id = try db.fetchInt("SELECT \(column) \(range) ORDER BY \(column) LIMIT 1 OFFSET ?", offset) else {
                return nil
            }
            return try Self.find(id, in: db)
        }
    }

    /// Tries of an id before counting.
    static let draws = 32

    /// Deletes an insight: its author, or a lead or admin (`manageFollowUps`). Audited with
    /// what it said.
    public func delete(_ id: Int) throws {
        try context.check(.listen)
        let me = context.actor.person
        try context.write { db in
            let insight = try Self.find(id, in: db)
            try context.check(Permissions.followUpAction(people: [insight.author], actor: me.login))
            try db.execute("DELETE FROM insights WHERE id = ?", id)
            var before: [String: String?] = ["quote": insight.quote, "author": insight.author]
            if let ticketID = insight.ticketID { before["ticket"] = String(ticketID) }
            try context.audit("insight.delete", entity: "insight", id: id, before: before)
        }
    }

    // MARK: - Rows

    static let select = """
        SELECT i.id, i.quote, i.note, i.ticket_id, i.message_id, i.customer_id, c.name, c.email, c.organization,
               p.login, i.created_at
        FROM insights i JOIN people p ON p.id = i.author_id LEFT JOIN customers c ON c.id = i.customer_id
        """

    static func insight(_ row: Row) -> Insight {
        Insight(id: row.int(0), quote: row.string(1), note: row.string(2), tags: [], ticketID: row.optionalInt(3),
                messageID: row.optionalInt(4), customerID: row.optionalInt(5), customerName: row.optionalString(6),
                customerEmail: row.optionalString(7), author: row.string(9), createdAt: row.int64(10),
                customerOrganization: row.optionalString(8))
    }

    static func find(_ id: Int, in db: Database) throws -> Insight {
        guard let insight = try db.fetchOne(select + "\nWHERE i.id = ?", id, transform: insight) else {
            throw AllHandsError.notFound(what: "insight #\(id)")
        }
        var one = [insight]
        try attachTags(to: &one, in: db)
        return one[0]
    }

    /// Fills each insight's tags (qualified names, taxonomy tags first, then by name).
    static func attachTags(to insights: inout [Insight], in db: Database) throws {
        guard !insights.isEmpty else { return }
        var tags: [Int: [Tag]] = [:]
        try db.forEachRow("""
            SELECT it.insight_id, g.id, g.name, g.dimension FROM insight_tags it JOIN tags g ON g.id = it.tag_id
            WHERE it.insight_id IN (\(insights.map { String($0.id) }.joined(separator: ",")))
            """) { row in
            tags[row.int(0), default: []].append(Tag(id: row.int(1), name: row.string(2), dimension: row.optionalString(3)))
        }
        for index in insights.indices {
            insights[index].tags = (tags[insights[index].id] ?? [])
                .sorted { ($0.dimension == nil ? 1 : 0, $0.qualifiedName) < ($1.dimension == nil ? 1 : 0, $1.qualifiedName) }
                .map(\.qualifiedName)
        }
    }

    static func tag(_ name: String, taxonomy: Configuration.Taxonomy, in db: Database) throws -> Tag {
        try ListenTimeline.filterTag(name, taxonomy: taxonomy, in: db)
    }

    /// Refuses a quote that is not in message `messageID` of the ticket (spacing aside).
    static func checkQuote(_ quote: String, inMessage messageID: Int, ticketID: Int, in db: Database) throws {
        guard let message = try db.fetchOne("SELECT ticket_id, body FROM messages WHERE id = ?", messageID,
                                            transform: { (ticket: $0.int(0), body: $0.string(1)) }) else {
            throw AllHandsError.notFound(what: "message #\(messageID)")
        }
        guard message.ticket == ticketID else {
            throw AllHandsError.invalid("message #\(messageID) is on ticket #\(message.ticket), not #\(ticketID)")
        }
        let words = collapsed(quote)
        guard collapsed(message.body).contains(words) || collapsed(ContactMask.mask(message.body)).contains(words) else {
            throw AllHandsError.invalid("the quote is not in message #\(messageID): quote the customer's words as written "
                + "(spacing may differ), or capture it without the message")
        }
    }

    /// `text` with every run of white space made one space, trimmed.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
