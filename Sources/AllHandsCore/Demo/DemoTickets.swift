import Foundation
import Storage

/// Generates the demo tickets with their threads and tags, oldest first so ids follow arrival.
///
/// A ticket's status follows its age (today's tickets are mostly new or open, last month's are
/// solved or closed, a few old ones linger), and its thread fits its status: a pending ticket
/// ends with the agent asking the customer something, a solved one with the resolution.
///
/// Each ticket draws from a random stream of its own (the seed and its number), so no ticket's
/// content depends on another's draws. Within a ticket, everything that does not depend on its
/// age (scenario, requester, priority, the opening message's details, tags) is drawn first; only
/// the status, the assignee and the rest of the thread follow from when, relative to the as-of
/// instant, the ticket arrived.
struct DemoTickets {
    let count: Int
    let seed: UInt64
    let now: Int64
    let days: Int
    let timeZone: TimeZone
    /// Member ids on shift at the as-of instant: they hold some of the day's open tickets.
    var onShift: [Int] = []

    /// The newest tickets, up to this many and under a week old, mostly still wait unassigned
    /// in the queue: whatever the hour of the week, a shift finds work waiting.
    static let backlog = 32

    private enum Author { case customer, agent }

    /// Tag ids the tickets are labelled with, resolved before generation starts.
    struct TagIDs {
        /// Per scenario: its area tag and its type tag.
        var scenarios: [(area: Int, type: Int)]
        var free: [String: Int]

        init(company: inout DemoCompany, now: Int64, in db: Database) throws {
            scenarios = try DemoScripts.scenarios.map {
                (try company.tagID($0.area, now: now, in: db), try company.tagID($0.type, now: now, in: db))
            }
            free = [:]
            for name in DemoNames.freeTags { free[name] = try company.tagID(name, now: now, in: db) }
        }
    }

    /// Generates every ticket into `sink`, oldest first.
    func generate<Sink: DemoSink>(company: DemoCompany, tags: TagIDs, into sink: inout Sink) throws {
        var arrivals = DemoArrivals(now: now, days: days, count: count, timeZone: timeZone)
        let scenarios = DemoScripts.scenarios
        let everyone = company.members
        let support = company.supportIDs.isEmpty ? everyone.map(\.id) : company.supportIDs
        var firstNames = [String](repeating: "", count: everyone.count + 1)
        for member in everyone where member.id < firstNames.count { firstNames[member.id] = member.firstName }
        var fill = DemoFill()
        var freeTags: [Int] = []

        for index in 0..<count {
            let id = index + 1
            var rng = DemoStream.ticket.random(id, seed: seed)
            // What the ticket is about: the same whatever the as-of instant.
            let jitter = rng.unit()
            let scenarioIndex = rng.below(scenarios.count)
            let scenario = scenarios[scenarioIndex]
            let requester = rng.below(company.clients.count)
            let client = company.clients[requester]
            let priority = Self.priority(severe: scenario.severe, rng: &rng)
            fill.customer = client.firstName
            fill.org = client.org
            fill.app = rng.pick(DemoNames.apps)
            fill.n = String(2 + rng.below(38))
            fill.invoice = "INV-\(20_000 + rng.below(80_000))"
            fill.day = rng.pick(DemoNames.weekdays)
            fill.version = rng.pick(DemoNames.versions)
            let pair = tags.scenarios[scenarioIndex]
            freeTags.removeAll(keepingCapacity: true)
            for (name, p) in Self.freeTagOdds(scenario: scenario, priority: priority) where rng.chance(p) {
                if let tag = tags.free[name], tag != pair.area, tag != pair.type { freeTags.append(tag) }
            }

            // Where it stands: follows from its age at the as-of instant.
            let created = min(arrivals.time(of: index, jitter: jitter), now - 60)
            let age = now - created
            let waiting = count - index <= Self.backlog && age < 7 * 86_400 && rng.chance(0.9)
            let status = waiting ? .new : Self.status(age: age, rng: &rng)
            var assignee: Int?
            if !waiting, status != .new || rng.chance(0.1) {
                assignee = rng.chance(0.6) ? rng.pick(support) : everyone[rng.below(everyone.count)].id
                if status.isActive, age < 86_400, !onShift.isEmpty, rng.chance(0.5) { assignee = rng.pick(onShift) }
            }
            let agentID = assignee ?? rng.pick(support)
            fill.agent = agentID < firstNames.count ? firstNames[agentID] : ""

            // The thread: at most six messages, each some minutes to hours after the last.
            var at = created
            var messages = 0
            var firstResponse: Int64?
            func post(_ kind: MessageKind, _ template: DemoTemplate, _ author: Author) throws {
                guard messages < 6 else { return }
                if messages > 0 { at = min(at + 600 + Int64(rng.below(20 * 3_600)), now - 30) }
                at = max(at, created)
                if kind == .reply, firstResponse == nil { firstResponse = at }
                try sink.message(ticket: id, kind: kind, person: author == .agent ? agentID : nil,
                                 customer: author == .customer ? requester + 1 : nil,
                                 body: template.render(fill), at: at)
                messages += 1
            }
            try post(.customer, scenario.opening, .customer)
            let replies = DemoScripts.replies[scenario.type] ?? DemoScripts.resolutions
            let billing = scenario.area == "billing"
            let notes = billing ? DemoScripts.allBillingNotes : DemoScripts.notes
            let resolutions = billing ? DemoScripts.allBillingResolutions : DemoScripts.resolutions
            switch status {
            case .new:
                if rng.chance(0.15) { try post(.customer, rng.pick(DemoScripts.followUps), .customer) }
            case .open:
                if rng.chance(0.3) { try post(.note, rng.pick(notes), .agent) }
                try post(.reply, rng.pick(replies), .agent)
                if rng.chance(0.6) { try post(.customer, rng.pick(DemoScripts.followUps), .customer) }
            case .pending:
                if rng.chance(0.5) { try post(.reply, rng.pick(replies), .agent) }
                if rng.chance(0.3) { try post(.note, rng.pick(notes), .agent) }
                try post(.reply, rng.pick(DemoScripts.questions), .agent)
            case .solved, .closed:
                // Many tickets are solved in one answer; the rest go back and forth first.
                if rng.chance(0.5) {
                    try post(.reply, rng.pick(replies), .agent)
                    if rng.chance(0.6) {
                        try post(.customer, rng.pick(DemoScripts.followUps), .customer)
                        if rng.chance(0.4) { try post(.note, rng.pick(notes), .agent) }
                    }
                }
                try post(.reply, rng.pick(resolutions), .agent)
                if rng.chance(0.3) { try post(.customer, rng.pick(DemoScripts.thanks), .customer) }
            }

            try sink.ticket(id: id, subject: scenario.subject.render(fill), status: status, priority: priority,
                            requester: requester + 1, assignee: assignee, created: created, updated: at,
                            firstResponse: firstResponse, solved: status == .solved || status == .closed ? at : nil)

            // Tags: the scenario's area and type, and now and then a free tag, put on by whoever
            // first answered (or at arrival, by the triage, when nobody has yet).
            let tagged = firstResponse ?? created
            try sink.tag(ticket: id, tag: pair.area, at: tagged, by: assignee)
            if pair.type != pair.area { try sink.tag(ticket: id, tag: pair.type, at: tagged, by: assignee) }
            for tag in freeTags { try sink.tag(ticket: id, tag: tag, at: tagged, by: assignee) }
        }
    }

