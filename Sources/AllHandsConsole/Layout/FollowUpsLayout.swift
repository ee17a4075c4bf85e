import TerminalUI

/// Where the call-down and check-in view's parts go, as a pure function of the content area:
/// the title row, the list, and under it (from 14 rows) a rule and three rows for the selected
/// row's notes or links.
struct FollowUpsLayout: Equatable {
    var title: Rect
    var list: Rect
    var rule: Rect?
    var detail: Rect?

    static let detailRows = 3
    static let detailFrom = 14

    static func compute(_ content: Rect) -> FollowUpsLayout {
        let (title, body) = content.splitTop(1)
        guard content.height >= detailFrom else { return FollowUpsLayout(title: title, list: body, rule: nil, detail: nil) }
        let (list, below) = body.splitTop(body.height - detailRows - 1)
        let (rule, detail) = below.splitTop(1)
        return FollowUpsLayout(title: title, list: list, rule: rule, detail: detail)
    }
}
