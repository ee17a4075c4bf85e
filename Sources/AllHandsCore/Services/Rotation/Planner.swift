import Foundation

/// The rotation planner: data in, plan out, no SQL. Deterministic (the same input gives the
/// same plan: every order is by computed keys, never by hashing), and it never touches a shift
/// that has started.
///
/// Month by month, every active person is brought to their target: the policy's hours for their
/// role in each calendar month the range touches, counting every shift they hold that month
/// (inside the range or not), with what one month rounds off carried into the next within a
/// calendar quarter. Only shifts inside the range are filled. People who can be buddies go
/// first, so that shifts have a support person before anyone who needs one is seated; then
/// everyone else. Each round gives each person still short of their target one shift: of the
/// shifts they may sit (no hard rule broken: `RotationRules`), the one that most needs them — no
/// buddy yet, below its minimum, fewest seated — spread over the weeks and leaning to their
/// preferences.
public enum Planner {
    public static func plan(_ input: PlanInput) -> PlanResult {
        var state = PlannerState(input)
        if input.mode == .rebalance { state.dropWhatNoLongerHolds() }
        for month in state.months {
            state.enter(month)
            if input.mode == .rebalance { state.trimOverTarget(month) }
            state.fill(month)
            state.carryOver(month)
        }
        state.designateBuddies()
        return state.result()
    }

    /// The problems of a rota as it stands (`rotation check`): nothing is changed.
    public static func check(_ input: PlanInput) -> [RotationProblem] {
        var state = PlannerState(input)
        for month in state.months {
            state.enter(month)
            state.carryOver(month)
        }
        return state.problems()
    }
}

/// One calendar month of the company's zone that the planned range touches, whole (or one of
/// its quarter before it, planned earlier: its carry counts).
struct PlanMonth {
    /// Its place in `PlannerState.months`.
    let index: Int
    let start: Int64
    let end: Int64
    let title: String
    /// Indices of the shifts that start in the month, by start.
    var shifts: [Int]
    /// January, April, July or October: nothing is carried into it.
    let startsQuarter: Bool
    /// Whether a plan made its template shifts: a month nobody planned carries nothing over.
    let planned: Bool
}

struct PlannerState {
    let input: PlanInput
    let policy: Configuration.Rotation
    let people: [PlanPerson]
    let personIndex: [Int: Int]
    let teamIndex: [Int]
    let teamCount: Int
    let months: [PlanMonth]
    /// Each shift's month (an index into `months`), or -1 outside the range.
    let monthOf: [Int]
    /// Shifts the planner may change: started at or after now, inside the range.
    let fillable: [Bool]
    /// The shifts' fields the hot loops read, as flat arrays (no struct copied per look).
    let startOf: [Int64]
    let endOf: [Int64]
    let hoursOf: [Double]
    let minSeatsOf: [Int]
    let maxSeatsOf: [Int]
    let buddyRequiredOf: [Bool]
    /// Whether each person can be a buddy.
    let canBuddyOf: [Bool]

    var seats: [PlanSeat]
    var removedSeats: [PlanSeat] = []
    /// Hours each person's last planned month left under (+) or over (-) its target.
    var carry: [Double]
    /// What each month's target took from the month before, per person (`month * people.count + p`).
    var carriedIn: [Double]
    /// Live seat indices (into `seats`) per shift and per person index; removed seats are gone from both.
    var seatsOfShift: [[Int]]
    var seatsOfPerson: [[Int]]
    var alive: [Bool]
    /// Each seat's person as an index into `people` (-1: not an active person).
    var seatPerson: [Int]
    /// Hours each person holds in each month (`p * months.count + month`), kept as seats come and go.
    var held: [Double]
    /// Per shift: people seated (listeners take no seat), support people seated, and others
    /// seated per team (`s * teamCount + team`), kept as seats come and go so a check costs O(1).
    var seatedCount: [Int]
    var supportCount: [Int]
    var teamSeatedCount: [Int]
    /// Each person's time zone as an index, and per zone and shift whether the shift lies
    /// outside the working hours there (0 not yet known, 1 inside, 2 outside).
    let zoneOf: [Int]
    let zones: [TimeZone]
    private var outsideCache: [UInt8]
    /// Each person's live seats as `[start, end)` spans sorted by start: rest and overlap are
    /// checked against the neighbours of a shift only.
    var spans: [[(Int64, Int64)]]
    /// Seats that existed before planning, by (shift, person): to tell additions from updates.
    let originalSeats: [PlanSeat]

