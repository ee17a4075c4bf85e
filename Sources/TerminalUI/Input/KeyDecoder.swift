import CNcursesw

/// Turns what ncurses returns into `Key`s. Pure where it can be, so it is testable.
public enum KeyDecoder {
    /// A curses key code (`KEY_DOWN`, `KEY_F(1)`…).
    public static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            for n in 1...24 where code == ah_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// A character from `get_wch`. ESC starts either the Esc key or an Alt/escape sequence the
    /// terminal sent without a keypad translation: `readNext` peeks without waiting.
    public static func character(_ value: UInt32, readNext: () -> UInt32?) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 27:
            // A bare ESC; swallow the rest of an unrecognised sequence so it cannot leak as text.
            guard let next = readNext() else { return .escape }
            if next == 91 || next == 79 { // CSI or SS3
                while let more = readNext(), !(0x40...0x7E).contains(more) {}
                return nil
            }
            return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value + 96))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
