import Storage

/// The allhands schema as ordered migrations. Append only: never edit a released migration,
/// add a new one at the end (later issues add shifts, swaps, insights… this way).
public enum Schema {
    /// `PRAGMA application_id` of every allhands database ("AhDb"): how allhands tells its own
    /// files from other programs' SQLite files, which it refuses untouched.
    public static let applicationID: Int32 = 0x4168_4462

    public static let migrator = Migrator(applicationID: applicationID, [
        .init("foundation", foundation),
        .init("lookup-indexes", lookupIndexes),
        .init("working-a-shift", workingAShift),
        .init("ticket-views", ticketViews),
        .init("drafts-by-kind", draftsByKind),
        .init("rotation", rotation),
        .init("live-tags", liveTags),
        .init("tag-history", tagHistory),
        .init("walk-a-mile", walkAMile),
    ])

    /// People, customers, tickets, messages, tags and the audit log.
    static let foundation = """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT NOT NULL DEFAULT '',
            team TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('employee', 'support', 'lead', 'exec', 'admin')),
            timezone TEXT NOT NULL DEFAULT 'UTC',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX people_team ON people(team, login);

        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            organization TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL
        );
        CREATE INDEX customers_email ON customers(email);

        -- priority is the queue rank: 0 urgent, 1 high, 2 normal, 3 low (ascending = most urgent first).
        -- version is bumped by every update; writers compare-and-set on it.
        CREATE TABLE tickets (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
            priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 3),
            requester_id INTEGER NOT NULL REFERENCES customers(id),
            assignee_id INTEGER REFERENCES people(id),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        -- Queue order (priority, then oldest first) over every ticket, and over the active queue alone:
        -- both serve keyset pagination, so a page costs the same at any depth.
        CREATE INDEX tickets_queue ON tickets(priority, created_at, id);
        CREATE INDEX tickets_active_queue ON tickets(priority, created_at, id)
            WHERE status IN \(TicketStatus.activeSQLList);
        CREATE INDEX tickets_status_queue ON tickets(status, priority, created_at, id);
        CREATE INDEX tickets_assignee_queue ON tickets(assignee_id, priority, created_at, id);
        CREATE INDEX tickets_created ON tickets(created_at);

        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
            author_person_id INTEGER REFERENCES people(id),
            author_customer_id INTEGER REFERENCES customers(id),
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX messages_ticket ON messages(ticket_id, created_at);

        -- dimension is a taxonomy dimension from the config ('area', 'type', …) or NULL for a free tag.
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            dimension TEXT,
            created_at INTEGER NOT NULL
        );

        CREATE TABLE ticket_tags (
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id),
            PRIMARY KEY (ticket_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX ticket_tags_tag ON ticket_tags(tag_id, ticket_id);

        -- before/after hold JSON; via is the real login when someone acted with --as.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            via TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
        """

    /// Indexes for the lookups that scanned: a customer's tickets, a person's messages (both also
    /// serve the foreign-key checks when a customer or person row is deleted), and the audit log
    /// of one kind of entity, newest first.
    static let lookupIndexes = """
        CREATE INDEX tickets_requester ON tickets(requester_id);
        CREATE INDEX messages_author_person ON messages(author_person_id);
        CREATE INDEX audit_by_entity ON audit_log(entity, id);
        """

