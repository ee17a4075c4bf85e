extension Schema {
    /// What the tag trends, the area × type matrix, and renames and merges need:
    ///
    /// - `tag_events`: every time a tag was put on or taken off a ticket, when (`at`, and `day`:
    ///   the date in the company's zone as days since 1970-01-01, so a day's bar is the company's
    ///   day) and by whom. The services write it in the change's transaction; a merge relabels the
    ///   merged tag's events so its history carries over.
    /// - `tag_days`: additions per tag and day, kept from the events by a trigger, so a trend over
    ///   any window reads a few rows per tag instead of the events.
    /// - `tag_pair_open`: open tickets per pair of tags (`a < b`), kept by triggers like
    ///   `tag_open_counts`, so the area × type matrix never scans the tickets.
    /// - `tag_aliases`: names that lead to a tag: a merged tag's name, a renamed tag's old one.
    /// - the `tag-history` region of `change_counters`, moved by a merge.
    ///
    /// Links made before this migration get one event each, at their ticket's creation, dated by
    /// the UTC day (the company's zone is in the config, not the database).
    static let tagHistory = """
        -- Moves when history itself changes (a merge relabels events): a tags board read before
        -- must be read again in full (TagBoardMemory).
        INSERT INTO change_counters (region, version) VALUES ('tag-history', 0);

        CREATE TABLE tag_events (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL,
            tag_id INTEGER NOT NULL REFERENCES tags(id),
            added INTEGER NOT NULL CHECK (added IN (0, 1)),
            at INTEGER NOT NULL,
            day INTEGER NOT NULL,
            person_id INTEGER REFERENCES people(id)
        );
        CREATE INDEX tag_events_at ON tag_events(at, tag_id, added);
        CREATE INDEX tag_events_tag ON tag_events(tag_id, at);

        CREATE TABLE tag_days (
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            added INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0),
            PRIMARY KEY (tag_id, day)
        ) WITHOUT ROWID;
        CREATE INDEX tag_days_day ON tag_days(day, tag_id, added);

        CREATE TRIGGER tag_days_added AFTER INSERT ON tag_events WHEN new.added = 1 BEGIN
            INSERT INTO tag_days (tag_id, day, added) VALUES (new.tag_id, new.day, 1)
                ON CONFLICT (tag_id, day) DO UPDATE SET added = added + 1;
            UPDATE change_counters SET version = version + 1 WHERE region = 'tags';
        END;

        INSERT INTO tag_events (ticket_id, tag_id, added, at, day, person_id)
            SELECT tt.ticket_id, tt.tag_id, 1, t.created_at, t.created_at / 86400, NULL
            FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id ORDER BY t.created_at;

        CREATE TABLE tag_pair_open (
            a INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            b INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            open INTEGER NOT NULL DEFAULT 0 CHECK (open >= 0),
            PRIMARY KEY (a, b),
            CHECK (a < b)
        ) WITHOUT ROWID;
        INSERT INTO tag_pair_open (a, b, open)
            SELECT x.tag_id, y.tag_id, count(*) FROM ticket_tags x
            JOIN ticket_tags y ON y.ticket_id = x.ticket_id AND y.tag_id > x.tag_id
            JOIN tickets t ON t.id = x.ticket_id
            WHERE t.status IN \(TicketStatus.activeSQLList) GROUP BY x.tag_id, y.tag_id;

        CREATE TRIGGER tag_pair_open_tagged AFTER INSERT ON ticket_tags
        WHEN (SELECT status FROM tickets WHERE id = new.ticket_id) IN \(TicketStatus.activeSQLList) BEGIN
            INSERT INTO tag_pair_open (a, b, open)
                SELECT min(new.tag_id, o.tag_id), max(new.tag_id, o.tag_id), 1 FROM ticket_tags o
                WHERE o.ticket_id = new.ticket_id AND o.tag_id <> new.tag_id
                ON CONFLICT (a, b) DO UPDATE SET open = open + 1;
        END;
        CREATE TRIGGER tag_pair_open_untagged AFTER DELETE ON ticket_tags
        WHEN (SELECT status FROM tickets WHERE id = old.ticket_id) IN \(TicketStatus.activeSQLList) BEGIN
            UPDATE tag_pair_open SET open = open - 1
                WHERE (a, b) IN (SELECT min(old.tag_id, o.tag_id), max(old.tag_id, o.tag_id) FROM ticket_tags o
                                 WHERE o.ticket_id = old.ticket_id AND o.tag_id <> old.tag_id);
        END;
        CREATE TRIGGER tag_pair_open_status AFTER UPDATE OF status ON tickets
        WHEN (old.status IN \(TicketStatus.activeSQLList)) <> (new.status IN \(TicketStatus.activeSQLList)) BEGIN
            INSERT INTO tag_pair_open (a, b, open)
                SELECT x.tag_id, y.tag_id, 0 FROM ticket_tags x
                JOIN ticket_tags y ON y.ticket_id = x.ticket_id AND y.tag_id > x.tag_id
                WHERE x.ticket_id = new.id
                ON CONFLICT (a, b) DO NOTHING;
            UPDATE tag_pair_open
                SET open = open + CASE WHEN new.status IN \(TicketStatus.activeSQLList) THEN 1 ELSE -1 END
                WHERE (a, b) IN (SELECT x.tag_id, y.tag_id FROM ticket_tags x
                                 JOIN ticket_tags y ON y.ticket_id = x.ticket_id AND y.tag_id > x.tag_id
                                 WHERE x.ticket_id = new.id);
        END;
        CREATE TRIGGER tag_pair_open_ticket_gone BEFORE DELETE ON tickets
        WHEN old.status IN \(TicketStatus.activeSQLList) BEGIN
            UPDATE tag_pair_open SET open = open - 1
                WHERE (a, b) IN (SELECT x.tag_id, y.tag_id FROM ticket_tags x
                                 JOIN ticket_tags y ON y.ticket_id = x.ticket_id AND y.tag_id > x.tag_id
                                 WHERE x.ticket_id = old.id);
        END;

        -- A renamed or merged tag: what the queue and the tags pane show changes.
        CREATE TRIGGER change_counters_tag_changed AFTER UPDATE ON tags BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region IN ('tags', 'queue');
        END;
        CREATE TRIGGER change_counters_tag_gone AFTER DELETE ON tags BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region IN ('tags', 'queue');
        END;

        CREATE TABLE tag_aliases (
            name TEXT PRIMARY KEY,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
}
