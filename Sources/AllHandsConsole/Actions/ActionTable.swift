import AllHandsCore
import TerminalUI

/// Where an action applies.
public enum ActionContext: String, CaseIterable, Sendable {
    /// Anywhere.
    case global
    /// The main screen, whatever pane has focus.
    case main
    /// The main screen with the queue focused.
    case queue
    /// Any scrolling view: the queue, the ticket view, help.
    case scrolling
    /// The ticket view and the help screen.
    case view
    /// The welcome screen of an empty database.
    case welcome

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .main: "Main screen"
        case .queue: "Queue"
        case .scrolling: "Moving around"
        case .view: "Ticket and help views"
        case .welcome: "Welcome screen"
        }
    }
}

public enum ActionID: String, CaseIterable, Sendable {
    case quit, back, help, commandLine, refresh
    case nextPane, previousPane, focusQueue, focusRotation, focusTags
    case down, up, pageDown, pageUp, top, bottom
    case open, goto, toggleAll, loadDemo
}

/// One thing a user can do: its keys, its `:` command, what it does and where. This table
/// alone drives key dispatch, the `?` help screen, the status-bar hints and completion on the
/// command line, so they cannot drift apart.
public struct ConsoleAction: Sendable {
    public let id: ActionID
    public let keys: [Key]
    /// The `:` command name, if it can be run by name.
    public let command: String?
    /// What `:command` takes, for help (`N` for `:goto N`).
    public let argument: String?
    public let description: String
    public let context: ActionContext
    /// A one-word label for the status bar, for the actions worth a hint there.
    public let hint: String?

    init(_ id: ActionID, _ keys: [Key], command: String? = nil, argument: String? = nil, _ description: String,
         in context: ActionContext, hint: String? = nil) {
        self.id = id
        self.keys = keys
        self.command = command
        self.argument = argument
        self.description = description
        self.context = context
        self.hint = hint
    }

    public var keyLabels: String { keys.map(\.label).joined(separator: " ") }
}

public enum ActionTable {
    public static let all: [ConsoleAction] = [
        .init(.quit, [.character("q"), .ctrl("c")], command: "quit", "Quit allhands", in: .global, hint: "quit"),
        .init(.back, [.character("q"), .escape], command: "back", "Back to the main screen", in: .view, hint: "back"),
        .init(.loadDemo, [.character("d")], command: "demo", "Load the demo company (\(DemoOptions().people) people, \(DemoOptions().tickets) tickets) to look around", in: .welcome, hint: "demo"),
        .init(.help, [.character("?"), .function(1)], command: "help", "Show every key and command", in: .global, hint: "help"),
        .init(.commandLine, [.character(":")], "Open the command line (Tab completes, Enter runs, Esc cancels)", in: .global),
        .init(.refresh, [.ctrl("l")], command: "refresh", "Reload everything from the database and redraw", in: .global),
        .init(.nextPane, [.tab, .right], command: "next", "Focus the next pane", in: .main, hint: "pane"),
        .init(.previousPane, [.backTab, .left], command: "previous", "Focus the previous pane", in: .main),
        .init(.focusQueue, [.character("1")], command: "queue", "Focus the queue", in: .main),
        .init(.focusRotation, [.character("2")], command: "rotation", "Focus the rotation", in: .main),
        .init(.focusTags, [.character("3")], command: "tags", "Focus the live tags", in: .main),
        .init(.down, [.character("j"), .down], "Move down one line", in: .scrolling, hint: "move"),
        .init(.up, [.character("k"), .up], "Move up one line", in: .scrolling),
        .init(.pageDown, [.pageDown, .ctrl("f"), .character(" ")], "Move down one page", in: .scrolling),
        .init(.pageUp, [.pageUp, .ctrl("b")], "Move up one page", in: .scrolling),
        .init(.top, [.character("g"), .home], command: "top", "Go to the top", in: .scrolling),
        .init(.bottom, [.character("G"), .end], command: "bottom", "Go to the bottom", in: .scrolling),
        .init(.open, [.enter], "Open the selected ticket with its whole thread", in: .queue, hint: "open"),
        .init(.goto, [], command: "goto", argument: "N", "Open ticket N", in: .global),
        .init(.toggleAll, [.character("a")], command: "all", "Show every ticket, or only the working queue (new, open, pending)", in: .queue, hint: "all/open"),
    ]

    public static func action(_ id: ActionID) -> ConsoleAction? {
        all.first { $0.id == id }
    }

    /// The action `key` triggers in the given contexts; the most specific context wins.
    public static func action(for key: Key, in contexts: [ActionContext]) -> ConsoleAction? {
        for context in contexts {
            if let match = all.first(where: { $0.context == context && $0.keys.contains(key) }) { return match }
        }
        return nil
    }

    /// The action a command-line word names.
    public static func action(command: String) -> ConsoleAction? {
        all.first { $0.command == command }
    }

    /// The command name a command line starts with (the word Tab completes).
    public static func commandWord(_ line: String) -> String {
        line.split(separator: " ").first.map(String.init) ?? ""
    }

    /// Command names starting with `prefix`, for Tab completion.
    public static func completions(_ prefix: String) -> [String] {
        all.compactMap(\.command).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Status-bar hints for the given contexts: `key label` pairs.
    public static func hints(in contexts: [ActionContext]) -> [(keys: String, label: String)] {
        let order: [ActionID] = [.down, .open, .loadDemo, .nextPane, .toggleAll, .back, .help, .quit]
        // A key bound in a more specific context hides the same key further out (q is "back"
        // in the ticket view, not "quit"), so the hint shows what the key really does here.
        let reachable = all.filter { action in
            action.hint != nil && contexts.contains(action.context)
                && action.keys.first.map { key in self.action(for: key, in: contexts)?.id == action.id } ?? false
        }
        return reachable
            .sorted { (order.firstIndex(of: $0.id) ?? order.count) < (order.firstIndex(of: $1.id) ?? order.count) }
            .map { action in (action.id == .down ? "j/k" : action.keys.first?.label ?? "", action.hint ?? "") }
    }
}
