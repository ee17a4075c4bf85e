/// Word wrapping by terminal columns.
public enum TextWrap {
    /// Breaks one line of text into lines at most `width` columns wide, at spaces where it can
    /// and inside a word only when the word alone is wider than the line.
    public static func wrap(_ line: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if TextWidth.columns(line) <= width { return [line] }
        var lines: [String] = []
        var current = ""
        var used = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let w = TextWidth.columns(String(word))
            let gap = current.isEmpty ? 0 : 1
            if used + gap + w <= width {
                if gap == 1 { current += " " }
                current += word
                used += gap + w
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            used = 0
            // A word longer than the line is cut by characters.
            for ch in word {
                let cw = TextWidth.columns(ch)
                if used + cw > width {
                    lines.append(current)
                    current = ""
                    used = 0
                }
                current.append(ch)
                used += cw
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
