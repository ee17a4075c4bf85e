import AllHandsCore

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
    let version: Int

    init(_ t: Ticket) {
        id = t.id; subject = t.subject; status = t.status.rawValue; priority = t.priority.name
        requester = t.requesterName; assignee = t.assigneeLogin; tags = t.tags
        created_at = Timestamp.iso8601(t.createdAt); updated_at = Timestamp.iso8601(t.updatedAt)
        version = t.version
    }
}

extension TicketJSON: PrettyJSONWritable {
    /// What the encoder writes for this shape (keys sorted, a nil assignee left out), written
    /// directly: listings stream up to a million of these. A test compares it with the encoder.
    func appendPrettyJSON(to out: inout [UInt8], depth: Int) {
        let inner = depth + 1
        func field(_ key: StaticString, _ value: String) {
            JSONText.appendKey(key, depth: inner, to: &out)
            JSONText.appendString(value, to: &out)
            out += [0x2C, 0x0A]
        }
        func field(_ key: StaticString, _ value: Int, last: Bool = false) {
            JSONText.appendKey(key, depth: inner, to: &out)
            out += Array(String(value).utf8)
            out += last ? [0x0A] : [0x2C, 0x0A]
        }
        out += [0x7B, 0x0A]
        if let assignee { field("assignee", assignee) }
        field("created_at", created_at)
        field("id", id)
        field("priority", priority)
        field("requester", requester)
        field("status", status)
        field("subject", subject)
        JSONText.appendKey("tags", depth: inner, to: &out)
        out += [0x5B, 0x0A]
        if tags.isEmpty { out.append(0x0A) }
        for (i, tag) in tags.enumerated() {
            JSONText.appendIndent(inner + 1, to: &out)
            JSONText.appendString(tag, to: &out)
            out += i == tags.count - 1 ? [0x0A] : [0x2C, 0x0A]
        }
        JSONText.appendIndent(inner, to: &out)
        out += [0x5D, 0x2C, 0x0A]
        field("updated_at", updated_at)
        field("version", version, last: true)
        JSONText.appendIndent(depth, to: &out)
        out.append(0x7D)
    }
}

struct TicketDetailJSON: Encodable {
    struct Requester: Encodable { let name, email, organization: String }
    struct MessageJSON: Encodable { let id: Int; let kind, author, body, created_at: String }

    let ticket: TicketJSON
    let requester: Requester
    let messages: [MessageJSON]

    init(_ d: TicketDetail) {
        ticket = TicketJSON(d.ticket)
        requester = Requester(name: d.requester.name, email: d.requester.email, organization: d.requester.organization)
        messages = d.messages.map {
            MessageJSON(id: $0.id, kind: $0.kind.rawValue, author: $0.author, body: $0.body,
                        created_at: Timestamp.iso8601($0.createdAt))
        }
    }
}

struct TagJSON: Encodable {
    let name: String
    let dimension: String?
    let open, last_24h, total: Int

    init(_ c: TagCount) {
        name = c.tag.name; dimension = c.tag.dimension; open = c.open; last_24h = c.last24h; total = c.total
    }
}
