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
}

extension TicketStatus {
    /// The active statuses as an SQL list, `('new', 'open', 'pending')`: written as literals so
    /// SQLite can match the working queue's partial index, whose WHERE clause is built from it.
    public static let activeSQLList = "(" + active.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
}
