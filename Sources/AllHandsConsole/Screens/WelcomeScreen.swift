import AllHandsCore
import TerminalUI

extension Console {
    func performOnWelcome(_ id: ActionID) throws -> Outcome {
        guard id == .loadDemo else { return .unhandled }
        try loadDemo()
        return .handled
    }
}

/// What an empty database opens on. Its keys come from the action table, so they are the keys
/// that work here.
enum WelcomeScreen {
    /// The actions the welcome screen offers, in the order it lists them.
    static var actions: [ConsoleAction] {
        ActionTable.all.filter { $0.context == .welcome } + [ActionID.help, .quit].compactMap(ActionTable.action)
    }

    static func page(width: Int, databasePath: String) -> TextPage {
        let w = TextPage.textWidth(width)
        var lines: [TextPage.Line] = [.init("")]
        lines += TextPage.wrapped("Welcome to allhands", width: w, role: .title)
        lines.append(.init(""))
        lines += TextPage.wrapped("allhands is where everyone in the company takes their turn on customer support: employees on shift work tickets from one shared queue, support leads plan a rotation that spreads shifts fairly over the whole company, and executives follow real conversations to hear customers in their own words.", width: w, role: .normal)
        lines.append(.init(""))
        lines += TextPage.wrapped("This database is empty: \(Sanitizer.clean(databasePath))", width: w, role: .muted)
        lines.append(.init(""))
        let keyWidth = actions.map { TextWidth.columns($0.keyLabels) }.max() ?? 1
        for (i, action) in actions.enumerated() {
            lines += TextPage.wrapped("  " + TextWidth.fit(action.keyLabels, to: keyWidth) + "  " + action.description,
                                      width: w, role: i == 0 ? .accent : .normal, indent: 0)
        }
        lines.append(.init(""))
        lines += TextPage.wrapped("To bring in real data instead, from a shell:", width: w, role: .normal)
        lines.append(.init("  allhands people import people.csv   (login,name,email,team,role,timezone)", .muted))
        lines.append(.init("  allhands people add LOGIN --name \"Full Name\" --role support", .muted))
        lines.append(.init("  allhands help                       every command", .muted))
        return TextPage(title: "allhands", detail: "welcome", lines: lines)
    }
}
