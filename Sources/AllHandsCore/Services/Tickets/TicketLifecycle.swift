import Foundation
import Storage

/// The helpdesk rules of a ticket's life, as pure checks.
///
/// - `new → open → pending → solved → closed`; a ticket never goes back to new.
/// - Closed is final: a closed ticket takes no change at all (a customer writing again starts a
///   follow-up ticket).
/// - Solving (or closing) needs at least one tag of each taxonomy dimension marked
///   `requiredToSolve`.
/// - `solved_at` is set when a ticket becomes solved or closed and cleared when it becomes
///   active again, so it is set exactly while the ticket is solved or closed.
enum TicketRules {
    static func checkNotClosed(_ ticket: Ticket) throws {
        guard ticket.status != .closed else {
            throw AllHandsError.notAllowed("ticket #\(ticket.id) is closed, and closed is final; nothing was changed")
        }
    }

    /// Refuses a status change the rules forbid. `next` is the ticket as it would be (its tags
    /// count, so a step that tags and solves together passes).
    static func checkTransition(from current: Ticket, to next: Ticket, taxonomy: Configuration.Taxonomy) throws {
        guard next.status != current.status else { return }
        try checkNotClosed(current)
        if next.status == .new {
            throw AllHandsError.notAllowed("ticket #\(current.id) cannot go back to new; set it open or pending instead")
        }
        if !next.status.isActive {
            let missing = missingDimensions(next.tags, taxonomy: taxonomy)
            guard missing.isEmpty else {
                let needs = missing.map { dimension in
                    "one \(dimension.name) tag (such as \(dimension.tags.prefix(3).joined(separator: ", ")))"
                }
                throw AllHandsError.notAllowed(
                    "ticket #\(current.id) cannot be \(next.status.rawValue) yet: it needs "
                        + needs.joined(separator: " and ") + "; nothing was changed")
            }
        }
    }

    /// The dimensions marked `requiredToSolve` that none of `tags` (qualified names) belongs to.
    static func missingDimensions(_ tags: [String], taxonomy: Configuration.Taxonomy) -> [Configuration.Dimension] {
        taxonomy.dimensions.filter { dimension in
            dimension.requiredToSolve && !tags.contains { $0.hasPrefix(dimension.name + ":") }
        }
    }

    /// `solved_at` after a change from `current`'s status to `status` at `now`.
    static func solvedAt(from current: Ticket, to status: TicketStatus, now: Int64) -> Int64? {
        if status.isActive { return nil }
        return current.status.isActive ? now : current.solvedAt ?? now
    }

    /// The status after a public reply: a new ticket becomes open, others keep theirs unless
    /// the reply says otherwise ("submit as pending").
    static func statusAfterReply(_ current: TicketStatus, requested: TicketStatus?) -> TicketStatus {
        requested ?? (current == .new ? .open : current)
    }

    /// The status after a customer writes: pending and solved tickets reopen.
    static func statusAfterCustomerMessage(_ current: TicketStatus) -> TicketStatus {
        current == .pending || current == .solved ? .open : current
    }
}

/// What tagging or untagging changed.
public struct TagChangeResult: Sendable, Equatable {
    public var ticket: Ticket
    /// Qualified names of the tags added (or removed) by this call.
    public var changed: [String]
    /// Of the names asked for, those that were already there (or, untagging, were not there).
    public var unchanged: [String]
    /// Of the tags added, those outside the taxonomy (free tags).
    public var free: [String]
}

extension TicketService {
    // MARK: - Claiming and assigning

    /// Takes an unassigned ticket for the acting person; a new ticket becomes open. Claiming one's
    /// own ticket changes nothing. If someone else holds it, throws `alreadyClaimed` naming them
    /// and writes nothing (taking over is `assign`, which needs the right to).
    @discardableResult
    public func claim(id: Int) throws -> Ticket {
        try context.check(.updateTicket)
        let me = context.actor.person.login
        return try context.write { db in
            let current = try Self.find(id: id, in: db)
            if let holder = current.assigneeLogin {
                if holder == me { return current }
                throw AllHandsError.alreadyClaimed(ticket: id, by: holder)
            }
            var next = current
            next.assigneeLogin = me
            if next.status == .new { next.status = .open }
            return try store(next, over: current, action: "ticket.claim", in: db)
        }
    }

