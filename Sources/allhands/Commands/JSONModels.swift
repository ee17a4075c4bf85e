import AllHandsCore
import Foundation

/// The stable JSON shapes of CLI output (documented in the README). Field names are plain
/// snake_case; times are ISO 8601 in UTC; people are referred to by login.
struct PersonJSON: Encodable {
    let login, name, email, team, role, timezone: String
    let active: Bool

    init(_ p: Person) {
        login = p.login; name = p.name; email = p.email; team = p.team
        role = p.role.rawValue; timezone = p.timeZone; active = p.active
    }
}

struct TicketJSON: Encodable {
    let id: Int
    let subject, status, priority, requester: String
    let assignee: String?
    let tags: [String]
    let created_at, updated_at: String
    /// Left out while the ticket waits for its first public reply, and while it is not solved.
    let first_response_at, solved_at: String?
    let version: Int

    init(_ t: Ticket) {
        id = t.id; subject = t.subject; status = t.status.rawValue; priority = t.priority.name
        requester = t.requesterName; assignee = t.assigneeLogin; tags = t.tags
        created_at = Timestamp.iso8601(t.createdAt); updated_at = Timestamp.iso8601(t.updatedAt)
        first_response_at = t.firstResponseAt.map(Timestamp.iso8601); solved_at = t.solvedAt.map(Timestamp.iso8601)
        version = t.version
    }
}

extension TicketJSON: JSONArrayElement {
    /// `"key" : ` at the depth of an element's fields, made once.
    private enum Key {
        static let assignee = JSONText.key("assignee", depth: 2)
        static let createdAt = JSONText.key("created_at", depth: 2)
        static let firstResponseAt = JSONText.key("first_response_at", depth: 2)
        static let solvedAt = JSONText.key("solved_at", depth: 2)
        static let id = JSONText.key("id", depth: 2)
        static let priority = JSONText.key("priority", depth: 2)
        static let requester = JSONText.key("requester", depth: 2)
        static let status = JSONText.key("status", depth: 2)
        static let subject = JSONText.key("subject", depth: 2)
        static let tags = JSONText.key("tags", depth: 2)
        static let updatedAt = JSONText.key("updated_at", depth: 2)
        static let version = JSONText.key("version", depth: 2)
        static let tagIndent = [UInt8](repeating: 0x20, count: 6)
        static let tagsEnd: [UInt8] = Array("    ],\n".utf8)
    }

    /// What the encoder writes for this shape (keys sorted, nil fields left out), written
    /// directly: listings stream up to a million of these. A test compares it with the encoder.
    func appendArrayElement(to out: inout [UInt8]) {
        func field(_ key: [UInt8], _ value: String) {
            out += key
            JSONText.appendString(value, to: &out)
            out += [0x2C, 0x0A]
        }
        out += [0x7B, 0x0A]
        if let assignee { field(Key.assignee, assignee) }
        field(Key.createdAt, created_at)
        if let first_response_at { field(Key.firstResponseAt, first_response_at) }
        out += Key.id
        out += String(id).utf8
        out += [0x2C, 0x0A]
        field(Key.priority, priority)
        field(Key.requester, requester)
        if let solved_at { field(Key.solvedAt, solved_at) }
        field(Key.status, status)
        field(Key.subject, subject)
        out += Key.tags
        out += [0x5B, 0x0A]
        if tags.isEmpty { out.append(0x0A) }
        for (i, tag) in tags.enumerated() {
            out += Key.tagIndent
            JSONText.appendString(tag, to: &out)
            out += i == tags.count - 1 ? [0x0A] : [0x2C, 0x0A]
        }
        out += Key.tagsEnd
        field(Key.updatedAt, updated_at)
        out += Key.version
        out += String(version).utf8
        out += [0x0A, 0x20, 0x20, 0x7D]
    }
}

struct MessageJSON: Encodable {
    let id, ticket: Int
    let kind, author, body, created_at: String

    init(_ m: Message) {
        id = m.id; ticket = m.ticketID; kind = m.kind.rawValue; author = m.author; body = m.body
        created_at = Timestamp.iso8601(m.createdAt)
    }
}

struct TicketDetailJSON: Encodable {
    struct Requester: Encodable { let name, email, organization: String }
    struct DraftJSON: Encodable { let kind, body, updated_at: String }

