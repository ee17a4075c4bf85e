import TerminalUI

/// Where the listen view's parts go, as a pure function of the content area: the title row
/// (the filter, the time listened, contacts hidden), the read-only banner, the timeline, and,
/// while the person reads further up and new entries arrived, a last row saying how many are
/// below.
struct ListenLayout: Equatable {
    var title: Rect
    var banner: Rect
    var timeline: Rect
    /// The "N new below" row; nil while the view follows the bottom.
    var newBelow: Rect?

    static func compute(_ content: Rect, newBelow: Bool) -> ListenLayout {
        let (title, rest) = content.splitTop(min(1, content.height))
        let (banner, body) = rest.splitTop(min(1, rest.height))
        guard newBelow, body.height >= 2 else {
            return ListenLayout(title: title, banner: banner, timeline: body, newBelow: nil)
        }
        let (timeline, below) = body.splitTop(body.height - 1)
        return ListenLayout(title: title, banner: banner, timeline: timeline, newBelow: below)
    }
}
