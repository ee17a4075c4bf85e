import Storage

/// What the console's rotation pane shows about the support rota. The rotation itself (shifts,
/// assignments, fairness) arrives with its own migration; until then the database has no
/// `shifts` table and the overview says no rotation is planned.
public struct RotationOverview: Sendable, Equatable {
    /// Whether any shift exists at all.
    public var planned: Bool
    /// Logins on shift right now.
    public var onShiftNow: [String]
    /// When the viewer's next shift starts (UTC seconds), if they have one.
    public var myNextShift: Int64?
    /// Whether the viewer is on shift right now.
    public var meOnShift: Bool

    public static let unplanned = RotationOverview(planned: false, onShiftNow: [], myNextShift: nil, meOnShift: false)
}

public struct RotationService {
    let context: ServiceContext

    public func overview() throws -> RotationOverview {
        try context.check(.viewTickets)
        return try context.read { db in
            let hasTable = try db.fetchInt(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'shifts')") == 1
            guard hasTable, try db.fetchInt("SELECT EXISTS (SELECT 1 FROM shifts)") == 1 else { return .unplanned }
            return RotationOverview(planned: true, onShiftNow: [], myNextShift: nil, meOnShift: false)
        }
    }
}
