/// Where frames go and keys come from: a real terminal (`NcursesBackend`) or a test double
/// (`VirtualBackend`).
public protocol Backend: AnyObject {
    /// The terminal's current size.
    var size: Size { get }
    /// Shows `grid`, sending only what changed since the previous frame.
    func draw(_ grid: Grid)
    /// Waits up to `timeoutMilliseconds` for a key; nil when the time ran out.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
}
