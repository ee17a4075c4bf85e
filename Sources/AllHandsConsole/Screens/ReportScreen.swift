import AllHandsCore
import Foundation
import TerminalUI

/// Lists for leads: goodwill waiting for approval (`:approve ID`, `:decline ID REASON`) and
/// the requesters marked abusive.
extension Console {
    func showReport(_ kind: ReportKind) throws {
        let zone = timeZone
        switch kind {
        case .approvals:
            reportLines = try workspace.goodwill.list(status: .awaiting).map { g in
                "#\(g.id)  ticket #\(g.ticketID)  \(g.kind.rawValue) \(GoodwillService.format(g.amount, currency: g.currency))  by \(g.by), "
                    + "\(Timestamp.localWithZone(g.createdAt, timeZone: zone)): \(g.reason)"
            }
        case .boundaries:
            reportLines = try workspace.boundaries.list().map { marked in
                let b = marked.boundary
                return "\(b.customerName) <\(marked.email)>, \(English.count(marked.openTickets, "open ticket")): \(b.reason) "
                    + "(marked by \(b.setBy), \(Timestamp.localWithZone(b.setAt, timeZone: zone)))"
            }
        case .rotationCheck: return try checkRotation()
        case .swaps: reportLines = try swapLines()
        }
        state.reportScroll = 0
        if case .report = state.screen { state.screen = .report(kind) } else { state.push(.report(kind)) }
    }

    func reportPage(_ kind: ReportKind, width: Int) -> TextPage {
        let w = TextPage.textWidth(width)
        var lines: [TextPage.Line] = []
        switch kind {
        case .approvals:
            lines += TextPage.wrapped(":approve ID approves a gesture; :decline ID REASON declines it.", width: w, role: .muted)
        case .boundaries:
            lines += TextPage.wrapped("Requesters whose conduct was marked abusive; each of their tickets shows it.", width: w, role: .muted)
        case .rotationCheck:
            lines += TextPage.wrapped(Self.rotationCheckIntro, width: w, role: .muted)
        case .swaps:
            lines += TextPage.wrapped(Self.swapsIntro, width: w, role: .muted)
        }
        lines.append(.init(""))
        if reportLines.isEmpty { lines.append(.init("Nothing here.", .muted)) }
        for line in reportLines {
            lines += TextPage.wrapped(Sanitizer.clean(line), width: w, role: .normal, indent: 2)
        }
        let title = switch kind {
        case .approvals: "Goodwill awaiting approval"
        case .boundaries: "Boundaries"
        case .rotationCheck: "Rotation check"
        case .swaps: "Swaps"
        }
        return TextPage(title: title, detail: English.count(reportLines.count, "entry", plural: "entries") + " · q back", lines: lines)
    }
}
