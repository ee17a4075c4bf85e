import CNcursesw

/// Text measured in terminal columns, the only unit the screen knows: CJK and emoji take two
/// columns, combining marks none. Uses the C library's `wcwidth`, so the locale must be set
/// (`TextWidth.prepareLocale()`, which the console and tests call first).
public enum TextWidth {
    /// Sets the process locale from the environment, falling back to C.UTF-8 so widths are
    /// right even when `LANG` is unset. Returns false when no UTF-8 locale exists.
    @discardableResult
    public static func prepareLocale() -> Bool {
        ah_setlocale() == 1
    }

    /// Columns one user-perceived character takes: the width of its first visible scalar
    /// (combining marks and joiners add nothing); an emoji presentation selector makes it two.
    public static func columns(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if let first = scalars.first, first.value < 0x7F, scalars.count == 1 {
            return first.value >= 0x20 ? 1 : 0
        }
        var width = 0
        for scalar in scalars {
            let w = scalarColumns(scalar)
            if w > 0 { width = w; break }
        }
        if width == 1, scalars.contains("\u{FE0F}") { width = 2 }
        return width
    }

    public static func columns(_ text: String) -> Int {
        var total = 0
        for ch in text { total += columns(ch) }
        return total
    }

    static func scalarColumns(_ scalar: Unicode.Scalar) -> Int {
        let w = Int(ah_wcwidth(Int32(bitPattern: scalar.value)))
        if w >= 0 { return w }
        // Unassigned or unprintable to the C library: still takes a cell once sanitised.
        return Sanitizer.isUnsafe(scalar) ? 0 : 1
    }

    /// The longest prefix of `text` that fits in `width` columns; when `text` is longer, it ends
    /// with `…`. A wide character that would straddle the limit is dropped whole, so the result
    /// may be one column short; `fit` pads it.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if columns(text) <= width { return text }
        var out = ""
        var used = 0
        let budget = width - 1
        for ch in text {
            let w = columns(ch)
            if used + w > budget { break }
            out.append(ch)
            used += w
        }
        out.append(ellipsis)
        return out
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let pad = width - columns(cut)
        guard pad > 0 else { return cut }
        let spaces = String(repeating: " ", count: pad)
        return alignRight ? spaces + cut : cut + spaces
    }
}
