import AllHandsCore
import TerminalUI

/// The panes of the main screen, in tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case queue, rotation, tags

    public var title: String {
        switch self {
        case .queue: "Queue"
        case .rotation: "Rotation"
        case .tags: "Tags"
        }
    }

    /// The key that focuses the pane, as the tab bar shows it.
    public var number: Int { rawValue + 1 }

    /// `1 Queue`: how the tab bar labels the pane.
    public var tabLabel: String { "\(number) \(title)" }
}

/// Which full screen is showing.
public enum Screen: Equatable, Sendable {
    case main
    case ticket(id: Int)
    case help
    case welcome
    /// Search results for the last query.
    case search
    /// The inline composer (no `$VISUAL`/`$EDITOR`).
    case compose
    /// Someone wrote while the person was writing: send anyway, edit again, or keep the draft.
    case confirmSend
    /// Ending a shift: what happens to each open ticket the person holds.
    case handoff
    /// A read-only list: goodwill waiting for approval, the requesters marked abusive, the rota's problems.
    case report(ReportKind)
    /// The rotation calendar: month and week views, fairness, the rota's actions.
    case rotation
    /// The tags board: every tag's trend by dimension, the area × type matrix, the time window.
    case tags
    /// A tag's tickets week by week before and after a marked date.
    case tagCompare

    // Walk-a-mile listening (issue 11).
    /// The live, read-only timeline of the support floor.
    case listen
    /// Customers' words kept as insights, newest first.
    case insights
    /// The inline form capturing an insight (no `$VISUAL`/`$EDITOR`).
    case insightForm
    // Walk-a-mile follow-ups.
    /// This week's call-downs, the viewer's check-ins and open action items (FollowUpsScreen).
    case followUps
    /// A call-down's or check-in's notes in the inline editor (no `$VISUAL`/`$EDITOR`).
    case followUpNotes
}

public enum ReportKind: Sendable, Equatable {
    case approvals, boundaries
    /// What `rotation check` finds in the days on the calendar.
    case rotationCheck
    /// Swaps on offer or waiting for a lead.
    case swaps
}

/// What a screen did with an action: handled it, or left it for the global actions.
enum Outcome { case handled, unhandled }

/// Everything about the UI that is not data: what shows, what has focus, what is being typed.
public struct ConsoleState: Equatable, Sendable {
    public var screen: Screen = .main
    /// Screens to return to with `q`/`Esc`, most recent last.
    public var stack: [Screen] = []
    public var focus: Pane = .queue
    /// The `:` command line while it is open.
    public var commandLine: LineEditor?
    /// A message shown in the status bar until the next key.
    public var message: String?
    public var messageIsError = false
    public var ticketScroll = 0
    public var helpScroll = 0
    public var reportScroll = 0
    /// The ticket view shows the audit trail instead of the thread.
    public var showHistory = false
    /// Which tickets the queue shows and in what order.
    public var view: TicketView = .allOpen
    public var sort: TicketSort = .priority

    public init() {}

    /// Shows `screen`, remembering where to come back to.
    mutating func push(_ next: Screen) {
        if screen != next { stack.append(screen) }
        screen = next
    }

    /// Back to the previous screen (the main screen when there is none).
    mutating func pop() {
        screen = stack.popLast() ?? .main
    }
}
