import AllHandsCore
import Foundation

/// `swap offer|take|approve|decline|withdraw|list`: giving a seat in a shift to someone else.
/// A take that would break a hard rule of the rotation is refused with the reason (exit 77);
/// a swap someone else changed first is a conflict (exit 75).
enum SwapCommands {
    static let jsonShape = "id, shift, shift_starts_at, from, to, taken_by, state, note, decided_by, created_at, version"

    static let offer = Command(
        "swap offer", "SHIFT [--to LOGIN] [--note TEXT] [--from LOGIN] [--json]",
        "Offer your seat in a shift that has not started, to one person or to anyone.",
        options: [
            "--to L       only L may take it (they must be able to: time off, rest, working hours, team limit, buddy)",
            "--note TEXT  a word for whoever takes it",
            "--from L     offer L's seat instead of yours (leads and admins)",
            "--json       the swap as JSON (as in swap list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let to = try args.option("--to"), from = try args.option("--from")
        let note = try args.option("--note") ?? ""
        let shiftID = try ShiftCommands.parseNumber(try args.required("shift ID"), "shift")
        try args.finish()
        let workspace = try session.workspace()
        let swap = try workspace.swaps.offer(shiftID: shiftID, from: from.map { TicketCommands.login($0, in: workspace) },
                                             to: to.map { TicketCommands.login($0, in: workspace) }, note: note)
        let shift = try workspace.shifts.find(id: shiftID)
        if json { return try Output.json(SwapJSON(swap, shift: shift)) }
        let whose = swap.from == workspace.actor.person.login ? "your" : "\(swap.from)'s"
        let when = ShiftCommands.span(shift, in: ShiftCommands.viewerZone(workspace))
        Output.line("Offered \(whose) seat in shift #\(shiftID) (\(when)) to \(swap.to ?? "anyone"): swap #\(swap.id)")
    }

    static let take = Command(
        "swap take", "ID [--for LOGIN] [--json]",
        "Take an offered seat; where the rotation policy asks, it moves once a lead approves.",
        options: [
            "--for L   take it for L (leads and admins)",
            "--json    the swap as JSON (as in swap list)",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let taker = try args.option("--for")
        let id = try ShiftCommands.parseNumber(try args.required("swap ID"), "swap")
        try args.finish()
        let workspace = try session.workspace()
        let swap = try workspace.swaps.take(id: id, as: taker.map { TicketCommands.login($0, in: workspace) })
        if json { return try Output.json(SwapJSON(swap, shift: try? workspace.shifts.find(id: swap.shiftID))) }
        let who = swap.takenBy == workspace.actor.person.login ? "yours" : "\(swap.takenBy ?? "theirs")'s"
        Output.line(swap.state == .taken
                    ? "Took swap #\(id): shift #\(swap.shiftID) is \(who) once a lead approves"
                    : "Took swap #\(id): shift #\(swap.shiftID) is \(who) now")
    }

    static let approve = Command(
        "swap approve", "ID [--json]", "Approve a taken swap: the seat moves (leads and admins).",
        options: ["--json   the swap as JSON (as in swap list)"]
    ) { args, session in
        try decide(&args, session) { workspace, id in
            let swap = try workspace.swaps.approve(id: id)
            return (swap, "Approved swap #\(id): shift #\(swap.shiftID) moved from \(swap.from) to \(swap.takenBy ?? "-")")
        }
    }

    static let decline = Command(
        "swap decline", "ID [--json]", "Decline an open or taken swap: nobody's seat moves (leads and admins).",
        options: ["--json   the swap as JSON (as in swap list)"]
    ) { args, session in
        try decide(&args, session) { workspace, id in
            let swap = try workspace.swaps.decline(id: id)
            return (swap, "Declined swap #\(id): shift #\(swap.shiftID) stays with \(swap.from)")
        }
    }

    static let withdraw = Command(
        "swap withdraw", "ID [--json]", "Take back your offer while it is open or awaiting a lead.",
        options: ["--json   the swap as JSON (as in swap list)"]
    ) { args, session in
        try decide(&args, session) { workspace, id in
            let swap = try workspace.swaps.withdraw(id: id)
            return (swap, "Withdrew swap #\(id): shift #\(swap.shiftID) stays with \(swap.from)")
        }
    }

    static let list = Command(
        "swap list", "[--all] [--json]",
        "List the swaps still open or awaiting a lead (with --all every swap), oldest first.",
        options: [
            "--all    finished ones too: approved, declined, expired, withdrawn",
            "--json   JSON array: \(jsonShape)",
        ],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let all = args.flag("--all")
        try args.finish()
        let workspace = try session.workspace()
        let swaps = try workspace.swaps.list(all: all)
        var shifts: [Int: Shift] = [:]
        for id in Set(swaps.map(\.shiftID)) { shifts[id] = try? workspace.shifts.find(id: id) }
        if json { return try Output.json(swaps.map { SwapJSON($0, shift: shifts[$0.shiftID]) }) }
        guard !swaps.isEmpty else { return Output.line(all ? "No swaps." : "No swaps open or awaiting a lead.") }
        let viewer = ShiftCommands.viewerZone(workspace)
        var table = Table("ID", "SHIFT", "WHEN", "FROM", "TO", "STATE", "NOTE", rightAligned: [0, 1])
        for swap in swaps {
            table.add(String(swap.id), "#\(swap.shiftID)", shifts[swap.shiftID].map { ShiftCommands.span($0, in: viewer) } ?? "-",
                      swap.from, swap.to ?? "anyone", state(swap), swap.note)
        }
        table.print()
    }

    /// Runs a lead's or offerer's decision on swap ID and prints its line (or the swap as JSON).
    private static func decide(_ args: inout Arguments, _ session: Session,
                               _ body: (Workspace, Int) throws -> (SwapRequest, String)) throws {
        let json = args.flag("--json")
        let id = try ShiftCommands.parseNumber(try args.required("swap ID"), "swap")
        try args.finish()
        let workspace = try session.workspace()
        let (swap, line) = try body(workspace, id)
        if json { return try Output.json(SwapJSON(swap, shift: try? workspace.shifts.find(id: swap.shiftID))) }
        Output.line(line)
    }

    /// `taken by emil`, `approved by lena`, `open`…
    static func state(_ swap: SwapRequest) -> String {
        switch swap.state {
        case .taken: return "taken by \(swap.takenBy ?? "-"), awaiting a lead"
        case .approved: return "moved to \(swap.takenBy ?? "-")" + (swap.decidedBy.map { ", approved by \($0)" } ?? "")
        case .declined, .withdrawn: return swap.state.rawValue + (swap.decidedBy.map { " by \($0)" } ?? "")
        case .open, .expired: return swap.state.rawValue
        }
    }
}

struct SwapJSON: Encodable {
    let id, shift, version: Int
    let from, state, note, created_at: String
    let to, taken_by, decided_by, shift_starts_at: String?

    init(_ s: SwapRequest, shift found: Shift?) {
        id = s.id; shift = s.shiftID; version = s.version; from = s.from; state = s.state.rawValue; note = s.note
        created_at = Timestamp.iso8601(s.createdAt); to = s.to; taken_by = s.takenBy; decided_by = s.decidedBy
        shift_starts_at = found.map { Timestamp.iso8601($0.startsAt) }
    }
}
