import AllHandsCore
import TerminalUI

/// What the calendar flags on a shift, worst first: each with the word the calendar writes, a
/// one-column mark for the month grid, and the style role it is drawn in (so a monochrome
/// terminal still tells them apart by the word and the mark).
enum ShiftProblem: Int, CaseIterable, Comparable, Sendable {
    /// Someone in it must be re-planned (time off hit the shift) until a rebalance.
    case conflict
    /// Fewer people seated than the shift's minimum.
    case gap
    /// It needs a support buddy and has none (`RotationRules.missingBuddy`).
    case missingBuddy
    /// More people seated than the shift's maximum.
    case overFull

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    var word: String {
        switch self {
        case .conflict: "re-plan"
        case .gap: "gap"
        case .missingBuddy: "no buddy"
        case .overFull: "over max"
        }
    }

    var mark: String {
        switch self {
        case .conflict: "×"
        case .gap: "!"
        case .missingBuddy: "?"
        case .overFull: "+"
        }
    }

    var role: StyleRole {
        switch self {
        case .conflict: .overdue
        case .gap: .gap
        case .missingBuddy: .warning
        case .overFull: .approaching
        }
    }

    /// What is wrong with `shift`, worst first. `role` gives a seated person's role (a login it
    /// does not know counts as an employee, who needs a buddy).
    static func of(_ shift: Shift, role: (String) -> Role?) -> [ShiftProblem] {
        var problems: [ShiftProblem] = []
        if shift.assignments.contains(where: { $0.conflict != nil }) { problems.append(.conflict) }
        if shift.seated < shift.minSeats { problems.append(.gap) }
        let seated = shift.assignments.filter { $0.role != .listener }.map { role($0.login) ?? .employee }
        let needsBuddy = shift.buddyRequired || shift.assignments.contains { $0.pairedWith != nil }
        if RotationRules.missingBuddy(required: needsBuddy, roles: seated) != nil { problems.append(.missingBuddy) }
        if shift.seated > shift.maxSeats { problems.append(.overFull) }
        return problems
    }
}
