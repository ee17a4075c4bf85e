import AllHandsConsole
import AllHandsCore
import Foundation
import TerminalUI

/// Key press → frame for the keys that change a ticket (issue 8: claim, tag, status change,
/// p99 ≤ 16 ms at a million tickets), measured like the scrolling keys: `handle` (the domain
/// call, its transaction, the reload of what shows the ticket and the view counts) then `draw`
/// into the virtual backend at 200×60. Two ways a person works: from the queue (claim in
/// Unassigned, then tag and set the status in Mine) and from the open ticket.
extension ConsoleBenchmarks {
    static let actionRounds = 200
    static let frameBudgetMilliseconds = 16.0

    func ticketActions() throws {
        var typing: [Double] = []
        try actionsFromTheQueue(typing: &typing)
        try actionsFromTheTicketView(typing: &typing)
        report.add("console", "typing on the command line (+ and s prefills, each character), p99",
                   Measure.quantile(typing, 0.99), "ms", atMost: Self.frameBudgetMilliseconds)
    }

    private func actionsFromTheQueue(typing: inout [Double]) throws {
        let console = try openUnassigned()
        var claim: [Double] = [], tag: [Double] = [], status: [Double] = [], solve: [Double] = []
        for _ in 0..<Self.actionRounds {
            claim.append(try press(console, .character("t"), expecting: "is yours now"))
            // `t` in the queue opens the ticket it took: back to the queue (not timed) for the next.
            guard case .ticket = console.state.screen else { throw BenchFailure("t in the queue opened no ticket") }
            _ = try press(console, .character("q"), expecting: nil)
        }
        try type(console, ":view mine")
        _ = try press(console, .enter, expecting: nil)
        for _ in 0..<Self.actionRounds {
            typing += try type(console, "+area:billing type:bug")
            tag.append(try press(console, .enter, expecting: "tagged"))
            typing += try type(console, "spending")
            status.append(try press(console, .enter, expecting: "is pending"))
            solve.append(try press(console, .character("S"), expecting: "is solved"))
        }
        add("claim (t) in the Unassigned queue", claim)
        add("tag (+area:billing type:bug, Enter) in Mine", tag)
        add("status (spending, Enter) in Mine", status)
        add("solve (S) in Mine", solve)
    }

    private func actionsFromTheTicketView(typing: inout [Double]) throws {
        let console = try openUnassigned()
        var open: [Double] = [], claim: [Double] = [], tag: [Double] = [], status: [Double] = [], solve: [Double] = []
        for _ in 0..<Self.actionRounds {
            open.append(try press(console, .enter, expecting: nil))
            guard case .ticket = console.state.screen else { throw BenchFailure("Enter in the queue opened no ticket") }
            claim.append(try press(console, .character("t"), expecting: "is yours now"))
            typing += try type(console, "+area:billing type:bug")
            tag.append(try press(console, .enter, expecting: "tagged"))
            typing += try type(console, "spending")
            status.append(try press(console, .enter, expecting: "is pending"))
            solve.append(try press(console, .character("S"), expecting: "is solved"))
            _ = try press(console, .character("q"), expecting: nil)
        }
        add("open the selected ticket (Enter)", open, target: nil)
        add("claim (t) in the ticket view", claim)
        add("tag (+area:billing type:bug, Enter) in the ticket view", tag)
        add("status (spending, Enter) in the ticket view", status)
        add("solve (S) in the ticket view", solve)
    }

    /// A console on the Unassigned view, where each claim takes a ticket nobody holds (it then
    /// leaves the view). The console opens on All open, whose first tickets may be held by
    /// someone (a refused claim) or by the bench's own person (a claim that writes nothing).
    private func openUnassigned() throws -> Console {
        let console = try openConsole(VirtualBackend(size: Self.size))
        try console.finishLoading()
        console.draw()
        try type(console, ":view unassigned")
        _ = try press(console, .enter, expecting: nil)
        return console
    }

    private func add(_ name: String, _ samples: [Double], target: Double? = ConsoleBenchmarks.frameBudgetMilliseconds) {
        report.add("console", "\(name), p50", Measure.quantile(samples, 0.5), "ms")
        report.add("console", "\(name), p99", Measure.quantile(samples, 0.99), "ms", atMost: target)
    }

    /// One key and the frame after it, in milliseconds. With `expecting`, the status bar must
    /// then show a notice containing it (the action happened), else the run stops.
    private func press(_ console: Console, _ key: Key, expecting notice: String?) throws -> Double {
        let milliseconds = try Measure.seconds {
            try console.handle(key)
            console.draw()
        } * 1_000
        if console.state.messageIsError || (notice.map { !(console.state.message ?? "").contains($0) } ?? false) {
            throw BenchFailure("key \(key.label): the console said \(console.state.message ?? "nothing")")
        }
        return milliseconds
    }

    /// Types `text` key by key, each followed by its frame; returns each key's milliseconds.
    @discardableResult
    private func type(_ console: Console, _ text: String) throws -> [Double] {
        try text.map { character in try press(console, .character(character), expecting: nil) }
    }
}
