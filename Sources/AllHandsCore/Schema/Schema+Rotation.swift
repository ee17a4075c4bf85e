extension Schema {
    /// What the rotation planner, swaps and time off need on top of the shift tables.
    ///
    /// - A shift remembers the template it was generated from (`''` for one added by hand) and
    ///   whether it needs a buddy; one template shift per start time, so generating a range twice
    ///   adds nothing.
    /// - An assignment has a role in its shift (`agent`, `buddy`, `listener`), a source (`planner`,
    ///   `manual`, `swap`), the buddy a newcomer is paired with, and `conflict`: why it must be
    ///   re-planned (time off that hits it), cleared by a rebalance.
    /// - `shift_assignments_removed` keeps a tombstone of every assignment taken away, written by a
    ///   trigger whatever path removed it, so an iCalendar export can publish the cancellation;
    ///   `sequence` counts the seat's versions for iCalendar (a seat that comes back is one
    ///   above its cancellation, so calendars take it again).
    /// - `time_off`, `swaps` (state `open → taken → approved | declined | expired`, or `withdrawn`),
    ///   `shift_preferences` (a person's liking for a template: 1 prefer, -1 avoid) and
    ///   `rotation_notices` (a person's schedule changed: shown until they look).
    static let rotation = """
        ALTER TABLE shifts ADD COLUMN template TEXT NOT NULL DEFAULT '';
        ALTER TABLE shifts ADD COLUMN buddy_required INTEGER NOT NULL DEFAULT 0 CHECK (buddy_required IN (0, 1));
        CREATE UNIQUE INDEX shifts_template_start ON shifts(template, starts_at) WHERE template <> '';

        ALTER TABLE shift_assignments ADD COLUMN role TEXT NOT NULL DEFAULT 'agent'
            CHECK (role IN ('agent', 'buddy', 'listener'));
        ALTER TABLE shift_assignments ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
            CHECK (source IN ('planner', 'manual', 'swap'));
        ALTER TABLE shift_assignments ADD COLUMN paired_with INTEGER REFERENCES people(id);
        ALTER TABLE shift_assignments ADD COLUMN conflict TEXT;
        -- iCalendar SEQUENCE of the seat: 0, and one above its tombstone's when a removed seat comes back.
        ALTER TABLE shift_assignments ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE shift_assignments_removed (
            shift_id INTEGER NOT NULL,
            person_id INTEGER NOT NULL REFERENCES people(id),
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            sequence INTEGER NOT NULL DEFAULT 1,
            -- starts_at is in the key: a deleted shift's id can come back for another shift.
            PRIMARY KEY (shift_id, person_id, starts_at)
        ) WITHOUT ROWID;
        CREATE INDEX shift_assignments_removed_time ON shift_assignments_removed(starts_at);
        CREATE TRIGGER shift_assignments_tombstone AFTER DELETE ON shift_assignments BEGIN
            INSERT OR REPLACE INTO shift_assignments_removed (shift_id, person_id, starts_at, ends_at, label, sequence)
                SELECT old.shift_id, old.person_id, s.starts_at, s.ends_at, s.label, old.sequence + 1
                FROM shifts s WHERE s.id = old.shift_id;
        END;
        CREATE TRIGGER shift_assignments_revive AFTER INSERT ON shift_assignments
        WHEN EXISTS (SELECT 1 FROM shift_assignments_removed r JOIN shifts s ON s.id = new.shift_id
                     WHERE r.shift_id = new.shift_id AND r.person_id = new.person_id AND r.starts_at = s.starts_at)
        BEGIN
            UPDATE shift_assignments SET sequence = (
                SELECT r.sequence + 1 FROM shift_assignments_removed r JOIN shifts s ON s.id = new.shift_id
                WHERE r.shift_id = new.shift_id AND r.person_id = new.person_id AND r.starts_at = s.starts_at)
            WHERE shift_id = new.shift_id AND person_id = new.person_id;
            DELETE FROM shift_assignments_removed WHERE shift_id = new.shift_id AND person_id = new.person_id
                AND starts_at = (SELECT starts_at FROM shifts WHERE id = new.shift_id);
        END;

        CREATE TABLE time_off (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            created_by INTEGER REFERENCES people(id),
            created_at INTEGER NOT NULL,
            CHECK (ends_at > starts_at)
        );
        CREATE INDEX time_off_person ON time_off(person_id, starts_at);
        CREATE INDEX time_off_time ON time_off(starts_at, ends_at);

        -- to_person NULL: an open offer anyone may take. taken_by: who took it (awaiting a lead
        -- when the policy asks). version: compare-and-set for take/approve/decline.
        CREATE TABLE swaps (
            id INTEGER PRIMARY KEY,
            shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
            from_person INTEGER NOT NULL REFERENCES people(id),
            to_person INTEGER REFERENCES people(id),
            taken_by INTEGER REFERENCES people(id),
            state TEXT NOT NULL CHECK (state IN ('open', 'taken', 'approved', 'declined', 'expired', 'withdrawn')),
            note TEXT NOT NULL DEFAULT '',
            decided_by INTEGER REFERENCES people(id),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX swaps_state ON swaps(state, id);
        CREATE INDEX swaps_shift ON swaps(shift_id);

        CREATE TABLE shift_preferences (
            person_id INTEGER NOT NULL REFERENCES people(id),
            template TEXT NOT NULL,
            preference INTEGER NOT NULL CHECK (preference IN (-1, 1)),
            PRIMARY KEY (person_id, template)
        ) WITHOUT ROWID;

        CREATE TABLE rotation_notices (
            person_id INTEGER PRIMARY KEY REFERENCES people(id),
            changed_at INTEGER NOT NULL,
            summary TEXT NOT NULL
        );
        """
}