    /// Gives the ticket back to the queue. Releasing someone else's needs the right to assign others.
    @discardableResult
    public func release(id: Int) throws -> Ticket {
        try change(id: id, action: "ticket.release") { ticket, _ in ticket.assigneeLogin = nil }
    }

    /// Assigns the ticket to `login` (an active person), or unassigns it when nil. Giving it to
    /// someone else, or taking it from them, needs the right to assign others.
    @discardableResult
    public func assign(id: Int, to login: String?, expectedVersion: Int? = nil) throws -> Ticket {
        try change(id: id, expectedVersion: expectedVersion, action: "ticket.assign") { ticket, db in
            if let login { try Self.requireActivePerson(login, in: db) }
            ticket.assigneeLogin = login
        }
    }

    // MARK: - Status and priority

    /// Sets the status under the helpdesk rules (see `TicketRules`). With `expectedVersion`, only
    /// if nobody changed the ticket since it was read.
    @discardableResult
    public func setStatus(id: Int, _ status: TicketStatus, expectedVersion: Int? = nil) throws -> Ticket {
        try change(id: id, expectedVersion: expectedVersion, action: "ticket.status") { ticket, _ in ticket.status = status }
    }

    @discardableResult
    public func setPriority(id: Int, _ priority: Priority, expectedVersion: Int? = nil) throws -> Ticket {
        try change(id: id, expectedVersion: expectedVersion, action: "ticket.priority") { ticket, _ in
            ticket.priority = priority
        }
    }

    /// Applies `change` to a ticket's status, priority and assignee at once, under the same rules
    /// and rights as the single changes. With `expectedVersion`, the change is made only if the
    /// ticket is still at that version (compare-and-set): a caller that read version N and finds
    /// N+1 gets `conflict` and nothing is written. The audit entry holds only what changed.
    @discardableResult
    public func update(id: Int, expectedVersion: Int? = nil, _ change: TicketChange) throws -> Ticket {
        try self.change(id: id, expectedVersion: expectedVersion, action: "ticket.update") { ticket, db in
            if let status = change.status { ticket.status = status }
            if let priority = change.priority { ticket.priority = priority }
            switch change.assignee {
            case nil: break
            case .unassign?: ticket.assigneeLogin = nil
            case .login(let login)?:
                try Self.requireActivePerson(login, in: db)
                ticket.assigneeLogin = login
            }
        }
    }

    // MARK: - Tags

    /// Adds tags. A name is bare (`billing`) or qualified (`area:billing`): a taxonomy tag goes
    /// to its dimension, any other valid name becomes a free tag (the result says which). A
    /// qualified name must be in its dimension's taxonomy. All or nothing, one audit entry.
    @discardableResult
    public func tag(id: Int, _ names: [String], expectedVersion: Int? = nil) throws -> TagChangeResult {
        try context.check(.updateTicket)
        return try context.write { db in
            let current = try Self.load(id: id, expectedVersion: expectedVersion, in: db)
            var next = current
            let result = try addTags(names, to: &next, in: db)
            let ticket = try store(next, over: current, action: "ticket.tag",
                                   after: result.changed.isEmpty ? [:] : ["tags": result.changed.joined(separator: ",")], in: db)
            return TagChangeResult(ticket: ticket, changed: result.changed, unchanged: result.unchanged, free: result.free)
        }
    }

    /// Removes tags (bare or qualified names). Names the ticket does not carry are reported as unchanged.
    @discardableResult
    public func untag(id: Int, _ names: [String], expectedVersion: Int? = nil) throws -> TagChangeResult {
        try context.check(.updateTicket)
        return try context.write { db in
            let current = try Self.load(id: id, expectedVersion: expectedVersion, in: db)
            var next = current
            var removed: [String] = [], unchanged: [String] = []
            for name in try Self.normalisedTagNames(names) {
                guard let tag = try TagService.resolve(context.config.taxonomy.canonical(name), in: db), next.tags.contains(tag.qualifiedName) else {
                    unchanged.append(name)
                    continue
                }
                try db.execute("DELETE FROM ticket_tags WHERE ticket_id = ? AND tag_id = ?", id, tag.id)
                try TagHistory.record(ticket: id, tag: tag.id, added: false, context: context, in: db)
                next.tags.removeAll { $0 == tag.qualifiedName }
                removed.append(tag.qualifiedName)
            }
            let ticket = try store(next, over: current, action: "ticket.untag",
                                   before: removed.isEmpty ? [:] : ["tags": removed.joined(separator: ",")], in: db)
            return TagChangeResult(ticket: ticket, changed: removed, unchanged: unchanged, free: [])
        }
    }

