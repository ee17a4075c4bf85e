import AllHandsCore
import Foundation
import TerminalUI

/// Walk a mile: the call-down and check-in view. This week's call-down list (the viewer's;
/// everyone's with `a`), the viewer's check-ins of the last week and the coming ones, and their
/// open action items (everyone's with `:actions all`), overdue first. `Enter` on a call-down or
/// a check-in shows the customer's recent tickets, `Enter` there opens one, `q` comes back.
/// Opened with `W` or `:calldown [WEEK|all|mine]` from anywhere. Every change is one call into
/// the domain, which checks the rights again.
extension Console {
    /// How far back the view lists the viewer's check-ins, so notes can be written after one.
    static let checkInsSince: Int64 = 7 * 86_400

    func openFollowUps(_ argument: String?) throws {
        var model = followUps ?? FollowUpsModel(week: workspace.calldowns.currentWeek)
        for word in (argument ?? "").split(separator: " ").map(String.init) {
            switch word.lowercased() {
            case "all", "everyone": model.everyone = true
            case "mine": model.everyone = false
            case "this", "now": model.week = workspace.calldowns.currentWeek
            default:
                guard let week = ISOWeek(word.uppercased()) else {
                    return flash("usage: :calldown [YYYY-Www] [all|mine] ('\(Sanitizer.clean(word))' is neither)", error: true)
                }
                model.week = week
            }
        }
        if argument == nil, state.screen != .followUps { model.week = workspace.calldowns.currentWeek }
        model.customer = nil
        followUps = model
        try reloadFollowUps()
        state.push(.followUps)
    }

    /// Loads what the view shows: the week's call-downs, the viewer's check-ins, the open action
    /// items, and the customer's tickets while they are open. The cursor stays on its row.
    func reloadFollowUps() throws {
        guard var model = followUps else { return }
        let previous = model.selectedRow
        model.callDowns = try workspace.calldowns.list(week: model.week, everyone: model.everyone)
        model.checkIns = try workspace.checkins.list(person: workspace.actor.person.login, from: now - Self.checkInsSince)
            .reversed()
        model.actions = try workspace.actionItems.list(everyone: model.allActions)
        model.today = workspace.actionItems.today
        model.reselect(previous)
        if var customer = model.customer {
            customer.tickets = try workspace.calldowns.recentTickets(customerID: customer.customerID)
            customer.selected = min(customer.selected, max(0, customer.tickets.count - 1))
            model.customer = customer
        }
        followUps = model
        if !model.allActions {
            myActionItems = FollowUpsModel.summary(model.actions, today: model.today)
        }
    }

    /// The viewer's open action items for the rotation pane (people who may not listen have none).
    func reloadMyActionItems() throws {
        guard Permissions.allows(workspace.actor.person.role, .listen) else { return myActionItems = nil }
        myActionItems = FollowUpsModel.summary(try workspace.actionItems.mine(), today: workspace.actionItems.today)
    }

    /// After a reload of everything (`C-l`): the view again when it shows.
    func reloadFollowUpsShown() throws {
        if state.screen == .followUps { try reloadFollowUps() }
    }

    /// Another process changed call-downs, check-ins, action items or listening time: reload
    /// what shows them, only. The view; the calendar's fairness (listening hours), never the
    /// rota's shifts; the rotation pane's line of action items. Returns whether anything was reloaded.
    func refreshFollowUps() throws -> Bool {
        switch state.screen {
        case .followUps: try reloadFollowUps()
        case .rotation:
            guard let month = calendar?.fairnessInstant else { return false }
            calendar?.fairness = try workspace.rotation.fairness(monthContaining: month)
        case .main: try reloadMyActionItems()
        default: return false
        }
        return true
    }

