import Foundation
import Storage

/// Who is acting: the person whose rights apply, and the real login behind them when
/// someone acts with `--as`.
public struct Actor: Sendable, Equatable {
    public let person: Person
    public let via: String?

    public init(person: Person, via: String? = nil) {
        self.person = person
        self.via = via
    }
}

/// What every service shares: the connection, the clock, the config and the actor.
final class ServiceContext {
    let db: Database
    let clock: any Clock
    let config: Configuration
    let actor: Actor

    init(db: Database, clock: any Clock, config: Configuration, actor: Actor) {
        self.db = db
        self.clock = clock
        self.config = config
        self.actor = actor
    }

    var now: Int64 { clock.epochSeconds }

    func check(_ action: Action) throws {
        try Permissions.check(actor.person.role, action)
    }

    /// Runs `body` in one write transaction; database failures surface as `AllHandsError.database`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try wrapDatabaseErrors { try db.write(body) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try wrapDatabaseErrors { try db.read(body) }
    }

    /// Records an audit entry. Must be called inside the transaction that makes the change.
    ///
    /// Every change passes here, so this is also where a demo database stops being one: a
    /// change to people, or any change a real login makes as itself (not with `--as`), is real
    /// work, and the demo's relaxed rules end with it (in the same transaction).
    func audit(_ action: String, entity: String, id: CustomStringConvertible?,
               before: [String: String?]? = nil, after: [String: String?]? = nil) throws {
        try AuditLog.record(in: db, at: now, actor: actor.person.login, via: actor.via, action: action,
                            entity: entity, entityID: id?.description, before: before, after: after)
        if action != DemoService.auditAction, entity == "person" || actor.via == nil {
            try Meta.endDemo(db)
        }
    }
}

func wrapDatabaseErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError {
        throw AllHandsError.database(error)
    }
}