    /// Links `names` to the ticket inside the caller's transaction, creating tag rows as needed.
    func addTags(_ names: [String], to ticket: inout Ticket, in db: Database)
        throws -> (changed: [String], unchanged: [String], free: [String]) {
        var changed: [String] = [], unchanged: [String] = [], free: [String] = []
        for name in try Self.normalisedTagNames(names) {
            let tag = try resolveOrCreateTag(name, in: db)
            if ticket.tags.contains(tag.qualifiedName) {
                unchanged.append(tag.qualifiedName)
                continue
            }
            try db.execute("INSERT INTO ticket_tags (ticket_id, tag_id) VALUES (?, ?)", ticket.id, tag.id)
            try TagHistory.record(ticket: ticket.id, tag: tag.id, added: true, context: context, in: db)
            ticket.tags.append(tag.qualifiedName)
            changed.append(tag.qualifiedName)
            if tag.dimension == nil { free.append(tag.qualifiedName) }
        }
        return (changed, unchanged, free)
    }

    /// Lower-cased, trimmed, without repeats; an empty list is refused.
    static func normalisedTagNames(_ names: [String]) throws -> [String] {
        var seen = Set<String>()
        let cleaned = names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !cleaned.isEmpty else { throw AllHandsError.invalid("no tag given") }
        return cleaned
    }

    /// The tag `text` names (`billing` or `area:billing`, or an alias of one), created when the
    /// taxonomy or a valid free name allows it. A tag that exists (renamed or merged ones by their
    /// old names too) is found before the taxonomy is asked. Insights tag the same way.
    func resolveOrCreateTag(_ text: String, in db: Database) throws -> Tag {
        let taxonomy = context.config.taxonomy
        let text = taxonomy.canonical(text)
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts.last ?? text
        let existing = try TagService.resolve(name, in: db)
        if let existing, parts.count == 1 || existing.dimension == parts[0] { return existing }
        var dimension = taxonomy.dimension(ofTag: name)
        if parts.count == 2 {
            guard let wanted = taxonomy.dimensions.first(where: { $0.name == parts[0] }) else {
                throw AllHandsError.invalid("'\(FieldLimits.excerpt(parts[0]))' is not a tag dimension (\(taxonomy.dimensions.map(\.name).joined(separator: ", ")))")
            }
            guard wanted.tags.contains(name) else {
                throw AllHandsError.invalid("'\(FieldLimits.excerpt(name))' is not \(English.withArticle(wanted.name)) tag (\(wanted.tags.joined(separator: ", ")))")
            }
            dimension = wanted.name
        }
        // A free tag that the taxonomy has since listed under this dimension.
        if let existing { return existing }
        guard Tag.isValidName(name) else {
            throw AllHandsError.invalid("'\(FieldLimits.excerpt(name))' is not a valid tag name (\(Tag.nameRule))")
        }
        try db.execute("INSERT INTO tags (name, dimension, created_at) VALUES (?, ?, ?)", name, dimension, context.now)
        return Tag(id: Int(db.lastInsertRowID), name: name, dimension: dimension)
    }

    // MARK: - New tickets and customer messages

    /// Opens a ticket for a customer (a phone call, a chat hand-off, an internal report): the
    /// customer is found by email or created, the text is the first message, from the customer.
    /// With `queue.roundRobin`, it goes to whoever on shift holds the fewest open tickets.
    @discardableResult
    public func create(requesterEmail: String, requesterName: String? = nil, subject: String, body: String,
                       priority: Priority = .normal) throws -> Ticket {
        try context.check(.updateTicket)
        let email = requesterEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let subject = subject.trimmingCharacters(in: .whitespaces)
        let name = requesterName?.trimmingCharacters(in: .whitespaces)
        try Self.validate(email: email, name: name, subject: subject)
        try Self.validate(body: body, what: "the first message")
        return try context.write { db in
            let customer = try findOrCreateCustomer(email: email, name: name, in: db)
            return try insertTicket(subject: subject, body: body, priority: priority, customerID: customer,
                                    followUpOf: nil, in: db)
        }
    }