    /// What working a shift needs: response times on tickets, shifts and who sits in them,
    /// drafts, goodwill gestures, boundaries with abusive requesters, presence heartbeats, and
    /// full-text search over subjects and message bodies.
    ///
    /// The two FTS5 tables are external-content indexes of `tickets.subject` and
    /// `messages.body`, kept in step by triggers, so every path that writes a ticket or a
    /// message (services, the demo generator, a later mail gateway) keeps search right in the
    /// same transaction. `rebuild` indexes the rows that exist when the migration runs.
    static let workingAShift = """
        -- first_response_at: the first public reply; solved_at: when it last became solved.
        ALTER TABLE tickets ADD COLUMN first_response_at INTEGER;
        ALTER TABLE tickets ADD COLUMN solved_at INTEGER;
        UPDATE tickets SET first_response_at = (
            SELECT min(m.created_at) FROM messages m WHERE m.ticket_id = tickets.id AND m.kind = 'reply');
        UPDATE tickets SET solved_at = updated_at WHERE status IN ('solved', 'closed');
        CREATE INDEX tickets_recently_solved ON tickets(solved_at) WHERE solved_at IS NOT NULL;

        -- A time slot on the rota with seats; times are UTC epoch seconds, [starts_at, ends_at).
        CREATE TABLE shifts (
            id INTEGER PRIMARY KEY,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            min_seats INTEGER NOT NULL DEFAULT 1 CHECK (min_seats >= 0),
            max_seats INTEGER NOT NULL DEFAULT 1,
            label TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            CHECK (ends_at > starts_at),
            CHECK (max_seats >= min_seats AND max_seats >= 1)
        );
        CREATE INDEX shifts_time ON shifts(starts_at, ends_at);

        -- A person in a shift's seat. ended_at: when they ended the shift early and handed off.
        CREATE TABLE shift_assignments (
            shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            ended_at INTEGER,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (shift_id, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX shift_assignments_person ON shift_assignments(person_id, shift_id);

        -- One draft per ticket and person: what a failed or refused send left behind.
        CREATE TABLE drafts (
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
            body TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, person_id)
        ) WITHOUT ROWID;

        -- A goodwill gesture. amount is in minor units (cents). status: granted (within the
        -- shift budget), awaiting (a lead's approval), approved, declined.
        CREATE TABLE goodwill (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            shift_id INTEGER REFERENCES shifts(id) ON DELETE SET NULL,
            kind TEXT NOT NULL CHECK (kind IN ('refund', 'credit', 'swag', 'other')),
            amount INTEGER NOT NULL CHECK (amount >= 0),
            currency TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            status TEXT NOT NULL CHECK (status IN ('granted', 'awaiting', 'approved', 'declined')),
            decided_by INTEGER REFERENCES people(id),
            decided_at INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX goodwill_ticket ON goodwill(ticket_id, id);
        CREATE INDEX goodwill_status ON goodwill(status, id);
        CREATE INDEX goodwill_person ON goodwill(person_id, created_at);

        -- A requester whose conduct was abusive: every ticket of theirs shows it.
        CREATE TABLE boundaries (
            customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            set_by INTEGER NOT NULL REFERENCES people(id),
            set_at INTEGER NOT NULL
        );

        -- Who is looking at or answering a ticket right now: heartbeats that expire. Not audited
        -- (nothing changes); rows older than the expiry are ignored and swept.
        CREATE TABLE presence (
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            activity TEXT NOT NULL CHECK (activity IN ('viewing', 'composing')),
            seen_at INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX presence_seen ON presence(seen_at);

        CREATE VIRTUAL TABLE tickets_fts USING fts5(subject, content='tickets', content_rowid='id');
        CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id');
        CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
            INSERT INTO tickets_fts(rowid, subject) VALUES (new.id, new.subject);
        END;
        CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
            INSERT INTO tickets_fts(tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
        END;
        CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject ON tickets BEGIN
            INSERT INTO tickets_fts(tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
            INSERT INTO tickets_fts(rowid, subject) VALUES (new.id, new.subject);
        END;
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
        END;
        INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
        INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
        """
}

extension Schema {
    /// The working queue oldest first (the age sort) walks `tickets_active_age` as the priority
    /// order walks `tickets_active_queue`, instead of sorting every active ticket for each page;
    /// the first-response order walks the tickets still waiting for an answer, by priority and
    /// age, in `tickets_unanswered`.
    static let ticketViews = """
        CREATE INDEX tickets_active_age ON tickets(created_at, id) WHERE status IN \(TicketStatus.activeSQLList);
        CREATE INDEX tickets_unanswered ON tickets(priority, created_at, id) WHERE first_response_at IS NULL;
        """
}

extension Schema {
    /// A person may hold an unsent reply and an unsent note on the same ticket: the key of a
    /// draft gains its kind, so keeping one never overwrites (or sends) the other.
    static let draftsByKind = """
        CREATE TABLE drafts_by_kind (
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
            body TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, person_id, kind)
        ) WITHOUT ROWID;
        INSERT INTO drafts_by_kind (ticket_id, person_id, kind, body, updated_at)
            SELECT ticket_id, person_id, kind, body, updated_at FROM drafts;
        DROP TABLE drafts;
        ALTER TABLE drafts_by_kind RENAME TO drafts;
        """
}

extension TicketStatus {
    /// The active statuses as an SQL list, `('new', 'open', 'pending')`: written as literals so
    /// SQLite can match the working queue's partial index, whose WHERE clause is built from it.
    public static let activeSQLList = "(" + active.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
}
