@testable import AllHandsCore
import Foundation
import TestSupport
import XCTest

/// The rotation planner's properties on random companies (seeded, so a failure repeats): every
/// seat it adds keeps every hard rule, targets are met and hours balanced when there is room,
/// the same input gives the same plan, the past is never touched, filling never removes, and a
/// rebalance changes only what it must.
final class PlannerPropertyTests: XCTestCase {
    static let seeds: ClosedRange<UInt64> = 1...30

    // MARK: - Hard rules, targets, balance, determinism

    func testOnAmpleCompaniesEveryAddedSeatKeepsTheRulesTargetsAreMetAndHoursAreBalanced() throws {
        var checkedSeats = 0, checkedLoads = 0, balanced = 0
        for seed in Self.seeds {
            let company = try RandomCompany.make(seed: seed, ample: true)
            let input = company.input
            let result = Planner.plan(input)
            let context = "seed \(seed) (\(company.summary))"
            XCTAssertTrue(result.removed.isEmpty, "filling never removes: \(context)")
            XCTAssertFalse(result.added.isEmpty, context)
            checkedSeats += result.added.count
            let checker = RotaChecker(input, seats: result.seats)
            report(checker.violations(checking: result.added), context)
            report(checker.overTargetViolations(of: Set(result.added.map(\.person))), context)

            // Targets (with what the month before carried): within one shift for everyone not
            // blocked, month by month, and over the range for those never blocked.
            let longest = checker.longestShiftHours
            let targets = Dictionary(uniqueKeysWithValues: input.people.map { ($0.id, checker.carriedTargets(of: $0)) })
            var total: [Int: (hours: Double, target: Double)] = [:]
            var blocked: Set<Int> = []
            for (k, month) in checker.months.enumerated() {
                var ratios: [Double] = []
                for person in input.people {
                    let target = targets[person.id]?[k] ?? 0
                    guard company.canMeetTarget(person, target, in: month, checker: checker) else {
                        blocked.insert(person.id)
                        continue
                    }
                    let hours = checker.hours(of: person.id, in: month)
                    XCTAssertLessThanOrEqual(abs(hours - target), longest + 1e-9,
                                             "\(person.login) (\(person.role)) has \(hours) h of \(target) in \(month.title): \(context)")
                    ratios.append(hours / target)
                    total[person.id, default: (0, 0)].hours += hours
                    total[person.id, default: (0, 0)].target += person.targetPerMonth
                    checkedLoads += 1
                }
                XCTAssertGreaterThan(ratios.count, input.people.count / 2, "most people can meet their target: \(context)")
                if company.targetsInWholeShifts {
                    XCTAssertGreaterThanOrEqual(Fairness.balanceScore(values: ratios), 0.95, "\(month.title): \(context)")
                    balanced += 1
                }
            }
            for (id, load) in total where checker.months.count > 1 && !blocked.contains(id) {
                XCTAssertLessThanOrEqual(abs(load.hours - load.target), longest + 1e-9,
                                         "person #\(id) has \(load.hours) h of \(load.target) over the range: \(context)")
            }

            let again = Planner.plan(input)
            XCTAssertEqual(again.seats, result.seats, "the same input gives the same plan: \(context)")
            XCTAssertEqual(again.added, result.added, context)
            XCTAssertEqual(again.updated, result.updated, context)
            XCTAssertEqual(again.problems, result.problems, context)
        }
        XCTAssertGreaterThan(checkedSeats, 1_000)
        XCTAssertGreaterThan(checkedLoads, 1_000)
        XCTAssertGreaterThan(balanced, 10, "months whose balance was checked")
    }

    /// Scarce support, random templates (some past midnight), tight team limits, long time off:
    /// the planner leaves holes, but never breaks a rule to fill them.
    func testOnCrampedCompaniesEveryAddedSeatStillKeepsTheRules() throws {
        var checkedSeats = 0
        for seed in Self.seeds {
            let company = try RandomCompany.make(seed: seed &+ 1_000, ample: false)
            let result = Planner.plan(company.input)
            let context = "seed \(seed &+ 1_000) (\(company.summary))"
            XCTAssertTrue(result.removed.isEmpty, "filling never removes: \(context)")
            checkedSeats += result.added.count
            let checker = RotaChecker(company.input, seats: result.seats)
            report(checker.violations(checking: result.added), context)
            report(checker.overTargetViolations(of: Set(result.added.map(\.person))), context)
            XCTAssertEqual(Planner.plan(company.input).seats, result.seats, "deterministic: \(context)")
        }
        XCTAssertGreaterThan(checkedSeats, 1_000)
    }

    // MARK: - The past and rebalancing

