/// Every input the console reacts to, decoded from whatever the terminal sent.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter (`ctrl("c")`).
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)
    case mouse(MouseEvent)
    /// The terminal changed size.
    case resize

    /// A short human name for help screens and hints: `j`, `Enter`, `PgDn`, `C-c`, `F1`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .mouse: return "click"
        case .resize: return "resize"
        }
    }
}

public struct MouseEvent: Equatable, Hashable, Sendable {
    public enum Button: Sendable { case left, wheelUp, wheelDown }
    public var x: Int
    public var y: Int
    public var button: Button

    public init(x: Int, y: Int, button: Button) {
        self.x = x
        self.y = y
        self.button = button
    }
}
