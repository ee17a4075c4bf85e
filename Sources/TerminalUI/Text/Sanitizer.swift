/// The one gate between untrusted text (ticket subjects, message bodies, names, imports) and
/// the terminal.
///
/// Everything that could make a terminal do something rather than show something becomes a
/// visible, inert placeholder:
/// - C0 controls and DEL become their Unicode "control picture" (`␛`, `␇`, `␀`, `␡`…), so an
///   escape sequence shows as text (`␛[2J`) and cannot move the cursor, change colours, set the
///   window title (OSC 0) or write a hyperlink (OSC 8);
/// - C1 controls (8-bit CSI `U+009B`, NEL, OSC `U+009D`…) and bidi overrides, embeddings and
///   isolates (which could reorder what an agent reads) become `�`.
///
/// The output contains no C0, C1, DEL or bidi control at all, whatever the input.
public enum Sanitizer {
    public static let replacement: Character = "\u{FFFD}"

    /// Sanitises one line of text. Newlines and tabs are controls too: a subject is one line.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out.append(placeholder(for: scalar))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Splits multi-line text (a message body) into sanitised lines. `\r\n`, `\n` and `\r` end a
    /// line; a tab becomes spaces up to the next multiple of four columns.
    public static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var expanded = ""
            for ch in raw {
                if ch == "\t" {
                    let column = TextWidth.columns(expanded)
                    expanded += String(repeating: " ", count: 4 - column % 4)
                } else {
                    expanded.append(ch)
                }
            }
            lines.append(clean(expanded))
        }
        return lines
    }

    /// True for every scalar a terminal might act on.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F: return true               // C0, DEL
        case 0x80...0x9F: return true                     // C1 (8-bit CSI, OSC, DCS, NEL…)
        case 0x200E, 0x200F, 0x061C: return true          // LRM, RLM, ALM
        case 0x202A...0x202E: return true                 // LRE, RLE, PDF, LRO, RLO
        case 0x2066...0x2069: return true                 // LRI, RLI, FSI, PDI
        case 0x2028, 0x2029: return true                  // line and paragraph separators
        default: return false
        }
    }

    static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }
}