    func testFillingOrRebalancingAnUnchangedPlanChangesNothingWhenEverAsked() throws {
        for seed in Self.seeds {
            let ample = seed % 2 == 0 // ample and cramped companies by turns
            let company = try RandomCompany.make(seed: seed &+ (ample ? 0 : 1_000), ample: ample)
            let context = "seed \(seed) ample \(ample) (\(company.summary))"
            let planned = Planner.plan(company.input)
            var rng = SplitMix(seed: seed &+ 77)
            for now in [company.input.now, company.input.from + (company.input.to - company.input.from) * Int64.random(in: 1...9, using: &rng) / 10] {
                // From the range's start, or from now — in the middle of a month planned whole.
                for (mode, from) in [(PlanInput.Mode.fill, company.input.from), (.rebalance, company.input.from), (.rebalance, now)] {
                    var again = company.input
                    again.seats = planned.seats
                    again.now = now
                    again.from = from
                    again.mode = mode
                    // As the store counts them: every shift sat before the range's start.
                    for p in again.people.indices {
                        again.people[p].shiftsBefore += planned.seats.filter { seat in
                            let start = again.shifts[seat.shift].startsAt
                            return seat.person == again.people[p].id && start >= company.input.from && start < from
                        }.count
                    }
                    let result = Planner.plan(again)
                    let at = "\(mode) from \(Timestamp.iso8601(from)) at \(Timestamp.iso8601(now)), \(context)"
                    XCTAssertEqual(result.added, [], "nothing to add: \(at)")
                    XCTAssertEqual(result.removed, [], "nothing to remove: \(at)")
                    XCTAssertEqual(result.updated, [], "nothing to update: \(at)")
                    XCTAssertEqual(result.seats, planned.seats, at)
                }
            }
        }
    }

    /// Some seats marked for re-planning, time off for a few people, a few people gone: only
    /// their seats go (and, in the shifts they leave, the seats that needed them), the holes
    /// are refilled by the people who lost hours, the past stays as it was, and the rota that
    /// comes out keeps every rule.
    func testARebalanceAfterChangesMovesOnlyWhatMustMoveAndNeverThePast() throws {
        var removedInAll = 0
        for seed in Self.seeds {
            let ample = seed % 2 == 0 // ample and cramped companies by turns
            let company = try RandomCompany.make(seed: seed &+ (ample ? 0 : 1_000), ample: ample)
            let planned = Planner.plan(company.input)
            var rng = SplitMix(seed: seed &+ 99)
            var changed = company.input
            changed.seats = planned.seats
            changed.mode = .rebalance
            changed.now = changed.from + (changed.to - changed.from) * Int64.random(in: 2...6, using: &rng) / 10
            let context = "seed \(seed) ample \(ample) now \(Timestamp.iso8601(changed.now)) (\(company.summary))"
            let change = Perturbation.apply(to: &changed, rng: &rng)
            let result = Planner.plan(changed)
            let before = RotaChecker(changed, seats: changed.seats)

            let touched = result.added + result.removed + result.updated
            XCTAssertTrue(touched.allSatisfy { changed.shifts[$0.shift].startsAt >= changed.now },
                          "nothing in a shift that has started changes: \(context)")
            let removed = Set(result.removed.map(SeatKey.init))
            XCTAssertTrue(change.mustGo.isSubset(of: removed), "every seat that had to go went: \(context)")
            let allowed = change.mustGo.union(change.mayGo(in: changed))
            XCTAssertEqual(removed.subtracting(allowed).filter { !before.shortPeople().contains($0.person) }, [],
                           "only seats that had to go, or needed them: \(context)")
            // People who were short may be given the room that came free, and what their
            // months carry then moves with it.
            let short = before.shortPeople()
            let losers = Set(result.removed.map(\.person))
            XCTAssertEqual(losers.subtracting(change.people.union(change.neighbours(in: changed))).subtracting(short), [],
                           "no unaffected person loses a seat: \(context)")
            removedInAll += removed.count

            // Additions refill: only people who lost hours or were short before, and at most
            // two seats for each seat a person lost.
            for seat in result.added {
                XCTAssertTrue(losers.contains(seat.person) || short.contains(seat.person),
                              "person #\(seat.person) gains a seat without having lost one or being short: \(context)")
            }
            for person in losers.subtracting(short) {
                let gained = result.added.filter { $0.person == person }.count
                let lost = result.removed.filter { $0.person == person }.count
                XCTAssertLessThanOrEqual(gained, 2 * lost, "person #\(person): \(context)")
            }
            XCTAssertLessThanOrEqual(result.moved, min(result.added.count, result.removed.count))

            // What comes out keeps every rule, in every shift the rebalance could change.
            let after = RotaChecker(changed, seats: result.seats)
            report(after.violations(checking: result.seats.filter { after.isChangeable($0.shift) }), context)
            XCTAssertEqual(Planner.plan(changed).seats, result.seats, "deterministic: \(context)")
        }
        XCTAssertGreaterThan(removedInAll, 100)
    }

    func testPlanningWithTheClockInTheMiddleOfTheRangeLeavesTheStartedShiftsAlone() throws {
        var added = 0
        for seed in Self.seeds {
            let company = try RandomCompany.make(seed: seed, ample: seed % 2 == 0)
            var input = company.input
            input.now = input.from + (input.to - input.from) / 2 + 1_800
            let result = Planner.plan(input)
            let context = "seed \(seed) (\(company.summary))"
            added += result.added.count
            XCTAssertTrue(result.added.allSatisfy { input.shifts[$0.shift].startsAt >= input.now }, context)
            XCTAssertEqual(result.seats.filter { input.shifts[$0.shift].startsAt < input.now }, input.seats.filter {
                input.shifts[$0.shift].startsAt < input.now
            }, context)
            report(RotaChecker(input, seats: result.seats).violations(checking: result.added), context)
        }
        XCTAssertGreaterThan(added, 1_000)
    }

    // MARK: - What the properties found, one example each

    /// 2026-12-01T00:00Z: the examples plan December in UTC (a whole month, so targets are
    /// whole); their shifts are at 10:00–13:00, inside everyone's working hours.
    static let day: Int64 = 86_400
    static let base: Int64 = 1_796_083_200
    static let monthEnd: Int64 = 1_798_761_600

