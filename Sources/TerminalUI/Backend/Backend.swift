/// Where frames go and keys come from: a real terminal (`NcursesBackend`) or a test double
/// (`VirtualBackend`).
public protocol Backend: AnyObject {
    /// The terminal's current size.
    var size: Size { get }
    /// Shows `grid`, sending only what changed since the previous frame.
    func draw(_ grid: Grid)
    /// Waits up to `timeoutMilliseconds` for a key; nil when the time ran out.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal back in its normal mode (cursor shown, echo on, main screen) so a child
    /// program such as `$EDITOR` can own it. Nothing may be drawn until `resume`.
    func suspend()
    /// Takes the terminal back after `suspend` and repaints the last frame in full, so the
    /// screen is exactly what it was before.
    func resume()
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
}