    let ticket: TicketJSON
    let requester: Requester
    let messages: [MessageJSON]
    /// Your unsent drafts on the ticket (a reply, a note).
    let drafts: [DraftJSON]
    let goodwill: [GoodwillJSON]
    /// Set when the requester's conduct was marked abusive.
    let boundary: BoundaryJSON?
    /// Others viewing or writing on the ticket now.
    let presence: [PresenceJSON]

    struct PresenceJSON: Encodable { let login, activity, seen_at: String }

    init(_ d: TicketDetail) {
        ticket = TicketJSON(d.ticket)
        requester = Requester(name: d.requester.name, email: d.requester.email, organization: d.requester.organization)
        messages = d.messages.map(MessageJSON.init)
        drafts = d.drafts.map { DraftJSON(kind: $0.kind.rawValue, body: $0.body, updated_at: Timestamp.iso8601($0.updatedAt)) }
        goodwill = d.goodwill.map(GoodwillJSON.init)
        boundary = d.boundary.map { BoundaryJSON($0, email: nil, openTickets: nil) }
        presence = d.presence.map { PresenceJSON(login: $0.login, activity: $0.activity.rawValue, seen_at: Timestamp.iso8601($0.seenAt)) }
    }
}

/// A reply or note that went out (`ticket reply|note --json`).
struct SentJSON: Encodable {
    let message: MessageJSON
    let ticket: TicketJSON

    init(_ s: SentMessage) {
        message = MessageJSON(s.message)
        ticket = TicketJSON(s.ticket)
    }
}

/// `ticket tag|untag --json`.
struct TagChangeJSON: Encodable {
    let ticket: TicketJSON
    let changed, unchanged, free: [String]

    init(_ r: TagChangeResult) {
        ticket = TicketJSON(r.ticket); changed = r.changed; unchanged = r.unchanged; free = r.free
    }
}

/// `ticket search --json`: the snippet marks each match with « and ».
struct SearchHitJSON: Encodable {
    let ticket: TicketJSON
    /// `subject` or `message`.
    let match: String
    let message_id: Int?
    let snippet: String
    let score: Double

    init(_ h: SearchHit) {
        ticket = TicketJSON(h.ticket)
        switch h.source {
        case .subject: match = "subject"; message_id = nil
        case .message(let id): match = "message"; message_id = id
        }
        snippet = SearchHitJSON.marked(h.snippet)
        score = h.score
    }

    /// The snippet with the domain's highlight characters shown as « and ».
    static func marked(_ snippet: String) -> String {
        String(snippet.map { $0 == SearchService.highlightStart ? "«" : $0 == SearchService.highlightEnd ? "»" : $0 })
    }
}

/// `ticket history --json`: before and after as objects of the fields that changed.
struct HistoryJSON: Encodable {
    let id: Int
    let at, actor, action: String
    let via: String?
    let before, after: [String: String?]?

    init(_ e: AuditEntry) {
        id = e.id; at = Timestamp.iso8601(e.at); actor = e.actor; via = e.via; action = e.action
        before = HistoryJSON.fields(e.before); after = HistoryJSON.fields(e.after)
    }

    static func fields(_ json: String?) -> [String: String?]? {
        guard let json else { return nil }
        return try? JSONDecoder().decode([String: String?].self, from: Data(json.utf8))
    }
}

/// `ticket list --counts --json`: one entry per view.
struct ViewCountJSON: Encodable {
    let view, title: String
    let count: Int

    init(_ c: ViewCount) {
        view = c.view.name; title = c.view.title; count = c.count
    }
}

/// `tags --json`: `dimension` is null for a free tag (written, not left out).
struct TagJSON: Encodable {
    let name: String
    let dimension: String?
    let open, last_24h, total: Int

    init(_ c: TagCount) {
        name = c.tag.name; dimension = c.tag.dimension; open = c.open; last_24h = c.last24h; total = c.total
    }

    enum CodingKeys: String, CodingKey { case name, dimension, open, last_24h, total }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(dimension, forKey: .dimension)
        try c.encode(open, forKey: .open)
        try c.encode(last_24h, forKey: .last_24h)
        try c.encode(total, forKey: .total)
    }
}
