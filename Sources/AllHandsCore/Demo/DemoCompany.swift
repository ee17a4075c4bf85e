import Foundation
import Storage

/// Writes the demo company's people, customers and tags. Deterministic: the same seed, as-of and
/// admin give the same rows; each person and customer draws from a random stream of its own.
struct DemoCompany {
    struct Member {
        let id: Int
        let firstName: String
        let login: String
        let role: Role
        let team: String
        /// IANA zone: the demo rota seats people in shifts that fall in their own working hours.
        let timeZone: String
    }

    struct Client {
        let firstName: String
        let org: String
    }

    private(set) var members: [Member] = []
    /// Support agents and leads: who most tickets are assigned to.
    private(set) var supportIDs: [Int] = []
    private(set) var clients: [Client] = []
    private(set) var tagIDs: [String: Int] = [:]
    /// The people `demo` suggests trying: the first of each role.
    var samples: [Role: Member] {
        var first: [Role: Member] = [:]
        for member in members where first[member.role] == nil { first[member.role] = member }
        return first
    }

    /// People: the admin (whoever ran the demo) first, then the company team by team.
    mutating func writePeople(_ count: Int, admin: Person, now: Int64, companyDomain: String,
                              seed: UInt64, in db: Database) throws {
        let insert = try db.statement("""
            INSERT INTO people (id, login, name, email, team, role, timezone, active, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
            """)
        var logins: Set<String> = [admin.login]
        func add(_ login: String, _ name: String, _ first: String, _ team: String, _ role: Role, _ zone: String) throws {
            let id = members.count + 1
            insert.bind(id, at: 1)
            insert.bind(login, at: 2)
            insert.bind(name, at: 3)
            insert.bind("\(login)@\(companyDomain)", at: 4)
            insert.bind(team, at: 5)
            insert.bind(role.rawValue, at: 6)
            insert.bind(zone, at: 7)
            insert.bind(now, at: 8)
            try insert.run()
            members.append(Member(id: id, firstName: first, login: login, role: role, team: team, timeZone: zone))
            if role == .support || role == .lead { supportIDs.append(id) }
        }
        // The person who loads the demo keeps their own time zone: it is how they read every time.
        try add(admin.login, admin.name, admin.name, admin.team.isEmpty ? "operations" : admin.team, .admin, admin.timeZone)

        let others = max(count - 1, 0)
        let totalShare = DemoNames.teams.reduce(0) { $0 + $1.share }
        var assigned = 0
        for (index, team) in DemoNames.teams.enumerated() {
            let size = index == DemoNames.teams.count - 1
                ? others - assigned : (others * team.share + totalShare / 2) / totalShare
            for member in 0..<max(size, 0) {
                var rng = DemoStream.person.random(members.count + 1, seed: seed)
                let first = rng.pick(DemoNames.firstNames), last = rng.pick(DemoNames.lastNames)
                let base = (first.prefix(1) + last).lowercased()
                var login = base, suffix = 2
                while logins.contains(login) { login = "\(base)\(suffix)"; suffix += 1 }
                logins.insert(login)
                // One support person in six leads the rotation.
                let role: Role = team.role == .support && member % 6 == 0 ? .lead : team.role
                try add(login, "\(first) \(last)", first, team.name, role, rng.pick(team.timeZones))
            }
            assigned += max(size, 0)
        }
    }

    /// Customers spread over organisations, several people per organisation.
    mutating func writeCustomers(_ count: Int, now: Int64, seed: UInt64, in db: Database) throws {
        let insert = try db.statement(
            "INSERT INTO customers (id, name, email, organization, created_at) VALUES (?, ?, ?, ?, ?)")
        let orgCount = min(DemoNames.orgPrefixes.count * DemoNames.orgSuffixes.count, max(count / 3, 1))
        var emails: Set<String> = []
        clients.reserveCapacity(count)
        for id in 1...max(count, 1) {
            var rng = DemoStream.customer.random(id, seed: seed)
            let orgIndex = rng.below(orgCount)
            let org = DemoNames.orgPrefixes[orgIndex % DemoNames.orgPrefixes.count] + " "
                + DemoNames.orgSuffixes[(orgIndex / DemoNames.orgPrefixes.count) % DemoNames.orgSuffixes.count]
            let first = rng.pick(DemoNames.firstNames), last = rng.pick(DemoNames.lastNames)
            let domain = org.lowercased().replacingOccurrences(of: " ", with: "") + ".com"
            let local = "\(first).\(last)".lowercased()
            var email = "\(local)@\(domain)", suffix = 2
            while emails.contains(email) { email = "\(local)\(suffix)@\(domain)"; suffix += 1 }
            emails.insert(email)
            insert.bind(id, at: 1)
            insert.bind("\(first) \(last)", at: 2)
            insert.bind(email, at: 3)
            insert.bind(org, at: 4)
            insert.bind(now, at: 5)
            try insert.run()
            clients.append(Client(firstName: first, org: org))
        }
    }

    /// The taxonomy's tags, then the free tags teams add by hand.
    mutating func writeTags(taxonomy: Configuration.Taxonomy, now: Int64, in db: Database) throws {
        let insert = try db.statement("INSERT INTO tags (id, name, dimension, created_at) VALUES (?, ?, ?, ?)")
        var entries: [(String, String?)] = taxonomy.dimensions.flatMap { d in d.tags.map { ($0, Optional(d.name)) } }
        entries += DemoNames.freeTags.filter { taxonomy.dimension(ofTag: $0) == nil }.map { ($0, nil) }
        for (name, dimension) in entries where tagIDs[name] == nil {
            let id = tagIDs.count + 1
            insert.bind(id, at: 1)
            insert.bind(name, at: 2)
            if let dimension { insert.bind(dimension, at: 3) } else { insert.bindNull(at: 3) }
            insert.bind(now, at: 4)
            try insert.run()
            tagIDs[name] = id
        }
    }

    /// Writes the people, customers, tags and rota of a demo and returns them with the ticket
    /// generator for `options`: everything `allhands demo` and the benchmark share.
    static func build(_ options: DemoOptions, admin: Person, config: Configuration, now: Int64,
                      in db: Database) throws -> (DemoCompany, DemoTickets.TagIDs, DemoTickets) {
        var company = DemoCompany()
        let domain = config.company.name.lowercased().filter { $0.isLetter || $0.isNumber } + ".com"
        try company.writePeople(options.people, admin: admin, now: now, companyDomain: domain, seed: options.seed, in: db)
        try company.writeCustomers(options.customers, now: now, seed: options.seed, in: db)
        try company.writeTags(taxonomy: config.taxonomy, now: now, in: db)
        let tags = try DemoTickets.TagIDs(company: &company, now: now, in: db)
        let zone = ShiftTime.companyZone(config)
        let rota = try DemoRota(company: company, asOf: now, config: config, in: db)
        var tickets = DemoTickets(count: options.tickets, seed: options.seed, now: now, days: options.days, timeZone: zone)
        tickets.onShift = rota.onShiftAtAsOf
        return (company, tags, tickets)
    }

    /// A tag's id, creating it as a free tag if the configured taxonomy lacks it (a company
    /// that renamed its areas still gets a tagged demo).
    mutating func tagID(_ name: String, now: Int64, in db: Database) throws -> Int {
        if let id = tagIDs[name] { return id }
        let id = tagIDs.count + 1
        try db.execute("INSERT INTO tags (id, name, dimension, created_at) VALUES (?, ?, NULL, ?)", id, name, now)
        tagIDs[name] = id
        return id
    }
}
