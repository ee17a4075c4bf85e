import Foundation
import Storage

/// A message that went out, and the ticket as it stands after it.
public struct SentMessage: Sendable, Equatable {
    public var message: Message
    public var ticket: Ticket
}

/// Replies, notes and drafts.
///
/// Sending is one transaction that decides and writes: the message, the ticket's new status,
/// version and first-response time, tags a macro adds, the audit entry, and the removal of the
/// sender's draft. When the send is refused (off shift, a closed ticket, a rule, or new
/// activity since the writer opened the thread), the same transaction keeps the text as the
/// sender's draft and writes nothing else, so nothing typed is ever lost. Empty text is refused
/// before anything is written and never replaces a draft.
extension TicketService {
    /// Sends a public reply. Needs the sender to be on shift (or a role that may reply any time).
    /// With `seenThrough` (the last message id the writer saw), messages from others since then
    /// refuse the send with `newActivity` listing them; send again with the newest id to confirm.
    /// A new ticket becomes open, and an unassigned one becomes the sender's (in the same step);
    /// `status` sends and sets the status in one step ("submit as"),
    /// and `tags` are added in the same step (a macro's, after the writer edited its text).
    @discardableResult
    public func reply(id: Int, body: String, seenThrough: Int? = nil, status: TicketStatus? = nil,
                      tags: [String] = []) throws -> SentMessage {
        try Self.validate(body: body, what: "the reply")
        return try send(.reply, id: id, seenThrough: seenThrough, status: status, tags: tags) { _, _ in body }
    }

    /// Adds an internal note (never sent to the customer). Anyone who may update tickets may
    /// note, on shift or not; the status stays as it is.
    @discardableResult
    public func note(id: Int, body: String, seenThrough: Int? = nil) throws -> SentMessage {
        try Self.validate(body: body, what: "the note")
        return try send(.note, id: id, seenThrough: seenThrough, status: nil) { _, _ in body }
    }

    /// Sends a message whose text `compose` makes from the ticket inside the transaction.
    func send(_ kind: MessageKind, id: Int, seenThrough: Int?, status: TicketStatus?, tags: [String] = [],
              macro: String? = nil, compose: (Ticket, Database) throws -> String) throws -> SentMessage {
        let me = context.actor.person
        let outcome: Result<SentMessage, AllHandsError> = try context.write { db in
            var text: String?
            do {
                // A savepoint: a refusal undoes whatever the attempt wrote, then the draft is kept.
                return .success(try db.write { db in
                    try context.check(.updateTicket)
                    let current = try Self.find(id: id, in: db)
                    let body = try compose(current, db)
                    text = body
                    try Self.validate(body: body, what: "the \(kind.rawValue)")
                    try TicketRules.checkNotClosed(current)
                    if kind == .reply { try ShiftRules.checkMayReply(me, at: context.now, in: db) }
                    if let seenThrough {
                        guard try db.fetchInt("SELECT EXISTS (SELECT 1 FROM messages WHERE id = ? AND ticket_id = ?)",
                                              seenThrough, id) == 1 else {
                            throw AllHandsError.invalid("message \(seenThrough) is not on ticket #\(id): give the id of "
                                                        + "the last message you read there")
                        }
                        let newer = try Self.messages(ticketID: id, after: seenThrough, excludingPerson: me.id, in: db)
                        if !newer.isEmpty { throw AllHandsError.newActivity(ticket: id, messages: newer) }
                    }
                    var next = current
                    var after: [String: String?] = [:]
                    if !tags.isEmpty {
                        let added = try addTags(tags, to: &next, in: db).changed
                        if !added.isEmpty { after["tags"] = added.joined(separator: ",") }
                    }
                    let message = try insertMessage(ticketID: id, kind: kind, personID: me.id, customerID: nil,
                                                    author: me.login, body: body, in: db)
                    after["message"] = String(message.id)
                    if let macro { after["macro"] = macro }
                    if kind == .reply {
                        next.status = TicketRules.statusAfterReply(current.status, requested: status)
                        if next.firstResponseAt == nil { next.firstResponseAt = context.now }
                        // Whoever answers an unassigned ticket takes it, so nobody else answers it again.
                        if next.assigneeLogin == nil { next.assigneeLogin = me.login }
                    }
                    let ticket = try store(next, over: current, action: "ticket.\(kind.rawValue)", after: after, in: db)
                    try db.execute("DELETE FROM drafts WHERE ticket_id = ? AND person_id = ? AND kind = ?", id, me.id, kind.rawValue)
                    return SentMessage(message: message, ticket: ticket)
                })
            } catch let refusal as AllHandsError where Self.keepsDraft(refusal) {
                if let text, !Self.isBlank(text) {
                    try Self.storeDraft(ticketID: id, personID: me.id, kind: kind, body: text, at: context.now, in: db)
                }
                return .failure(refusal)
            }
        }
        return try outcome.get()
    }

