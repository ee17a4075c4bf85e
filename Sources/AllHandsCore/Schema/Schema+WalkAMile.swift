extension Schema {
    /// Walk-a-mile: listening sessions, the insights repository, call-downs, check-ins and their
    /// action items, and the `listening` console region that moves with any of them.
    ///
    /// - `listening_sessions`: one per opening of the listen view. `active_at` is the listener's
    ///   last sign of life (the opening, a key); `ended_at` is set on leaving. A session whose
    ///   console died is never left open for ever: its time counts up to `active_at` plus the
    ///   idle limit (`ListeningSessions.idleSeconds`), the same rule as an idle listener's.
    /// - `insights`: a customer's words (`quote`), why they matter (`note`), the ticket, message
    ///   and customer they came from, who captured them; tags in `insight_tags` (the tickets'
    ///   tags table, so the taxonomy and its aliases apply). `insights_fts` indexes quote and note.
    /// - `calldowns`: one customer on one executive's list for one ISO week (`YYYY-Www`), with
    ///   why they were chosen (`reason`: bad-experience, silence, random; `detail` in words; the
    ///   ticket behind it), the call's `state` and notes. One executive per customer and week.
    /// - `checkins`: a scheduled conversation with a customer, who holds it (`checkin_people`),
    ///   and its notes, indexed in `checkins_fts` so search covers them.
    /// - `action_items`: a follow-up with an owner and a due day (`YYYY-MM-DD` in the company's
    ///   zone: overdue once that day is over), linked to a customer, ticket, call-down or check-in.
    static let walkAMile = """
        INSERT OR IGNORE INTO change_counters (region, version) VALUES ('\(ChangeRegion.listening.rawValue)', 0);

        CREATE TABLE listening_sessions (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            started_at INTEGER NOT NULL,
            active_at INTEGER NOT NULL,
            ended_at INTEGER,
            follows TEXT NOT NULL DEFAULT 'all',
            CHECK (active_at >= started_at),
            CHECK (ended_at IS NULL OR ended_at >= started_at)
        );
        CREATE INDEX listening_sessions_person ON listening_sessions(person_id, started_at);
        CREATE INDEX listening_sessions_time ON listening_sessions(started_at);

        CREATE TABLE insights (
            id INTEGER PRIMARY KEY,
            quote TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
            message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            customer_id INTEGER REFERENCES customers(id),
            author_id INTEGER NOT NULL REFERENCES people(id),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX insights_created ON insights(created_at);
        CREATE INDEX insights_author ON insights(author_id, created_at);
        CREATE INDEX insights_customer ON insights(customer_id, created_at);
        CREATE INDEX insights_ticket ON insights(ticket_id);
        CREATE TABLE insight_tags (
            insight_id INTEGER NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (insight_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX insight_tags_tag ON insight_tags(tag_id, insight_id);
        CREATE VIRTUAL TABLE insights_fts USING fts5(quote, note, content='insights', content_rowid='id');
        CREATE TRIGGER insights_fts_new AFTER INSERT ON insights BEGIN
            INSERT INTO insights_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);
        END;
        CREATE TRIGGER insights_fts_gone AFTER DELETE ON insights BEGIN
            INSERT INTO insights_fts (insights_fts, rowid, quote, note) VALUES ('delete', old.id, old.quote, old.note);
        END;
        CREATE TRIGGER insights_fts_changed AFTER UPDATE OF quote, note ON insights BEGIN
            INSERT INTO insights_fts (insights_fts, rowid, quote, note) VALUES ('delete', old.id, old.quote, old.note);
            INSERT INTO insights_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);
        END;

        CREATE TABLE calldowns (
            id INTEGER PRIMARY KEY,
            week TEXT NOT NULL,
            exec_id INTEGER NOT NULL REFERENCES people(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            reason TEXT NOT NULL CHECK (reason IN ('bad-experience', 'silence', 'random')),
            detail TEXT NOT NULL DEFAULT '',
            ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
            state TEXT NOT NULL DEFAULT 'to-call' CHECK (state IN ('to-call', 'called', 'no-answer', 'declined')),
            notes TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (week, customer_id)
        );
        CREATE INDEX calldowns_exec ON calldowns(exec_id, week);
        CREATE INDEX calldowns_customer ON calldowns(customer_id, week);

        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            at INTEGER NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX checkins_customer ON checkins(customer_id, at);
        CREATE INDEX checkins_at ON checkins(at);
        CREATE TABLE checkin_people (
            checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            PRIMARY KEY (checkin_id, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX checkin_people_person ON checkin_people(person_id, checkin_id);
        CREATE VIRTUAL TABLE checkins_fts USING fts5(notes, content='checkins', content_rowid='id');
        CREATE TRIGGER checkins_fts_new AFTER INSERT ON checkins BEGIN
            INSERT INTO checkins_fts (rowid, notes) VALUES (new.id, new.notes);
        END;
        CREATE TRIGGER checkins_fts_gone AFTER DELETE ON checkins BEGIN
            INSERT INTO checkins_fts (checkins_fts, rowid, notes) VALUES ('delete', old.id, old.notes);
        END;
        CREATE TRIGGER checkins_fts_changed AFTER UPDATE OF notes ON checkins BEGIN
            INSERT INTO checkins_fts (checkins_fts, rowid, notes) VALUES ('delete', old.id, old.notes);
            INSERT INTO checkins_fts (rowid, notes) VALUES (new.id, new.notes);
        END;

        CREATE TABLE action_items (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            owner_id INTEGER NOT NULL REFERENCES people(id),
            due_day TEXT NOT NULL,
            customer_id INTEGER REFERENCES customers(id),
            ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
            calldown_id INTEGER REFERENCES calldowns(id) ON DELETE SET NULL,
            checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dropped')),
            created_by INTEGER NOT NULL REFERENCES people(id),
            created_at INTEGER NOT NULL,
            closed_by INTEGER REFERENCES people(id),
            closed_at INTEGER,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX action_items_owner ON action_items(owner_id, state, due_day);
        CREATE INDEX action_items_open ON action_items(state, due_day);
        CREATE INDEX action_items_customer ON action_items(customer_id);

        \(walkAMileRegionTriggers.map { triggers(on: $0.table, moving: $0.regions) }.joined(separator: "\n"))
        """

    /// The tables behind the `listening` region (the listen view's sessions, insights, call-downs,
    /// check-ins, action items). The timeline itself is tickets and messages: the `queue` region.
    static let walkAMileRegionTriggers: [(table: String, regions: [ChangeRegion])] = [
        ("listening_sessions", [.listening]), ("insights", [.listening]), ("insight_tags", [.listening]),
        ("calldowns", [.listening]), ("checkins", [.listening]), ("checkin_people", [.listening]),
        ("action_items", [.listening]),
    ]
}
