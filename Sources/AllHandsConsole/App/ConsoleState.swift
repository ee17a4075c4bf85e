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
}

/// Everything about the UI that is not data: what shows, what has focus, what is being typed.
public struct ConsoleState: Equatable, Sendable {
    public var screen: Screen = .main
    /// Where `q`/`Esc` returns to from help.
    public var screenBeforeHelp: Screen = .main
    public var focus: Pane = .queue
    /// The `:` command line while it is open.
    public var commandLine: LineEditor?
    /// A message shown in the status bar until the next key.
    public var message: String?
    public var messageIsError = false
    public var ticketScroll = 0
    public var helpScroll = 0
    /// The queue shows the working queue (new, open, pending) or every ticket.
    public var showAllTickets = false

    public init() {}
}
