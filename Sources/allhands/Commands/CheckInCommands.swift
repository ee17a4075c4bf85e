import AllHandsCore
import Foundation

/// `checkin add|notes|show|list|search`: conversations with customers, for anyone, with notes in
/// one place everyone can read.
enum CheckInCommands {
    static let add = Command(
        "checkin add", "--customer EMAIL --at DATETIME [--with LOGIN]... [--json]",
        "Schedule a check-in with a customer who has written to support, held by you and the people --with names.",
        options: ["--customer E   the customer's email (a customer allhands knows)",
                  "--at T         when: \(ShiftCommands.timeForms)",
                  "--with L       someone else holding it (repeat, or L1,L2)",
                  "--json         the check-in as JSON (as in checkin list)"]
    ) { args, session in
        let json = args.flag("--json")
        guard let email = try args.option("--customer") else { throw UsageError("--customer is required") }
        guard let atText = try args.option("--at") else { throw UsageError("--at is required") }
        let with = try args.repeated("--with")
        try args.finish()
        let workspace = try session.workspace()
        let at = try ShiftTime.parse(atText, timeZone: ShiftTime.companyZone(workspace.config), what: "--at")
        let checkIn = try workspace.checkins.add(customerEmail: email, at: at,
                                                 with: with.map { TicketCommands.login($0, in: workspace) })
        if json { return try Output.json(CheckInJSON(checkIn)) }
        Output.line("Check-in #\(checkIn.id) with \(checkIn.customerName) <\(checkIn.customerEmail)> at "
                    + "\(Timestamp.localWithZone(checkIn.at, timeZone: ShiftCommands.viewerZone(workspace))), "
                    + "held by \(checkIn.people.joined(separator: ", "))")
    }

    static let notes = Command(
        "checkin notes", "ID [--text TEXT]",
        "Write a check-in's notes: --text, or stdin, or $VISUAL/$EDITOR on the notes so far (its people; "
            + "leads and admins any). Everyone can read them.",
        options: ["--text T   the notes (replacing what was there)"]
    ) { args, session in
        let text = try args.option("--text")
        let id = try ShiftCommands.parseNumber(try args.required("check-in ID"), "check-in")
        try args.finish()
        let workspace = try session.workspace()
        let current = try workspace.checkins.find(id: id)
        let notes = try NotesInput.read(text: text, current: current.notes, what: "notes")
        _ = try workspace.checkins.setNotes(id: id, notes: notes, expectedVersion: current.version)
        Output.line("Saved the notes of check-in #\(id) (\(current.customerName)).")
    }

