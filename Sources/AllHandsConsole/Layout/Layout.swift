import TerminalUI

/// Where everything goes, as a pure function of the terminal size and the focused pane.
///
/// - Wide terminals (≥ 120 columns): the queue on the left; the rotation and the live tags
///   stacked on the right.
/// - Narrow terminals: a tab bar and one pane at a time.
/// - Below 40×10: only a "terminal too small" notice.
/// The status bar is always the last row; full screens (ticket, help) use all rows above it.
public struct Layout: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case wide, narrow, tooSmall }

    public static let minimum = Size(width: 40, height: 10)
    public static let wideFrom = 120

    public var mode: Mode
    public var size: Size
    public var tabBar: Rect?
    public var panes: [Pane: Rect]
    /// The column between the queue and the right-hand panes (wide mode).
    public var separator: Rect?
    /// The area for full-screen views (ticket, help, welcome).
    public var content: Rect
    public var statusBar: Rect

    public static func compute(size: Size, focus: Pane) -> Layout {
        let full = Rect(x: 0, y: 0, width: size.width, height: size.height)
        guard size.width >= minimum.width, size.height >= minimum.height else {
            return Layout(mode: .tooSmall, size: size, tabBar: nil, panes: [:], separator: nil, content: full,
                          statusBar: Rect(x: 0, y: size.height, width: 0, height: 0))
        }
        let (body, status) = full.splitTop(size.height - 1)
        if size.width >= wideFrom {
            let rightWidth = max(44, size.width * 36 / 100)
            let (queue, rest) = body.splitLeft(size.width - rightWidth - 1)
            let (separator, right) = rest.splitLeft(1)
            // The calendar needs a title, a weekday row, six weeks and three lines of who is on shift.
            let rotationHeight = min(12, max(6, right.height / 2))
            let (rotation, tags) = right.splitTop(rotationHeight)
            return Layout(mode: .wide, size: size, tabBar: nil,
                          panes: [.queue: queue, .rotation: rotation, .tags: tags],
                          separator: separator, content: body, statusBar: status)
        }
        let (tabs, pane) = body.splitTop(1)
        return Layout(mode: .narrow, size: size, tabBar: tabs, panes: [focus: pane], separator: nil,
                      content: body, statusBar: status)
    }

    /// Which pane a click at (x, y) lands in.
    public func pane(atX x: Int, y: Int) -> Pane? {
        panes.first { $0.value.contains(x: x, y: y) }?.key
    }
}
