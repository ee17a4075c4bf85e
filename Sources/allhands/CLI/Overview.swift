import AllHandsCore

/// `allhands` with no command when no console can be shown: what is in the database.
enum Overview {
    static func print(_ session: Session) throws {
        let workspace = try session.workspace()
        let me = workspace.actor.person
        let people = try workspace.people.count()
        let active = try workspace.tickets.count(.activeQueue)
        let all = try workspace.tickets.count(TicketFilter(statuses: .all))
        Output.line("allhands · \(workspace.config.company.name) · \(session.databasePath)\(workspace.isDemo ? " (demo)" : "")")
        Output.line("You are \(me.login) (\(me.role.rawValue)\(workspace.actor.via.map { ", via \($0)" } ?? "")).")
        Output.line("\(English.count(people, "person", plural: "people")) · \(English.count(all, "ticket")), \(active) in the queue (new, open or pending)")
        if all == 0 {
            Output.line("The database is empty: load the demo company with `allhands demo`, or import your people with `allhands people import people.csv`.")
        } else {
            Output.line("See the queue with `allhands ticket list`; `allhands help` lists every command.")
        }
    }
}
