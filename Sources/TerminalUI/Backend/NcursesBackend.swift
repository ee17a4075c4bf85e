import CNcursesw
import Foundation

/// A real terminal through ncursesw. Each frame writes only the cells that differ from the
/// previous frame, and ncurses then sends only the differences to the terminal; a normal frame
/// never clears the screen.
public final class NcursesBackend: Backend {
    private var previous: Grid?
    private var theme: Theme
    private var pairs: [StyleRole: Int16] = [:]
    private var attributes: [StyleRole: attr_t] = [:]
    private var active = true
    private var suspended = false
    private let screen: OpaquePointer?

    /// Starts curses on the controlling terminal.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        TextWidth.prepareLocale()
        setenv("ESCDELAY", "25", 0)
        initscr()
        screen = nil
        theme = .monochrome
        configure(environment: environment)
    }

    /// Starts curses on explicit streams (benchmarks measure the bytes a frame costs this way).
    public init(terminalType: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                environment: [String: String] = [:]) {
        TextWidth.prepareLocale()
        screen = newterm(terminalType, output, input)
        if let screen { set_term(screen) }
        theme = .monochrome
        configure(environment: environment)
    }

    private func configure(environment: [String: String]) {
        raw()
        noecho()
        nonl()
        keypad(ah_stdscr(), true)
        curs_set(0)
        leaveok(ah_stdscr(), true)
        idlok(ah_stdscr(), true)
        mousemask(ah_button1_clicked() | ah_button4_pressed() | ah_button5_pressed(), nil)
        mouseinterval(0)
        let hasColors = has_colors()
        theme = Theme.choose(environment: environment, terminalHasColors: hasColors)
        if theme.usesColor {
            start_color()
            use_default_colors()
        }
        for (index, role) in StyleRole.allCases.enumerated() {
            let look = theme.look(role)
            var attrs = ah_a_normal()
            if look.bold { attrs |= ah_a_bold() }
            if look.reverse { attrs |= ah_a_reverse() }
            if look.underline { attrs |= ah_a_underline() }
            if look.dim { attrs |= ah_a_dim() }
            attributes[role] = attrs
            if theme.usesColor {
                let pair = Int16(index + 1)
                init_pair(pair, look.foreground, look.background)
                pairs[role] = pair
            }
        }
    }

    public var size: Size {
        var rows: Int32 = 0, cols: Int32 = 0
        ah_getmaxyx(ah_stdscr(), &rows, &cols)
        return Size(width: Int(cols), height: Int(rows))
    }

    /// Scalars a curses cell holds (CCHARW_MAX).
    static let cellScalars = 5

    /// A cluster that curses would measure differently from the grid or cannot hold: more scalars
    /// than a cell keeps, a spacing scalar after the base (flags, skin tones, ZWJ sequences) or
    /// an emoji presentation selector. Such a cluster is sent to the terminal whole, at an
    /// absolute position, after the refresh that drew a blank of its width in its place; so a
    /// terminal that draws it wider or narrower than the grid never shifts the rest of the row.
    static func sentWhole(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard scalars.count > 1 else { return false }
        if scalars.count > cellScalars { return true }
        return scalars.dropFirst().contains { $0 == "\u{FE0F}" || TextWidth.scalarColumns($0) > 0 }
    }

    public func draw(_ grid: Grid) {
        // While suspended the terminal belongs to someone else: keep the frame for `resume`.
        guard !suspended else {
            previous = grid
            return
        }
        let full = previous?.size != grid.size
        var chars = [wchar_t](repeating: 0, count: Self.cellScalars)
        var wrote = false
        var whole: [(x: Int, y: Int, cell: Cell)] = []
        for y in 0..<grid.size.height {
            let repair = !full && rowNeedsRepair(y, grid)
            if repair { wredrawln(ah_stdscr(), Int32(y), 1) }
            for x in 0..<grid.size.width {
                let cell = grid[x, y]
                if cell.width == 0 { continue }
                let isWhole = Self.sentWhole(cell.character)
                if !full, let previous, previous[x, y] == cell,
                   cell.width == 1 || (x + 1 < grid.size.width && previous[x + 1, y] == grid[x + 1, y]) {
                    if repair && isWhole { whole.append((x, y, cell)) }
                    continue
                }
                var count = 0
                if isWhole {
                    // Curses keeps a blank of the cluster's width; the cluster follows the refresh.
                    chars[0] = wchar_t(cell.width == 2 ? 0x3000 : 0x20)
                    count = 1
                    whole.append((x, y, cell))
                } else {
                    for scalar in cell.character.unicodeScalars where count < Self.cellScalars {
                        chars[count] = wchar_t(bitPattern: scalar.value)
                        count += 1
                    }
                }
                // (ncurses reports an error for the bottom-right cell, yet draws it: ignored.)
                _ = ah_put_cell(Int32(y), Int32(x), &chars, Int32(count), attributes[cell.role] ?? 0, pairs[cell.role] ?? 0)
                wrote = true
            }
        }
        previous = grid
        if wrote || full { refresh() }
        guard !whole.isEmpty else { return }
        for item in whole {
            _ = ah_emit_cluster(Int32(item.y), Int32(item.x), String(item.cell.character),
                                attributes[item.cell.role] ?? 0, pairs[item.cell.role] ?? 0)
        }
        // A refresh with nothing to draw resets the attributes curses believes are set.
        refresh()
    }

    /// A row where a cluster was sent whole and something in the row now differs: curses does
    /// not know what the terminal shows there, so the row is repainted and its clusters sent again.
    private func rowNeedsRepair(_ y: Int, _ grid: Grid) -> Bool {
        guard let previous else { return false }
        var hadWhole = false, differs = false
        for x in 0..<grid.size.width {
            if previous[x, y].width != 0, Self.sentWhole(previous[x, y].character) { hadWhole = true }
            if previous[x, y] != grid[x, y] { differs = true }
            if hadWhole && differs { return true }
        }
        return false
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        // Reading would make curses refresh, and so take the terminal back early.
        guard !suspended else { return nil }
        timeout(Int32(timeoutMilliseconds))
        var code: Int32 = 0
        let rc = ah_get_wch(&code)
        if rc == ERR { return nil }
        if rc == KEY_CODE_YES { return decodeKeyCode(code) }
        return KeyDecoder.character(UInt32(bitPattern: code), readNext: {
            timeout(0)
            var next: Int32 = 0
            let r = ah_get_wch(&next)
            return r == OK ? UInt32(bitPattern: next) : nil
        })
    }

    private func decodeKeyCode(_ code: Int32) -> Key? {
        if code == KEY_MOUSE {
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let state = event.bstate
            if state & ah_button4_pressed() != 0 { return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), button: .wheelUp)) }
            if ah_button5_pressed() != 0, state & ah_button5_pressed() != 0 {
                return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), button: .wheelDown))
            }
            return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), button: .left))
        }
        if code == KEY_RESIZE {
            previous = nil
            return .resize
        }
        return KeyDecoder.keyCode(code)
    }

    /// Saves curses' terminal modes and leaves curses (`endwin`) with the cursor visible, as a
    /// shell escape does. A second call before `resume` does nothing.
    public func suspend() {
        guard active, !suspended else { return }
        suspended = true
        def_prog_mode()
        curs_set(1)
        endwin()
    }

    /// Returns to curses' saved modes and repaints the whole last frame from a cleared screen:
    /// whatever the child program left on the terminal is gone, and clusters sent outside curses'
    /// cells are sent again.
    public func resume() {
        guard active, suspended else { return }
        suspended = false
        reset_prog_mode()
        curs_set(0)
        clearok(ah_stdscr(), true)
        if let last = previous {
            previous = nil
            draw(last)
        } else {
            refresh()
        }
    }

    public func shutdown() {
        guard active else { return }
        active = false
        suspended = false
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
    }
}
