import Storage

/// Walk-a-mile listening: the live, read-only timeline of the support floor, the listener's
/// sessions, and the listening time they add up to (`ListeningRules`). Listening never sends
/// anything to a customer: every call here only reads, except a session's own bookkeeping.
public struct ListeningService {
    let context: ServiceContext

    /// The support floor as messages in id order, oldest first. Without `after`, the newest
    /// `limit` entries; with it, the entries whose message id is above `after` (a refresh from
    /// the last entry seen), at most `limit`. Internal notes are included: how the team thinks
    /// is the point. With `listening.hideCustomerContacts`, customers' email addresses and phone
    /// numbers are hidden in the author, subject and body (`ContactMask`).
    ///
    /// A refresh walks the messages' primary key from `after`, so it costs what arrived since.
    public func timeline(filter: ListenFilter, after: Int? = nil, limit: Int = 200) throws -> [TimelineEntry] {
        try context.check(.listen)
        guard (1...ListenTimeline.largestPage).contains(limit) else {
            throw AllHandsError.invalid("a timeline page holds 1 to \(ListenTimeline.largestPage) entries, not \(limit)")
        }
        let hide = context.config.listening.hideCustomerContacts
        return try context.read { db in
            let scope = try ListenTimeline.Scope(filter, taxonomy: context.config.taxonomy, in: db)
            let entries = try ListenTimeline.entries(scope, after: after, limit: limit, in: db)
            return hide ? entries.map(ListenTimeline.masked) : entries
        }
    }

    /// Checks that `filter` names a tag and a person that exist (a listener follows something
    /// real), with its tag in canonical form: `tag:bug` for `tag:defect` when `defect` is an alias.
    public func resolve(_ filter: ListenFilter) throws -> ListenFilter {
        try context.check(.listen)
        return try context.read { db in
            try ListenTimeline.Scope(filter, taxonomy: context.config.taxonomy, in: db).filter
        }
    }
}
