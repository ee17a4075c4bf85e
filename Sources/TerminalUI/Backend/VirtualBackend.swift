/// A backend without a terminal: keeps the last frame for tests to read as text, and feeds
/// keys from a queue.
public final class VirtualBackend: Backend {
    public var size: Size
    public private(set) var frame: Grid
    public private(set) var framesDrawn = 0
    public var pendingKeys: [Key] = []
    /// How often the terminal was handed to a child program, and taken back.
    public private(set) var suspendCount = 0
    public private(set) var resumeCount = 0
    /// True between `suspend` and `resume`.
    public private(set) var isSuspended = false
    /// Frames drawn while suspended: always a bug (they would land on the child's screen), so
    /// tests assert this stays zero.
    public private(set) var framesDrawnWhileSuspended = 0

    public init(size: Size) {
        self.size = size
        self.frame = Grid(size)
    }

    public func draw(_ grid: Grid) {
        if isSuspended { framesDrawnWhileSuspended += 1 }
        frame = grid
        framesDrawn += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func suspend() {
        suspendCount += 1
        isSuspended = true
    }

    public func resume() {
        resumeCount += 1
        isSuspended = false
    }

    public func shutdown() {}

    /// The frame as text, one line per row, trailing spaces kept so widths are visible.
    public func text() -> String {
        VirtualBackend.render(frame, styles: false)
    }

    /// The frame as text with a second line under each row marking every cell's role with a
    /// letter (`.` for normal), so a snapshot also shows what is highlighted.
    public func textWithStyles() -> String {
        VirtualBackend.render(frame, styles: true)
    }

    public static func render(_ grid: Grid, styles: Bool) -> String {
        var lines: [String] = []
        for y in 0..<grid.size.height {
            lines.append(grid.text(row: y))
            if styles {
                var marks = ""
                for x in 0..<grid.size.width {
                    let cell = grid[x, y]
                    if cell.width == 0 { continue }
                    marks.append(mark(cell.role))
                    if cell.width == 2 { marks.append(mark(cell.role)) }
                }
                lines.append(String(marks.prefix(grid.size.width)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func mark(_ role: StyleRole) -> Character {
        let letters: [StyleRole: Character] = [
            .normal: ".", .muted: "m", .header: "h", .title: "T", .border: "b", .selection: "S",
            .selectionUnfocused: "s", .urgent: "U", .high: "H", .overdue: "O", .gap: "G", .accent: "a",
            .changed: "C", .changedSelection: "X", .statusBar: "B", .tabActive: "A", .tabInactive: "i", .customer: "c", .reply: "r",
            .note: "n", .today: "D", .error: "E",
            .approaching: "o", .match: "M", .disabled: "d", .statusBarDisabled: "z", .presence: "P", .warning: "W",
        ]
        return letters[role] ?? "?"
    }
}
