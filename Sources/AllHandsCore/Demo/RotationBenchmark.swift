import Foundation
import Storage

/// What the benchmark needs to measure the planner at scale without reaching into the domain:
/// a company's people read from a database, the template shifts of a range as planner input,
/// and the planner's own re-check of a finished plan.
public enum RotationBenchmark {
    /// The active people of `database` and every template shift of `[from, to)` (none exists
    /// yet), as input for planning the whole range from scratch.
    public static func input(_ database: Database, config: Configuration, from: Int64, to: Int64) throws -> PlanInput {
        var (input, _) = try database.read { db in
            try PlanStore.load(from: from, to: to, now: from - 1, mode: .fill, config: config, in: db)
        }
        let zone = ShiftTime.companyZone(config)
        input.shifts = ShiftTemplates.slots(config.rotation.templates, from: from, to: to, timeZone: zone).map(PlanShift.init)
        input.seats = []
        return input
    }

    /// Hard rules the seats of `input` break: broken rules, missing buddies and over-full shifts
    /// (gaps and loads are not violations: they are what capacity allows).
    public static func violations(_ input: PlanInput) -> Int {
        Planner.check(input).filter { [.brokenRule, .missingBuddy, .overFull].contains($0.kind) }.count
    }

    /// Each month's hours per person as a share of their target, for the balance score.
    public static func monthlyRatios(_ input: PlanInput) -> [[Double]] {
        let state = PlannerState(input)
        return state.months.map { month in
            input.people.indices.compactMap { p in
                let target = state.target(p, in: month)
                return target > 0 ? state.hours(p, in: month) / target : nil
            }
        }
    }
}
