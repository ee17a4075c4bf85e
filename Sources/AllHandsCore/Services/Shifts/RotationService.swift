import Storage

/// What the console's rotation pane and status bar show about the rota: who is on shift now,
/// and the viewer's own standing ("on shift until 12:00", "next shift Tue 09:00").
public struct RotationOverview: Sendable, Equatable {
    /// Whether any shift exists at all.
    public var planned: Bool
    /// Logins on shift right now.
    public var onShiftNow: [String]
    /// When the viewer's next shift starts (UTC seconds), if they have one.
    public var myNextShift: Int64?
    /// Whether the viewer is on shift right now.
    public var meOnShift: Bool
    /// When the viewer's current shift ends (UTC seconds), while they are on one.
    public var myShiftEnds: Int64?
    /// "Your schedule changed", until the viewer dismisses it.
    public var notice: RotationNotice?
    /// The next shift on the rota (starting after now), with who is in it.
    public var nextShift: Shift?

    public init(planned: Bool, onShiftNow: [String], myNextShift: Int64?, meOnShift: Bool, myShiftEnds: Int64? = nil) {
        self.planned = planned
        self.onShiftNow = onShiftNow
        self.myNextShift = myNextShift
        self.meOnShift = meOnShift
        self.myShiftEnds = myShiftEnds
    }

    public static let unplanned = RotationOverview(planned: false, onShiftNow: [], myNextShift: nil, meOnShift: false)
}

public struct RotationService {
    let context: ServiceContext

    /// The overview at the clock's now, read in one transaction.
    public func overview() throws -> RotationOverview {
        try context.check(.viewTickets)
        return try context.read { db in
            let notice = try RotationNotices.notice(personID: context.actor.person.id, in: db)
            guard try db.fetchInt("SELECT EXISTS (SELECT 1 FROM shifts)") == 1 else {
                var overview = RotationOverview.unplanned
                overview.notice = notice
                return overview
            }
            let now = context.now
            var overview = RotationOverview(planned: true, onShiftNow: try ShiftRules.onShift(at: now, in: db),
                                            myNextShift: nil, meOnShift: false)
            overview.notice = notice
            overview.nextShift = try ShiftService.shifts(
                where: "starts_at = (SELECT min(starts_at) FROM shifts WHERE starts_at > ?)", [now], in: db).first
            switch try ShiftRules.standing(personID: context.actor.person.id, at: now, in: db) {
            case .onShift(_, let until):
                overview.meOnShift = true
                overview.myShiftEnds = until
                overview.myNextShift = try ShiftRules.nextStart(personID: context.actor.person.id, after: now, in: db)
            case .offShift(let next):
                overview.myNextShift = next
            }
            return overview
        }
    }
}