    static func shift(day offset: Int64, hours: Double = 3, buddy: Bool = false, maxSeats: Int = 4) -> PlanShift {
        let start = base + offset * day + 10 * 3_600
        return PlanShift(id: Int(offset) + 100, startsAt: start, endsAt: start + Int64(hours * 3_600), minSeats: 0,
                         maxSeats: maxSeats, buddyRequired: buddy, template: "t")
    }

    static func input(_ people: [PlanPerson], _ shifts: [PlanShift], _ seats: [PlanSeat],
                      mode: PlanInput.Mode = .fill, policy: (inout Configuration.Rotation) -> Void = { _ in }) -> PlanInput {
        var rotation = Configuration.default.rotation
        policy(&rotation)
        return PlanInput(people: people, shifts: shifts, seats: seats, policy: rotation, from: base, to: monthEnd,
                         now: base, timeZone: .gmt, mode: mode)
    }

    /// The store counts the shifts before the range in `shiftsBefore` and also loads those just
    /// before it (for rest across the edge): a newcomer's shift there counts once, not twice.
    func testAShiftJustBeforeTheRangeCountsOnceTowardsBeingANewcomer() {
        let support = PlanPerson(id: 1, login: "support", role: .support, targetPerMonth: 0)
        let newcomer = PlanPerson(id: 2, login: "new", role: .employee, targetPerMonth: 3, shiftsBefore: 1)
        let shifts = [Self.shift(day: -1), Self.shift(day: 0), Self.shift(day: 1)]
        let seats = [PlanSeat(shift: 0, person: 2, source: .manual), PlanSeat(shift: 1, person: 1, source: .manual)]
        let result = Planner.plan(Self.input([support, newcomer], shifts, seats) { $0.newcomerBuddyShifts = 2 })
        XCTAssertEqual(result.added, [PlanSeat(shift: 1, person: 2, pairedWith: 1)],
                       "their second shift is with a support person, who is their buddy")
    }

    /// A rebalance that takes away a shift's only support person also moves the people who
    /// needed them: the employee needs a buddy, the listening executive someone working.
    func testARebalanceThatTakesAShiftsOnlySupportPersonMovesThoseWhoNeededThem() {
        let away = (Self.shift(day: 0).startsAt, Self.shift(day: 1).endsAt)
        let people = [PlanPerson(id: 1, login: "support", role: .support, targetPerMonth: 3, timeOff: [away]),
                      PlanPerson(id: 2, login: "other-support", role: .support, targetPerMonth: 0),
                      PlanPerson(id: 3, login: "employee", role: .employee, targetPerMonth: 3, shiftsBefore: 5),
                      PlanPerson(id: 4, login: "exec", role: .exec, targetPerMonth: 3, shiftsBefore: 5)]
        let shifts = [Self.shift(day: 0, buddy: true), Self.shift(day: 1, buddy: true)]
        // The listener and the employee come first in the input, the support seat time off hit last.
        let seats = [PlanSeat(shift: 0, person: 4, role: .listener), PlanSeat(shift: 0, person: 3),
                     PlanSeat(shift: 0, person: 1, role: .buddy, conflicted: true),
                     PlanSeat(shift: 1, person: 2, role: .buddy, source: .manual)]
        let result = Planner.plan(Self.input(people, shifts, seats, mode: .rebalance))
        XCTAssertEqual(result.seats.filter { $0.shift == 0 }, [], "nobody is left in a shift without its buddy")
        XCTAssertEqual(Set(result.removed.map(\.person)), [1, 3, 4])
        XCTAssertEqual(result.added.map(\.person).sorted(), [3, 4], "the employee and the executive move to the other shift")
        XCTAssertTrue(result.added.allSatisfy { $0.shift == 1 })
        XCTAssertEqual(result.problems.filter { $0.kind == .missingBuddy || $0.kind == .brokenRule }, [])
    }

    /// Filling stops once the next shift would put someone more than half *that* shift over
    /// target, so with shifts of different lengths someone may end up to half their longest
    /// shift over; a rebalance of that plan must leave them as they are.
    func testARebalanceLeavesSomeoneLessThanHalfTheirLongestShiftOverTarget() {
        let person = PlanPerson(id: 1, login: "p", role: .employee, targetPerMonth: 7, shiftsBefore: 5)
        let shifts = [Self.shift(day: 0), Self.shift(day: 1), Self.shift(day: 2, hours: 1.5), Self.shift(day: 3, hours: 1)]
        let seats = shifts.indices.map { PlanSeat(shift: $0, person: 1) }
        let result = Planner.plan(Self.input([person], shifts, seats, mode: .rebalance) { $0.minRestHours = 8 })
        XCTAssertEqual(result.removed, [], "8.5 h of 7 is within half of a 3-hour shift")
        XCTAssertEqual(result.added, [])
    }

