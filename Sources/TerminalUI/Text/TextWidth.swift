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

    /// Columns one user-perceived character (a grapheme cluster) takes: the width of its first
    /// visible scalar, since combining marks, joiners, skin tones and the rest of a ZWJ sequence
    /// draw into the same glyph; an emoji presentation selector or a flag (a pair of regional
    /// indicators) makes it two.
    public static func columns(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        let scalars = character.unicodeScalars
        if let first = scalars.first, isRegionalIndicator(first), scalars.count > 1 { return 2 }
        var width = 0
        for scalar in scalars {
            let w = scalarColumns(scalar)
            if w > 0 { width = w; break }
        }
        if width == 1, scalars.contains("\u{FE0F}") { width = 2 }
        return width
    }

    public static func columns(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for ch in text { total += columns(ch) }
        return total
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
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
        if isPrintableASCII(text) {
            // One byte, one column: cut without walking grapheme clusters.
            guard text.utf8.count > width else { return text }
            return String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + String(ellipsis)
        }
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

    /// Like `truncate`, but a cut falls between words: the longest run of whole words that
    /// fits with `…` after it (a single word longer than the width is cut as `truncate` does).
    public static func truncateAtWord(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if columns(text) <= width { return text }
        let cut = truncate(text, to: width)
        let kept = cut.dropLast()
        guard let space = kept.lastIndex(of: " ") else { return cut }
        let words = kept[..<space].replacingTrailingSpaces()
        return words.isEmpty ? cut : words + "…"
    }

    /// True when every byte is a printable ASCII character: the common case, measured fast.
    @inline(__always)
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
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

private extension Substring {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
