import AllHandsCore
import Foundation
import TerminalUI

/// The rotation calendar: the month or the week of shifts, whose shifts show, the fairness of
/// the month, and the rota's actions on the selected shift. Opened from the rotation pane
/// (Enter) or with `C`/`:calendar`; `q` goes back. Every change is one call into the domain,
/// which checks the rights again.
extension Console {
    /// Opens the calendar at today (keeping the view and the filter of last time) and clears the
    /// viewer's "your schedule changed" notice: they are looking at their schedule now.
    func openRotation() throws {
        let me = workspace.actor.person.login
        if calendar?.days.timeZone != timeZone || calendar?.me != me {
            calendar = CalendarModel(days: CalendarDays(timeZone: timeZone), me: me, today: now)
        }
        calendar?.goToday(now: now)
        calendar?.people = [:] // fresh on every opening: teams and roles change
        try reloadCalendar(everything: true)
        calendar?.selectCurrent(now: now)
        state.push(.rotation)
        if let notice = rotation.notice {
            try workspace.rotation.dismissNotice()
            rotation = try workspace.rotation.overview()
            flash("Your schedule changed: " + notice.summary)
        }
    }

    /// Loads what the calendar shows and lacks: the shifts of the days on show, the month's
    /// fairness; with `everything`, both again (another process or this console changed
    /// something). The people (for roles and teams) load once, and again only when a shift
    /// seats someone not among them. The selected shift stays selected.
    func reloadCalendar(everything: Bool = false) throws {
        guard var model = calendar else { return }
        let selected = model.selectedShift?.id
        if everything || model.needsShifts {
            let range = model.range
            model.shifts = try workspace.shifts.list(from: range.lowerBound, to: range.upperBound)
            model.loaded = range
        }
        if everything || model.needsFairness {
            model.fairness = try workspace.rotation.fairness(monthContaining: model.fairnessInstant)
        }
        let known = model.people
        if known.isEmpty || model.shifts.contains(where: { $0.assignments.contains { known[$0.login] == nil } }) {
            model.people = Dictionary(try workspace.people.list().map { ($0.login, $0) }, uniquingKeysWith: { a, _ in a })
        }
        if everything { model.reselect(shiftID: selected) }
        calendar = model
    }

    func performOnRotation(_ id: ActionID, argument: String?) throws -> Outcome {
        guard var model = calendar else { return .unhandled }
        switch id {
        case .back:
            state.pop()
            return .handled
        case .up where model.showFairness, .down where model.showFairness:
            model.fairnessOffset = max(0, model.fairnessOffset + (id == .down ? 1 : -1))
        case .pageUp where model.showFairness, .pageDown where model.showFairness, .fairnessUp, .fairnessDown:
            model.fairnessOffset = max(0, model.fairnessOffset + (id == .pageDown || id == .fairnessDown ? 1 : -1)
                                      * max(1, layout.content.height - 4))
        case .previousDay: model.move(days: -1)
        case .nextDay: model.move(days: 1)
        case .up: model.moveVertically(-1)
        case .down: model.moveVertically(1)
        case .previousPeriod, .pageUp: model.move(periods: -1)
        case .nextPeriod, .pageDown: model.move(periods: 1)
        case .top: model.moveToEdge(end: false)
        case .bottom: model.moveToEdge(end: true)
        case .previousShiftInDay: model.cycleShift(-1)
        case .nextShiftInDay: model.cycleShift(1)
        case .today: model.goToday(now: now)
        case .weekView: model.mode = .week
        case .monthView: model.mode = .month
        case .cycleFilter:
            model.filter = model.filter.next(myTeam: model.people[model.me]?.team ?? workspace.actor.person.team)
            flash("Showing " + Sanitizer.clean(model.filter.shifts))
        case .filter:
            guard let argument, let filter = CalendarFilter.parse(argument) else { return usage(.filter) }
            if let refusal = Self.unknown(filter, people: Array(model.people.values)) {
                flash(refusal, error: true)
                return .handled
            }
            model.filter = filter
            flash("Showing " + Sanitizer.clean(filter.shifts))
        case .fairness:
            guard layout.content.width < Layout.wideFrom else {
                flash("The fairness panel is beside the calendar from \(Layout.wideFrom) columns")
                return .handled
            }
            model.showFairness.toggle()
        case .seat, .unseat:
            return try changeSeat(add: id == .seat, argument: argument)
        case .plan:
            try plan(argument)
            return .handled
        case .rebalance:
            try rebalance(argument)
            return .handled
        case .check:
            try checkRotation()
            return .handled
        case .timeOff:
            try addTimeOff(argument)
            return .handled
        case .offerSwap:
            try offerSwap(argument)
            return .handled
        default: return .unhandled
        }
        calendar = model
        try reloadCalendar()
        if id == .today { calendar?.selectCurrent(now: now) }
        return .handled
    }

