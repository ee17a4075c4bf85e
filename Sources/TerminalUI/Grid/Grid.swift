/// The pure picture of a frame: panes draw into it, a backend shows it. Drawing never fails
/// and never writes outside the grid or the rectangle it is given.
public struct Grid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(_ size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Fills a rectangle with blanks of `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal, character: Character = " ") {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y] = Cell(character, width: 1, role: role) }
        }
        repairEdges(r)
    }

    /// Writes `text` (already sanitised) at (x, y), clipped to `limit` columns and the grid.
    /// Returns the columns written. Text is not truncated with an ellipsis here: callers that
    /// want one use `TextWidth.truncate` first.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let end = min(size.width, limit.map { x + max(0, $0) } ?? size.width)
        if TextWidth.isPrintableASCII(text) { return writeASCII(text, x: x, y: y, role: role, end: end) }
        var column = x
        for character in text {
            let w = TextWidth.columns(character)
            if w == 0 {
                // A lone combining mark or a zero-width character: attach to the previous cell.
                if column > x, column - 1 >= 0, column - 1 < size.width {
                    var base = column - 1
                    if self[base, y].width == 0, base > 0 { base -= 1 }
                    let merged = String(self[base, y].character) + String(character)
                    if merged.count == 1 { self[base, y].character = Character(merged) }
                }
                continue
            }
            if column + w > end { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                if w == 2 { clearWide(at: column + 1, y: y) }
                self[column, y] = Cell(character, width: UInt8(w), role: role)
                if w == 2 { self[column + 1, y] = Cell(" ", width: 0, role: role) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// The fast path: one byte, one cell.
    private mutating func writeASCII(_ text: String, x: Int, y: Int, role: StyleRole, end: Int) -> Int {
        var column = x
        for byte in text.utf8 {
            if column >= end { break }
            if column >= 0 {
                if self[column, y].width != 1 { clearWide(at: column, y: y) }
                self[column, y] = Cell(Character(Unicode.Scalar(byte)), width: 1, role: role)
            }
            column += 1
        }
        return max(0, column - x)
    }

    /// Sets the role of cells without changing their characters (highlighting a row).
    public mutating func paint(_ rect: Rect, role: StyleRole) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y].role = role }
        }
    }

    /// The characters of one row, continuation cells skipped.
    public func text(row y: Int) -> String {
        var line = ""
        for x in 0..<size.width where self[x, y].width != 0 { line.append(self[x, y].character) }
        return line
    }

    func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(size.width, rect.maxX), y1 = min(size.height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Overwriting half of a wide character blanks its other half, so no half-glyph remains.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < size.width else { return }
        let cell = self[x, y]
        if cell.width == 0, x > 0, self[x - 1, y].width == 2 {
            self[x - 1, y] = Cell(" ", width: 1, role: self[x - 1, y].role)
        } else if cell.width == 2, x + 1 < size.width {
            self[x + 1, y] = Cell(" ", width: 1, role: cell.role)
        }
    }

    private mutating func repairEdges(_ r: Rect) {
        for y in r.y..<r.maxY {
            if r.x > 0, self[r.x - 1, y].width == 2 { self[r.x - 1, y] = Cell(" ", width: 1, role: self[r.x - 1, y].role) }
            if r.maxX < size.width, self[r.maxX, y].width == 0 { self[r.maxX, y] = Cell(" ", width: 1, role: self[r.maxX, y].role) }
        }
    }
}