    static let show = Command(
        "checkin show", "ID [--json]",
        "A check-in with what to read before it: the customer's recent tickets, past check-ins and open action items.",
        options: ["--json   object: checkin, recent_tickets, past_checkins, open_action_items"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let id = try ShiftCommands.parseNumber(try args.required("check-in ID"), "check-in")
        try args.finish()
        let workspace = try session.workspace()
        let brief = try workspace.checkins.brief(id: id)
        if json { return try Output.json(CheckInBriefJSON(brief)) }
        let zone = ShiftCommands.viewerZone(workspace)
        let c = brief.checkIn
        Output.line("Check-in #\(c.id) with \(c.customerName) <\(c.customerEmail)>")
        Output.line("at \(Timestamp.localWithZone(c.at, timeZone: zone)) · held by \(c.people.joined(separator: ", "))")
        Output.line()
        Output.line(c.notes.isEmpty ? "No notes yet." : "Notes:\n" + indented(c.notes))
        Output.line()
        Output.line("Recent tickets:" + (brief.recentTickets.isEmpty ? " none" : ""))
        for t in brief.recentTickets {
            Output.line("  #\(t.id)  \(t.status.rawValue)  \(Timestamp.date(t.createdAt, timeZone: zone))  \(t.subject)")
        }
        Output.line("Past check-ins:" + (brief.pastCheckIns.isEmpty ? " none" : ""))
        for past in brief.pastCheckIns {
            Output.line("  #\(past.id)  \(Timestamp.date(past.at, timeZone: zone))  \(past.people.joined(separator: ", "))")
            if !past.notes.isEmpty { Output.line(indented(past.notes, by: 4)) }
        }
        Output.line("Open action items:" + (brief.openActionItems.isEmpty ? " none" : ""))
        for item in brief.openActionItems {
            Output.line("  #\(item.id)  due \(item.dueDay)  \(item.owner)  \(item.title)")
        }
    }

    static let list = Command(
        "checkin list", "[--customer EMAIL] [--person LOGIN] [--json]",
        "List check-ins, newest first: everyone's, one customer's, or those one person holds.",
        options: ["--customer E   only with this customer",
                  "--person L     only those L holds (`me` for yours)",
                  "--json         JSON array: id, customer_id, customer, email, at, people, notes, created_by, "
                      + "updated_at, version"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let customer = try args.option("--customer"), person = try args.option("--person")
        try args.finish()
        let workspace = try session.workspace()
        let found = try workspace.checkins.list(customerEmail: customer,
                                                person: person.map { TicketCommands.login($0, in: workspace) })
        if json { return try Output.json(found.map(CheckInJSON.init)) }
        guard !found.isEmpty else { return Output.line("No check-ins.") }
        table(found, zone: ShiftCommands.viewerZone(workspace))
    }

    static let search = Command(
        "checkin search", "WORDS... [--json]",
        "Search every check-in's notes (words, \"a phrase\", prefix*), best match first.",
        options: ["--json   JSON array as in checkin list"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        var words: [String] = []
        while let word = args.word() { words.append(word) }
        try args.finish()
        guard !words.isEmpty else { throw UsageError("missing WORDS to search for") }
        let workspace = try session.workspace()
        let found = try workspace.checkins.search(words.joined(separator: " "))
        if json { return try Output.json(found.map(CheckInJSON.init)) }
        guard !found.isEmpty else { return Output.line("No check-in notes match.") }
        table(found, zone: ShiftCommands.viewerZone(workspace))
    }

    static func table(_ checkIns: [CheckIn], zone: TimeZone) {
        var table = Table("ID", "WHEN", "CUSTOMER", "PEOPLE", "NOTES", rightAligned: [0])
        for c in checkIns {
            table.add(String(c.id), Timestamp.local(c.at, timeZone: zone), "\(c.customerName) <\(c.customerEmail)>",
                      c.people.joined(separator: ","), c.notes.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
        }
        table.print()
    }

    static func indented(_ text: String, by spaces: Int = 2) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }
}

struct CheckInJSON: Encodable {
    let id, customer_id, version: Int
    let customer, email, at, notes, created_by, updated_at: String
    let people: [String]

    init(_ c: CheckIn) {
        id = c.id; customer_id = c.customerID; customer = c.customerName; email = c.customerEmail
        at = Timestamp.iso8601(c.at); people = c.people; notes = c.notes; created_by = c.createdBy
        updated_at = Timestamp.iso8601(c.updatedAt); version = c.version
    }
}

struct CheckInBriefJSON: Encodable {
    struct TicketLine: Encodable {
        let id: Int
        let subject, status, created_at: String
    }

    let checkin: CheckInJSON
    let recent_tickets: [TicketLine]
    let past_checkins: [CheckInJSON]
    let open_action_items: [ActionItemJSON]

    init(_ b: CheckInBrief) {
        checkin = CheckInJSON(b.checkIn)
        recent_tickets = b.recentTickets.map {
            TicketLine(id: $0.id, subject: $0.subject, status: $0.status.rawValue, created_at: Timestamp.iso8601($0.createdAt))
        }
        past_checkins = b.pastCheckIns.map(CheckInJSON.init)
        open_action_items = b.openActionItems.map { ActionItemJSON($0, today: nil) }
    }
}