    /// What a month rounds off carries into the next: with two-hour shifts and a three-hour
    /// target, months go 4, 2, 4 hours — not 4, 4, 4 — and the range ends within a shift of
    /// its target. A rebalance from the middle of the quarter sees the same carry.
    func testWhatAMonthRoundsOffCarriesIntoTheNext() throws {
        let zone = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        var policy = Configuration.default.rotation
        policy.templates = [Configuration.ShiftTemplate(name: "two", days: Array(1...7), start: 10 * 60, end: 12 * 60,
                                                        minSeats: 0, maxSeats: 10, buddyRequired: false)]
        let from = try RandomCompany.monthStart(2027, 1, zone), to = try RandomCompany.monthStart(2027, 4, zone)
        let shifts = ShiftTemplates.slots(policy.templates, from: from, to: to, timeZone: zone).map(PlanShift.init)
        let (start, end) = (from, try RandomCompany.monthStart(2027, 2, zone))
        let people = [PlanPerson(id: 1, login: "steady", role: .employee, timeZone: zone, targetPerMonth: 3, shiftsBefore: 9),
                      PlanPerson(id: 2, login: "away", role: .employee, timeZone: zone, targetPerMonth: 3, shiftsBefore: 9,
                                 timeOff: [(start, end)])]
        let input = PlanInput(people: people, shifts: shifts, seats: [], policy: policy, from: from, to: to, now: from,
                              timeZone: zone)
        let result = Planner.plan(input)
        let checker = RotaChecker(input, seats: result.seats)
        XCTAssertEqual(checker.months.map { checker.hours(of: 1, in: $0) }, [4, 2, 4])
        XCTAssertEqual(checker.months.map { checker.hours(of: 2, in: $0) }, [0, 6, 4],
                       "what January fell short is made up in February, up to a month's worth")
        var again = input
        again.seats = result.seats
        again.mode = .rebalance
        XCTAssertEqual(Planner.plan(again).seats, result.seats, "a rebalance keeps what the carry planned")
        // From the middle of the quarter — a rebalance from today — January still counts.
        again.from = try RandomCompany.monthStart(2027, 2, zone) + 14 * 86_400
        again.now = again.from
        let later = Planner.plan(again)
        XCTAssertEqual(later.added + later.removed, [])
        XCTAssertEqual(later.seats, result.seats)
    }

    /// A plan's problems and `rotation check` judge each month by the target the planner aimed
    /// at, carry included: February making up January's time off is not "overloaded".
    func testProblemsJudgeEachMonthByTheTargetItCarried() throws {
        let zone = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        var policy = Configuration.default.rotation
        policy.templates = [Configuration.ShiftTemplate(name: "two", days: Array(1...7), start: 10 * 60, end: 12 * 60,
                                                        minSeats: 0, maxSeats: 10, buddyRequired: false)]
        let from = try RandomCompany.monthStart(2027, 1, zone), to = try RandomCompany.monthStart(2027, 4, zone)
        let january = (from, try RandomCompany.monthStart(2027, 2, zone))
        let shifts = ShiftTemplates.slots(policy.templates, from: from, to: to, timeZone: zone).map(PlanShift.init)
        let people = [PlanPerson(id: 1, login: "steady", role: .employee, timeZone: zone, targetPerMonth: 3, shiftsBefore: 9),
                      PlanPerson(id: 2, login: "away", role: .employee, timeZone: zone, targetPerMonth: 3, shiftsBefore: 9,
                                 timeOff: [january])]
        var input = PlanInput(people: people, shifts: shifts, seats: [], policy: policy, from: from, to: to, now: from,
                              timeZone: zone)
        let result = Planner.plan(input)
        let personal = result.problems.filter { $0.login != nil }
        XCTAssertEqual(personal.map(\.kind), [.underloaded], "\(personal)")
        XCTAssertEqual(personal.first?.login, "away")
        XCTAssertEqual(personal.first?.detail.hasPrefix("0 of 3 h in January 2027: "), true, personal.first?.detail ?? "")
        input.seats = result.seats
        XCTAssertEqual(Planner.check(input).filter { $0.login != nil }, personal, "check reads the rota as the plan made it")
    }

    // MARK: - The balance score

    func testTheBalanceScoreIsTheMeanOverPairsOfMinOverMax() {
        var rng = SplitMix(seed: 5)
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 2...40, using: &rng)).map { _ in
                Int.random(in: 0...4, using: &rng) == 0 ? 0 : Double(Int.random(in: 1...60, using: &rng)) / 10
            }
            var sum = 0.0, pairs = 0.0
            for i in values.indices {
                for j in values.indices where j > i {
                    let (low, high) = (min(values[i], values[j]), max(values[i], values[j]))
                    sum += high == 0 ? 1 : low / high
                    pairs += 1
                }
            }
            XCTAssertEqual(Fairness.balanceScore(values: values), sum / pairs, accuracy: 1e-9, "\(values)")
        }
        XCTAssertEqual(Fairness.balanceScore(values: [3, 3, 3]), 1)
        XCTAssertEqual(Fairness.balanceScore(values: [0, 6]), 0)
    }

    func report(_ violations: [String], _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for violation in violations.prefix(5) { XCTFail("\(violation): \(context)", file: file, line: line) }
        if violations.count > 5 { XCTFail("… and \(violations.count - 5) more: \(context)", file: file, line: line) }
    }
}

/// A seat by what identifies it in the rota: the person in the shift.
struct SeatKey: Hashable {
    let shift: Int
    let person: Int
    init(_ seat: PlanSeat) { (shift, person) = (seat.shift, seat.person) }
}

// MARK: - The checker

/// The hard rules of the rota, checked from the issue's words with nothing of the planner's: no
/// overlap and enough rest, no time off hit, within working hours read with a calendar in the
/// person's own zone, the team limit, the seats, a support buddy where one is needed, newcomers
/// with a support person, and listeners only where someone works.
struct RotaChecker {
    let input: PlanInput
    let seats: [PlanSeat]
    let people: [Int: PlanPerson]
    let byShift: [Int: [PlanSeat]]
    let byPerson: [Int: [PlanSeat]]
    private var calendars: [String: Calendar] = [:]

