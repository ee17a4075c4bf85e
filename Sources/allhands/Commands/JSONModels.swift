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

extension TicketJSON: JSONArrayElement {
    /// `"key" : ` at the depth of an element's fields, made once.
    private enum Key {
        static let assignee = JSONText.key("assignee", depth: 2)
        static let createdAt = JSONText.key("created_at", depth: 2)
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

    /// What the encoder writes for this shape (keys sorted, a nil assignee left out), written
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
        out += Key.id
        out += String(id).utf8
        out += [0x2C, 0x0A]
        field(Key.priority, priority)
        field(Key.requester, requester)
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