    func performOnFollowUps(_ id: ActionID, argument: String?) throws -> Outcome {
        guard var model = followUps else { return .unhandled }
        switch id {
        case .back:
            if model.customer != nil {
                model.customer = nil
                followUps = model
            } else {
                state.pop()
            }
        case .down, .up:
            model.move(by: id == .down ? 1 : -1)
            followUps = model
        case .pageDown, .pageUp:
            let page = max(1, FollowUpsLayout.compute(layout.content).list.height - 1)
            model.move(by: id == .pageDown ? page : -page)
            followUps = model
        case .top, .bottom:
            model.move(by: id == .bottom ? Int.max / 2 : -Int.max / 2)
            followUps = model
        case .open: try openFromFollowUps(model)
        case .everyonesCallDowns:
            model.everyone.toggle()
            followUps = model
            try reloadFollowUps()
            flash(model.everyone ? "Everyone's call-downs for \(model.week)" : "Your call-downs for \(model.week)")
        case .allActions:
            switch argument?.lowercased() {
            case nil: model.allActions.toggle()
            case "all"?, "everyone"?: model.allActions = true
            case "mine"?: model.allActions = false
            default: return usage(.allActions)
            }
            followUps = model
            try reloadFollowUps()
            flash(model.allActions ? "Everyone's open action items" : "Your open action items")
        case .called: try setCallState(.called)
        case .noAnswer: try setCallState(.noAnswer)
        case .declinedCall: try setCallState(.declined)
        case .callState:
            guard let state = argument.flatMap(CallDown.State.parse) else { return usage(.callState) }
            try setCallState(state)
        case .editNotes: try startNotes()
        case .addAction: try addAction(argument)
        case .actionDone: try closeAction(.done)
        case .actionDropped: try closeAction(.dropped)
        default: return .unhandled
        }
        return .handled
    }

    /// `Enter`: a call-down's or a check-in's customer's tickets; in them, the ticket; on an
    /// action item, its customer's tickets (or its ticket when it names no customer).
    private func openFromFollowUps(_ model: FollowUpsModel) throws {
        if let customer = model.customer {
            guard customer.tickets.indices.contains(customer.selected) else { return flash("No ticket to open", error: true) }
            return try openTicket(customer.tickets[customer.selected].id)
        }
        guard let row = model.selectedRow else { return flash("Nothing selected", error: true) }
        guard let who = row.customer else {
            if case .action(let item) = row, let ticket = item.ticketID { return try openTicket(ticket) }
            return flash("This action item names no customer or ticket", error: true)
        }
        let tickets = try workspace.calldowns.recentTickets(customerID: who.id)
        followUps?.customer = FollowUpsModel.CustomerTickets(customerID: who.id, customerName: who.name, from: row,
                                                             tickets: tickets)
    }

    private var selectedCallDown: CallDown? {
        if case .callDown(let callDown)? = followUps?.selectedRow { return callDown }
        return nil
    }

    private func setCallState(_ next: CallDown.State) throws {
        guard let callDown = selectedCallDown else {
            return flash("Select a call-down first (the first section): a check-in or an action item has no call state",
                         error: true)
        }
        try workspace.calldowns.update(id: callDown.id, state: next, expectedVersion: callDown.version)
        try reloadFollowUps()
        flash(Sanitizer.clean(callDown.customerName) + ": " + next.words)
    }

    /// `:action TITLE [--due DATE] [--owner LOGIN]`: an item linked to the selected call-down or
    /// check-in (or the selected item's call, or the customer's ticket selected).
    private func addAction(_ argument: String?) throws {
        guard let request = ActionRequest.parse(argument ?? "") else { return _ = usage(.addAction) }
        var ticket: Int?, callDown: Int?, checkIn: Int?
        let model = followUps
        if let customer = model?.customer, customer.tickets.indices.contains(customer.selected) {
            ticket = customer.tickets[customer.selected].id
        }
        switch model?.customer?.from ?? model?.selectedRow {
        case .callDown(let c)?: callDown = c.id
        case .checkIn(let c)?: checkIn = c.id
        case .action(let a)?:
            if ticket == nil {
                callDown = a.callDownID
                checkIn = callDown == nil ? a.checkInID : nil
                ticket = callDown == nil && checkIn == nil ? a.ticketID : nil
            }
        case nil: break
        }
        let item = try workspace.actionItems.add(title: request.title, owner: request.owner ?? workspace.actor.person.login,
                                                 due: request.due ?? ActionRequest.defaultDue, ticketID: ticket,
                                                 callDownID: callDown, checkInID: checkIn)
        try reloadFollowUps()
        flash("Action item #\(item.id) for \(Sanitizer.clean(item.owner)), due \(item.dueDay)"
              + (item.customerName.map { ", about " + Sanitizer.clean($0) } ?? ""))
    }

    private func closeAction(_ outcome: ActionItem.State) throws {
        guard case .action(let item)? = followUps?.selectedRow else {
            return flash("Select an action item first (the last section)", error: true)
        }
        try workspace.actionItems.close(id: item.id, as: outcome, expectedVersion: item.version)
        try reloadFollowUps()
        flash("Action item #\(item.id) " + (outcome == .done ? "done" : "dropped") + ": " + Sanitizer.clean(item.title))
    }

