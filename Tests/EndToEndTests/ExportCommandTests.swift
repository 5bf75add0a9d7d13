import Foundation
import Testing
import TestSupport

/// `sqlite3` (the CLI) run on a database file: its output, trimmed.
func sqlite3(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", database, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

@Suite struct ExportCommandTests {
    /// The tables hold what `log` lists, their foreign keys hold, and a second run adds only the new event.
    @Test func sqliteExportMatchesTheLogAndIsIncremental() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let db = dir.path + "/h.db"
        let first = try history(["export", "--sqlite", "h.db"], in: dir.path)
        #expect(first.status == 0 && first.stderr == "h.db: 31 new events, 31 in all\n", "\(first.stderr)")
        let log = try JSONSerialization.jsonObject(with: Data(try history(["log", "--format", "json"], in: dir.path).stdout.utf8)) as? [String: Any]
        let logged = (log?["entries"] as? [[String: Any]])?.count
        #expect(try sqlite3(db, "SELECT count(*) FROM events") == String(logged ?? -1))
        #expect(try sqlite3(db, "SELECT count(*) FROM profiles") == "8")
        #expect(try sqlite3(db, "PRAGMA foreign_key_check") == "")
        #expect(try sqlite3(db, "SELECT count(*) FROM events WHERE event = 'correction'") == "1")
        #expect(try sqlite3(db, "SELECT group_concat(new_text, ' → ') FROM (SELECT f.new_text FROM facts f JOIN events e USING (commit_id) WHERE f.unit = 'states' AND e.profile_id = 'kosovo/cluster-munition-ban-policy' ORDER BY e.last_updated)")
                == "77 states → 91 states → 108 states → 110 states")
        let indexes = try sqlite3(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        #expect((Int(indexes) ?? 0) >= 8)
        let firstRow = try sqlite3(db, "SELECT rowid || ' ' || commit_id FROM events ORDER BY rowid LIMIT 1")

        // A new revision: the next export adds that one event and keeps the rows it had.
        let text = try String(contentsOfFile: dir.path + "/Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt", encoding: .utf8)
            .replacingOccurrences(of: "05 July 2016", with: "01 July 2017").replacingOccurrences(of: "110 states", with: "115 states")
        try text.write(toFile: dir.path + "/k.txt", atomically: true, encoding: .utf8)
        #expect(try history(["import", "k.txt", "--profile", "kosovo/cluster-munition-ban-policy"], in: dir.path).status == 0)
        let again = try history(["export", "--sqlite", "h.db"], in: dir.path)
        #expect(again.status == 0 && again.stderr == "h.db: 1 new event, 32 in all\n", "\(again.stderr)")
        #expect(try sqlite3(db, "SELECT rowid || ' ' || commit_id FROM events ORDER BY rowid LIMIT 1") == firstRow)
        #expect(try sqlite3(db, "SELECT new_text FROM facts WHERE unit = 'states' ORDER BY id DESC LIMIT 1") == "115 states")
        #expect(try sqlite3(db, "SELECT last_revision FROM profiles WHERE id = 'kosovo/cluster-munition-ban-policy'") == "2017-07-01")
        #expect(try sqlite3(db, "PRAGMA foreign_key_check") == "")
        #expect(try history(["export", "--sqlite", "h.db"], in: dir.path).stderr == "h.db: 0 new events, 32 in all\n")
    }

    @Test func csvHasOneFilePerTableAndAForeignFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let run = try history(["export", "--csv", "out"], in: dir.path)
        #expect(run.status == 0)
        for table in ["profiles", "revisions", "events", "changes", "facts", "statements"] {
            let csv = try String(contentsOfFile: "\(dir.path)/out/\(table).csv", encoding: .utf8)
            #expect(!csv.isEmpty && !csv.hasPrefix("\n"), "\(table)")
        }
        let events = try String(contentsOfFile: dir.path + "/out/events.csv", encoding: .utf8).split(separator: "\n")
        #expect(events.first?.hasPrefix("commit_id,profile_id,event,last_updated,recorded_at") == true && events.count == 32)
        try "not a database".write(toFile: dir.path + "/notes.txt", atomically: true, encoding: .utf8)
        let foreign = try history(["export", "--sqlite", "notes.txt"], in: dir.path)
        #expect(foreign.status == 65 && foreign.stderr.hasPrefix("history: "), "\(foreign.stderr)")
        #expect(try String(contentsOfFile: dir.path + "/notes.txt", encoding: .utf8) == "not a database")
        #expect(try history(["export"], in: dir.path).status == 64)
    }
}
