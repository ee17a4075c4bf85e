import Foundation
import Storage

/// A plan, rebalance or check as the lead sees it: what changed and what is still wrong.
public struct PlanSummary: Sendable, Equatable {
    public var from: Int64
    public var to: Int64
    public var shiftsCreated: Int
    public var added: Int
    public var removed: Int
    /// Removals and additions of the same person (one move each).
    public var moved: Int
    /// Logins whose shifts changed, by login.
    public var affected: [String]
    public var problems: [RotationIssue]
}

/// A problem of the rota, located: the shift (id and start) or the person it is about.
public struct RotationIssue: Sendable, Equatable {
    public var kind: RotationProblem.Kind
    public var shiftID: Int?
    public var startsAt: Int64?
    public var label: String
    public var login: String?
    public var detail: String
}

/// The support lead's planning: fill a range from the templates, rebalance the future after
/// time off, departures or new hires, and explain what is wrong. Leads and admins only
/// (`manageShifts`); `check` is open to everyone.
public struct RotationPlanner {
    let context: ServiceContext

    /// The longest range one plan covers.
    public static let longestRange: Int64 = 400 * 86_400

    /// Creates the template shifts of `[from, to)` and fills them. Keeps every seat already
    /// there; never touches a shift that has started.
    public func plan(from: Int64, to: Int64) throws -> PlanSummary {
        try run(.fill, from: from, to: to)
    }

    /// Re-plans the future from `from` (not before now) to `to` (default: the last planned
    /// shift): seats that no longer hold go, the holes are filled, as few changes as possible.
    /// It works in the shifts there are; making new ones is `plan`'s.
    public func rebalance(from: Int64, to: Int64? = nil) throws -> PlanSummary {
        if let to {
            guard to > from else { throw AllHandsError.invalid("the range must end after it starts") }
            guard to > context.now else {
                throw AllHandsError.invalid("that range is over; past shifts are history and stay as they were")
            }
        }
        let start = max(from, context.now)
        let end = try to ?? context.read { db in
            try db.fetchOne("SELECT max(starts_at) FROM shifts") { $0.isNull(0) ? nil : $0.int64(0) } ?? nil
        }.map { $0 + 1 } ?? start + 92 * 86_400
        return try run(.rebalance, from: start, to: max(end, start + 1))
    }

    /// Every coverage gap, missing buddy, over-full shift, broken rule and over- or under-loaded
    /// person in `[from, to)`, with the reason. Changes nothing.
    public func check(from: Int64, to: Int64) throws -> [RotationIssue] {
        try context.check(.viewPeople)
        try checkRange(from: from, to: to)
        return try context.read { db in
            let (input, ids) = try PlanStore.load(from: from, to: to, now: context.now, mode: .fill, config: context.config, in: db)
            return issues(Planner.check(input), input: input, ids: ids)
        }
    }

    private func run(_ mode: PlanInput.Mode, from: Int64, to: Int64) throws -> PlanSummary {
        try context.check(.manageShifts)
        try checkRange(from: from, to: to)
        let now = context.now
        guard to > now else { throw AllHandsError.invalid("that range is over; past shifts are history and stay as they were") }
        return try context.write { db in
            let created = mode == .fill
                ? try PlanStore.createTemplateShifts(from: from, to: to, now: now, config: context.config, in: db) : 0
            let (input, ids) = try PlanStore.load(from: from, to: to, now: now, mode: mode, config: context.config, in: db)
            let result = Planner.plan(input)
            try PlanStore.apply(result, shiftIDs: ids, now: now, in: db)
            var logins = Dictionary(uniqueKeysWithValues: input.people.map { ($0.id, $0.login) })
            // Someone who left is not planned for, but is affected by their seats going.
            for id in result.affected where logins[id] == nil {
                logins[id] = try db.fetchOne("SELECT login FROM people WHERE id = ?", id) { $0.string(0) }
            }
            let affected = result.affected.compactMap { logins[$0] }.sorted()
            let summary = PlanSummary(from: from, to: to, shiftsCreated: created, added: result.added.count,
                                      removed: result.removed.count, moved: result.moved, affected: affected,
                                      problems: issues(result.problems, input: input, ids: ids))
            let zone = ShiftTime.companyZone(context.config)
            let span = "\(Timestamp.date(from, timeZone: zone)) to \(Timestamp.date(to - 1, timeZone: zone))"
            try context.audit(mode == .fill ? "rotation.plan" : "rotation.rebalance", entity: "rotation", id: span,
                              after: ["shifts_created": String(created), "added": String(result.added.count),
                                      "removed": String(result.removed.count), "moved": String(result.moved),
                                      "affected": affected.prefix(200).joined(separator: ",")])
            for (person, change) in Self.changesByPerson(result) {
                try RotationNotices.record(personIDs: [person], summary: "\(change) (\(mode == .fill ? "plan" : "rebalance") of \(span))",
                                           at: now, in: db)
            }
            return summary
        }
    }

    /// "2 shifts added, 1 removed" per person whose seats changed.
    static func changesByPerson(_ result: PlanResult) -> [(Int, String)] {
        var added: [Int: Int] = [:], removed: [Int: Int] = [:]
        for seat in result.added { added[seat.person, default: 0] += 1 }
        for seat in result.removed { removed[seat.person, default: 0] += 1 }
        return Set(added.keys).union(removed.keys).sorted().map { person in
            var parts: [String] = []
            if let count = added[person] { parts.append("\(English.count(count, "shift")) added") }
            if let count = removed[person] { parts.append("\(English.count(count, "shift")) removed") }
            return (person, parts.joined(separator: ", "))
        }
    }

    private func checkRange(from: Int64, to: Int64) throws {
        guard to > from else { throw AllHandsError.invalid("the range must end after it starts") }
        guard to - from <= Self.longestRange else {
            throw AllHandsError.invalid("a range covers at most \(Self.longestRange / 86_400) days")
        }
    }

    private func issues(_ problems: [RotationProblem], input: PlanInput, ids: [Int]) -> [RotationIssue] {
        problems.map { problem in
            let shift = problem.shift.map { input.shifts[$0] }
            return RotationIssue(kind: problem.kind, shiftID: problem.shift.map { ids[$0] }, startsAt: shift?.startsAt,
                                 label: shift?.template ?? "", login: problem.login, detail: problem.detail)
        }
    }
}

extension RotationPlanner {
    /// Records that `login` prefers (1) or would rather avoid (-1) shifts of `template`, or
    /// clears it (0). One's own: `takeShifts`; anyone else's: `manageShifts`.
    public func prefer(login: String, template: String, preference: Int) throws {
        try context.check(Permissions.rotationAction(subject: login, actor: context.actor.person.login))
        guard context.config.rotation.template(named: template) != nil else {
            let names = context.config.rotation.templates.map(\.name).joined(separator: ", ")
            throw AllHandsError.invalid("no shift template named '\(FieldLimits.excerpt(template))' (templates: \(names))")
        }
        guard (-1...1).contains(preference) else { throw AllHandsError.invalid("a preference is 1, -1 or 0") }
        try context.write { db in
            let person = try ShiftService.activePerson(login, in: db)
            if preference == 0 {
                try db.execute("DELETE FROM shift_preferences WHERE person_id = ? AND template = ?", person.id, template)
            } else {
                try db.execute("INSERT OR REPLACE INTO shift_preferences (person_id, template, preference) VALUES (?, ?, ?)",
                               person.id, template, preference)
            }
            try context.audit("rotation.prefer", entity: "person", id: person.login,
                              after: ["template": template, "preference": String(preference)])
        }
    }
}