    /// Refusals after which the text is kept: everything but a missing ticket and a database failure.
    private static func keepsDraft(_ error: AllHandsError) -> Bool {
        switch error {
        case .notFound, .database: false
        default: true
        }
    }

    static func isBlank(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Inserts one message in the caller's transaction (search picks it up by trigger).
    func insertMessage(ticketID: Int, kind: MessageKind, personID: Int?, customerID: Int?, author: String,
                       body: String, in db: Database) throws -> Message {
        try Self.insertMessage(ticketID: ticketID, kind: kind, personID: personID, customerID: customerID, author: author,
                               body: body, at: context.now, in: db)
    }

    static func insertMessage(ticketID: Int, kind: MessageKind, personID: Int?, customerID: Int?, author: String,
                              body: String, at now: Int64, in db: Database) throws -> Message {
        try db.execute("""
            INSERT INTO messages (ticket_id, kind, author_person_id, author_customer_id, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, ticketID, kind.rawValue, personID, customerID, body, now)
        return Message(id: Int(db.lastInsertRowID), ticketID: ticketID, kind: kind, author: author, body: body, createdAt: now)
    }

    // MARK: - Drafts

    /// Keeps `body` as the acting person's draft of that kind on the ticket (one reply and one
    /// note per ticket and person, each replacing the last of its kind). Empty text keeps whatever draft there was. Drafts are private
    /// scratch text, not changes to the ticket: they are not audited.
    public func saveDraft(id: Int, kind: MessageKind, body: String) throws {
        try context.check(.updateTicket)
        guard kind != .customer else { throw AllHandsError.invalid("a draft is a reply or a note") }
        guard !Self.isBlank(body) else { return }
        guard FieldLimits.length(body) <= FieldLimits.messageBody else {
            throw AllHandsError.invalid("the draft is over \(FieldLimits.messageBody) characters")
        }
        try context.write { db in
            _ = try Self.find(id: id, in: db)
            try Self.storeDraft(ticketID: id, personID: context.actor.person.id, kind: kind, body: body, at: context.now, in: db)
        }
    }

    /// The acting person's draft of `kind` on the ticket (with no kind, the newest of either).
    public func draft(id: Int, kind: MessageKind? = nil) throws -> Draft? {
        try context.check(.viewTickets)
        let drafts = try context.read { db in try Self.drafts(ticketID: id, personID: context.actor.person.id, in: db) }
        return kind.map { kind in drafts.first { $0.kind == kind } } ?? drafts.max { $0.updatedAt < $1.updatedAt }
    }

    /// Throws the acting person's draft of `kind` on the ticket away (with no kind, both).
    public func discardDraft(id: Int, kind: MessageKind? = nil) throws {
        try context.check(.updateTicket)
        try context.write { db in
            try db.execute("DELETE FROM drafts WHERE ticket_id = ? AND person_id = ? AND (? IS NULL OR kind = ?)",
                           id, context.actor.person.id, kind?.rawValue, kind?.rawValue)
        }
    }

    static func storeDraft(ticketID: Int, personID: Int, kind: MessageKind, body: String, at now: Int64,
                           in db: Database) throws {
        try db.execute("""
            INSERT INTO drafts (ticket_id, person_id, kind, body, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id, person_id, kind) DO UPDATE SET body = excluded.body,
                updated_at = excluded.updated_at
            """, ticketID, personID, kind.rawValue, body, now)
    }

    static func drafts(ticketID: Int, personID: Int, in db: Database) throws -> [Draft] {
        try db.fetchAll("SELECT kind, body, updated_at FROM drafts WHERE ticket_id = ? AND person_id = ? ORDER BY kind DESC",
                        ticketID, personID) { row in
            Draft(ticketID: ticketID, kind: MessageKind(rawValue: row.string(0)) ?? .note, body: row.string(1),
                  updatedAt: row.int64(2))
        }
    }
}
