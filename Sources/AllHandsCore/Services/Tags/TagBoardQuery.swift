import Storage

extension TagService {
    /// What the tags pane shows for `window`: per tag, open tickets now, additions in the last
    /// 24 hours and 7 days, the window against the one before it, and a 14-day sparkline; and the
    /// first two dimensions' matrix of open tickets.
    ///
    /// Reads only kept counts: `tag_open_counts`, `tag_pair_open`, and the additions (daily sums
    /// and the last two days' events), so its cost follows the number of tags and days, never the
    /// number of tickets. Given the `previous` board, it reads only the events written since
    /// (see `TagBoardMemory`): a live pane's refresh after a change.
    public func board(window: TagWindow = .week, after previous: TagBoard? = nil) throws -> TagBoard {
        try context.check(.viewTickets)
        let now = context.now
        var days = LocalDays(zone: ShiftTime.companyZone(context.config))
        let today = days.day(of: now)
        // Days needed: the sparkline's, the last 7, and the window with the one before it.
        let span = max(TagBoard.sparklineDays, 7, window == .day ? 0 : 2 * window.rawValue)
        return try context.read { db in
            let history = try db.fetchInt("SELECT version FROM change_counters WHERE region = 'tag-history'") ?? 0
            var memory: TagBoardMemory
            if let kept = previous?.memory, kept.today == today, kept.span >= span, kept.historyVersion == history {
                memory = kept
            } else {
                memory = try .load(db, today: today, span: span, now: now, historyVersion: history)
            }
            try memory.catchUp(db, now: now)
            let tags = try withUnusedTaxonomyTags(Self.all(in: db), in: db)
            let open = try LiveCounts.maintained(in: db)
            let matrix = try self.matrix(tags: tags, in: db)
            let trends: [TagTrend] = tags.compactMap { tag in
                let id = tag.id
                let last24h = memory.additions(id, after: now - 86_400, upTo: now)
                let trend = TagTrend(
                    tag: tag, open: open[id] ?? 0, new24h: last24h, new7d: memory.days(id, last: 7),
                    inWindow: window == .day ? last24h : memory.days(id, last: window.rawValue),
                    previousWindow: window == .day ? memory.additions(id, after: now - 2 * 86_400, upTo: now - 86_400)
                        : memory.days(id, last: window.rawValue, skipping: window.rawValue),
                    daily: Array((memory.daily[id] ?? memory.emptyDays).suffix(TagBoard.sparklineDays)))
                let quiet = trend.open == 0 && trend.inWindow == 0 && trend.previousWindow == 0 && trend.daily.allSatisfy { $0 == 0 }
                return tag.dimension == nil && quiet ? nil : trend
            }
            var board = TagBoard(window: window, asOf: now, trends: ordered(trends, tag: \.tag, value: \.open),
                                 matrix: matrix)
            board.memory = memory
            return board
        }
    }

    /// The first two dimensions' tags against each other, open tickets per cell.
    private func matrix(tags: [Tag], in db: Database) throws -> TagMatrix? {
        let dimensions = context.config.taxonomy.dimensions
        guard dimensions.count >= 2 else { return nil }
        let rows = Self.inTaxonomyOrder(tags, of: dimensions[0]), columns = Self.inTaxonomyOrder(tags, of: dimensions[1])
        // Tags not used yet (id 0) have no pairs.
        let rowIndex = Dictionary(rows.enumerated().filter { $1.id != 0 }.map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let columnIndex = Dictionary(columns.enumerated().filter { $1.id != 0 }.map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var cells = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
        // Point lookups of the dimensions' pairs only (free tags pair with them too).
        let ids = (rows + columns).map(\.id).filter { $0 != 0 }.map(String.init).joined(separator: ",")
        try db.forEachRow("SELECT a, b, open FROM tag_pair_open WHERE a IN (\(ids)) AND b IN (\(ids)) AND open > 0") { row in
            let a = row.int(0), b = row.int(1)
            if let r = rowIndex[a], let c = columnIndex[b] { cells[r][c] = row.int(2) }
            if let r = rowIndex[b], let c = columnIndex[a] { cells[r][c] = row.int(2) }
        }
        return TagMatrix(rowDimension: dimensions[0].name, columnDimension: dimensions[1].name,
                         rows: rows.map(\.name), columns: columns.map(\.name), cells: cells)
    }

    /// `tags` and the taxonomy's tags no ticket has carried yet (id 0, counts zero), so every
    /// area shows from the first day. An old name of a renamed tag is not added again.
    private func withUnusedTaxonomyTags(_ tags: [Tag], in db: Database) throws -> [Tag] {
        var known = Set(tags.map(\.name))
        try db.forEachRow("SELECT name FROM tag_aliases") { known.insert($0.string(0)) }
        return tags + context.config.taxonomy.dimensions.flatMap { dimension in
            dimension.tags.filter { !known.contains($0) }.map { Tag(id: 0, name: $0, dimension: dimension.name) }
        }
    }

    /// A dimension's tags in the config's order; tags of it the config no longer lists (renamed
    /// ones) after them, by name.
    static func inTaxonomyOrder(_ tags: [Tag], of dimension: Configuration.Dimension) -> [Tag] {
        let mine = tags.filter { $0.dimension == dimension.name }
        func rank(_ tag: Tag) -> Int { dimension.tags.firstIndex(of: tag.name) ?? dimension.tags.count }
        return mine.sorted { rank($0) != rank($1) ? rank($0) < rank($1) : $0.name < $1.name }
    }
}
