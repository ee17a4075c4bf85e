import AllHandsCore
import Foundation
import TerminalUI

/// The call-down and check-in view's rows as styled lines, a pure function of the model: the
/// week's call-downs (customer, the reason in words, the state), the check-ins (when in the
/// viewer's zone, the customer, with whom), the open action items (overdue first, marked `!`);
/// or, while open, the customer's recent tickets. Every text from the database is sanitised.
enum FollowUpsView {
    /// A line, and the index of the model's row (or the customer's ticket) it shows, if any.
    typealias Line = (line: StyledLine, row: Int?)

    struct Context {
        var me: String
        var timeZone: TimeZone
        var now: Int64
    }

    /// Rows are at most this wide, so a call's state stays near its customer on a wide terminal.
    static let widest = 110

    static func lines(_ model: FollowUpsModel, width: Int, context: Context) -> [Line] {
        let width = min(width, widest)
        if let customer = model.customer { return ticketLines(customer, width: width, now: context.now) }
        var lines: [Line] = []
        var index = 0
        let who = model.everyone ? "everyone's" : "yours"
        lines.append((header("Call-downs · week \(model.week) · \(who) (\(model.callDowns.count))", width), nil))
        if model.callDowns.isEmpty {
            lines.append((muted("  None this week (a lead plans them: allhands calldown plan)", width), nil))
        }
        for callDown in model.callDowns {
            lines.append((row(callDown, everyone: model.everyone, width: width), index))
            index += 1
        }
        lines.append((StyledLine([]), nil))
        lines.append((header("Check-ins · yours, the last week and upcoming (\(model.checkIns.count))", width), nil))
        if model.checkIns.isEmpty {
            lines.append((muted("  None (allhands checkin add --customer EMAIL --at TIME)", width), nil))
        }
        for checkIn in model.checkIns {
            lines.append((row(checkIn, context: context, width: width), index))
            index += 1
        }
        lines.append((StyledLine([]), nil))
        let overdue = model.actions.filter { $0.isOverdue(today: model.today) }.count
        let whose = model.allActions ? "everyone's" : "yours"
        lines.append((header("Open action items · \(whose) (\(model.actions.count)"
                             + (overdue > 0 ? ", \(overdue) overdue)" : ")"), width), nil))
        if model.actions.isEmpty {
            lines.append((muted("  None open (+ adds one)", width), nil))
        }
        for item in FollowUpsModel.overdueFirst(model.actions, today: model.today) {
            lines.append((row(item, today: model.today, showOwner: model.allActions || item.owner != context.me,
                              width: width), index))
            index += 1
        }
        return lines
    }

    /// `  Dana Whitfield        waited 3 days for a first reply on #12          to call`
    static func row(_ callDown: CallDown, everyone: Bool, width: Int) -> StyledLine {
        let state = TextWidth.fit(callDown.state.words, to: 10, alignRight: true)
        let executive = everyone ? TextWidth.fit(Sanitizer.clean(callDown.executive), to: 10) + " " : ""
        let name = TextWidth.fit(Sanitizer.clean(callDown.customerName), to: nameWidth(width)) + "  "
        let room = max(0, width - 2 - TextWidth.columns(executive) - TextWidth.columns(name) - TextWidth.columns(state) - 1)
        let reason = TextWidth.fit(Sanitizer.clean(callDown.reasonWords), to: room)
        return StyledLine([Span("  "), Span(executive, .muted), Span(name), Span(reason, .muted), Span(" "),
                           Span(state, callDown.state.role)])
    }

    /// `  Tue 10:00 EST   Keiko Tanaka         with jsato`
    static func row(_ checkIn: CheckIn, context: Context, width: Int) -> StyledLine {
        let when = Timestamp.weekdayClock(checkIn.at, timeZone: context.timeZone, now: context.now) + " "
            + Timestamp.zone(checkIn.at, timeZone: context.timeZone)
        let past = checkIn.at < context.now
        let others = checkIn.people.filter { $0 != context.me }.map(Sanitizer.clean)
        let with = others.isEmpty ? "just you" : "with " + others.joined(separator: ", ")
        let name = TextWidth.fit(Sanitizer.clean(checkIn.customerName), to: nameWidth(width)) + "  "
        let room = max(0, width - 2 - 16 - TextWidth.columns(name))
        return StyledLine([Span("  "), Span(TextWidth.fit(when, to: 15) + " ", past ? .muted : .accent), Span(name),
                           Span(TextWidth.truncate(with, to: room), .muted)])
    }

