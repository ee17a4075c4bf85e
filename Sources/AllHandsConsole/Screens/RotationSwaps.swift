import AllHandsCore
import Foundation
import TerminalUI

/// Time off and swaps from the console. Anyone asks for their own time off, offers their seat
/// in the selected shift and takes an open offer; leads do it for anyone and approve or decline
/// taken swaps. `:swaps` lists the live ones with their numbers. The domain checks every right
/// and every rule again and says why it refuses.
extension Console {
    /// `:timeoff [LOGIN] FROM TO [REASON…]`: FROM and TO in company time, TO a date alone meaning
    /// through that day; without LOGIN, the viewer's own.
    func addTimeOff(_ argument: String?) throws {
        let zone = ShiftTime.companyZone(workspace.config)
        var words = (argument ?? "").split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let me = workspace.actor.person.login
        var login = me
        if let first = words.first, (try? ShiftTime.parse(first, timeZone: zone)) == nil {
            login = first == "me" ? me : first
            words.removeFirst()
        }
        guard words.count >= 2 else { _ = usage(.timeOff); return }
        let from = try ShiftTime.parse(words[0], timeZone: zone, what: "FROM")
        let to = try Self.end(words[1], timeZone: zone)
        let change = try workspace.timeOff.add(login: login, from: from, to: to, reason: words.dropFirst(2).joined(separator: " "))
        try afterRotaChange()
        let whose = change.timeOff.login == me ? "Your" : Sanitizer.clean(change.timeOff.login) + "'s"
        let hits = change.shifts.isEmpty ? "it hits no planned shift"
            : English.count(change.shifts.count, "planned shift") + " marked for re-planning"
                + (Permissions.allows(workspace.actor.person.role, .manageShifts) ? " (R rebalances)" : " (a lead rebalances)")
        flash("\(whose) time off #\(change.timeOff.id) (\(TimeOffService.span(change.timeOff, in: timeZone))): \(hits)")
    }

    /// `o` / `:offer [LOGIN]`: the viewer's seat in the selected shift, to anyone or to LOGIN.
    func offerSwap(_ argument: String?) throws {
        guard let shift = calendar?.selectedShift else {
            return flash("No shift selected: this day shows none (h/l change the day)", error: true)
        }
        let to = argument?.split(separator: " ").first.map(String.init)
        let swap = try workspace.swaps.offer(shiftID: shift.id, to: to)
        try afterRotaChange()
        flash("Your seat in \(describe(shift)) is offered to \(swap.to.map(Sanitizer.clean) ?? "anyone") as swap #\(swap.id) "
              + "(:take \(swap.id) takes it)")
    }

    /// `:take ID`, `:approveswap ID`, `:declineswap ID`, `:withdraw ID`, and `s`/`:swaps`.
    func performSwap(_ id: ActionID, argument: String?) throws {
        if id == .swaps { return try showReport(.swaps) }
        guard let text = argument?.split(separator: " ").first,
              let number = Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
            _ = usage(id)
            return
        }
        let swaps = workspace.swaps
        let swap: SwapRequest
        switch id {
        case .takeSwap: swap = try swaps.take(id: number)
        case .approveSwap: swap = try swaps.approve(id: number)
        case .declineSwap: swap = try swaps.decline(id: number)
        default: swap = try swaps.withdraw(id: number)
        }
        try afterRotaChange()
        if case .report(let kind) = state.screen { try showReport(kind) }
        flash(Self.outcome(swap, me: workspace.actor.person.login))
    }

    /// What a swap's new state means, as the notice says it.
    static func outcome(_ swap: SwapRequest, me: String) -> String {
        let taker = swap.takenBy.map { $0 == me ? "you" : Sanitizer.clean($0) } ?? "nobody"
        switch swap.state {
        case .taken: return "Swap #\(swap.id) taken by \(taker): the seat moves once a lead approves"
        case .approved: return "Swap #\(swap.id) approved: \(Sanitizer.clean(swap.from))'s seat in shift #\(swap.shiftID) is \(taker == "you" ? "yours" : taker + "'s") now"
        default: return "Swap #\(swap.id) \(swap.state.rawValue): nobody's seat moves"
        }
    }

    /// The swaps on offer or waiting for a lead, oldest first, as report lines.
    func swapLines() throws -> [String] {
        try workspace.swaps.list().map { swap in
            let shift = try? workspace.shifts.find(id: swap.shiftID)
            let when = shift.map { describe($0) } ?? "shift #\(swap.shiftID)"
            var line = "#\(swap.id)  \(swap.state.rawValue)  \(swap.from)'s seat in \(when) (shift #\(swap.shiftID)) → \(swap.to ?? "anyone")"
            if let taker = swap.takenBy { line += ", taken by \(taker), waiting for a lead" }
            if !swap.note.isEmpty { line += ": \(swap.note)" }
            return line
        }
    }

    static let swapsIntro = ":take ID takes an open offer; :withdraw ID takes back your own; leads :approveswap ID or "
        + ":declineswap ID a taken one. o on the calendar offers your seat in the selected shift."

    /// After a change to the rota: the calendar (when open), the rotation pane and the status bar.
    func afterRotaChange() throws {
        try reloadCalendar(everything: true)
        try reloadShiftAndCounts()
    }
}
