import GRDB

/// The export's tables, with their foreign keys and indexes. Columns are added in later migrations, never
/// renamed: the file is a contract like the JSON documents.
enum Schema {
    static let tables = ["profiles", "revisions", "events", "changes", "facts", "statements"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("history.export.v1") { db in
            try db.execute(sql: """
                CREATE TABLE export_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE profiles (
                    id TEXT PRIMARY KEY, area TEXT NOT NULL, topic TEXT NOT NULL,
                    revisions INTEGER NOT NULL, first_revision TEXT, last_revision TEXT);
                CREATE TABLE events (
                    commit_id TEXT PRIMARY KEY, profile_id TEXT NOT NULL REFERENCES profiles(id),
                    event TEXT NOT NULL, last_updated TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_seconds INTEGER NOT NULL,
                    author_name TEXT NOT NULL, author_email TEXT NOT NULL, source TEXT, compared_with TEXT,
                    major INTEGER NOT NULL, minor INTEGER NOT NULL, cosmetic INTEGER NOT NULL);
                CREATE INDEX events_by_profile ON events(profile_id, recorded_seconds);
                CREATE INDEX events_by_time ON events(recorded_seconds);
                CREATE TABLE revisions (
                    profile_id TEXT NOT NULL REFERENCES profiles(id), last_updated TEXT NOT NULL,
                    commit_id TEXT REFERENCES events(commit_id), PRIMARY KEY (profile_id, last_updated));
                CREATE TABLE changes (
                    id INTEGER PRIMARY KEY, commit_id TEXT NOT NULL REFERENCES events(commit_id),
                    profile_id TEXT NOT NULL REFERENCES profiles(id), change TEXT NOT NULL, kind TEXT NOT NULL,
                    significance TEXT NOT NULL, moved INTEGER NOT NULL, part TEXT NOT NULL, section TEXT, footnote INTEGER,
                    old_text TEXT, new_text TEXT);
                CREATE INDEX changes_by_event ON changes(commit_id);
                CREATE INDEX changes_by_kind ON changes(kind, significance);
                CREATE TABLE facts (
                    id INTEGER PRIMARY KEY, change_id INTEGER NOT NULL REFERENCES changes(id),
                    commit_id TEXT NOT NULL REFERENCES events(commit_id), profile_id TEXT NOT NULL REFERENCES profiles(id),
                    subject TEXT NOT NULL, unit TEXT, kind TEXT NOT NULL, old_value, old_text TEXT, new_value, new_text TEXT);
                CREATE INDEX facts_by_subject ON facts(subject);
                CREATE INDEX facts_by_event ON facts(commit_id);
                CREATE TABLE statements (
                    id INTEGER PRIMARY KEY, profile_id TEXT NOT NULL REFERENCES profiles(id), text TEXT NOT NULL,
                    introduced_commit TEXT NOT NULL REFERENCES events(commit_id), introduced_on TEXT NOT NULL,
                    last_reworded_commit TEXT REFERENCES events(commit_id), last_reworded_on TEXT, rewordings INTEGER NOT NULL,
                    removed_commit TEXT REFERENCES events(commit_id), removed_on TEXT);
                CREATE INDEX statements_by_profile ON statements(profile_id);
                CREATE INDEX statements_by_introduction ON statements(introduced_on);
                """)
        }
        return migrator
    }
}
