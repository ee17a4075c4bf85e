import TerminalUI

/// Where the tags board's parts go, as a pure function of the content area and the sizes the
/// list and the matrix want: the title row, then the matrix beside the list when both fit side
/// by side (the matrix takes what the list leaves), else under it: right under it after a blank
/// row when everything fits, else at the bottom taking at most half the rows, so the list keeps
/// room to move in.
struct TagsLayout: Equatable {
    var title: Rect
    var list: Rect
    var matrix: Rect?
    /// The column between the list and the matrix when they stand side by side.
    var separator: Rect?

    static func compute(_ content: Rect, list wanted: Size, matrix: Size?) -> TagsLayout {
        let (title, body) = content.splitTop(1)
        guard let matrix, body.height > 0 else { return TagsLayout(title: title, list: body, matrix: nil, separator: nil) }
        let listRows = wanted.height
        if body.width >= wanted.width + 1 + matrix.width {
            let (list, rest) = body.splitLeft(wanted.width)
            let (separator, right) = rest.splitLeft(1)
            return TagsLayout(title: title, list: list, matrix: right, separator: separator)
        }
        if listRows + 1 + matrix.height <= body.height {
            let (list, rest) = body.splitTop(listRows + 1)
            return TagsLayout(title: title, list: list, matrix: rest.splitTop(matrix.height).0, separator: nil)
        }
        let height = min(matrix.height, body.height / 2)
        guard height >= 3 else { return TagsLayout(title: title, list: body, matrix: nil, separator: nil) }
        let (list, below) = body.splitTop(body.height - height)
        return TagsLayout(title: title, list: list, matrix: below, separator: nil)
    }
}
