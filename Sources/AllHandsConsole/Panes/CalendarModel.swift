import AllHandsCore
import Foundation

/// The rotation screen's state and what it loaded: month or week, the selected day and shift,
/// whose shifts show, the shifts of the days on show, the people (for roles and teams) and the
/// month's fairness. Navigation is pure; the console loads what `range` asks for.
struct CalendarModel {
    enum Mode: Equatable, Sendable { case month, week }

    let days: CalendarDays
    /// The viewer's login: `mine` and their own name's accent.
    let me: String
    var mode: Mode = .month
    /// The selected day, as its midnight in the viewer's zone.
    var day: Int64
    /// The selected shift among the day's shown shifts (clamped when read).
    var shiftIndex = 0
    var filter: CalendarFilter = .all
    /// Below 120 columns, the fairness panel takes the calendar's place while this is set.
    var showFairness = false
    /// The first person the fairness panel shows (it scrolls with `{` `}`, or j k while shown alone).
    var fairnessOffset = 0

    /// The shifts overlapping `loaded`, earliest first.
    var shifts: [Shift] = []
    /// The `[from, to)` the shifts were loaded for.
    var loaded: Range<Int64>?
    /// Everyone, by login (inactive people too: their past shifts still show).
    var people: [String: Person] = [:]
    var fairness: FairnessReport?

    init(days: CalendarDays, me: String, today: Int64) {
        self.days = days
        self.me = me
        self.day = days.day(containing: today)
    }

    // MARK: - What shows

    /// The days on show: the weeks of the selected day's month, or its week.
    var shownDays: [Int64] {
        switch mode {
        case .month: days.monthWeeks(containing: day).flatMap { $0 }
        case .week: days.week(containing: day)
        }
    }

    /// The instants the shown days cover, `[first midnight, the midnight after the last day)`.
    var range: Range<Int64> {
        let shown = shownDays
        let first = shown.first ?? day
        return first..<days.adding(days: 1, to: shown.last ?? day)
    }

    /// Whether the shifts on show must be loaded (the days on show moved past what was loaded).
    var needsShifts: Bool {
        guard let loaded else { return true }
        return range.lowerBound < loaded.lowerBound || range.upperBound > loaded.upperBound
    }

    /// The instant the fairness month is asked for: noon of the selected day.
    var fairnessInstant: Int64 { day + 12 * 3_600 }

    /// Whether the fairness report is for another month than the selected day's.
    var needsFairness: Bool {
        guard let fairness else { return true }
        return !(fairness.start..<fairness.end).contains(fairnessInstant)
    }

    /// The filter's shifts starting on `day` (a shift belongs to the day it starts on).
    func shown(on day: Int64) -> [Shift] {
        let end = days.adding(days: 1, to: day)
        return shifts.filter { $0.startsAt >= day && $0.startsAt < end && filter.shows($0, me: me, team: team) }
    }

    func team(of login: String) -> String { people[login]?.team ?? "" }

    func problems(_ shift: Shift) -> [ShiftProblem] {
        ShiftProblem.of(shift) { people[$0]?.role }
    }

    /// The selected shift, if the selected day shows any.
    var selectedShift: Shift? {
        let list = shown(on: day)
        return list.isEmpty ? nil : list[min(max(0, shiftIndex), list.count - 1)]
    }

    // MARK: - Moving

    /// Another day, `count` days away; its first shift is selected.
    mutating func move(days count: Int) {
        day = days.adding(days: count, to: day)
        shiftIndex = 0
    }

    /// The previous or next month (same day of the month, or its last) or week.
    mutating func move(periods count: Int) {
        switch mode {
        case .month: day = days.adding(months: count, to: day)
        case .week: day = days.adding(days: 7 * count, to: day)
        }
        shiftIndex = 0
    }

    /// Arrows up and down: a week in the month grid; in the week view, the next or previous
    /// shift, on to the next day that shows one (or the day next to it when none is loaded).
    mutating func moveVertically(_ delta: Int) {
        guard mode == .week else { return move(days: 7 * delta) }
        let count = shown(on: day).count
        let target = min(max(0, shiftIndex), max(0, count - 1)) + delta
        if count > 0, (0..<count).contains(target) {
            shiftIndex = target
            return
        }
        var next = days.adding(days: delta, to: day)
        while let loaded, loaded.contains(next) {
            let list = shown(on: next)
            if !list.isEmpty {
                day = next
                shiftIndex = delta > 0 ? 0 : list.count - 1
                return
            }
            next = days.adding(days: delta, to: next)
        }
        day = days.adding(days: delta, to: day)
        shiftIndex = delta > 0 ? 0 : Int.max
    }

    /// The next or previous shift of the selected day, round.
    mutating func cycleShift(_ delta: Int) {
        let count = shown(on: day).count
        guard count > 0 else { return }
        shiftIndex = ((min(max(0, shiftIndex), count - 1) + delta) % count + count) % count
    }

    /// The first or last day of the month or week on show.
    mutating func moveToEdge(end: Bool) {
        switch mode {
        case .month:
            let month = days.month(containing: day)
            day = end ? days.adding(days: -1, to: month.end) : month.start
        case .week:
            let monday = days.weekStart(day)
            day = end ? days.adding(days: 6, to: monday) : monday
        }
        shiftIndex = 0
    }

    /// Today; once its shifts are loaded, `selectCurrent` picks the one on now.
    mutating func goToday(now: Int64) {
        day = days.day(containing: now)
        shiftIndex = 0
    }

    /// Selects the shift on now, or the next one, when the selected day is today.
    mutating func selectCurrent(now: Int64) {
        guard day == days.day(containing: now) else { return }
        shiftIndex = shown(on: day).firstIndex { $0.endsAt > now } ?? 0
    }

    /// Keeps the selected shift selected after a reload, if it is still shown that day.
    mutating func reselect(shiftID: Int?) {
        guard let shiftID, let index = shown(on: day).firstIndex(where: { $0.id == shiftID }) else { return }
        shiftIndex = index
    }
}
