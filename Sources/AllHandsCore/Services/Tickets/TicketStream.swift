import Storage

/// How much of a filter a streamed listing showed.
public struct ListingExtent: Sendable, Equatable {
    /// Rows handed to the caller.
    public var shown: Int
    /// Rows the filter matches: equal to `shown` unless the limit cut the listing.
    public var total: Int

    public init(shown: Int, total: Int) {
        self.shown = shown
        self.total = total
    }

    public var isCut: Bool { total > shown }
}

extension TicketService {
    /// Rows fetched per keyset page while streaming: enough to amortise each query, few enough
    /// that memory stays flat however long the listing.
    public static let streamPageSize = 500

    /// Hands the filter's tickets to `body` in its order, at most `limit`, one keyset page at a
    /// time inside one read transaction: memory stays bounded by a page, every row comes from
    /// the same snapshot, and the count of the whole filter (when the limit cut it) too.
    @discardableResult
    public func forEach(_ filter: TicketFilter, limit: Int, pageSize: Int = streamPageSize,
                        _ body: (Ticket) throws -> Void) throws -> ListingExtent {
        try context.check(.viewTickets)
        let filter = canonical(filter)
        return try context.read { db in
            var shown = 0
            var anchor = PageAnchor.start
            while shown < limit {
                let want = min(pageSize, limit - shown)
                var page = try Self.page(filter, from: anchor, limit: want, sla: context.config.sla, in: db)
                try Self.attachTags(to: &page, in: db)
                for ticket in page { try body(ticket) }
                shown += page.count
                guard page.count == want, let last = page.last else {
                    return ListingExtent(shown: shown, total: shown)
                }
                anchor = .after(cursor(for: last, in: filter), inclusive: false)
            }
            return ListingExtent(shown: shown, total: try Self.count(filter, sla: context.config.sla, in: db))
        }
    }
}