    init(_ input: PlanInput) {
        self.input = input
        policy = input.policy
        people = input.people
        var index: [Int: Int] = [:]
        for (i, person) in input.people.enumerated() { index[person.id] = i }
        personIndex = index
        var teams: [String: Int] = [:]
        teamIndex = input.people.map { person in
            if let known = teams[person.team] { return known }
            teams[person.team] = teams.count
            return teams.count - 1
        }
        teamCount = max(teams.count, 1)
        var zoneIndex: [String: Int] = [:]
        var zoneList: [TimeZone] = []
        zoneOf = input.people.map { person in
            if let known = zoneIndex[person.timeZone.identifier] { return known }
            zoneIndex[person.timeZone.identifier] = zoneList.count
            zoneList.append(person.timeZone)
            return zoneList.count - 1
        }
        zones = zoneList
        outsideCache = Array(repeating: 0, count: zoneList.count * input.shifts.count)
        spans = Array(repeating: [], count: input.people.count)
        fillable = input.shifts.map { $0.startsAt > input.now && $0.startsAt >= input.from && $0.startsAt < input.to }
        startOf = input.shifts.map(\.startsAt)
        endOf = input.shifts.map(\.endsAt)
        hoursOf = input.shifts.map(\.hours)
        minSeatsOf = input.shifts.map(\.minSeats)
        maxSeatsOf = input.shifts.map(\.maxSeats)
        buddyRequiredOf = input.shifts.map(\.buddyRequired)
        canBuddyOf = input.people.map(\.canBuddy)
        months = Self.months(input)
        var monthOf = Array(repeating: -1, count: input.shifts.count)
        for month in months { for s in month.shifts { monthOf[s] = month.index } }
        self.monthOf = monthOf
        seats = input.seats
        carry = Array(repeating: 0, count: input.people.count)
        carriedIn = Array(repeating: 0, count: input.people.count * months.count)
        originalSeats = input.seats
        alive = Array(repeating: true, count: input.seats.count)
        seatPerson = input.seats.map { index[$0.person] ?? -1 }
        held = Array(repeating: 0, count: input.people.count * max(months.count, 1))
        seatsOfShift = Array(repeating: [], count: input.shifts.count)
        seatsOfPerson = Array(repeating: [], count: input.people.count)
        seatedCount = Array(repeating: 0, count: input.shifts.count)
        supportCount = seatedCount
        teamSeatedCount = Array(repeating: 0, count: input.shifts.count * max(teams.count, 1))
        for (i, seat) in input.seats.enumerated() {
            seatsOfShift[seat.shift].append(i)
            if let p = index[seat.person] {
                seatsOfPerson[p].append(i)
                spans[p].append((input.shifts[seat.shift].startsAt, input.shifts[seat.shift].endsAt))
            }
            count(i, +1)
        }
        for p in spans.indices { spans[p].sort { $0 < $1 } }
    }