    /// `! 2026-11-20  Call back about the refund · Dana Whitfield · mexec`
    static func row(_ item: ActionItem, today: String, showOwner: Bool, width: Int) -> StyledLine {
        let overdue = item.isOverdue(today: today)
        var about: [String] = []
        if let name = item.customerName { about.append(Sanitizer.clean(name)) }
        if let ticket = item.ticketID { about.append("#\(ticket)") }
        if showOwner { about.append(Sanitizer.clean(item.owner)) }
        let head = (overdue ? "! " : "  ") + item.dueDay + "  "
        let title = Sanitizer.clean(item.title)
        let tail = about.isEmpty ? "" : " · " + about.joined(separator: " · ")
        let room = max(0, width - TextWidth.columns(head))
        let shownTitle = TextWidth.truncate(title, to: max(min(room, 12), room - TextWidth.columns(tail)))
        return StyledLine([Span(head, overdue ? .overdue : .muted), Span(shownTitle),
                           Span(TextWidth.truncate(tail, to: max(0, room - TextWidth.columns(shownTitle))), .muted)])
    }

    static func ticketLines(_ customer: FollowUpsModel.CustomerTickets, width: Int, now: Int64) -> [Line] {
        var lines: [Line] = [(header("Recent tickets of " + Sanitizer.clean(customer.customerName)
                                     + " · Enter opens one · q back", width), nil)]
        if customer.tickets.isEmpty { lines.append((muted("  No tickets", width), nil)) }
        for (index, ticket) in customer.tickets.enumerated() {
            let head = "  #\(ticket.id)  " + TextWidth.fit(ticket.status.rawValue, to: 7) + " "
                + TextWidth.fit(Timestamp.age(from: ticket.createdAt, to: now), to: 5, alignRight: true) + "  "
            let room = max(0, width - TextWidth.columns(head))
            lines.append((StyledLine([Span(head, .muted), Span(TextWidth.truncate(Sanitizer.clean(ticket.subject), to: room))]),
                          index))
        }
        return lines
    }

    /// The selected row's notes or links, for the rows under the list.
    static func detail(_ row: FollowUpsModel.Row?, width: Int) -> [StyledLine] {
        let text: String
        switch row {
        case .callDown(let c)?:
            text = c.notes.isEmpty ? "No notes yet: e writes them; Enter shows \(c.customerName)'s recent tickets"
                : "Notes: " + c.notes
        case .checkIn(let c)?:
            text = c.notes.isEmpty ? "No notes yet: e writes them; Enter shows \(c.customerName)'s recent tickets"
                : "Notes: " + c.notes
        case .action(let a)?:
            let from = a.callDownID.map { "from call-down #\($0)" } ?? a.checkInID.map { "from check-in #\($0)" }
                ?? a.ticketID.map { "about ticket #\($0)" } ?? "not from a call or check-in"
            text = "Action item #\(a.id) for \(a.owner), \(from), added by \(a.createdBy): d done · D dropped"
        case nil:
            text = ""
        }
        let flat = Sanitizer.clean(text.split(whereSeparator: \.isNewline).joined(separator: " · "))
        return TextWrap.wrap(flat, width: max(1, width)).map { StyledLine([Span($0, .muted)]) }
    }

    /// How wide the customer's name column is.
    static func nameWidth(_ width: Int) -> Int { max(8, min(24, width / 5)) }

    static func header(_ text: String, _ width: Int) -> StyledLine {
        StyledLine([Span(TextWidth.truncate(Sanitizer.clean(text), to: width), .header)])
    }

    static func muted(_ text: String, _ width: Int) -> StyledLine {
        StyledLine([Span(TextWidth.truncate(text, to: width), .muted)])
    }
}

extension CallDown.State {
    /// The state as a person says it: to call, called, no answer, declined.
    var words: String { rawValue.replacingOccurrences(of: "-", with: " ") }

    var role: StyleRole {
        switch self {
        case .toCall: .accent
        case .called: .muted
        case .noAnswer: .approaching
        case .declined: .muted
        }
    }

    /// `called`, `no-answer`: what `:callstate` takes (the CLI's words too).
    static func parse(_ text: String) -> Self? {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
        return Self(rawValue: word) ?? (word == "noanswer" ? .noAnswer : word == "tocall" ? .toCall : nil)
    }
}

extension CallDown {
    /// Why the customer is on the list, in words: the detail the planner wrote, else the reason.
    var reasonWords: String {
        if !detail.isEmpty { return detail }
        return switch reason {
        case .badExperience: "a recent bad experience"
        case .silence: "a long silence"
        case .random: "chosen at random, for balance"
        }
    }
}
