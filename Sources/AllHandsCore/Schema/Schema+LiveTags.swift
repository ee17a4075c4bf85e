extension Schema {
    /// What keeps a console's refresh after someone else's commit O(what changed):
    ///
    /// - `change_counters`: one version per `ChangeRegion` of the console (`queue`, `tags`,
    ///   `rotation`, `presence`), bumped by triggers in the same transaction as any change to
    ///   it, whatever path made the change; a console reloads only the regions whose version
    ///   moved. `regionTriggers` names the tables behind each region.
    /// - `tag_open_counts`: each tag's number of open (new, open, pending) tickets, kept by
    ///   triggers on tagging, untagging, a ticket's status moving in or out of the active ones,
    ///   and a ticket's deletion; the tags pane reads it instead of scanning the tickets.
    ///   `TagService.verify` recounts from scratch: there must never be a difference.
    /// - The view bar's counts, kept by triggers on every ticket inserted, deleted, or moved to
    ///   another status, assignee or solved time: `ticket_status_counts` (tickets by status),
    ///   `ticket_assignee_counts` (by assignee, 0 for nobody, and status) and
    ///   `ticket_solved_hours` (by the UTC hour of `solved_at`, `solved_at / 3600`), so "solved
    ///   since T" adds up whole hours and counts only T's own hour in `tickets_recently_solved`
    ///   (`TicketCounts`). `TagService.verify` recounts these too.
    ///
    /// The demo's bulk load drops triggers and recreates them after it, then recounts
    /// (`LiveCounts.rebuild`), as it rebuilds the full-text indexes.
    static let liveTags = """
        CREATE TABLE change_counters (
            region TEXT PRIMARY KEY,
            version INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        INSERT INTO change_counters (region, version) VALUES \(ChangeRegion.liveTagsRegions.map { "('\($0.rawValue)', 0)" }.joined(separator: ", "));

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
        END;
        CREATE TRIGGER tag_open_counts_tagged AFTER INSERT ON ticket_tags BEGIN
            UPDATE tag_open_counts SET open = open + 1 WHERE tag_id = new.tag_id
                AND (SELECT status FROM tickets WHERE id = new.ticket_id) IN \(TicketStatus.activeSQLList);
        END;
        CREATE TRIGGER tag_open_counts_untagged AFTER DELETE ON ticket_tags BEGIN
            UPDATE tag_open_counts SET open = open - 1 WHERE tag_id = old.tag_id
                AND (SELECT status FROM tickets WHERE id = old.ticket_id) IN \(TicketStatus.activeSQLList);
        END;
        CREATE TRIGGER tag_open_counts_status AFTER UPDATE OF status ON tickets
        WHEN (old.status IN \(TicketStatus.activeSQLList)) <> (new.status IN \(TicketStatus.activeSQLList)) BEGIN
            UPDATE tag_open_counts
                SET open = open + CASE WHEN new.status IN \(TicketStatus.activeSQLList) THEN 1 ELSE -1 END
                WHERE tag_id IN (SELECT tag_id FROM ticket_tags WHERE ticket_id = new.id);
            \(bump([.tags]))
        END;
        -- Before the ticket goes: its links are deleted after it (cascade), when its status can no
        -- longer be read.
        CREATE TRIGGER tag_open_counts_ticket_gone BEFORE DELETE ON tickets
        WHEN old.status IN \(TicketStatus.activeSQLList) BEGIN
            UPDATE tag_open_counts SET open = open - 1
                WHERE tag_id IN (SELECT tag_id FROM ticket_tags WHERE ticket_id = old.id);
            \(bump([.tags]))
        END;

        CREATE TABLE ticket_status_counts (
            status TEXT PRIMARY KEY,
            tickets INTEGER NOT NULL DEFAULT 0 CHECK (tickets >= 0)
        ) WITHOUT ROWID;
        INSERT INTO ticket_status_counts (status, tickets) SELECT status, count(*) FROM tickets GROUP BY status;
        CREATE TABLE ticket_assignee_counts (
            assignee_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            tickets INTEGER NOT NULL DEFAULT 0 CHECK (tickets >= 0),
            PRIMARY KEY (assignee_id, status)
        ) WITHOUT ROWID;
        INSERT INTO ticket_assignee_counts (assignee_id, status, tickets)
            SELECT coalesce(assignee_id, 0), status, count(*) FROM tickets GROUP BY 1, 2;
        CREATE TABLE ticket_solved_hours (
            hour INTEGER PRIMARY KEY,
            tickets INTEGER NOT NULL DEFAULT 0 CHECK (tickets >= 0)
        );
        INSERT INTO ticket_solved_hours (hour, tickets)
            SELECT solved_at / 3600, count(*) FROM tickets WHERE solved_at IS NOT NULL GROUP BY 1;

        CREATE TRIGGER ticket_counts_new AFTER INSERT ON tickets BEGIN
            \(countIn("new"))
            \(countSolvedIn("new"))
        END;
        CREATE TRIGGER ticket_counts_gone AFTER DELETE ON tickets BEGIN
            \(countOut("old"))
            \(countSolvedOut("old"))
        END;
        CREATE TRIGGER ticket_counts_moved AFTER UPDATE OF status, assignee_id ON tickets
        WHEN old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id BEGIN
            \(countOut("old"))
            \(countIn("new"))
        END;
        CREATE TRIGGER ticket_counts_solved AFTER UPDATE OF solved_at ON tickets
        WHEN old.solved_at IS NOT new.solved_at BEGIN
            \(countSolvedOut("old"))
            \(countSolvedIn("new"))
        END;

        \(regionTriggers.map { triggers(on: $0.table, moving: $0.regions) }.joined(separator: "\n"))
        """

    /// The tables behind each console region: any row inserted, changed or deleted in one moves
    /// these regions' versions. (The tags' open counts and a ticket's status moving in or out of
    /// the active ones also move `tags`, in their own triggers above.)
    static let regionTriggers: [(table: String, regions: [ChangeRegion])] = [
        // What the queue, the view bar, the open ticket and search show.
        ("tickets", [.queue]), ("messages", [.queue]), ("customers", [.queue]), ("goodwill", [.queue]),
        ("boundaries", [.queue]), ("drafts", [.queue]),
        // A tag's name shows on every ticket that carries it.
        ("tags", [.tags, .queue]), ("ticket_tags", [.tags, .queue]),
        // Names and logins show on tickets and on the rota.
        ("people", [.queue, .rotation]),
        ("shifts", [.rotation]), ("shift_assignments", [.rotation]), ("time_off", [.rotation]), ("swaps", [.rotation]),
        ("shift_preferences", [.rotation]), ("rotation_notices", [.rotation]),
        // Heartbeats: who else is on a ticket. Nothing else moves with them.
        ("presence", [.presence]),
    ]

    /// One trigger per kind of change to `table`, each bumping `regions`.
    static func triggers(on table: String, moving regions: [ChangeRegion]) -> String {
        [("new", "INSERT"), ("changed", "UPDATE"), ("gone", "DELETE")].map { suffix, event in
            "CREATE TRIGGER change_counters_\(table)_\(suffix) AFTER \(event) ON \(table) BEGIN \(bump(regions)) END;"
        }.joined(separator: "\n")
    }

    private static func bump(_ regions: [ChangeRegion]) -> String {
        "UPDATE change_counters SET version = version + 1 WHERE region IN ("
            + regions.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ");"
    }

    /// Counts the ticket `row` (`new` or `old`) into its status and its assignee's counts.
    private static func countIn(_ row: String) -> String {
        """
        INSERT INTO ticket_status_counts (status, tickets) VALUES (\(row).status, 1)
                ON CONFLICT (status) DO UPDATE SET tickets = tickets + 1;
            INSERT INTO ticket_assignee_counts (assignee_id, status, tickets) VALUES (coalesce(\(row).assignee_id, 0), \(row).status, 1)
                ON CONFLICT (assignee_id, status) DO UPDATE SET tickets = tickets + 1;
        """
    }

    private static func countOut(_ row: String) -> String {
        """
        UPDATE ticket_status_counts SET tickets = tickets - 1 WHERE status = \(row).status;
            UPDATE ticket_assignee_counts SET tickets = tickets - 1
                WHERE assignee_id = coalesce(\(row).assignee_id, 0) AND status = \(row).status;
        """
    }

    /// Counts the ticket `row` into the hour it was solved in, if it is solved.
    private static func countSolvedIn(_ row: String) -> String {
        """
        INSERT INTO ticket_solved_hours (hour, tickets) SELECT \(row).solved_at / 3600, 1 WHERE \(row).solved_at IS NOT NULL
                ON CONFLICT (hour) DO UPDATE SET tickets = tickets + 1;
        """
    }

    private static func countSolvedOut(_ row: String) -> String {
        "UPDATE ticket_solved_hours SET tickets = tickets - 1 WHERE hour = \(row).solved_at / 3600;"
    }
}
