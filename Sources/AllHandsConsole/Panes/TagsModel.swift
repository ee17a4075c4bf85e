import AllHandsCore

/// Where the cursor of the tags board is: on a tag of the list, or on a cell of the matrix
/// (named by its row's and column's tags, so it stays put when the counts reload).
enum TagCursor: Equatable, Sendable {
    case tag(String)
    case cell(row: String, column: String)
}

/// The tags board's state and what it loaded: the window, the board, the cursor, the queue to
/// come back to after `Enter`, and the comparison on show. Moving is pure; the console loads.
struct TagsModel {
    var window: TagWindow = .week
    /// Nil until the first load (the first frame shows the queue without waiting for it).
    var board: TagBoard?
    private var cursor: TagCursor?
    /// The matrix cell the cursor was on last, for `Tab` back to it.
    private var lastCell: TagCursor?
    /// The tag the cursor was on last, for `Tab` back to it.
    private var lastTag: String?

    /// The queue as it was when `Enter` opened it filtered: `q` puts it back.
    struct QueueBefore: Equatable {
        var view: TicketView
        var sort: TicketSort
        var focus: Pane
    }
    var queueBefore: QueueBefore?

    /// The comparison on show (`m`), with how many weeks each side it covers.
    var comparison: TagComparison?
    var compareWeeks = 4
    var compareScroll = 0

    // MARK: - What is selected

    var trends: [TagTrend] { board?.trends ?? [] }
    var matrix: TagMatrix? { board?.matrix }

    /// The cursor, or the first tag when it points at nothing the board holds now.
    var selected: TagCursor? {
        if let cursor, isValid(cursor) { return cursor }
        return trends.first.map { .tag($0.tag.qualifiedName) }
    }

    private func isValid(_ cursor: TagCursor) -> Bool {
        switch cursor {
        case .tag(let name): trends.contains { $0.tag.qualifiedName == name }
        case .cell(let row, let column): matrix.map { $0.rows.contains(row) && $0.columns.contains(column) } ?? false
        }
    }

    /// The tag the list keeps in view: the selected one, or the one last selected while the
    /// cursor is in the matrix.
    var listAnchor: String? {
        switch selected {
        case .tag(let name): name
        case .cell: lastTag.flatMap { name in trends.contains { $0.tag.qualifiedName == name } ? name : nil }
        case nil: nil
        }
    }

    var selectedTag: TagTrend? {
        guard case .tag(let name) = selected else { return nil }
        return trends.first { $0.tag.qualifiedName == name }
    }

    /// The selected matrix cell as indices, when the cursor is on one.
    var selectedCell: (row: Int, column: Int)? {
        guard case .cell(let row, let column) = selected, let matrix,
              let r = matrix.rows.firstIndex(of: row), let c = matrix.columns.firstIndex(of: column) else { return nil }
        return (r, c)
    }

    /// What the queue filters by for the selection: `area:billing`, or `area:billing+type:bug`
    /// for a cell (tickets carrying both).
    var selectedFilter: String? {
        switch selected {
        case .tag(let name): name
        case .cell(let row, let column):
            matrix.map { Self.cellFilter(row: row, column: column, in: $0) }
        case nil: nil
        }
    }

    /// `area:billing+type:bug`: the view by tag of a matrix cell, and its key among changed rows.
    static func cellFilter(row: String, column: String, in matrix: TagMatrix) -> String {
        "\(matrix.rowDimension):\(row)+\(matrix.columnDimension):\(column)"
    }

    // MARK: - Moving

    /// Down (positive) or up the list, on into the matrix below its last tag and back out of
    /// its first row.
    mutating func move(by delta: Int) {
        guard let current = selected else { return }
        let names = trends.map(\.tag.qualifiedName)
        switch current {
        case .tag(let name):
            let index = (names.firstIndex(of: name) ?? 0).addingReportingOverflow(delta).partialValue
            if index >= names.count, let matrix, !matrix.rows.isEmpty, !matrix.columns.isEmpty {
                let column = lastCell.flatMap { if case .cell(_, let c) = $0 { c } else { nil } } ?? matrix.columns[0]
                set(.cell(row: matrix.rows[0], column: column))
            } else if !names.isEmpty {
                set(.tag(names[min(max(0, index), names.count - 1)]))
            }
        case .cell(let row, let column):
            guard let matrix, let r = matrix.rows.firstIndex(of: row) else { return }
            let target = r.addingReportingOverflow(delta).partialValue
            if target < 0, let last = names.last {
                set(.tag(last))
            } else {
                set(.cell(row: matrix.rows[min(max(0, target), matrix.rows.count - 1)], column: column))
            }
        }
    }

    /// Left or right along the matrix's row; nothing on the list.
    mutating func moveColumn(by delta: Int) {
        guard case .cell(let row, let column) = selected, let matrix, let c = matrix.columns.firstIndex(of: column) else { return }
        set(.cell(row: row, column: matrix.columns[min(max(0, c + delta), matrix.columns.count - 1)]))
    }

    /// Between the list and the matrix, back where the cursor was in each.
    mutating func switchArea() {
        switch selected {
        case .tag:
            guard let matrix, let firstRow = matrix.rows.first, let firstColumn = matrix.columns.first else { return }
            let back = lastCell.flatMap { isValid($0) ? $0 : nil }
            set(back ?? .cell(row: firstRow, column: firstColumn))
        case .cell:
            let back = lastTag.map(TagCursor.tag).flatMap { isValid($0) ? $0 : nil }
            if let target = back ?? trends.first.map({ .tag($0.tag.qualifiedName) }) { set(target) }
        case nil: break
        }
    }

    /// The first or the last tag of the list.
    mutating func moveToEdge(end: Bool) {
        if let trend = end ? trends.last : trends.first { set(.tag(trend.tag.qualifiedName)) }
    }

    mutating func select(_ target: TagCursor) { set(target) }

    private mutating func set(_ target: TagCursor) {
        cursor = target
        switch target {
        case .tag(let name): lastTag = name
        case .cell: lastCell = target
        }
    }

    // MARK: - What changed

    /// The rows (qualified names) and matrix cells (`row+column` filters) whose numbers differ
    /// between two loads of the board: what the console marks as changed by someone else.
    static func changes(from old: TagBoard, to new: TagBoard) -> Set<String> {
        var changed = Set<String>()
        let before = Dictionary(old.trends.map { ($0.tag.qualifiedName, $0) }, uniquingKeysWith: { a, _ in a })
        for trend in new.trends {
            let name = trend.tag.qualifiedName
            guard let was = before[name] else {
                changed.insert(name)
                continue
            }
            if was.open != trend.open || was.new24h != trend.new24h || was.new7d != trend.new7d
                || was.inWindow != trend.inWindow {
                changed.insert(name)
            }
        }
        if let matrix = new.matrix {
            let oldCells = old.matrix.map(cellCounts) ?? [:]
            for (key, open) in cellCounts(matrix) where oldCells[key] != open { changed.insert(key) }
        }
        return changed
    }

    private static func cellCounts(_ matrix: TagMatrix) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (r, row) in matrix.rows.enumerated() {
            for (c, column) in matrix.columns.enumerated() {
                counts[cellFilter(row: row, column: column, in: matrix)] = matrix.open(r, c)
            }
        }
        return counts
    }
}

extension TagMatrix {
    /// Open tickets in the cell at row `r`, column `c`; 0 outside the matrix.
    func open(_ r: Int, _ c: Int) -> Int {
        cells.indices.contains(r) && cells[r].indices.contains(c) ? cells[r][c] : 0
    }
}
