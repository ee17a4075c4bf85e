import Storage

/// Renaming and merging tags (`tags rename`, `tags merge`): leads keep the taxonomy tidy without
/// losing history. Each is one transaction with one audit entry; the old name stays an alias, so
/// tickets, filters and habits that use it still find the tag.
extension TagService {
    /// Gives a tag a new name. Its tickets, events and counts stay with it (they hold its id).
    /// A name the taxonomy lists gives the tag that dimension (a free tag joins it); another
    /// tag's name, or an alias that leads elsewhere, is refused.
    public func rename(_ oldName: String, to newName: String) throws -> TagRetitle {
        try context.check(.manageTaxonomy)
        let taxonomy = context.config.taxonomy
        let wanted = newName.trimmingCharacters(in: .whitespaces).lowercased()
        guard Tag.isValidName(wanted) else {
            throw AllHandsError.invalid("'\(FieldLimits.excerpt(wanted))' is not a valid tag name (\(Tag.nameRule))")
        }
        if let target = taxonomy.aliases[wanted] {
            throw AllHandsError.invalid("'\(wanted)' is an alias of '\(target)' in the config; pick another name")
        }
        return try context.write { db in
            let tag = try Self.exactly(oldName, in: db)
            guard wanted != tag.name else { throw AllHandsError.invalid("'\(tag.name)' already has that name") }
            var dimension = tag.dimension
            if let listed = taxonomy.dimension(ofTag: wanted) {
                if let own = tag.dimension, own != listed {
                    throw AllHandsError.invalid("'\(wanted)' is \(English.withArticle(listed)) tag in the taxonomy and '\(tag.name)' \(English.withArticle(own)) tag")
                }
                dimension = listed
            }
            if let other = try Self.resolve(wanted, in: db), other.id != tag.id {
                throw AllHandsError.invalid(other.name == wanted
                    ? "a tag '\(wanted)' exists; to fold '\(tag.name)' into it, use: tags merge \(tag.name) \(wanted)"
                    : "'\(wanted)' is an old name of '\(other.name)'")
            }
            try db.execute("DELETE FROM tag_aliases WHERE name = ?", wanted)
            try db.execute("UPDATE tags SET name = ?, dimension = ? WHERE id = ?", wanted, dimension, tag.id)
            try db.execute("INSERT OR REPLACE INTO tag_aliases (name, tag_id, created_at) VALUES (?, ?, ?)",
                           tag.name, tag.id, context.now)
            let renamed = Tag(id: tag.id, name: wanted, dimension: dimension)
            let tickets = try db.fetchInt("SELECT count(*) FROM ticket_tags WHERE tag_id = ?", tag.id) ?? 0
            try context.audit("tag.rename", entity: "tag", id: tag.id, before: ["name": tag.qualifiedName],
                              after: ["name": renamed.qualifiedName])
            return TagRetitle(tag: renamed, oldName: tag.name, tickets: tickets, alreadyBoth: 0,
                              configStillListsOld: taxonomy.dimension(ofTag: tag.name) != nil)
        }
    }

    /// Folds `source` into `target`: every ticket that carried `source` carries `target`, its
    /// history (events, daily sums) becomes `target`'s, and `source`'s name leads to `target`
    /// from now on. A taxonomy tag merges only into a tag of its own dimension; a free tag into any.
    public func merge(_ sourceName: String, into targetName: String) throws -> TagRetitle {
        try context.check(.manageTaxonomy)
        return try context.write { db in
            let source = try Self.exactly(sourceName, in: db), target = try Self.exactly(targetName, in: db)
            guard source.id != target.id else { throw AllHandsError.invalid("a tag cannot be merged into itself") }
            if let own = source.dimension, own != target.dimension {
                throw AllHandsError.invalid("'\(source.name)' is \(English.withArticle(own)) tag; it can be merged only into another \(own) tag")
            }
            let tickets = try db.fetchInt("SELECT count(*) FROM ticket_tags WHERE tag_id = ?", source.id) ?? 0
            let both = try db.fetchInt("""
                SELECT count(*) FROM ticket_tags s JOIN ticket_tags t ON t.ticket_id = s.ticket_id AND t.tag_id = ?
                WHERE s.tag_id = ?
                """, target.id, source.id) ?? 0
            // The tickets' tags change: a console holding one sees a new version.
            try db.execute("""
                UPDATE tickets SET version = version + 1 WHERE id IN (SELECT ticket_id FROM ticket_tags WHERE tag_id = ?)
                """, source.id)
            try db.execute("""
                INSERT OR IGNORE INTO ticket_tags (ticket_id, tag_id) SELECT ticket_id, ? FROM ticket_tags WHERE tag_id = ?
                """, target.id, source.id)
            try db.execute("DELETE FROM ticket_tags WHERE tag_id = ?", source.id)
            // Insights tagged with A are tagged with B: the repository keeps its tags.
            try db.execute("""
                INSERT OR IGNORE INTO insight_tags (insight_id, tag_id) SELECT insight_id, ? FROM insight_tags WHERE tag_id = ?
                """, target.id, source.id)
            try db.execute("UPDATE tag_events SET tag_id = ? WHERE tag_id = ?", target.id, source.id)
            try db.execute("UPDATE change_counters SET version = version + 1 WHERE region IN ('tag-history', 'tags')")
            try db.execute("""
                INSERT INTO tag_days (tag_id, day, added) SELECT ?, day, added FROM tag_days WHERE tag_id = ? AND true
                ON CONFLICT (tag_id, day) DO UPDATE SET added = added + excluded.added
                """, target.id, source.id)
            try db.execute("UPDATE tag_aliases SET tag_id = ? WHERE tag_id = ?", target.id, source.id)
            try db.execute("DELETE FROM tags WHERE id = ?", source.id)
            try db.execute("INSERT OR REPLACE INTO tag_aliases (name, tag_id, created_at) VALUES (?, ?, ?)",
                           source.name, target.id, context.now)
            try context.audit("tag.merge", entity: "tag", id: target.id,
                              before: ["tag": source.qualifiedName, "tickets": String(tickets)],
                              after: ["into": target.qualifiedName])
            return TagRetitle(tag: target, oldName: source.name, tickets: tickets, alreadyBoth: both,
                              configStillListsOld: context.config.taxonomy.dimension(ofTag: source.name) != nil)
        }
    }

    /// The tag named exactly `text` (`name` or `dimension:name`): a rename or merge never goes
    /// through an alias, so it cannot touch a tag other than the one named.
    private static func exactly(_ text: String, in db: Database) throws -> Tag {
        let parts = text.trimmingCharacters(in: .whitespaces).lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.last ?? text
        if let tag = try named(name, in: db), parts.count == 1 || tag.dimension == parts[0] {
            return tag
        }
        if let target = try aliased(name, in: db)?.name {
            throw AllHandsError.invalid("'\(FieldLimits.excerpt(name))' is an old name of '\(target)'; name '\(target)' instead")
        }
        throw AllHandsError.notFound(what: "tag '\(FieldLimits.excerpt(text))'")
    }
}
