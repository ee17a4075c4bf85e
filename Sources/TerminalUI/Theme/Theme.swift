import CNcursesw

/// How each style role looks: a foreground and background colour (-1 is the terminal's
/// default, via `use_default_colors`) and attributes. The monochrome theme uses attributes
/// only, for terminals without colour and for `NO_COLOR`.
public struct Theme: Sendable {
    public struct Look: Sendable {
        public var foreground: Int16
        public var background: Int16
        public var bold = false
        public var reverse = false
        public var underline = false
        public var dim = false
    }

    public let name: String
    public let usesColor: Bool
    let looks: [StyleRole: Look]

    public func look(_ role: StyleRole) -> Look {
        looks[role] ?? Look(foreground: -1, background: -1)
    }

    // ncurses colour numbers
    static let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3, blue: Int16 = 4,
               magenta: Int16 = 5, cyan: Int16 = 6, white: Int16 = 7

    public static let standard = Theme(name: "standard", usesColor: true, looks: [
        .normal: Look(foreground: -1, background: -1),
        .muted: Look(foreground: -1, background: -1, dim: true),
        .header: Look(foreground: cyan, background: -1, bold: true),
        .title: Look(foreground: -1, background: -1, bold: true),
        .border: Look(foreground: blue, background: -1),
        .selection: Look(foreground: black, background: cyan),
        .selectionUnfocused: Look(foreground: -1, background: -1, reverse: true),
        .urgent: Look(foreground: red, background: -1, bold: true),
        .high: Look(foreground: yellow, background: -1, bold: true),
        .overdue: Look(foreground: red, background: -1),
        .gap: Look(foreground: magenta, background: -1, bold: true),
        .accent: Look(foreground: green, background: -1),
        .changed: Look(foreground: black, background: yellow),
        .changedSelection: Look(foreground: black, background: yellow, bold: true, underline: true),
        .statusBar: Look(foreground: black, background: white),
        .tabActive: Look(foreground: black, background: cyan, bold: true),
        .tabInactive: Look(foreground: -1, background: -1),
        .customer: Look(foreground: green, background: -1, bold: true),
        .reply: Look(foreground: cyan, background: -1, bold: true),
        .note: Look(foreground: yellow, background: -1),
        .today: Look(foreground: black, background: green, bold: true),
        .error: Look(foreground: white, background: red, bold: true),
        .approaching: Look(foreground: yellow, background: -1),
        .match: Look(foreground: black, background: magenta),
        .disabled: Look(foreground: -1, background: -1, dim: true),
        .statusBarDisabled: Look(foreground: black, background: white, dim: true),
        .presence: Look(foreground: magenta, background: -1, bold: true),
        .warning: Look(foreground: yellow, background: -1, bold: true, reverse: true),
    ])

    public static let monochrome = Theme(name: "monochrome", usesColor: false, looks: [
        .normal: Look(foreground: -1, background: -1),
        .muted: Look(foreground: -1, background: -1, dim: true),
        .header: Look(foreground: -1, background: -1, bold: true),
        .title: Look(foreground: -1, background: -1, bold: true),
        .border: Look(foreground: -1, background: -1, dim: true),
        .selection: Look(foreground: -1, background: -1, reverse: true),
        .selectionUnfocused: Look(foreground: -1, background: -1, underline: true),
        .urgent: Look(foreground: -1, background: -1, bold: true),
        .high: Look(foreground: -1, background: -1, bold: true),
        .overdue: Look(foreground: -1, background: -1, underline: true),
        .gap: Look(foreground: -1, background: -1, bold: true, underline: true),
        .accent: Look(foreground: -1, background: -1, bold: true),
        .changed: Look(foreground: -1, background: -1, bold: true, underline: true),
        .changedSelection: Look(foreground: -1, background: -1, bold: true, reverse: true, underline: true),
        .statusBar: Look(foreground: -1, background: -1, reverse: true),
        .tabActive: Look(foreground: -1, background: -1, bold: true, reverse: true),
        .tabInactive: Look(foreground: -1, background: -1),
        .customer: Look(foreground: -1, background: -1, bold: true),
        .reply: Look(foreground: -1, background: -1, underline: true),
        .note: Look(foreground: -1, background: -1, dim: true),
        .today: Look(foreground: -1, background: -1, reverse: true),
        .error: Look(foreground: -1, background: -1, bold: true, reverse: true),
        .approaching: Look(foreground: -1, background: -1, bold: true),
        .match: Look(foreground: -1, background: -1, reverse: true, underline: true),
        .disabled: Look(foreground: -1, background: -1, dim: true),
        .statusBarDisabled: Look(foreground: -1, background: -1, reverse: true, dim: true),
        .presence: Look(foreground: -1, background: -1, bold: true, reverse: true),
        .warning: Look(foreground: -1, background: -1, bold: true, underline: true),
    ])

    /// The theme for this terminal: monochrome when `NO_COLOR` is set (any value) or the
    /// terminal has no colours.
    public static func choose(environment: [String: String], terminalHasColors: Bool) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        return terminalHasColors ? .standard : .monochrome
    }
}
