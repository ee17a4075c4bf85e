/// What a person does in allhands. Everyone takes support shifts; the role says what else they may do.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Anyone in the company taking their turn on the queue.
    case employee
    /// Full-time support staff: work tickets any time, act as buddies.
    case support
    /// Support lead: owns the rotation and the taxonomy.
    case lead
    /// Executive doing walk-a-mile listening; also takes shifts.
    case exec
    /// Manages people and the database.
    case admin
}
