import Storage

/// A macro from the config, filled in for one ticket.
public struct RenderedMacro: Sendable, Equatable {
    public var name: String
    public var body: String
    /// The status it sets, if any.
    public var status: TicketStatus?
    /// Tags it adds.
    public var tags: [String]
}

/// Macros: named reply templates from the config that may also set the status and add tags.
extension TicketService {
    /// The macro `name` filled in for the ticket, to show or edit before sending.
    public func macro(named name: String, for ticketID: Int) throws -> RenderedMacro {
        try context.check(.viewTickets)
        let macro = try configuredMacro(name)
        return try context.read { db in
            let ticket = try Self.find(id: ticketID, in: db)
            return RenderedMacro(name: macro.name, body: try render(macro, for: ticket, in: db),
                                 status: macro.status, tags: macro.tags)
        }
    }

    /// Sends the macro as a reply and applies its tags and status (or `status`, when given) in
    /// one transaction, under the same rules and send-time check as `reply`.
    @discardableResult
    public func applyMacro(named name: String, to ticketID: Int, seenThrough: Int? = nil,
                           status: TicketStatus? = nil) throws -> SentMessage {
        let macro = try configuredMacro(name)
        return try send(.reply, id: ticketID, seenThrough: seenThrough, status: status ?? macro.status, tags: macro.tags,
                        macro: macro.name) { ticket, db in
            try render(macro, for: ticket, in: db)
        }
    }

    private func configuredMacro(_ name: String) throws -> Configuration.Macro {
        guard let macro = context.config.macro(named: name) else {
            let known = context.config.macros.map(\.name)
            throw AllHandsError.invalid("there is no macro '\(FieldLimits.excerpt(name))' "
                                        + (known.isEmpty ? "in the config" : "(macros: \(known.joined(separator: ", ")))"))
        }
        return macro
    }

    private func render(_ macro: Configuration.Macro, for ticket: Ticket, in db: Database) throws -> String {
        let customer = try Self.customer(id: ticket.requesterID, in: db)?.name ?? ticket.requesterName
        let me = context.actor.person.name
        return Self.render(macro.body, values: [
            "customer.first_name": Self.firstName(customer), "customer.name": customer,
            "ticket.id": String(ticket.id), "ticket.subject": ticket.subject,
            "me.name": me, "me.first_name": Self.firstName(me),
        ])
    }

    /// Replaces each `{{key}}` (spaces inside the braces allowed) whose key is in `values`;
    /// anything else is left as written. Filled-in values are never scanned again, so a
    /// customer named `{{me.name}}` stays exactly that.
    static func render(_ template: String, values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[key] {
                out += value
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The first word of a name, or the whole name when it has no space.
    static func firstName(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) ?? name
    }
}
