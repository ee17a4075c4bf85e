import AllHandsCore
import Foundation
import Storage

/// The planner at the scale of the bench company (issue 9): a year of the demo templates for
/// every active person, from scratch, in memory (the pure planner alone); then the same company
/// after 50 people leave, rebalanced; then a quarter planned through the service, SQL writes
/// included. The templates' seats and the team limit grow with the company (the demo's six
/// seats serve 150 people; 10,000 need about 67 times as many).
struct RotationBenchmarks {
    let path: String
    let report: Report

    func run() throws {
        let database = try Workspace.openDatabase(path: path, clock: SystemClock())
        let people = try database.read { try $0.fetchInt("SELECT count(*) FROM people WHERE active = 1") } ?? 0
        let config = Self.scaled(.default, people: people)
        let zone = ShiftTime.companyZone(config)
        let now = Int64(Date().timeIntervalSince1970)
        // The year after the demo's planned quarter, so nothing planned is in the way.
        let demoEnd = ShiftTime.month(containing: ShiftTime.month(containing: now, timeZone: zone).end, timeZone: zone).end
        let from = demoEnd
        let to = ShiftTime.month(containing: from + 365 * 86_400, timeZone: zone).start
        let input = try RotationBenchmark.input(database, config: config, from: from, to: to)

        var plan: PlanResult?
        let seconds = Measure.seconds { plan = Planner.plan(input) }
        guard let plan else { return }
        report.add("rotation", "plan a year, \(people) people, \(input.shifts.count) shifts (pure planner)", seconds * 1_000, "ms",
                   atMost: 1_000)
        report.add("rotation", "seats planned", Double(plan.seats.count), "seats")
        var planned = input
        planned.seats = plan.seats
        planned.now = from - 1
        report.add("rotation", "hard-rule violations", Double(RotationBenchmark.violations(planned)), "", atMost: 0)
        let monthly = RotationBenchmark.monthlyRatios(planned).map { Fairness.balanceScore(values: $0) }
        report.add("rotation", "balance score, worst month", monthly.min() ?? 0, "", atLeast: 0.95)
        report.add("rotation", "people under target by ≥ half a shift",
                   Double(plan.problems.filter { $0.kind == .underloaded }.count), "person-months")

        // Fifty people leave; the rest of the year is re-planned around the holes.
        var after = planned
        let leaving = Set(after.people.filter { $0.role == .employee }.prefix(25).map(\.id)
                          + after.people.filter { $0.role == .support }.prefix(25).map(\.id))
        after.people.removeAll { leaving.contains($0.id) }
        after.mode = .rebalance
        var rebalanced: PlanResult?
        let rebalanceSeconds = Measure.seconds { rebalanced = Planner.plan(after) }
        guard let rebalanced else { return }
        let theirs = plan.seats.filter { leaving.contains($0.person) }.count
        report.add("rotation", "rebalance after 50 leave (pure planner)", rebalanceSeconds * 1_000, "ms", atMost: 1_000)
        report.add("rotation", "rebalance churn: seats removed (the leavers held \(theirs))", Double(rebalanced.removed.count), "seats")
        report.add("rotation", "rebalance churn: seats added", Double(rebalanced.added.count), "seats")
        report.add("rotation", "rebalance churn: people affected", Double(rebalanced.affected.count), "people")

        // The lead's command: a quarter through the service, creating the shifts and writing the seats.
        let workspace = try Workspace(database: database, config: config, clock: SystemClock(), login: "bench")
        var summary: PlanSummary?
        let serviceSeconds = try Measure.seconds {
            summary = try workspace.planner.plan(from: from, to: ShiftTime.month(containing: from + 92 * 86_400, timeZone: zone).start)
        }
        report.add("rotation", "rotation plan, a quarter through the service (SQL, \(summary?.added ?? 0) seats written)",
                   serviceSeconds * 1_000, "ms")
    }

    /// The default config with seats and the team limit grown in proportion to the company.
    static func scaled(_ config: Configuration, people: Int) -> Configuration {
        var scaled = config
        let factor = max(1, Int((Double(people) / Double(DemoOptions.standardPeople)).rounded()))
        scaled.rotation.templates = config.rotation.templates.map { template in
            var t = template
            t.minSeats *= factor
            t.maxSeats = min(t.maxSeats * factor, ShiftService.mostSeats)
            return t
        }
        scaled.rotation.maxPerTeamPerShift *= factor
        return scaled
    }
}