    /// Appends a message from the ticket's requester (the mail gateway's way in; tests use it
    /// now). Pending and solved tickets reopen. A closed ticket stays closed: the message starts
    /// a follow-up ticket for the same requester, subject and priority, and the returned message
    /// belongs to it.
    @discardableResult
    public func addCustomerMessage(id: Int, body: String) throws -> Message {
        try context.check(.updateTicket)
        try Self.validate(body: body, what: "the message")
        return try context.write { db in
            let current = try Self.find(id: id, in: db)
            if current.status == .closed {
                let followUp = try insertTicket(subject: current.subject, body: body, priority: current.priority,
                                                customerID: current.requesterID, followUpOf: id, in: db)
                return try Self.messages(ticketID: followUp.id, in: db)[0]
            }
            let message = try insertMessage(ticketID: id, kind: .customer, personID: nil, customerID: current.requesterID,
                                            author: current.requesterName, body: body, in: db)
            var next = current
            next.status = TicketRules.statusAfterCustomerMessage(current.status)
            _ = try store(next, over: current, action: "ticket.customer-message", after: ["message": String(message.id)], in: db)
            return message
        }
    }

    private func findOrCreateCustomer(email: String, name: String?, in db: Database) throws -> Int {
        if let id = try CustomerLookup.id(email: email, in: db) { return id }
        let shownName = name.flatMap { $0.isEmpty ? nil : $0 } ?? String(email.prefix { $0 != "@" })
        try db.execute("INSERT INTO customers (name, email, created_at) VALUES (?, ?, ?)", shownName, email, context.now)
        let id = Int(db.lastInsertRowID)
        try context.audit("customer.create", entity: "customer", id: id, after: ["name": shownName, "email": email])
        return id
    }

    private func insertTicket(subject: String, body: String, priority: Priority, customerID: Int, followUpOf: Int?,
                              in db: Database) throws -> Ticket {
        let now = context.now
        let assignee = try ShiftRules.newTicketAssignee(config: context.config, at: now, in: db)
        try db.execute("""
            INSERT INTO tickets (subject, status, priority, requester_id, assignee_id, created_at, updated_at, version)
            VALUES (?, 'new', ?, ?, ?, ?, ?, 1)
            """, subject, priority.rawValue, customerID, assignee?.id, now, now)
        let id = Int(db.lastInsertRowID)
        _ = try insertMessage(ticketID: id, kind: .customer, personID: nil, customerID: customerID, author: "", body: body, in: db)
        var after: [String: String?] = ["subject": subject, "status": TicketStatus.new.rawValue, "priority": priority.name,
                                        "requester": String(customerID), "assignee": assignee?.login]
        if let followUpOf { after["follow_up_of"] = String(followUpOf) }
        try context.audit("ticket.create", entity: "ticket", id: id, after: after)
        return try Self.find(id: id, in: db)
    }

    // MARK: - Validation

