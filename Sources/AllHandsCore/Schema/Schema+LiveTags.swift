extension Schema {
    /// What keeps a console's refresh after someone else's commit O(what changed):
    ///
    /// - `change_counters`: one version per region of the console (`queue`, `tags`, `rotation`),
    ///   bumped by triggers in the same transaction as any change to it, whatever path made the
    ///   change; a console reloads only the regions whose version moved.
    /// - `tag_open_counts`: each tag's number of open (new, open, pending) tickets, kept by
    ///   triggers on tagging, untagging, a ticket's status moving in or out of the active ones,
    ///   and a ticket's deletion; the tags pane reads it instead of scanning the tickets.
    ///   `TagService.verify` recounts from scratch: there must never be a difference.
    ///
    /// The demo's bulk load drops triggers and recreates them after it, then recounts
    /// (`LiveCounts.rebuild`), as it rebuilds the full-text indexes.
    static let liveTags = """
        CREATE TABLE change_counters (
            region TEXT PRIMARY KEY,
            version INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        INSERT INTO change_counters (region, version) VALUES ('queue', 0), ('tags', 0), ('rotation', 0);

        CREATE TABLE tag_open_counts (
            tag_id INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
            open INTEGER NOT NULL DEFAULT 0 CHECK (open >= 0)
        );
        INSERT INTO tag_open_counts (tag_id, open)
            SELECT g.id, (SELECT count(*) FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id
                          WHERE tt.tag_id = g.id AND t.status IN \(TicketStatus.activeSQLList))
            FROM tags g;

        CREATE TRIGGER tag_open_counts_new_tag AFTER INSERT ON tags BEGIN
            INSERT OR IGNORE INTO tag_open_counts (tag_id, open) VALUES (new.id, 0);
            UPDATE change_counters SET version = version + 1 WHERE region = 'tags';
        END;
        CREATE TRIGGER tag_open_counts_tagged AFTER INSERT ON ticket_tags BEGIN
            UPDATE tag_open_counts SET open = open + 1 WHERE tag_id = new.tag_id
                AND (SELECT status FROM tickets WHERE id = new.ticket_id) IN \(TicketStatus.activeSQLList);
            UPDATE change_counters SET version = version + 1 WHERE region IN ('tags', 'queue');
        END;
        CREATE TRIGGER tag_open_counts_untagged AFTER DELETE ON ticket_tags BEGIN
            UPDATE tag_open_counts SET open = open - 1 WHERE tag_id = old.tag_id
                AND (SELECT status FROM tickets WHERE id = old.ticket_id) IN \(TicketStatus.activeSQLList);
            UPDATE change_counters SET version = version + 1 WHERE region IN ('tags', 'queue');
        END;
        CREATE TRIGGER tag_open_counts_status AFTER UPDATE OF status ON tickets
        WHEN (old.status IN \(TicketStatus.activeSQLList)) <> (new.status IN \(TicketStatus.activeSQLList)) BEGIN
            UPDATE tag_open_counts
                SET open = open + CASE WHEN new.status IN \(TicketStatus.activeSQLList) THEN 1 ELSE -1 END
                WHERE tag_id IN (SELECT tag_id FROM ticket_tags WHERE ticket_id = new.id);
            UPDATE change_counters SET version = version + 1 WHERE region = 'tags';
        END;
        -- Before the ticket goes: its links are deleted after it (cascade), when its status can no
        -- longer be read.
        CREATE TRIGGER tag_open_counts_ticket_gone BEFORE DELETE ON tickets
        WHEN old.status IN \(TicketStatus.activeSQLList) BEGIN
            UPDATE tag_open_counts SET open = open - 1
                WHERE tag_id IN (SELECT tag_id FROM ticket_tags WHERE ticket_id = old.id);
            UPDATE change_counters SET version = version + 1 WHERE region = 'tags';
        END;

        CREATE TRIGGER change_counters_ticket_new AFTER INSERT ON tickets BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'queue';
        END;
        CREATE TRIGGER change_counters_ticket_changed AFTER UPDATE ON tickets BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'queue';
        END;
        CREATE TRIGGER change_counters_ticket_gone AFTER DELETE ON tickets BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'queue';
        END;
        CREATE TRIGGER change_counters_shift_new AFTER INSERT ON shifts BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'rotation';
        END;
        CREATE TRIGGER change_counters_shift_changed AFTER UPDATE ON shifts BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'rotation';
        END;
        CREATE TRIGGER change_counters_shift_gone AFTER DELETE ON shifts BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'rotation';
        END;
        CREATE TRIGGER change_counters_seat_new AFTER INSERT ON shift_assignments BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'rotation';
        END;
        CREATE TRIGGER change_counters_seat_changed AFTER UPDATE ON shift_assignments BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'rotation';
        END;
        CREATE TRIGGER change_counters_seat_gone AFTER DELETE ON shift_assignments BEGIN
            UPDATE change_counters SET version = version + 1 WHERE region = 'rotation';
        END;
        """
}
