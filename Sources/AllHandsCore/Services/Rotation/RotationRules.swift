import Foundation

/// The hard rules of the rotation as pure predicates, each with the reason a person would be
/// refused. The planner, swaps, manual assignments and `rotation check` all ask these, so a
/// rule has one definition and one wording.
public enum RotationRules {
    /// Why `[startsAt, endsAt)` falls outside a person's working hours in their own zone, or nil.
    /// The whole shift must lie within one local day's window (nobody is planned at 3 a.m. their time).
    public static func outsideWorkingHours(startsAt: Int64, endsAt: Int64, timeZone: TimeZone,
                                           window: Configuration.WorkingHours) -> String? {
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(startsAt))))
        let localStart = ((startsAt + offset) % 86_400 + 86_400) % 86_400 / 60
        let localEnd = localStart + (endsAt - startsAt + 59) / 60
        if localStart >= Int64(window.from), localEnd <= Int64(window.to) { return nil }
        return "outside their working hours (\(clock(window.from))–\(clock(window.to)) \(timeZone.identifier); "
            + "this shift is \(clock(Int(localStart)))–\(clock(Int(localEnd % (24 * 60)))) there)"
    }

    /// Why a shift clashes with one of the person's other shifts (overlap, or less rest than
    /// `minRest` seconds between them), or nil. `others` are `[start, end)` pairs.
    public static func clash(startsAt: Int64, endsAt: Int64, others: [(Int64, Int64)], minRest: Int64) -> String? {
        for other in others {
            if tooClose((startsAt, endsAt), other, rest: 0) { return "already in an overlapping shift" }
            if tooClose((startsAt, endsAt), other, rest: minRest) {
                return "less than \(minRest / 3_600) hours of rest from another of their shifts"
            }
        }
        return nil
    }

    /// Whether two `[start, end)` spans overlap or come within `rest` seconds of each other.
    @inline(__always)
    public static func tooClose(_ a: (Int64, Int64), _ b: (Int64, Int64), rest: Int64) -> Bool {
        b.0 < a.1 + rest && a.0 < b.1 + rest
    }

    /// Why time off rules the shift out, or nil.
    public static func away(startsAt: Int64, endsAt: Int64, timeOff: [(Int64, Int64)]) -> String? {
        timeOff.contains { $0.0 < endsAt && startsAt < $0.1 } ? "on time off" : nil
    }

    /// Why one more of `team` would break the team limit (never empty a team at once), given
    /// how many of it who are not support staff sit there already. Support staff are exempt:
    /// support is their work.
    public static func teamFull(role: Role, team: String, seatedOfTeam: Int, limit: Int) -> String? {
        guard !canBuddy(role), !team.isEmpty, seatedOfTeam >= limit else { return nil }
        return "\(English.count(limit, "person", plural: "people")) of team \(team) are in it already"
    }

    /// Why a shift lacks the buddy it needs: it requires one (or seats a newcomer) and has
    /// someone who is not support staff but no support person. `roles` are the seated people's.
    public static func missingBuddy(required: Bool, roles: [Role]) -> String? {
        guard required, roles.contains(where: { !canBuddy($0) }), !roles.contains(where: canBuddy) else { return nil }
        return "no support buddy for the people who are not support staff"
    }

    /// Whether someone in a shift needs a support buddy there: anyone but support staff, where
    /// the shift requires one or they are still new (their first `newcomerBuddyShifts`).
    public static func needsBuddy(_ role: Role, shiftRequires: Bool, newcomer: @autoclosure () -> Bool) -> Bool {
        !canBuddy(role) && (shiftRequires || newcomer())
    }

    /// Whether a person who has sat `shiftsBefore` shifts is still new to the rota.
    public static func isNewcomer(shiftsBefore: Int, policy: Configuration.Rotation) -> Bool {
        shiftsBefore < policy.newcomerBuddyShifts
    }

    /// Why a listener may not join a shift where `seated` people work: there is nobody to listen to.
    public static func nobodyToListenTo(seated: Int) -> String? {
        seated > 0 ? nil : "nobody works this shift to listen to"
    }

    /// Why `role` may not take a listening seat: on the rota, listening (walk-a-mile) is the
    /// executives' part; anyone else sits a shift to work it.
    public static func notAListener(_ role: Role) -> String? {
        role == .exec ? nil : "listening seats on the rota are for executives"
    }

    /// Support staff and leads can be buddies; everyone else needs one where the shift asks.
    public static func canBuddy(_ role: Role) -> Bool { role == .support || role == .lead }

    static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