    static func validate(email: String, name: String?, subject: String) throws {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), FieldLimits.length(email) <= FieldLimits.email,
              !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw AllHandsError.invalid("'\(FieldLimits.excerpt(email))' is not an email address (name@example.com)")
        }
        if let name, FieldLimits.length(name) > FieldLimits.name {
            throw AllHandsError.invalid("the requester's name is over \(FieldLimits.name) characters")
        }
        guard !subject.isEmpty else { throw AllHandsError.invalid("a ticket needs a subject") }
        guard FieldLimits.length(subject) <= FieldLimits.subject else {
            throw AllHandsError.invalid("the subject is over \(FieldLimits.subject) characters")
        }
        guard !subject.contains(where: { $0.isNewline }) else {
            throw AllHandsError.invalid("a subject is one line")
        }
    }

    /// A message needs some text and at most `FieldLimits.messageBody` characters.
    static func validate(body: String, what: String) throws {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AllHandsError.invalid("\(what) is empty; nothing was sent")
        }
        guard FieldLimits.length(body) <= FieldLimits.messageBody else {
            throw AllHandsError.invalid("\(what) is over \(FieldLimits.messageBody) characters")
        }
    }

    static func requireActivePerson(_ login: String, in db: Database) throws {
        guard let person = try PeopleService.find(login: login, in: db), person.active else {
            throw AllHandsError.invalid("no active person with login '\(FieldLimits.excerpt(login))' to assign")
        }
    }

    // MARK: - How people change a ticket row (the system's notes and shift hand-offs write their own, under the same closed-is-final rule)

    /// Reads `id` inside the write transaction and edits it with `edit`, then stores it.
    func change(id: Int, expectedVersion: Int? = nil, action: String,
                _ edit: (inout Ticket, Database) throws -> Void) throws -> Ticket {
        try context.check(.updateTicket)
        return try context.write { db in
            let current = try Self.load(id: id, expectedVersion: expectedVersion, in: db)
            var next = current
            try edit(&next, db)
            return try store(next, over: current, action: action, in: db)
        }
    }

    /// The ticket as the write transaction sees it; `conflict` when it is no longer at `expectedVersion`.
    static func load(id: Int, expectedVersion: Int?, in db: Database) throws -> Ticket {
        let current = try find(id: id, in: db)
        if let expectedVersion, expectedVersion != current.version {
            throw AllHandsError.conflict(what: "ticket #\(id)", expected: expectedVersion, found: current.version)
        }
        return current
    }

    /// Writes `next` over `current` in the caller's transaction: checks the rules (closed is
    /// final, the status transition, the right the change of assignee needs), bumps the version
    /// (compare-and-set on the version read) and `updated_at`, keeps `solved_at` and
    /// `first_response_at`, and records one audit entry with the fields that changed plus
    /// `before`/`after` (what else the step did: a message, tags). Nothing changed, nothing written.
    func store(_ next: Ticket, over current: Ticket, action: String, before: [String: String?] = [:],
               after: [String: String?] = [:], in db: Database) throws -> Ticket {
        let old = Self.snapshot(current), new = Self.snapshot(next)
        let changedKeys = old.keys.filter { old[$0] != new[$0] }
        guard !changedKeys.isEmpty || !before.isEmpty || !after.isEmpty || next.tags != current.tags else { return current }
        try TicketRules.checkNotClosed(current)
        try TicketRules.checkTransition(from: current, to: next, taxonomy: context.config.taxonomy)
        try context.check(Permissions.assignmentAction(current: current.assigneeLogin, target: next.assigneeLogin,
                                                       actor: context.actor.person.login))
        try checkHolder(current, next, action: action)
        let now = context.now
        var stored = next
        stored.solvedAt = next.status == current.status ? current.solvedAt
            : TicketRules.solvedAt(from: current, to: next.status, now: now)
        try db.execute("""
            UPDATE tickets SET status = ?, priority = ?, assignee_id = (SELECT id FROM people WHERE login = ?),
                first_response_at = ?, solved_at = ?, updated_at = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, stored.status.rawValue, stored.priority.rawValue, stored.assigneeLogin, stored.firstResponseAt,
            stored.solvedAt, now, current.id, current.version)
        guard db.changes == 1 else {
            let found = try db.fetchInt("SELECT version FROM tickets WHERE id = ?", current.id) ?? current.version
            throw AllHandsError.conflict(what: "ticket #\(current.id)", expected: current.version, found: found)
        }
        try context.audit(action, entity: "ticket", id: current.id,
                          before: old.filter { changedKeys.contains($0.key) }.merging(before) { _, extra in extra },
                          after: new.filter { changedKeys.contains($0.key) }.merging(after) { _, extra in extra })
        stored.version = current.version + 1
        stored.updatedAt = now
        return stored
    }

    /// Someone else's ticket: its status, priority and replies are theirs (see
    /// `Permissions.holderAction`); a customer writing in is never held back by it.
    private func checkHolder(_ current: Ticket, _ next: Ticket, action: String) throws {
        let touches = action != "ticket.customer-message"
            && (next.status != current.status || next.priority != current.priority || action == "ticket.reply")
        let me = context.actor.person
        let right = Permissions.holderAction(holder: current.assigneeLogin, actor: me.login, touchesTheirWork: touches)
        guard !Permissions.allows(me.role, right), let holder = current.assigneeLogin else { return }
        throw AllHandsError.notAllowed("#\(current.id) is \(holder)'s ticket: its replies, status and priority are theirs "
            + "(support, leads and admins may take over); you can still add a note or tags")
    }

    static func snapshot(_ t: Ticket) -> [String: String?] {
        ["status": t.status.rawValue, "priority": t.priority.name, "assignee": t.assigneeLogin]
    }
}