    /// Where a span starting at `start` goes in person `p`'s sorted spans.
    func spanIndex(_ p: Int, _ start: Int64) -> Int {
        var low = 0, high = spans[p].count
        while low < high {
            let mid = (low + high) / 2
            if spans[p][mid].0 < start { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether `[start, end)` overlaps one of `p`'s spans or comes within `rest` of one.
    /// `skipping`: one span to pass over once (the seat being re-checked).
    func clashes(_ p: Int, _ start: Int64, _ end: Int64, rest: Int64, skipping: (Int64, Int64)? = nil) -> Bool {
        let list = spans[p]
        var skip = skipping
        var i = spanIndex(p, start - rest - ShiftService.longestShift)
        while i < list.count, list[i].0 < end + rest {
            if let pass = skip, list[i] == pass {
                skip = nil
            } else if RotationRules.tooClose((start, end), list[i], rest: rest) {
                return true
            }
            i += 1
        }
        return false
    }

    /// Keeps the per-shift counters and the hours per month in step with a seat coming (+1) or
    /// going (-1).
    mutating func count(_ i: Int, _ delta: Int) {
        let seat = seats[i]
        if seatPerson[i] >= 0, monthOf[seat.shift] >= 0 {
            held[seatPerson[i] * months.count + monthOf[seat.shift]] += Double(delta) * input.shifts[seat.shift].hours
        }
        guard seat.role != .listener else { return }
        seatedCount[seat.shift] += delta
        let p = seatPerson[i]
        guard p >= 0 else { return }
        if people[p].canBuddy {
            supportCount[seat.shift] += delta
        } else {
            teamSeatedCount[seat.shift * teamCount + teamIndex[p]] += delta
        }
    }

    // MARK: - Months and targets

    /// The calendar months the range touches, after the months of its quarter before them that
    /// were planned (they hold a template shift): what a month rounds off carries into the next
    /// within a quarter, so a plan or a rebalance from any day of it sees the same targets (the
    /// store loads the quarter so far).
    static func months(_ input: PlanInput) -> [PlanMonth] {
        guard input.to > input.from else { return [] }
        let first = ShiftTime.month(containing: input.from, timeZone: input.timeZone).start
        var months: [PlanMonth] = []
        var cursor = quarterStart(containing: input.from, timeZone: input.timeZone)
        while cursor < input.to {
            let (start, end, title) = ShiftTime.month(containing: cursor, timeZone: input.timeZone)
            guard end > cursor else { break }
            cursor = end
            let shifts = input.shifts.indices.filter { input.shifts[$0].startsAt >= start && input.shifts[$0].startsAt < end }
                .sorted { (input.shifts[$0].startsAt, $0) < (input.shifts[$1].startsAt, $1) }
            let planned = shifts.contains { !input.shifts[$0].template.isEmpty }
            if start < first, !planned { continue }
            months.append(PlanMonth(index: months.count, start: start, end: end, title: title, shifts: shifts,
                                    startsQuarter: start == quarterStart(containing: start, timeZone: input.timeZone),
                                    planned: planned))
        }
        return months
    }

    /// Local midnight starting the calendar quarter (January, April, July, October) that
    /// contains `instant`.
    static func quarterStart(containing instant: Int64, timeZone: TimeZone) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var start = ShiftTime.month(containing: instant, timeZone: timeZone).start
        while (calendar.component(.month, from: Date(timeIntervalSince1970: TimeInterval(start))) - 1) % 3 != 0 {
            start = ShiftTime.month(containing: start - 1, timeZone: timeZone).start
        }
        return start
    }

    /// Hours person `p` holds in shifts of `month`.
    func hours(_ p: Int, in month: PlanMonth) -> Double { held[p * months.count + month.index] }

    /// The month's target with what the month before rounded off (carried only between planned months).
    func target(_ p: Int, in month: PlanMonth) -> Double {
        people[p].targetPerMonth + carriedIn[month.index * people.count + p]
    }

    /// Starts `month`: its targets take what the month before left over — nothing at the start
    /// of a quarter.
    mutating func enter(_ month: PlanMonth) {
        if month.startsQuarter { carry = Array(repeating: 0, count: people.count) }
        for p in people.indices { carriedIn[month.index * people.count + p] = carry[p] }
    }

    /// What this month left over or under its target moves to the next, at most a month's worth.
    /// A month nobody planned (a rebalance's first, before the plan began) carries nothing.
    mutating func carryOver(_ month: PlanMonth) {
        for p in people.indices {
            guard month.planned else {
                carry[p] = 0
                continue
            }
            let left = target(p, in: month) - hours(p, in: month)
            carry[p] = max(-people[p].targetPerMonth, min(people[p].targetPerMonth, left))
        }
    }

    // MARK: - The rules, asked per person and shift

    enum Refusal: Int, CaseIterable {
        case started, full, alreadyIn, outsideHours, away, clash, team, needsBuddy, needsAgent, atTarget

        var text: String {
            switch self {
            case .started: "started already"
            case .full: "the shift is full"
            case .alreadyIn: "in it already"
            case .outsideHours: "outside their working hours"
            case .away: "on time off"
            case .clash: "an overlapping shift or too little rest"
            case .team: "their team's limit for one shift"
            case .needsBuddy: "no support buddy in it for them"
            case .needsAgent: "nobody working in it to listen to"
            case .atTarget: "at their target already"
            }
        }
    }

    func seated(_ s: Int) -> Int { seatedCount[s] }

    /// Shifts before `s` that `p` sits, counting those before the range: under the policy's
    /// number they are a newcomer who needs a buddy.
    func isNewcomer(_ p: Int, at s: Int) -> Bool {
        guard policy.newcomerBuddyShifts > 0, people[p].shiftsBefore < policy.newcomerBuddyShifts else { return false }
        // Their spans from the range's start up to this shift (spans before it were counted in `shiftsBefore`).
        let earlier = spanIndex(p, input.shifts[s].startsAt) - spanIndex(p, input.from)
        return RotationRules.isNewcomer(shiftsBefore: people[p].shiftsBefore + earlier, policy: policy)
    }

    mutating func outsideHours(_ p: Int, _ s: Int) -> Bool {
        let slot = zoneOf[p] * input.shifts.count + s
        if outsideCache[slot] == 0 {
            let shift = input.shifts[s]
            let outside = RotationRules.outsideWorkingHours(startsAt: shift.startsAt, endsAt: shift.endsAt,
                                                            timeZone: zones[zoneOf[p]], window: policy.workingHours) != nil
            outsideCache[slot] = outside ? 2 : 1
        }
        return outsideCache[slot] == 2
    }

    /// The first rule that keeps `p` out of shift `s` in `role`, ignoring `except` (a seat being
    /// re-checked), or nil when they may sit it.
    mutating func refusal(_ p: Int, _ s: Int, role: AssignmentRole, except: Int? = nil) -> Refusal? {
        let start = startOf[s], end = endOf[s]
        if start <= input.now { return .started }
        if outsideHours(p, s) { return .outsideHours }
        // The seat being re-checked counts as not there.
        let excepted = except.map { seats[$0] }.flatMap { $0.shift == s && $0.role != .listener ? $0 : nil }
        let lessOne = excepted == nil ? 0 : 1
        if role != .listener, seatedCount[s] - lessOne >= maxSeatsOf[s] { return .full }
        if !people[p].timeOff.isEmpty,
           RotationRules.away(startsAt: start, endsAt: end, timeOff: people[p].timeOff) != nil { return .away }
        let rest = Int64(policy.minRestHours) * 3_600
        // Re-checking a seat of theirs: its own span is not a clash.
        let own = except.flatMap { seats[$0].person == people[p].id ? seats[$0].shift : nil }.map { (startOf[$0], endOf[$0]) }
        if clashes(p, start, end, rest: rest, skipping: own) {
            return seatsOfPerson[p].contains { $0 != except && seats[$0].shift == s } ? .alreadyIn : .clash
        }
        if role == .listener { return RotationRules.nobodyToListenTo(seated: seatedCount[s] - lessOne) == nil ? nil : .needsAgent }
        let canBuddy = canBuddyOf[p]
        if !canBuddy {
            let sameTeam = teamSeatedCount[s * teamCount + teamIndex[p]]
                - (excepted.flatMap { personIndex[$0.person] }.map { !canBuddyOf[$0] && teamIndex[$0] == teamIndex[p] ? 1 : 0 } ?? 0)
            if RotationRules.teamFull(role: people[p].role, team: people[p].team, seatedOfTeam: sameTeam,
                                      limit: policy.maxPerTeamPerShift) != nil {
                return .team
            }
            if RotationRules.needsBuddy(people[p].role, shiftRequires: buddyRequiredOf[s], newcomer: isNewcomer(p, at: s)) {
                let support = supportCount[s] - (excepted.flatMap { personIndex[$0.person] }.map { canBuddyOf[$0] ? 1 : 0 } ?? 0)
                if support == 0 { return .needsBuddy }
            }
        }
        return nil
    }

    // MARK: - Rebalancing: what no longer holds

    mutating func remove(_ seatIndex: Int) {
        guard alive[seatIndex] else { return }
        alive[seatIndex] = false
        let seat = seats[seatIndex]
        count(seatIndex, -1)
        seatsOfShift[seat.shift].removeAll { $0 == seatIndex }
        if let p = personIndex[seat.person] {
            seatsOfPerson[p].removeAll { $0 == seatIndex }
            let span = (input.shifts[seat.shift].startsAt, input.shifts[seat.shift].endsAt)
            if let at = spans[p].firstIndex(where: { $0 == span }) { spans[p].remove(at: at) }
        }
        removedSeats.append(seat)
    }

    /// Future seats of people who left, seats marked for re-planning, and planner or swap seats
    /// that break a rule now. (Seats over target go month by month: `trimOverTarget`.)
    mutating func dropWhatNoLongerHolds() {
        let order = seats.indices.sorted { (input.shifts[seats[$0].shift].startsAt, $0) < (input.shifts[seats[$1].shift].startsAt, $1) }
        for i in order where alive[i] && fillable[seats[i].shift] && (seatPerson[i] < 0 || seats[i].conflicted) {
            remove(i)
        }
        dropBrokenPlannerSeats(order)
    }

    /// Takes away planner seats that put someone more than half a shift over this month's
    /// target, latest first — never one that would leave its shift below its minimum or without
    /// the support person someone there needs. Filling stops within half a shift of the target,
    /// of whichever shift it added last, so "more than half a shift" is of their longest shift
    /// that month: a plan with shifts of several lengths is not trimmed by the next rebalance.
    mutating func trimOverTarget(_ month: PlanMonth) {
        for p in people.indices {
            var over = hours(p, in: month) - target(p, in: month)
            guard over > 0 else { continue }
            let longest = seatsOfPerson[p].filter { monthOf[seats[$0].shift] == month.index }
                .map { input.shifts[seats[$0].shift].hours }.max() ?? 0
            let mine = seatsOfPerson[p].filter {
                seats[$0].source == .planner && fillable[seats[$0].shift] && monthOf[seats[$0].shift] == month.index
            }.sorted { (input.shifts[seats[$0].shift].startsAt, $0) > (input.shifts[seats[$1].shift].startsAt, $1) }
            for i in mine {
                let s = seats[i].shift
                let length = input.shifts[s].hours
                guard over >= longest / 2 + 1e-9 else { break }
                let seated = seats[i].role != .listener
                if seated, seatedCount[s] <= input.shifts[s].minSeats { continue }
                if seated, people[p].canBuddy, supportCount[s] == 1, needsSupport(s) { continue }
                remove(i)
                over -= length
            }
        }
    }

    /// Whether someone seated in shift `s` needs a support person there.
    func needsSupport(_ s: Int) -> Bool {
        seatsOfShift[s].contains { i in
            let p = seatPerson[i]
            return seats[i].role != .listener && p >= 0 && !people[p].canBuddy && (input.shifts[s].buddyRequired || isNewcomer(p, at: s))
        }
    }

    /// Removes planner and swap seats that break a rule now (a lead's own seats stay, and
    /// `rotation check` reports them). A seat that goes can take another's buddy with it, so this
    /// runs until nothing more breaks.
    mutating func dropBrokenPlannerSeats(_ order: [Int]) {
        var changed = true
        while changed {
            changed = false
            for i in order where alive[i] && fillable[seats[i].shift] && seats[i].source != .manual
                && refusal(seatPerson[i], seats[i].shift, role: seats[i].role, except: i) != nil {
                remove(i)
                changed = true
            }
        }
    }

    // MARK: - Filling

    /// A stable, well-mixed order for people in a month, so the same people are not always first.
    static func mix(_ id: Int, _ salt: Int) -> UInt64 {
        var z = UInt64(bitPattern: Int64(id)) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(bitPattern: Int64(salt))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func fill(_ month: PlanMonth) {
        let open = month.shifts.filter { fillable[$0] }
        guard !open.isEmpty else { return }
        let salt = Int(month.start / 86_400)
        let keys = people.map { Self.mix($0.id, salt) }
        let ordered = people.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        var need = people.indices.map { target($0, in: month) - hours($0, in: month) }
        var listening = people.indices.map { p in
            seatsOfPerson[p].filter { seats[$0].role == .listener && monthOf[seats[$0].shift] == month.index }.count
        }
        // Each open shift's week of the month (0, 1, …), to spread a person's shifts over the weeks.
        var weekOf = Array(repeating: -1, count: input.shifts.count)
        var weekStarts: [Int64] = []
        for s in open {
            let week = ShiftTime.weekStart(containing: input.shifts[s].startsAt, timeZone: input.timeZone)
            if weekStarts.last != week { weekStarts.append(week) }
            weekOf[s] = weekStarts.count - 1
        }
        // How many shifts each person has in each week of the month, kept as seats are added.
        var perWeek = Array(repeating: 0, count: people.count * weekStarts.count)
        for p in people.indices {
            for i in seatsOfPerson[p] where weekOf[seats[i].shift] >= 0 { perWeek[p * weekStarts.count + weekOf[seats[i].shift]] += 1 }
        }
        // The open shifts inside each zone's working hours: the only ones its people may take.
        var candidates: [[Int]?] = Array(repeating: nil, count: zones.count)
        for buddies in [true, false] {
            var active = ordered.filter { people[$0].canBuddy == buddies && need[$0] > 0 }
            while !active.isEmpty {
                var next: [Int] = []
                for p in active {
                    let zone = zoneOf[p]
                    if candidates[zone] == nil { candidates[zone] = open.filter { !outsideHours(p, $0) } }
                    let role: AssignmentRole = people[p].role == .exec && listening[p] < policy.listeningShiftsPerMonth
                        ? .listener : .agent
                    guard let s = best(p, role: role, among: candidates[zone] ?? [], need: need[p], weekOf: weekOf,
                                       perWeek: perWeek, base: p * weekStarts.count) else { continue }
                    add(PlanSeat(shift: s, person: people[p].id, role: role, source: .planner))
                    perWeek[p * weekStarts.count + weekOf[s]] += 1
                    need[p] -= input.shifts[s].hours
                    if role == .listener { listening[p] += 1 }
                    if need[p] > 0 { next.append(p) }
                }
                active = next
            }
        }
    }

    mutating func add(_ seat: PlanSeat) {
        seats.append(seat)
        alive.append(true)
        seatPerson.append(personIndex[seat.person] ?? -1)
        let i = seats.count - 1
        count(i, +1)
        seatsOfShift[seat.shift].append(i)
        if let p = personIndex[seat.person] {
            seatsOfPerson[p].append(i)
            let span = (input.shifts[seat.shift].startsAt, input.shifts[seat.shift].endsAt)
            spans[p].insert(span, at: spanIndex(p, span.0))
        }
    }

    /// The shift among `open` that person `p` should take next, or nil when none may have them
    /// or every one would take them more than half a shift past their target.
    /// `perWeek`: the person's shifts in each week of the month.
    /// `perWeek[base + w]`: the person's shifts in week `w` of the month.
    mutating func best(_ p: Int, role: AssignmentRole, among open: [Int], need: Double, weekOf: [Int],
                       perWeek: [Int], base: Int) -> Int? {
        var best: (score: Int, start: Int64, s: Int)?
        let canBuddy = canBuddyOf[p]
        let preferences = people[p].preferences
        for s in open {
            guard need >= hoursOf[s] / 2 - 1e-9 else { continue }
            let seatedNow = seatedCount[s]
            var score = seatedNow * 10 + perWeek[base + weekOf[s]] * 40
            if canBuddy, buddyRequiredOf[s], supportCount[s] == 0 { score -= 1_000 }
            if seatedNow < minSeatsOf[s] { score -= 500 }
            if !preferences.isEmpty {
                let preference = preferences[input.shifts[s].template] ?? 0
                score += preference > 0 ? -25 : (preference < 0 ? 60 : 0)
            }
            // The rules are the dearer test: asked only of a shift that would win.
            if let current = best, (current.score, current.start, current.s) <= (score, startOf[s], s) { continue }
            guard refusal(p, s, role: role) == nil else { continue }
            best = (score, startOf[s], s)
        }
        return best?.s
    }

    // MARK: - Buddies and pairing

    /// In every shift the planner may change: the support person who is its buddy (the one
    /// already designated if still there, else the first by id), and each newcomer paired with them.
    mutating func designateBuddies() {
        for s in input.shifts.indices where fillable[s] {
            let live = seatsOfShift[s]
            let needsBuddy = live.contains { seats[$0].role != .listener && seatPerson[$0] >= 0 && !people[seatPerson[$0]].canBuddy }
            let support = live.filter { seats[$0].role != .listener && seatPerson[$0] >= 0 && people[seatPerson[$0]].canBuddy }
            let buddy = needsBuddy ? (support.first { seats[$0].role == .buddy } ?? support.min { seats[$0].person < seats[$1].person }) : nil
            for i in live where seats[i].role != .listener {
                let p = seatPerson[i]
                if p >= 0, people[p].canBuddy {
                    seats[i].role = i == buddy ? .buddy : .agent
                    seats[i].pairedWith = nil
                } else if p >= 0 {
                    seats[i].pairedWith = isNewcomer(p, at: s) ? buddy.map { seats[$0].person } : nil
                }
            }
        }
    }

    // MARK: - Result and problems

    func result() -> PlanResult {
        var added: [PlanSeat] = [], updated: [PlanSeat] = [], final: [PlanSeat] = []
        for i in seats.indices where alive[i] {
            final.append(seats[i])
            if i >= originalSeats.count {
                added.append(seats[i])
            } else if seats[i] != originalSeats[i] {
                updated.append(seats[i])
            }
        }
        return PlanResult(seats: final, added: added, removed: removedSeats, updated: updated, problems: problems())
    }

    func problems() -> [RotationProblem] {
        var copy = self
        return copy.findProblems()
    }

    mutating func findProblems() -> [RotationProblem] {
        var problems: [RotationProblem] = []
        for s in input.shifts.indices where input.shifts[s].endsAt > input.now
            && input.shifts[s].startsAt >= input.from && input.shifts[s].startsAt < input.to {
            let shift = input.shifts[s]
            let seatedNow = seated(s)
            if seatedNow < shift.minSeats {
                problems.append(RotationProblem(kind: .gap, shift: s, login: nil,
                    detail: "\(seatedNow) of at least \(shift.minSeats) seats filled: " + gapReason(s)))
            }
            if seatedNow > shift.maxSeats {
                problems.append(RotationProblem(kind: .overFull, shift: s, login: nil,
                    detail: "\(seatedNow) people for \(English.count(shift.maxSeats, "seat"))"))
            }
            let roles = seatsOfShift[s].filter { seats[$0].role != .listener }.compactMap { personIndex[seats[$0].person].map { people[$0].role } }
            if let missing = RotationRules.missingBuddy(required: shift.buddyRequired, roles: roles) {
                problems.append(RotationProblem(kind: .missingBuddy, shift: s, login: nil, detail: missing))
            }
            // Seats this run added kept every rule when they were added; the others are re-checked.
            for i in seatsOfShift[s] {
                let seat = seats[i]
                guard let p = personIndex[seat.person] else {
                    problems.append(RotationProblem(kind: .brokenRule, shift: s, login: nil,
                        detail: "person #\(seat.person) is no longer active"))
                    continue
                }
                if seat.conflicted {
                    problems.append(RotationProblem(kind: .conflict, shift: s, login: people[p].login,
                        detail: "time off hits this shift; rebalance to re-plan it"))
                } else if i < originalSeats.count, shift.startsAt > input.now, let rule = refusal(p, s, role: seat.role, except: i),
                          rule != .full, rule != .started {
                    problems.append(RotationProblem(kind: .brokenRule, shift: s, login: people[p].login, detail: rule.text))
                }
            }
        }
        for month in months where month.end > input.from && month.shifts.contains(where: { input.shifts[$0].endsAt > input.now }) {
            for p in people.indices {
                let have = hours(p, in: month), want = target(p, in: month)
                let typical = month.shifts.first.map { input.shifts[$0].hours } ?? 3
                if have - want >= typical / 2 + 1e-9 {
                    problems.append(RotationProblem(kind: .overloaded, shift: nil, login: people[p].login,
                        detail: "\(English.hours(have)) of \(English.hours(want)) h in \(month.title)"))
                } else if want - have >= typical / 2 + 1e-9 {
                    problems.append(RotationProblem(kind: .underloaded, shift: nil, login: people[p].login,
                        detail: "\(English.hours(have)) of \(English.hours(want)) h in \(month.title): " + underloadReason(p, month)))
                }
            }
        }
        return problems
    }

    /// Why nobody more could sit shift `s`: how many people each rule kept out.
    mutating func gapReason(_ s: Int) -> String {
        guard input.shifts[s].startsAt > input.now else { return "it has started" }
        var tally: [Refusal: Int] = [:]
        let month = monthOf[s] >= 0 ? months[monthOf[s]] : nil
        for p in people.indices {
            if let rule = refusal(p, s, role: .agent) {
                tally[rule, default: 0] += 1
            } else if let month, target(p, in: month) - hours(p, in: month) < input.shifts[s].hours / 2 {
                tally[.atTarget, default: 0] += 1
            }
        }
        return Self.tallyText(tally, total: people.count)
    }

    /// Why person `p` stays under target in `month`: how many of its shifts each rule kept them from.
    mutating func underloadReason(_ p: Int, _ month: PlanMonth) -> String {
        let open = month.shifts.filter { input.shifts[$0].startsAt > input.now }
        guard !open.isEmpty else { return "no shift left to plan this month" }
        var tally: [Refusal: Int] = [:]
        for s in open { if let rule = refusal(p, s, role: .agent) { tally[rule, default: 0] += 1 } }
        return Self.tallyText(tally, total: open.count, of: "shift")
    }

    static func tallyText(_ tally: [Refusal: Int], total: Int, of noun: String = "person") -> String {
        let parts = Refusal.allCases.compactMap { rule in tally[rule].map { "\($0) \(rule.text)" } }
        guard !parts.isEmpty else { return "no reason found (\(English.count(total, noun)) checked)" }
        return parts.joined(separator: ", ")
    }
}
