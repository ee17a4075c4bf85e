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