    /// Support staff and leads can be buddies (the issue: "a support buddy").
    static let supportRoles: Set<Role> = [.support, .lead]

    init(_ input: PlanInput, seats: [PlanSeat]) {
        self.input = input
        self.seats = seats
        people = Dictionary(input.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        byShift = Dictionary(grouping: seats, by: \.shift)
        byPerson = Dictionary(grouping: seats, by: \.person)
        for zone in Set(input.people.map(\.timeZone) + [input.timeZone]) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            calendars[zone.identifier] = calendar
        }
    }

    func isSupport(_ person: Int) -> Bool { people[person].map { Self.supportRoles.contains($0.role) } ?? false }

    /// A shift the planner may change: in the range and not started.
    func isChangeable(_ s: Int) -> Bool {
        let start = input.shifts[s].startsAt
        return start >= input.now && start >= input.from && start < input.to
    }

    func working(_ seat: PlanSeat) -> Bool { seat.role != .listener }

    /// Every rule a seat in `checking` breaks, as sentences.
    func violations(checking: [PlanSeat]) -> [String] {
        var found: [String] = []
        let rest = Int64(input.policy.minRestHours) * 3_600
        for seat in checking {
            let shift = input.shifts[seat.shift]
            let at = "shift #\(seat.shift) \(shift.template) \(Timestamp.iso8601(shift.startsAt))"
            guard let person = people[seat.person] else {
                found.append("person #\(seat.person), who is gone, sits \(at)")
                continue
            }
            let who = "\(person.login) (\(person.role), \(person.timeZone.identifier))"
            if !isChangeable(seat.shift) { found.append("\(who) was seated in \(at), which the plan may not change") }
            if !withinWorkingHours(shift, person.timeZone) { found.append("\(who) is planned outside working hours in \(at)") }
            if person.timeOff.contains(where: { $0.0 < shift.endsAt && shift.startsAt < $0.1 }) {
                found.append("\(who) is planned on time off in \(at)")
            }
            let mine = byPerson[seat.person] ?? []
            if mine.filter({ $0.shift == seat.shift }).count > 1 { found.append("\(who) sits \(at) twice") }
            for other in mine where other.shift != seat.shift {
                let o = input.shifts[other.shift]
                if !(o.endsAt + rest <= shift.startsAt || shift.endsAt + rest <= o.startsAt) {
                    found.append("\(who) has \(at) and another at \(Timestamp.iso8601(o.startsAt)) without \(input.policy.minRestHours) h rest")
                }
            }
            let inShift = byShift[seat.shift] ?? []
            let workingSeats = inShift.filter(working)
            if workingSeats.count > shift.maxSeats {
                found.append("\(at) seats \(workingSeats.count) of at most \(shift.maxSeats)")
            }
            let support = workingSeats.filter { isSupport($0.person) }
            if working(seat) && !isSupport(seat.person) {
                if !person.team.isEmpty {
                    let sameTeam = workingSeats.filter { other in
                        !isSupport(other.person) && people[other.person]?.team == person.team
                    }.count
                    if sameTeam > input.policy.maxPerTeamPerShift {
                        found.append("\(at) seats \(sameTeam) of team \(person.team), at most \(input.policy.maxPerTeamPerShift)")
                    }
                }
                if shift.buddyRequired, support.isEmpty { found.append("\(at) needs a support buddy for \(who) and has none") }
                let before = person.shiftsBefore + mine.filter {
                    let start = input.shifts[$0.shift].startsAt
                    return start >= input.from && start < shift.startsAt
                }.count
                if before < input.policy.newcomerBuddyShifts {
                    if support.isEmpty {
                        found.append("\(who), a newcomer (\(before) shifts before), sits \(at) with no support person")
                    } else if isChangeable(seat.shift), !support.contains(where: { $0.person == seat.pairedWith }) {
                        found.append("\(who), a newcomer, is not paired with a support person in \(at)")
                    }
                }
            }
            if !working(seat), workingSeats.isEmpty { found.append("\(who) listens in \(at), where nobody works") }
        }
        return found
    }

