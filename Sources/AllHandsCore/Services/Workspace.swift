import Foundation
import Storage

/// An open allhands database with a resolved actor: the one entry point of the domain API that
/// the CLI and the console both drive.
public final class Workspace {
    public let database: Database
    public let config: Configuration
    public let clock: any Clock
    public let actor: Actor
    let context: ServiceContext

    public var people: PeopleService { PeopleService(context: context) }
    public var tickets: TicketService { TicketService(context: context) }
    public var tags: TagService { TagService(context: context) }
    public var audit: AuditLog { AuditLog(context: context) }
    public var demo: DemoService { DemoService(context: context) }
    public var rotation: RotationService { RotationService(context: context) }
    public var shifts: ShiftService { ShiftService(context: context) }
    public var planner: RotationPlanner { RotationPlanner(context: context) }
    public var rotationExport: RotationExport { RotationExport(context: context) }
    public var goodwill: GoodwillService { GoodwillService(context: context) }
    public var boundaries: BoundaryService { BoundaryService(context: context) }
    public var presence: PresenceService { PresenceService(context: context) }
    public var search: SearchService { SearchService(context: context) }
    public var timeOff: TimeOffService { TimeOffService(context: context) }
    public var swaps: SwapService { SwapService(context: context) }
    // Walk-a-mile follow-ups: call-downs, check-ins, action items.
    public var calldowns: CallDownService { CallDownService(context: context) }
    public var checkins: CheckInService { CheckInService(context: context) }
    public var actionItems: ActionItemService { ActionItemService(context: context) }
    // Walk-a-mile: listening.
    public var listening: ListeningService { ListeningService(context: context) }
    public var insights: InsightService { InsightService(context: context) }
    // Reports (issue 11).
    public var reports: ReportService { ReportService(context: context) }

    /// Opens and, only when needed, migrates the database at `path`. A missing file is created
    /// private, or with `create: false` reported as `missing` with nothing created. A symbolic
    /// link, a non-regular file, a file that is not an SQLite database, another program's
    /// database, or one from a newer allhands is refused untouched. An up-to-date database opens
    /// without taking the write lock.
    public static func openDatabase(path: String, clock: any Clock, create: Bool = true) throws -> Database {
        try wrapDatabaseErrors { try Schema.migrator.open(path: path, now: clock.epochSeconds, create: create) }
    }

    /// Resolves who is acting and opens the services for them.
    ///
    /// - The OS `login` is the identity. On a database with no people yet, it becomes the admin.
    /// - `actAs` switches to another person: allowed for admins and on demo databases, and audited.
    public init(database: Database, config: Configuration, clock: any Clock, login: String, actAs: String? = nil) throws {
        self.database = database
        self.config = config
        self.clock = clock
        let actor = try Self.resolveActor(database: database, clock: clock, config: config, login: login, actAs: actAs)
        self.actor = actor
        self.context = ServiceContext(db: database, clock: clock, config: config, actor: actor)
    }

    /// Where the database lives, for telling the user.
    public var databasePath: String { database.path }

    /// The same database and person opened anew: after the demo generator replaced who is in it.
    public func reopened() throws -> Workspace {
        try Workspace(database: database, config: config, clock: clock, login: actor.via ?? actor.person.login)
    }

    /// Seconds between two checkpoints of this process's own commits when nothing else is due.
    public static let maintenanceSeconds = 2.0

    /// Housekeeping for a moment when nobody waits (the console's idle tick, the end of a CLI
    /// command): folds the WAL back into the database file when this process committed since
    /// the last time, at most every `maintenanceSeconds` (right away when `promptly`), or when
    /// the WAL has grown large. It never waits for another process and never fails: what cannot
    /// run now runs next time. Commits no checkpoint has reached yet would be lost to a power
    /// loss (never to a crash of allhands); see `Storage.WALState`. True when a checkpoint ran.
    @discardableResult
    public func maintain(promptly: Bool = false) -> Bool {
        database.checkpointIfDue(minimumInterval: promptly ? 0 : Self.maintenanceSeconds)
    }

    /// True when the database holds nothing yet but the person who opened it.
    public var isEmpty: Bool {
        (try? database.read { try DemoService.isEmpty($0) }) ?? false
    }

    public var isDemo: Bool {
        (try? database.read { try Meta.isDemo($0) }) ?? false
    }

    /// Who is acting, decided in a read transaction so that opening never waits for a writer.
    /// Only a brand-new database, whose first login becomes its admin, takes the write lock.
    static func resolveActor(database: Database, clock: any Clock, config: Configuration, login: String,
                             actAs: String?) throws -> Actor {
        try wrapDatabaseErrors {
            if let actor = try database.read({ db in try actor(in: db, login: login, actAs: actAs) }) {
                return actor
            }
            return try database.write { db in
                if try !PeopleService.anyone(in: db) {
                    let admin = Person(login: login, name: login, role: .admin)
                    let bootstrap = ServiceContext(db: db, clock: clock, config: config, actor: Actor(person: admin))
                    _ = try PeopleService.insert(admin, in: db, context: bootstrap)
                }
                guard let actor = try actor(in: db, login: login, actAs: actAs) else {
                    throw AllHandsError.notAMember(login: login)
                }
                return actor
            }
        }
    }

    /// The actor for `login` (and `actAs`), or nil when the database has nobody yet.
    ///
    /// Acting as someone else is for admins, and on a demo database for anyone, as people the
    /// demo generator made. Nothing is written: every change made this way is audited with the
    /// real login in `via`.
    private static func actor(in db: Database, login: String, actAs: String?) throws -> Actor? {
        guard let me = try PeopleService.find(login: login, in: db), me.active else {
            if try !PeopleService.anyone(in: db) { return nil }
            throw AllHandsError.notAMember(login: login)
        }
        guard let target = actAs, target != login else { return Actor(person: me) }
        guard let other = try PeopleService.find(login: target, in: db), other.active else {
            if !Permissions.allows(me.role, .actAsOthers), try !Meta.isDemo(db) {
                throw AllHandsError.notPermitted(action: Action.actAsOthers.rawValue, role: me.role)
            }
            throw AllHandsError.notFound(what: "person '\(target)' to act as")
        }
        if !Permissions.allows(me.role, .actAsOthers), try !Meta.isDemoPerson(other, in: db) {
            throw AllHandsError.notPermitted(action: Action.actAsOthers.rawValue, role: me.role)
        }
        return Actor(person: other, via: me.login)
    }
}

/// The operating-system login of the process: allhands' notion of who you are. It comes from
/// the password database for the real user id only, never from `USER`, `LOGNAME` or `HOME`,
/// which anyone can set.
public enum OSIdentity {
    public static func currentLogin() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let login = String(cString: name)
        return login.isEmpty ? nil : login
    }

    /// The real user's home folder, from the password database (never `HOME`).
    public static func homeFolder() -> String? {
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        let home = String(cString: dir)
        return home.isEmpty ? nil : home
    }

    /// The real user id, for the message when it has no name.
    public static var userID: UInt32 { UInt32(getuid()) }
}