    private static func freeTagOdds(scenario: DemoScenario, priority: Priority) -> KeyValuePairs<String, Double> {
        [
            "vip": 0.04,
            "enterprise": 0.08,
            "churn-risk": scenario.severe ? 0.08 : 0.02,
            "refund": scenario.area == "billing" && scenario.type == "bug" ? 0.5 : 0,
            "escalated": priority == .urgent ? 0.4 : priority == .high ? 0.08 : 0,
        ]
    }

    /// Status by age: fresh tickets are new or open, older ones mostly solved or closed.
    static func status(age: Int64, rng: inout SeededRandom) -> TicketStatus {
        let days = Double(age) / 86_400
        let odds: [(TicketStatus, Double)]
        switch days {
        case ..<1: odds = [(.new, 0.55), (.open, 0.35), (.pending, 0.10)]
        case ..<3: odds = [(.new, 0.12), (.open, 0.45), (.pending, 0.25), (.solved, 0.18)]
        case ..<7: odds = [(.new, 0.03), (.open, 0.22), (.pending, 0.20), (.solved, 0.55)]
        case ..<14: odds = [(.open, 0.08), (.pending, 0.07), (.solved, 0.55), (.closed, 0.30)]
        default: odds = [(.open, 0.015), (.pending, 0.015), (.solved, 0.07), (.closed, 0.90)]
        }
        return weighted(odds, rng: &rng)
    }

    /// About 4% urgent, 18% high, 58% normal, 20% low; severe scenarios lean urgent.
    static func priority(severe: Bool, rng: inout SeededRandom) -> Priority {
        severe ? weighted([(.urgent, 0.25), (.high, 0.45), (.normal, 0.30)], rng: &rng)
            : weighted([(.urgent, 0.02), (.high, 0.15), (.normal, 0.62), (.low, 0.21)], rng: &rng)
    }

    private static func weighted<T>(_ odds: [(T, Double)], rng: inout SeededRandom) -> T {
        var roll = rng.unit()
        for (value, p) in odds {
            if roll < p { return value }
            roll -= p
        }
        return odds[odds.count - 1].0
    }
}