    /// The whole shift inside the window of one local day in `zone`, read with a calendar
    /// (an end at the next local midnight counts as 24:00).
    func withinWorkingHours(_ shift: PlanShift, _ zone: TimeZone) -> Bool {
        guard let calendar = calendars[zone.identifier] else { return false }
        let start = Date(timeIntervalSince1970: TimeInterval(shift.startsAt))
        let end = Date(timeIntervalSince1970: TimeInterval(shift.endsAt))
        let s = calendar.dateComponents([.hour, .minute], from: start)
        let startMinutes = (s.hour ?? 0) * 60 + (s.minute ?? 0)
        let endMinutes: Int
        if calendar.isDate(end, inSameDayAs: start) {
            let e = calendar.dateComponents([.hour, .minute], from: end)
            endMinutes = (e.hour ?? 0) * 60 + (e.minute ?? 0)
        } else if calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: start)) == end {
            endMinutes = 24 * 60
        } else {
            return false
        }
        return startMinutes >= input.policy.workingHours.from && endMinutes <= input.policy.workingHours.to
    }

    // MARK: Months and loads

    struct Month {
        let start: Int64
        let end: Int64
        let title: String
        /// January, April, July or October.
        let startsQuarter: Bool
    }

    /// The calendar months of the company's zone the range covers (the tests plan whole months).
    var months: [Month] {
        guard let calendar = calendars[input.timeZone.identifier] else { return [] }
        var months: [Month] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(input.from))
        while Int64(cursor.timeIntervalSince1970) < input.to, let month = calendar.dateInterval(of: .month, for: cursor) {
            let parts = calendar.dateComponents([.year, .month], from: month.start)
            months.append(Month(start: Int64(month.start.timeIntervalSince1970), end: Int64(month.end.timeIntervalSince1970),
                                title: "\(parts.year ?? 0)-\(parts.month ?? 0)", startsQuarter: ((parts.month ?? 1) - 1) % 3 == 0))
            cursor = month.end
        }
        return months
    }

    func hours(of person: Int, in month: Month) -> Double {
        (byPerson[person] ?? []).reduce(0.0) { total, seat in
            let shift = input.shifts[seat.shift]
            return shift.startsAt >= month.start && shift.startsAt < month.end
                ? total + Double(shift.endsAt - shift.startsAt) / 3_600 : total
        }
    }

    var longestShiftHours: Double {
        input.shifts.map { Double($0.endsAt - $0.startsAt) / 3_600 }.max() ?? 0
    }

    /// Nobody the plan gave a seat to is more than half a shift over their target in a month.
    func overTargetViolations(of gainers: Set<Int>) -> [String] {
        var found: [String] = []
        for id in gainers.sorted() {
            guard let person = people[id] else { continue }
            for (month, target) in zip(months, carriedTargets(of: person)) {
                let inMonth: [PlanShift] = (byPerson[id] ?? []).map { input.shifts[$0.shift] }
                    .filter { $0.startsAt >= month.start && $0.startsAt < month.end }
                let longest = inMonth.map { Double($0.endsAt - $0.startsAt) / 3_600 }.max() ?? 0
                let hours = hours(of: id, in: month)
                if hours > target + longest / 2 + 1e-9 {
                    found.append("\(person.login) has \(hours) h of \(target) in \(month.title)")
                }
            }
        }
        return found
    }

    /// Shifts starting in `month`.
    func shifts(in month: Month) -> [PlanShift] {
        input.shifts.filter { $0.startsAt >= month.start && $0.startsAt < month.end }
    }

    /// A person's target in each month as the planner documents it: the month's hours plus
    /// what the month before left under (or over) its own, at most a month's worth — within a
    /// calendar quarter.
    func carriedTargets(of person: PlanPerson) -> [Double] {
        var carried = 0.0
        return months.map { month in
            if month.startsQuarter { carried = 0 }
            let target = person.targetPerMonth + carried
            let left = target - hours(of: person.id, in: month)
            carried = max(-person.targetPerMonth, min(person.targetPerMonth, left))
            return target
        }
    }

    /// People short of their target in some month by half of its shortest shift or more.
    func shortPeople() -> Set<Int> {
        Set(input.people.filter { person in
            zip(months, carriedTargets(of: person)).contains { month, target in
                let shortest = shifts(in: month).map { Double($0.endsAt - $0.startsAt) / 3_600 }.min() ?? 0
                return target - hours(of: person.id, in: month) >= shortest / 2 - 1e-9
            }
        }.map(\.id))
    }
}

// MARK: - Random companies

