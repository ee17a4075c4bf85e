/// The characters trends are drawn with (the tags pane and board): block characters and arrows on a UTF-8
/// terminal, plain ASCII on one that is not (an old serial console, `LANG=C`, tmux attached from
/// a non-UTF-8 client, which would show each block as `_`).
///
/// TerminalUI always sets a UTF-8 `LC_CTYPE` for its own width measuring (falling back to
/// C.UTF-8), so what the terminal shows is read from the environment the user gave, the way
/// tmux and ncurses decide it: the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set names the
/// character set.
public enum Glyphs: Sendable, Equatable {
    case unicode, ascii

    /// The glyphs for a terminal whose locale comes from `environment`.
    public static func detect(environment: [String: String]) -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let charset = locale.lowercased().replacingOccurrences(of: "-", with: "")
        return charset.contains("utf8") ? .unicode : .ascii
    }

    /// Eight levels, lowest first.
    private var levels: [Character] {
        switch self {
        case .unicode: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        case .ascii: [".", ":", "-", "=", "+", "*", "#", "@"]
        }
    }

    /// One character per value, scaled to the largest of them; a day with none is a blank, any
    /// day with one or more at least the lowest level, so a single ticket never disappears.
    public func sparkline(_ values: [Int]) -> String {
        let top = values.max() ?? 0
        guard top > 0 else { return String(repeating: " ", count: values.count) }
        let levels = self.levels
        return String(values.map { value -> Character in
            guard value > 0 else { return " " }
            let level = (value * levels.count + top - 1) / top
            return levels[min(levels.count, max(1, level)) - 1]
        })
    }

    /// A bar `width` columns long at most, `value` in proportion to `top`; at least one column
    /// for any value above nothing.
    public func bar(_ value: Int, top: Int, width: Int) -> String {
        guard value > 0, top > 0, width > 0 else { return "" }
        let columns = max(1, Int((Double(value) / Double(top) * Double(width)).rounded()))
        return String(repeating: self == .unicode ? "█" : "#", count: min(width, columns))
    }

    /// `▲12`, `▼3`: a count against the period before; nil for no change.
    public func change(_ delta: Int) -> String? {
        guard delta != 0 else { return nil }
        let arrow = delta > 0 ? (self == .unicode ? "▲" : "+") : (self == .unicode ? "▼" : "-")
        return arrow + String(delta.magnitude)
    }

    /// What stands for "nothing" in a column of numbers.
    public var none: String { self == .unicode ? "·" : "." }

    /// What ends a cut name.
    public var ellipsis: Character { self == .unicode ? "…" : "~" }

    /// `text` cut (with this set's ellipsis) or padded to exactly `width` columns.
    public func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        TextWidth.fit(TextWidth.truncate(text, to: width, ellipsis: ellipsis), to: width, alignRight: alignRight)
    }

    /// Between two parts of a title or a line.
    public var dot: String { self == .unicode ? "·" : "-" }

    /// Between a row and a column of the matrix.
    public var times: String { self == .unicode ? "×" : "x" }
}
