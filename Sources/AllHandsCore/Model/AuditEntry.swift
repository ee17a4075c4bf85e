/// Who changed what, when, from what to what. Written in the same transaction as the change.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int
    public var at: Int64
    /// The login the change was made as.
    public var actor: String
    /// The real login behind `actor` when someone acted with `--as`.
    public var via: String?
    /// Dotted verb, e.g. `ticket.update`, `person.create`.
    public var action: String
    public var entity: String
    public var entityID: String?
    /// JSON text of the state before and after; nil where there was none.
    public var before: String?
    public var after: String?
}