/// A company the planner is given, made from a seed. An *ample* one has room for everyone:
/// templates around the clock with many seats, support staff in every zone, small teams. A
/// *cramped* one has random templates (some past midnight), scarce support, tight limits and
/// long time off.
struct RandomCompany {
    static let zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata",
                        "America/Los_Angeles", "Europe/London", "UTC"]

    var input: PlanInput
    /// People away for the whole range.
    var awayThroughout: Set<Int>
    /// Every target is a whole number of shifts (ample companies, whose shifts are all as long).
    var targetsInWholeShifts: Bool
    var summary: String

    static func make(seed: UInt64, ample: Bool) throws -> RandomCompany {
        var rng = SplitMix(seed: seed)
        let zone = try XCTUnwrap(TimeZone(identifier: zones[Int.random(in: 0..<zones.count, using: &rng)]))
        let year = Int.random(in: 2026...2027, using: &rng), month = Int.random(in: 1...12, using: &rng)
        let months = Int.random(in: 1...3, using: &rng)
        let from = try monthStart(year, month, zone), to = try monthStart(year, month + months, zone)

        var policy = Configuration.default.rotation
        policy.templates = ample ? roundTheClock(&rng) : randomTemplates(&rng)
        policy.minRestHours = Int.random(in: ample ? 8...14 : 8...16, using: &rng)
        policy.maxPerTeamPerShift = Int.random(in: ample ? 2...3 : 1...2, using: &rng)
        policy.newcomerBuddyShifts = Int.random(in: 0...3, using: &rng)
        let opening = Int.random(in: 7...9, using: &rng) * 60
        policy.workingHours = .init(from: opening, to: opening + (ample ? 12 : Int.random(in: 8...14, using: &rng)) * 60)
        let blockHours = Double(policy.templates[0].minutes) / 60
        if ample, Bool.random(using: &rng) {
            // Targets in whole shifts: rounding leaves nothing over, so hours balance exactly.
            policy.targetHoursPerMonth = [.employee: blockHours, .exec: blockHours, .admin: blockHours,
                                          .lead: blockHours * Double(Int.random(in: 3...6, using: &rng)),
                                          .support: blockHours * Double(Int.random(in: 8...12, using: &rng))]
        }
        if !ample {
            policy.targetHoursPerMonth = [.employee: Double(Int.random(in: 2...8, using: &rng)), .exec: 3, .admin: 3,
                                          .lead: Double(Int.random(in: 8...20, using: &rng)),
                                          .support: Double(Int.random(in: 16...40, using: &rng))]
        }

        let shifts = ShiftTemplates.slots(policy.templates, from: from - 3 * 86_400, to: to + 3 * 86_400, timeZone: zone)
            .enumerated().map { index, slot in
                var shift = PlanShift(slot)
                shift.id = index + 1
                // Shifts outside the range were made by hand (no plan began there).
                if slot.startsAt < from || slot.startsAt >= to { shift.template = "" }
                return shift
            }
        let edges = shifts.indices.filter { shifts[$0].startsAt < from || shifts[$0].startsAt >= to }

        let count = Int.random(in: 5...300, using: &rng)
        var zoneSet: Set<String> = []
        for _ in 0..<Int.random(in: 1...4, using: &rng) { zoneSet.insert(zones[Int.random(in: 0..<zones.count, using: &rng)]) }
        let zoneNames = zoneSet.sorted()
        let teams = max(1, count / 12)
        var people: [PlanPerson] = []
        var seats: [PlanSeat] = []
        var away: Set<Int> = []
        var seenInZone: [String: Int] = [:]
        for id in 1...count {
            let zoneName = zoneNames[Int.random(in: 0..<zoneNames.count, using: &rng)]
            let personZone = try XCTUnwrap(TimeZone(identifier: zoneName))
            seenInZone[zoneName, default: 0] += 1
            var role: Role
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<12: role = .support
            case 12..<16: role = .lead
            case 16..<22: role = .exec
            case 22..<24: role = .admin
            default: role = .employee
            }
            // Ample: the first few of every zone are support staff, so every zone has buddies.
            if ample, seenInZone[zoneName, default: 0] <= 2 { role = .support }
            if !ample, role == .support, Int.random(in: 0..<2, using: &rng) == 0 { role = .employee }
            let team = Int.random(in: 0..<10, using: &rng) == 0 ? "" : "team-\(Int.random(in: 0..<teams, using: &rng))"
            var person = PlanPerson(id: id * 3, login: "p\(id)", role: role, team: team, timeZone: personZone,
                                    targetPerMonth: policy.target(for: role),
                                    shiftsBefore: Int.random(in: 0...4, using: &rng))
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<3:
                person.timeOff = [(from - 86_400, to + 86_400)]
                away.insert(person.id)
            case 3..<(ample ? 28 : 40):
                for _ in 0..<(ample ? 1 : Int.random(in: 1...2, using: &rng)) {
                    let start = from - 5 * 86_400 + Int64.random(in: 0..<(to - from + 5 * 86_400), using: &rng)
                    person.timeOff.append((start, start + Int64(Int.random(in: 1...(ample ? 10 : 20), using: &rng)) * 86_400))
                }
            default: break
            }
            if Int.random(in: 0..<5, using: &rng) == 0 {
                let template = policy.templates[Int.random(in: 0..<policy.templates.count, using: &rng)].name
                person.preferences[template] = Bool.random(using: &rng) ? 1 : -1
            }
            // Some history just outside the range: a seat the lead gave by hand.
            if !edges.isEmpty, Int.random(in: 0..<5, using: &rng) == 0 {
                let s = edges[Int.random(in: 0..<edges.count, using: &rng)]
                seats.append(PlanSeat(shift: s, person: person.id, source: .manual))
                if shifts[s].startsAt < from { person.shiftsBefore += 1 }
            }
            people.append(person)
        }
        let input = PlanInput(people: people, shifts: shifts, seats: seats, policy: policy, from: from, to: to,
                              now: from, timeZone: zone)
        let summary = "\(count) people in \(zoneNames.joined(separator: ",")), company \(zone.identifier), "
            + "\(policy.templates.count) templates, \(months) month(s) from \(Timestamp.iso8601(from))"
        let whole = ample && policy.targetHoursPerMonth.values.allSatisfy { $0.truncatingRemainder(dividingBy: blockHours) == 0 }
        return RandomCompany(input: input, awayThroughout: away, targetsInWholeShifts: whole, summary: summary)
    }

    static func monthStart(_ year: Int, _ month: Int, _ zone: TimeZone) throws -> Int64 {
        try XCTUnwrap(ShiftTime.wallClock(year: year + (month - 1) / 12, month: (month - 1) % 12 + 1, day: 1, minutes: 0,
                                          timeZone: zone))
    }

    /// Blocks of 2, 3 or 4 hours that tile the day, every day or on weekdays, with room to spare.
    static func roundTheClock(_ rng: inout SplitMix) -> [Configuration.ShiftTemplate] {
        let length = Int.random(in: 2...4, using: &rng), offset = Int.random(in: 0...1, using: &rng)
        let days = Bool.random(using: &rng) ? Array(1...7) : Array(1...5)
        return (0..<(24 / length)).map { k in
            let start = (offset + k * length) % 24 * 60
            return Configuration.ShiftTemplate(name: "block-\(k)", days: days, start: start, end: (start + length * 60) % (24 * 60),
                                               minSeats: 1, maxSeats: 14, buddyRequired: Int.random(in: 0..<10, using: &rng) < 7)
        }
    }

    /// The default templates, or a few random ones: any start on the half hour, one to five
    /// hours long (past midnight too), on random weekdays, few seats.
    static func randomTemplates(_ rng: inout SplitMix) -> [Configuration.ShiftTemplate] {
        if Int.random(in: 0..<3, using: &rng) == 0 { return Configuration.default.rotation.templates }
        return (0..<Int.random(in: 1...6, using: &rng)).map { k in
            let start = Int.random(in: 0..<48, using: &rng) * 30
            let length = Int.random(in: 2...10, using: &rng) * 30
            var days = (1...7).filter { _ in Int.random(in: 0..<10, using: &rng) < 6 }
            if days.isEmpty { days = [Int.random(in: 1...7, using: &rng)] }
            let minSeats = Int.random(in: 0...2, using: &rng)
            return Configuration.ShiftTemplate(name: "random-\(k)", days: days, start: start, end: (start + length) % (24 * 60),
                                               minSeats: minSeats, maxSeats: Int.random(in: max(minSeats, 1)...6, using: &rng),
                                               buddyRequired: Bool.random(using: &rng))
        }
    }

    /// Whether `person` has room to meet their target in `month`: not away throughout, and, with
    /// rest between shifts, plenty of days with a shift in their working hours that their time
    /// off leaves free.
    func canMeetTarget(_ person: PlanPerson, _ target: Double, in month: RotaChecker.Month, checker: RotaChecker) -> Bool {
        guard target > 0, !awayThroughout.contains(person.id) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = person.timeZone
        let free = checker.shifts(in: month).filter { shift in
            shift.startsAt >= input.now && checker.withinWorkingHours(shift, person.timeZone)
                && !person.timeOff.contains(where: { $0.0 < shift.endsAt && shift.startsAt < $0.1 })
        }
        let days = Set(free.map { calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval($0.startsAt))) })
        let shortest = checker.shifts(in: month).map { Double($0.endsAt - $0.startsAt) / 3_600 }.min() ?? 1
        let needed = Int((target / shortest).rounded(.up))
        return days.count >= needed + needed / 2 + 3
    }
}

