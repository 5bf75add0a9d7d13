import Foundation
import GRDB
import HistoryModel
import HistoryStore
import ProfileModel
import SemanticDiff

/// What an export did.
public struct ExportResult: Sendable {
    /// Events added by this run (all of them the first time; only those recorded since, after that).
    public var newEvents = 0
    /// Events the export holds now.
    public var events = 0
    /// Profiles whose statements were (re)listed.
    public var profilesRefreshed = 0
}

/// `history export`: the repository as tables — `profiles`, `revisions`, `events`, `changes`, `facts`,
/// `statements` — in a SQLite file (GRDB; every value bound, never spliced into SQL) or as CSV files.
/// A SQLite export is incremental: it remembers the tip it was made from and adds only the events recorded
/// since, in one transaction, so a failed run leaves the file as it was.
public struct Exporter {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// Events diffed and written this many at a time, so memory holds one page of diffs.
    static let pageSize = 256

    public func sqlite(to path: String, progress: (Int, Int) -> Void = { _, _ in }) throws(HistoryError) -> ExportResult {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path) } catch {
            throw .badInput(what: "\(path) cannot be opened as a SQLite database (\(Self.reason(error)))",
                            fix: "name a new file, or one an earlier `history export --sqlite` wrote")
        }
        return try fill(queue, progress: progress)
    }

    /// The same tables as CSV files in `directory` (`profiles.csv`, …), each written whole.
    public func csv(to directory: String) throws(HistoryError) -> ExportResult {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue() } catch { throw .repository(what: "cannot start SQLite (\(Self.reason(error)))", fix: "try again") }
        let result = try fill(queue, progress: { _, _ in })
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .badInput(what: "cannot create the folder \(directory) (\(error.localizedDescription))", fix: "name a folder you may write")
        }
        do {
            try queue.read { db in
                for table in Schema.tables {
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
                    var out = ""
                    var header: [String]?
                    while let row = try rows.next() {
                        if header == nil {
                            header = Array(row.columnNames)
                            out += CSV.row(header ?? [])
                        }
                        out += CSV.row(row.databaseValues.map(text))
                    }
                    if header == nil { out = (try db.columns(in: table)).map(\.name).joined(separator: ",") + "\n" }
                    try AtomicFile.write(out, to: (directory as NSString).appendingPathComponent("\(table).csv"))
                }
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw .repository(what: "cannot write the CSV files (\(Self.reason(error)))", fix: "check that \(directory) is writable")
        }
        return result
    }

    private func fill(_ queue: DatabaseQueue, progress: (Int, Int) -> Void) throws(HistoryError) -> ExportResult {
        let snapshot = try store.snapshot()
        guard let tip = snapshot.tip else {
            throw .badInput(what: "nothing has been recorded yet in \(store.path)", fix: "record revisions first with `history import`")
        }
        do {
            try Schema.migrator.migrate(queue)
        } catch {
            throw .badInput(what: "the database was not written by `history export` (\(Self.reason(error)))",
                            fix: "name a new file for the export")
        }
        do {
            return try queue.write { db in try Self.export(snapshot, tip: tip, into: db, progress: progress) }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw .repository(what: "cannot write the export (\(Self.reason(error))); nothing of this run was kept",
                              fix: "check the disk and the file, then run it again")
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as? DatabaseError)?.message ?? String(describing: error)
    }

    /// Everything inside one transaction: the events since the tip last exported (their changes and facts),
    /// then the profiles, their revisions and the statements of every profile that has new events.
    private static func export(_ snapshot: Snapshot, tip: CommitID, into db: Database, progress: (Int, Int) -> Void) throws -> ExportResult {
        var result = ExportResult()
        let previous = try String.fetchOne(db, sql: "SELECT value FROM export_state WHERE key = 'tip'").flatMap { CommitID(hex: $0) }
        if previous == tip {
            result.events = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            return result
        }
        let reporter = Reporter(snapshot)
        let log = try EventLog(snapshot).entries()
        let summaries = try RevisionReader(snapshot).profiles()
        // Every profile that has an event or a revision, first: events and revisions refer to it.
        var ids = Set(log.map(\.profile.description))
        ids.formUnion(summaries.map(\.profile.description))
        let byID = Dictionary(summaries.map { ($0.profile.description, $0) }, uniquingKeysWith: { a, _ in a })
        for id in ids.sorted() {
            let summary = byID[id]
            let profile = try ProfileID(id)
            try db.execute(sql: """
                INSERT INTO profiles (id, area, topic, revisions, first_revision, last_revision) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET revisions = excluded.revisions, first_revision = excluded.first_revision,
                                              last_revision = excluded.last_revision
                """, arguments: [id, profile.area, profile.topic, summary?.revisions ?? 0, summary?.first.description, summary?.last.description])
        }
        var touched = Set<ProfileID>()
        var offset = 0
        var total = 0
        repeat {
            let run = try reporter.prepareReport(ReportQuery(window: .after(previous), page: .init(offset: offset, limit: pageSize)))
            total = run.totalEvents
            for event in run.report.events {
                try insert(event, into: db)
                touched.insert(event.comparison.profile)
                result.newEvents += 1
            }
            offset += pageSize
            progress(min(offset, total), total)
        } while offset < total
        // The revisions in effect, as the tip holds them.
        try db.execute(sql: "DELETE FROM revisions")
        for summary in summaries {
            for revision in try RevisionReader(snapshot).revisions(of: summary.profile) {
                // The event that recorded the text; null when main's commit for it is not an event (made by hand).
                try db.execute(sql: """
                    INSERT INTO revisions (profile_id, last_updated, commit_id)
                    VALUES (?, ?, (SELECT commit_id FROM events WHERE commit_id = ?))
                    """, arguments: [summary.profile.description, revision.lastUpdated.description, revision.commit.hex])
            }
        }
        // Statements of the profiles that changed, listed again from their whole lineage.
        if !touched.isEmpty {
            let present = Set(summaries.map(\.profile))
            let refresh = touched.filter { present.contains($0) }.sorted()
            for profile in touched { try db.execute(sql: "DELETE FROM statements WHERE profile_id = ?", arguments: [profile.description]) }
            if !refresh.isEmpty {
                try StatementSearch(snapshot).find(.everything, in: refresh) { (profile, matches) throws(HistoryError) in
                    do { for match in matches { try insert(match, into: db) } } catch {
                        throw HistoryError.repository(what: "cannot write the statements of \(profile) (\(reason(error)))", fix: "run the export again")
                    }
                }
            }
            result.profilesRefreshed = refresh.count
        }
        try db.execute(sql: "INSERT INTO export_state (key, value) VALUES ('tip', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [tip.hex])
        result.events = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        return result
    }

    private static func insert(_ event: ChangeReport.Event, into db: Database) throws {
        let counts = event.comparison.diff.counts
        try db.execute(sql: """
            INSERT INTO events (commit_id, profile_id, event, last_updated, recorded_at, recorded_seconds, author_name, author_email,
                                source, compared_with, major, minor, cosmetic)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.commit.hex, event.comparison.profile.description, event.event.rawValue, event.lastUpdated.description,
                             event.recordedAt.description, event.recordedAt.seconds, event.author.name, event.author.email, event.source,
                             event.comparison.from.revision?.lastUpdated.description, counts.major, counts.minor, counts.cosmetic])
        for change in event.comparison.diff.changes {
            try db.execute(sql: """
                INSERT INTO changes (commit_id, profile_id, change, kind, significance, moved, part, section, footnote, old_text, new_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [event.commit.hex, event.comparison.profile.description, change.id, change.kind.rawValue,
                                 change.significance.rawValue, change.moved, change.location.part.rawValue, change.location.section,
                                 change.location.footnote, change.old, change.new])
            let changeRow = db.lastInsertedRowID
            for fact in change.facts {
                try db.execute(sql: """
                    INSERT INTO facts (change_id, commit_id, profile_id, subject, unit, kind, old_value, old_text, new_value, new_text)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [changeRow, event.commit.hex, event.comparison.profile.description, fact.subject,
                                     (fact.new ?? fact.old).flatMap { $0.unit.isEmpty ? nil : $0.unit },
                                     (fact.new ?? fact.old)?.kind.rawValue ?? "quantity",
                                     value(fact.old), fact.old?.text, value(fact.new), fact.new?.text])
            }
        }
    }

    private static func insert(_ match: StatementMatch, into db: Database) throws {
        let last = match.rewordings.last
        try db.execute(sql: """
            INSERT INTO statements (profile_id, text, introduced_commit, introduced_on, last_reworded_commit, last_reworded_on,
                                    rewordings, removed_commit, removed_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [match.profile.description, match.latest.text, match.introduced.commit.hex,
                             match.introduced.lastUpdated.description, last?.commit.hex, last?.lastUpdated.description,
                             match.rewordings.count, match.removed?.commit.hex, match.removed?.lastUpdated.description])
    }

    /// A fact's value as SQLite holds it: a number as a number, a date or words as text.
    private static func value(_ side: FactValue?) -> DatabaseValue {
        switch side?.value {
        case .number(let d)?: d.databaseValue
        case .date(let iso)?: iso.databaseValue
        case .text(let words)?: words.databaseValue
        case nil: .null
        }
    }
}

func text(_ value: DatabaseValue) -> String {
    switch value.storage {
    case .null: ""
    case .int64(let n): String(n)
    case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    case .string(let s): s
    case .blob(let data): data.base64EncodedString()
    }
}
