import AllHandsCore
import Foundation
import TerminalUI

/// What to do with each open ticket a person holds when their shift ends.
struct HandoffPlan {
    struct Item {
        var ticket: Ticket
        /// nil: release to the queue; otherwise the login it goes to.
        var to: String?
    }

    var items: [Item] = []
    /// People on the next shift, the first choice for a hand-off.
    var candidates: [String] = []
    var selected = 0

    /// The next choice for the selected ticket: each candidate in turn, then the queue again.
    mutating func cycleSelected() {
        guard items.indices.contains(selected), !candidates.isEmpty else { return }
        let current = items[selected].to.flatMap { candidates.firstIndex(of: $0) }
        items[selected].to = current.map { $0 + 1 < candidates.count ? candidates[$0 + 1] : nil } ?? candidates[0]
    }
}

/// Ending a shift: every open ticket the person holds is released to the queue or handed to
/// someone on the next shift with a note, all in one transaction when confirmed.
extension Console {
    func startHandoff() throws {
        let mine = try workspace.shifts.myOpenTickets()
        handoff = HandoffPlan(items: mine.map { HandoffPlan.Item(ticket: $0, to: nil) },
                              candidates: try workspace.shifts.handoffCandidates().map(\.login))
        state.push(.handoff)
        if mine.isEmpty { flash("You hold no open tickets: Enter ends your shift") }
    }

    /// Offers the hand-off once when the viewer's shift has just run out (the clock passed its
    /// end while the console was open) and they still hold tickets.
    func offerHandoff(after previous: RotationOverview) {
        guard previous.meOnShift, let until = previous.myShiftEnds, until <= now, !rotation.meOnShift,
              state.screen == .main, !handoffOffered.contains(until) else { return }
        handoffOffered.insert(until)
        guard let mine = try? workspace.shifts.myOpenTickets(), !mine.isEmpty else { return }
        try? startHandoff()
        flash("Your shift has ended: choose what happens to the \(English.count(mine.count, "ticket")) you hold")
    }

    func performOnHandoff(_ id: ActionID) throws -> Outcome {
        switch id {
        case .handoffRelease:
            if handoff.items.indices.contains(handoff.selected) { handoff.items[handoff.selected].to = nil }
            handoff.selected = min(handoff.selected + 1, max(0, handoff.items.count - 1))
        case .handoffNext:
            guard !handoff.candidates.isEmpty else {
                flash("Nobody is on the next shift yet: release the ticket, or :assign it from the ticket", error: true)
                return .handled
            }
            handoff.cycleSelected()
        case .handoffConfirm:
            // Handing tickets over asks for a note first (Enter alone skips it).
            if handoff.items.contains(where: { $0.to != nil }) {
                prompt = Prompt(purpose: .handoffNote, editor: LineEditor())
            } else {
                try endShift(note: "")
            }
        default: return .unhandled
        }
        return .handled
    }

    /// Ends the shift with the choices made, `note` added to each ticket handed over (the
    /// domain writes who handed it to whom in the same note).
    func endShift(note: String) throws {
        let choices = Dictionary(uniqueKeysWithValues: handoff.items.map { item in
            (item.ticket.id, item.to.map { Handoff.handTo($0, note: note) } ?? Handoff.release)
        })
        let ended = try workspace.shifts.end(handoffs: choices)
        state.pop()
        try reloadAll()
        flash("Shift ended: \(English.count(ended.handedOff.count, "ticket")) handed over, \(ended.released.count) released")
    }

    func handoffPage(width: Int) -> TextPage {
        let w = TextPage.textWidth(width)
        var lines: [TextPage.Line] = []
        lines += TextPage.wrapped("For each ticket you hold: r releases it to the queue, h hands it to someone on the next shift (again for the next person). Enter ends your shift with these choices; q goes back without ending it.", width: w, role: .muted)
        lines.append(.init(""))
        if handoff.candidates.isEmpty {
            lines += TextPage.wrapped("Nobody is planned on the next shift yet.", width: w, role: .gap)
        } else {
            lines += TextPage.wrapped("Next shift: " + handoff.candidates.map(Sanitizer.clean).joined(separator: ", "), width: w, role: .normal)
        }
        lines.append(.init(""))
        for (index, item) in handoff.items.enumerated() {
            let target = item.to.map { "→ " + Sanitizer.clean($0) } ?? "→ queue"
            let text = (index == handoff.selected ? "▸ " : "  ") + TextWidth.fit(target, to: 14) + " #\(item.ticket.id) "
                + Sanitizer.clean(item.ticket.subject)
            lines.append(.init(TextWidth.truncate(text, to: w), index == handoff.selected ? .selection : .normal))
        }
        return TextPage(title: "End of shift", detail: English.count(handoff.items.count, "open ticket"), lines: lines)
    }
}