// MARK: - Changes a rebalance answers

/// Seats marked for re-planning, time off added, people gone; what must go because of it.
struct Perturbation {
    /// Seats that had to go: marked, hit by the new time off, or of someone gone.
    var mustGo: Set<SeatKey> = []
    /// The people those seats belong to.
    var people: Set<Int> = []

    /// Seats that may go with them: the others in the shifts they leave (a buddy or an agent
    /// someone needed), and other seats of everyone who may lose one (a newcomer's count, or
    /// what a month carries into the next, changes with it).
    func mayGo(in input: PlanInput) -> Set<SeatKey> {
        let shifts = Set(mustGo.map(\.shift))
        let who = people.union(neighbours(in: input))
        return Set(input.seats.filter { shifts.contains($0.shift) || who.contains($0.person) }.map(SeatKey.init))
    }

    /// Everyone seated in a shift a must-go seat leaves.
    func neighbours(in input: PlanInput) -> Set<Int> {
        let shifts = Set(mustGo.map(\.shift))
        return Set(input.seats.filter { shifts.contains($0.shift) }.map(\.person))
    }

    static func apply(to input: inout PlanInput, rng: inout SplitMix) -> Perturbation {
        var change = Perturbation()
        let future = input.seats.indices.filter { i in
            let start = input.shifts[input.seats[i].shift].startsAt
            return start >= input.now && start >= input.from && start < input.to
        }
        guard !future.isEmpty else { return change }
        // Mark a few seats for re-planning (time off recorded elsewhere hit them).
        for _ in 0..<max(1, future.count / 40) {
            let i = future[Int.random(in: 0..<future.count, using: &rng)]
            input.seats[i].conflicted = true
            change.mustGo.insert(SeatKey(input.seats[i]))
            change.people.insert(input.seats[i].person)
        }
        // Time off for a few people, over one of their future shifts.
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let seat = input.seats[future[Int.random(in: 0..<future.count, using: &rng)]]
            guard let p = input.people.firstIndex(where: { $0.id == seat.person }) else { continue }
            let start = input.shifts[seat.shift].startsAt - 3_600
            let span = (start, start + Int64(Int.random(in: 1...7, using: &rng)) * 86_400)
            input.people[p].timeOff.append(span)
            for other in input.seats where other.person == seat.person {
                let shift = input.shifts[other.shift]
                if shift.startsAt >= input.now, shift.startsAt < input.to, span.0 < shift.endsAt, shift.startsAt < span.1 {
                    change.mustGo.insert(SeatKey(other))
                }
            }
            change.people.insert(seat.person)
        }
        // A few people leave.
        for _ in 0..<Int.random(in: 1...2, using: &rng) {
            let seat = input.seats[future[Int.random(in: 0..<future.count, using: &rng)]]
            guard input.people.contains(where: { $0.id == seat.person }) else { continue }
            input.people.removeAll { $0.id == seat.person }
            for other in input.seats where other.person == seat.person {
                let start = input.shifts[other.shift].startsAt
                if start >= input.now, start < input.to { change.mustGo.insert(SeatKey(other)) }
            }
            change.people.insert(seat.person)
        }
        return change
    }
}