    /// Why a follow-up action cannot be used on the selected row, or nil: the domain's rule
    /// (`Permissions.followUpAction`), only for showing; the domain decides again.
    func followUpDisabledReason(_ action: ConsoleAction) -> String? {
        guard state.screen == .followUps, let row = followUps?.selectedRow else { return nil }
        let me = workspace.actor.person
        let mayChange = { (people: [String]) in
            Permissions.allows(me.role, Permissions.followUpAction(people: people, actor: me.login))
        }
        switch (action.id, row) {
        case (.called, .callDown(let c)), (.noAnswer, .callDown(let c)), (.declinedCall, .callDown(let c)),
             (.callState, .callDown(let c)), (.editNotes, .callDown(let c)):
            return mayChange([c.executive]) ? nil
                : "call-down #\(c.id) is \(c.executive)'s: only they or a lead may record the call or its notes"
        case (.editNotes, .checkIn(let c)):
            return mayChange(c.people) ? nil
                : "check-in #\(c.id) is held by \(c.people.joined(separator: ", ")): only they or a lead may write its notes"
        case (.actionDone, .action(let a)), (.actionDropped, .action(let a)):
            // The domain's own words (ActionItemService.change).
            return mayChange([a.owner]) ? nil
                : "action item #\(a.id) is \(a.owner)'s: only its owner or a lead may close or reassign it"
        default: return nil
        }
    }

    // MARK: - Drawing

    func drawFollowUps(_ grid: inout Grid, _ rect: Rect, now: Int64) {
        guard let model = followUps else { return }
        let l = FollowUpsLayout.compute(rect)
        let who = model.everyone ? "everyone" : Sanitizer.clean(workspace.actor.person.login)
        let count = model.rows.count
        PaneTitle.draw(&grid, l.title, title: "Walk a mile", detail: "\(model.week) · \(who)",
                       right: count == 0 ? "" : "\(model.selected + 1)/\(count)", focused: true)
        let width = l.list.width - 1
        let lines = FollowUpsView.lines(model, width: width, context: .init(me: workspace.actor.person.login,
                                                                             timeZone: timeZone, now: now))
        let selected = model.customer?.selected ?? model.selected
        let anchor = lines.firstIndex { $0.row == selected }
        for (row, line) in StyledLine.window(lines.map(\.line), anchor: anchor, rows: l.list.height).enumerated() {
            line.draw(&grid, x: l.list.x + 1, y: l.list.y + row, width: width)
        }
        // The selection, found by the window's offset so equal lines cannot confuse it.
        if let anchor {
            let offset = Self.windowOffset(count: lines.count, anchor: anchor, rows: l.list.height)
            let y = l.list.y + anchor - offset
            if y >= l.list.y, y < l.list.maxY { grid.paint(Rect(x: l.list.x, y: y, width: l.list.width, height: 1), role: .selection) }
        }
        if let rule = l.rule {
            grid.write(String(repeating: "─", count: rule.width), x: rule.x, y: rule.y, role: .border)
        }
        if let area = l.detail, model.customer == nil {
            for (row, line) in FollowUpsView.detail(model.selectedRow, width: area.width - 2).prefix(area.height).enumerated() {
                line.draw(&grid, x: area.x + 1, y: area.y + row, width: area.width - 2)
            }
        }
    }

    /// The first line `StyledLine.window` shows, for the same arguments.
    static func windowOffset(count: Int, anchor: Int, rows: Int) -> Int {
        guard rows > 0, count > rows, anchor >= rows - 1 else { return 0 }
        return min(max(0, anchor - rows / 3), count - rows)
    }
}

/// What `:action` was given: `TITLE WORDS [--due DATE] [--owner LOGIN]`, options anywhere.
struct ActionRequest: Equatable {
    var title: String
    var due: String?
    var owner: String?

    /// A week from today, when no `--due` is given.
    static let defaultDue = "+1w"

    static func parse(_ text: String) -> ActionRequest? {
        var words: [String] = []
        var due: String?, owner: String?
        var parts = text.split(separator: " ").map(String.init)[...]
        while let word = parts.popFirst() {
            switch word {
            case "--due":
                guard let value = parts.popFirst() else { return nil }
                due = value
            case "--owner":
                guard let value = parts.popFirst() else { return nil }
                owner = value
            default: words.append(word)
            }
        }
        guard !words.isEmpty else { return nil }
        return ActionRequest(title: words.joined(separator: " "), due: due, owner: owner)
    }
}