    /// Why `:filter` cannot show a login or a team nobody is in, or nil.
    static func unknown(_ filter: CalendarFilter, people: [Person]) -> String? {
        switch filter {
        case .person(let login) where !people.contains { $0.login == login }:
            "Nobody has the login '\(Sanitizer.clean(login))' (Tab completes logins and teams)"
        case .team(let name) where !people.contains { $0.team == name }:
            "Nobody is in a team '\(Sanitizer.clean(name))' (Tab completes logins and teams)"
        default: nil
        }
    }

    /// `:seat LOGIN` / `:unseat LOGIN` on the selected shift (`me` is the viewer).
    private func changeSeat(add: Bool, argument: String?) throws -> Outcome {
        guard let shift = calendar?.selectedShift else {
            flash("No shift selected: this day shows none (h/l change the day)", error: true)
            return .handled
        }
        guard let word = argument?.split(separator: " ").first.map(String.init) else { return usage(add ? .seat : .unseat) }
        let login = word == "me" ? workspace.actor.person.login : word
        if add {
            try workspace.shifts.assign(login, toShift: shift.id)
        } else {
            try workspace.shifts.unassign(login, fromShift: shift.id)
        }
        try afterRotaChange()
        let changed = calendar?.shifts.first { $0.id == shift.id } ?? shift
        flash("\(Sanitizer.clean(login)) \(add ? "is now in" : "is out of") the shift of \(describe(changed)) "
              + "(\(CalendarAgenda.seats(changed)) seats filled/min/max)")
        return .handled
    }

    /// `Mon 23 Nov 09:00–12:00`: a shift as a notice names it, in the viewer's zone.
    func describe(_ shift: Shift) -> String {
        let days = CalendarDays(timeZone: timeZone)
        return days.heading(days.day(containing: shift.startsAt)) + " " + Timestamp.hourMinute(shift.startsAt, timeZone: timeZone)
            + "–" + Timestamp.hourMinute(shift.endsAt, timeZone: timeZone)
    }

    // MARK: - Drawing

    func drawRotation(_ grid: inout Grid, _ rect: Rect, now: Int64) {
        guard let model = calendar else { return }
        let l = RotationLayout.compute(rect, showFairness: model.showFairness)
        let detail = Self.rotationTitle(model)
        // The problems in words when they fit beside the title, else by their marks, else not
        // at all (the days show them).
        let fits = { (right: String) in TextWidth.columns(" Rotation · " + detail + right) + 4 <= rect.width }
        let problems = [Self.problemSummary(model, words: true), Self.problemSummary(model, words: false)].first(where: fits) ?? ""
        PaneTitle.draw(&grid, l.title, title: "Rotation", detail: detail, right: problems, focused: true)
        if let area = l.calendar {
            switch model.mode {
            case .month: CalendarMonthView.draw(&grid, area.inset(left: 1), model: model, now: now)
            case .week: CalendarWeekView.draw(&grid, area.inset(left: 1), model: model, now: now)
            }
        }
        if let area = l.fairness {
            FairnessPanel.draw(&grid, area, report: model.fairness, filter: model.filter, me: model.me,
                               offset: model.fairnessOffset)
        }
        if let separator = l.separator {
            for y in separator.y..<separator.maxY { grid.write("│", x: separator.x, y: y, role: .border) }
        }
    }

    /// `November 2026 · everyone` or `week of Mon 16 Nov · mine`; for an executive, their own
    /// listening hours of the month too (`· you listened 1.5/3h`).
    static func rotationTitle(_ model: CalendarModel) -> String {
        let period = model.mode == .month ? model.days.month(containing: model.day).title
            : "week of " + model.days.heading(model.days.weekStart(model.day))
        let mine = model.fairness?.loads.first { $0.login == model.me && $0.listeningTargetSeconds > 0 }
        return period + " · " + Sanitizer.clean(model.filter.label)
            + (mine.map { " · you listened " + FairnessPanel.listenedFigures($0) } ?? "")
    }

    /// `2 gap · 1 no buddy` (or `!2 ?1` without `words`): how many of the shown shifts have each problem.
    static func problemSummary(_ model: CalendarModel, words: Bool) -> String {
        var counts: [ShiftProblem: Int] = [:]
        for day in model.shownDays {
            for shift in model.shown(on: day) {
                for problem in model.problems(shift) { counts[problem, default: 0] += 1 }
            }
        }
        return ShiftProblem.allCases.compactMap { p in counts[p].map { words ? "\($0) \(p.word)" : p.mark + String($0) } }
            .joined(separator: words ? " · " : " ")
    }
}

extension Rect {
    /// The rectangle without its first `left` columns.
    func inset(left: Int) -> Rect { splitLeft(left).1 }
}
