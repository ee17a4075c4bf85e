import TerminalUI

/// Where the rotation screen's parts go, as a pure function of the content area: the title
/// row, then from 120 columns the calendar with the fairness panel beside it; narrower, the
/// calendar alone, or the fairness panel in its place while `showFairness` is set (`F`).
struct RotationLayout: Equatable {
    var title: Rect
    var calendar: Rect?
    var fairness: Rect?
    /// The column between the calendar and the fairness panel (wide terminals).
    var separator: Rect?

    static func compute(_ content: Rect, showFairness: Bool) -> RotationLayout {
        let (title, body) = content.splitTop(1)
        guard content.width >= Layout.wideFrom else {
            return RotationLayout(title: title, calendar: showFairness ? nil : body, fairness: showFairness ? body : nil,
                                  separator: nil)
        }
        let panel = min(48, max(36, content.width * 30 / 100))
        let (left, rest) = body.splitLeft(body.width - panel - 1)
        let (separator, right) = rest.splitLeft(1)
        return RotationLayout(title: title, calendar: left, fairness: right, separator: separator)
    }
}
