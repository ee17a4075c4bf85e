import AllHandsCore
import Foundation
import TerminalUI

/// The tags board: every tag's trend by dimension with all the columns that fit, the area ×
/// type matrix with its hottest cells, and the time window (`w`). A cursor moves over the tags
/// and on into the matrix; `Enter` opens the queue filtered by the tag, or by both tags of a
/// cell, and `q` there comes back to the same place. Opened by `Enter` on the tags pane, `T`
/// or `:tags`.
extension Console {
    /// Opens the board; from a queue the board opened, goes back to it instead of stacking another.
    func openTags() throws {
        if state.screen == .main, state.stack.last == .tags { return try backToTags() }
        try reloadTags()
        state.push(.tags)
    }

    /// Loads the board for the chosen window: the one place the pane and the board are read.
    /// With `marking`, the rows and matrix cells whose numbers moved are marked until then.
    func reloadTags(marking until: Int64? = nil) throws {
        // After the previous board: only the events written since are read (TagBoardMemory).
        let board = try workspace.tags.board(window: tags.window, after: tags.board)
        if let until, let before = tags.board, before.window == board.window {
            for key in TagsModel.changes(from: before, to: board) { changedTags[key] = until }
        }
        tags.board = board
    }

    func performOnTags(_ id: ActionID, argument: String?) throws -> Outcome {
        switch id {
        case .back: state.pop()
        case .down: tags.move(by: 1)
        case .up: tags.move(by: -1)
        case .pageDown, .pageUp:
            let page = max(1, tagsLayout(layout.content).list.height - 1)
            tags.move(by: id == .pageDown ? page : -page)
        case .top: tags.moveToEdge(end: false)
        case .bottom: tags.moveToEdge(end: true)
        case .previousColumn: tags.moveColumn(by: -1)
        case .nextColumn: tags.moveColumn(by: 1)
        case .switchTagArea: tags.switchArea()
        case .open: try openTaggedQueue()
        case .nextTagWindow: try showTagWindow(tags.window.next)
        case .tagWindow:
            guard let window = argument.flatMap(TagWindow.init(label:)) else { return usage(.tagWindow) }
            try showTagWindow(window)
        case .compare: try startCompare(argument)
        default: return .unhandled
        }
        return .handled
    }

    private func showTagWindow(_ window: TagWindow) throws {
        tags.window = window
        try reloadTags()
        flash("Window \(window.label): the change column compares it with the \(window.label) before")
    }

    /// `Enter`: the queue of the selected tag or cell, remembering the queue's own view for `q`.
    private func openTaggedQueue() throws {
        guard let filter = tags.selectedFilter else { return flash("No tag to open: nothing is tagged yet", error: true) }
        tags.queueBefore = TagsModel.QueueBefore(view: state.view, sort: state.sort, focus: state.focus)
        state.push(.main)
        state.focus = .queue
        try showView(.byTag(filter))
    }

    /// `q` in a queue the board opened: the queue's own view again, and the board as it was.
    func backToTags() throws {
        if let before = tags.queueBefore {
            state.focus = before.focus
            try applyView(before.view, sort: before.sort)
        }
        tags.queueBefore = nil
        state.pop()
    }

    // MARK: - Drawing

    func tagsLayout(_ rect: Rect) -> TagsLayout {
        TagsLayout.compute(rect, list: tags.board.map { TagList.size($0, glyphs: glyphs) } ?? Size(width: 0, height: 0),
                           matrix: tags.matrix.map(TagMatrixView.size))
    }

    func drawTags(_ grid: inout Grid, _ rect: Rect) {
        let l = tagsLayout(rect)
        let detail = TagsPane.title(tags.window)
        // What Enter opens, when it fits beside the title.
        let right = tags.selectedFilter.map { "Enter: queue of " + Sanitizer.clean($0) } ?? ""
        let fits = TextWidth.columns(" Tags · " + detail + right) + 4 <= l.title.width
        PaneTitle.draw(&grid, l.title, title: "Tags", detail: detail, right: fits ? right : "", focused: true)
        guard let board = tags.board, !board.trends.isEmpty else {
            grid.write(tags.board == nil ? " Counting open tickets\(glyphs.ellipsis)" : " No tags yet.", x: l.list.x, y: l.list.y,
                       role: .muted, limit: l.list.width)
            return
        }
        let rows = TagList.rows(board, width: l.list.width, glyphs: glyphs, changed: Set(changedTags.keys))
        TagList.draw(&grid, l.list, rows: rows, anchor: tags.listAnchor, highlight: tags.selectedTag != nil, glyphs: glyphs)
        if let area = l.matrix, let matrix = tags.matrix {
            TagMatrixView.draw(&grid, area, matrix: matrix, selected: tags.selectedCell, changed: Set(changedTags.keys),
                               glyphs: glyphs)
        }
        if let separator = l.separator {
            for y in separator.y..<separator.maxY { grid.write("│", x: separator.x, y: y, role: .border) }
        }
    }
}
