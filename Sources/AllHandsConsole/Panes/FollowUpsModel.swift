import AllHandsCore

/// What the call-down and check-in view shows and where its cursor is: one week's call-downs
/// (the viewer's, or everyone's), the viewer's upcoming check-ins, and open action items (the
/// viewer's, or everyone's), as one list of rows in three sections. `Enter` on a call-down or a
/// check-in swaps the list for the customer's recent tickets until `q`.
struct FollowUpsModel: Equatable {
    /// One selectable row.
    enum Row: Equatable {
        case callDown(CallDown)
        case checkIn(CheckIn)
        case action(ActionItem)
    }

    /// The customer's newest tickets, opened from a call-down or a check-in.
    struct CustomerTickets: Equatable {
        var customerID: Int
        var customerName: String
        /// What the tickets were opened from, to link an action item added here.
        var from: Row
        var tickets: [Ticket]
        var selected = 0
    }

    var week: ISOWeek
    /// Everyone's call-downs instead of the viewer's.
    var everyone = false
    /// Everyone's open action items instead of the viewer's.
    var allActions = false
    var callDowns: [CallDown] = []
    var checkIns: [CheckIn] = []
    var actions: [ActionItem] = []
    /// Today in the company's zone (`YYYY-MM-DD`): what is due before it is overdue.
    var today = ""
    var selected = 0
    var customer: CustomerTickets?

    /// Every row in order: call-downs, check-ins, then action items, overdue first.
    var rows: [Row] {
        callDowns.map(Row.callDown) + checkIns.map(Row.checkIn) + Self.overdueFirst(actions, today: today).map(Row.action)
    }

    var selectedRow: Row? {
        let all = rows
        return all.indices.contains(selected) ? all[selected] : nil
    }

    /// Overdue items first (earliest due first among them), then the rest by due day; the
    /// service's order (due day, id) is kept within each group.
    static func overdueFirst(_ items: [ActionItem], today: String) -> [ActionItem] {
        items.filter { $0.isOverdue(today: today) } + items.filter { !$0.isOverdue(today: today) }
    }

    mutating func move(by delta: Int) {
        if var customer {
            customer.selected = Self.clamp(customer.selected, by: delta, count: customer.tickets.count)
            self.customer = customer
        } else {
            selected = Self.clamp(selected, by: delta, count: rows.count)
        }
    }

    /// Keeps the cursor on the same thing after a reload when it is still listed, else in range.
    mutating func reselect(_ previous: Row?) {
        let all = rows
        if let previous, let index = all.firstIndex(where: { $0.sameItem(as: previous) }) {
            selected = index
        } else {
            selected = min(selected, max(0, all.count - 1))
        }
    }

    private static func clamp(_ current: Int, by delta: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return min(max(0, current.addingReportingOverflow(delta).partialValue), count - 1)
    }

    /// `2 action items due, 1 overdue`: the viewer's open action items in a few words, and
    /// whether any is overdue; nil when there are none.
    static func summary(_ mine: [ActionItem], today: String) -> (text: String, overdue: Bool)? {
        let open = mine.filter { $0.state == .open }
        guard !open.isEmpty else { return nil }
        let overdue = open.filter { $0.isOverdue(today: today) }.count
        return (English.count(open.count, "action item") + " due" + (overdue > 0 ? ", \(overdue) overdue" : ""), overdue > 0)
    }
}

extension FollowUpsModel.Row {
    /// The same call-down, check-in or item, whatever changed in it.
    func sameItem(as other: Self) -> Bool {
        switch (self, other) {
        case (.callDown(let a), .callDown(let b)): a.id == b.id
        case (.checkIn(let a), .checkIn(let b)): a.id == b.id
        case (.action(let a), .action(let b)): a.id == b.id
        default: false
        }
    }

    /// The customer the row is about, when it names one.
    var customer: (id: Int, name: String)? {
        switch self {
        case .callDown(let c): (c.customerID, c.customerName)
        case .checkIn(let c): (c.customerID, c.customerName)
        case .action(let a): a.customerID.map { ($0, a.customerName ?? "") }
        }
    }
}
