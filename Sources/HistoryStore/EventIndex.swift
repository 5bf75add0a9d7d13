import Foundation
import Git
import ProfileModel

/// Every commit on main with what it recorded, newest first, cached in `<git dir>/history-cache/events`
/// so that `log`, `diff` and reports need not read 50,000 commit objects each time. The cache is derived
/// data: it names the tip it was built for, is extended by walking only the commits recorded since, and is
/// rebuilt from the commits when main no longer contains that tip. `verify` never uses it.
struct EventIndex {
    struct Row {
        let commit: OID
        let time: Int64
        let offsetMinutes: Int
        let authorName: String
        let authorEmail: String
        let trailers: RecordTrailers?
    }

    let rows: [Row]

    static let header = "history.events.v1"

    static func path(_ repository: Repository) -> String {
        (repository.gitDirectory as NSString).appendingPathComponent("history-cache/events")
    }

    /// The rows for `tip`, from the cache when it is current or can be extended, else from the commits.
    static func load(tip: OID, repository: Repository) throws -> EventIndex {
        var cached: [Row] = []
        var cachedTip: OID?
        if let data = FileManager.default.contents(atPath: path(repository)), let (tipInFile, rows) = parse(Array(data)),
           try repository.contains(tipInFile) && repository.isDescendant(tip, of: tipInFile) {
            if tipInFile == tip { return EventIndex(rows: rows) }
            cached = rows
            cachedTip = tipInFile
        }
        var fresh: [Row] = []
        try repository.walk(from: tip, hiding: cachedTip.map { [$0] } ?? []) { id in
            let commit = try repository.commit(id)
            fresh.append(Row(commit: id, time: commit.committer.time, offsetMinutes: commit.committer.offsetMinutes,
                             authorName: commit.author.name, authorEmail: commit.author.email,
                             trailers: RecordTrailers(message: commit.message)))
            return true
        }
        let index = EventIndex(rows: fresh + cached)
        index.save(tip: tip, repository: repository)
        return index
    }

    /// Best effort: a repository that cannot be written to simply goes without the cache.
    func save(tip: OID, repository: Repository) {
        var out = Self.header + "\t" + tip.hex + "\n"
        out.reserveCapacity(rows.count * 160)
        for row in rows {
            let t = row.trailers
            let fields = [row.commit.hex, String(row.time), String(row.offsetMinutes), row.authorName, row.authorEmail,
                          t?.profile.description ?? "", t?.lastUpdated.description ?? "", t?.event.rawValue ?? "",
                          t?.source ?? "", t?.sourceSHA256 ?? "", t?.source == nil ? "0" : "1"]
            out += fields.map(Self.escape).joined(separator: "\t") + "\n"
        }
        let file = Self.path(repository)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(out, to: file)
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\\" || $0 == "\r" }) else { return field }
        return field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaping = false
        for c in field {
            if escaping {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The tip the file was built for and its rows; nil for a file that is damaged or of another version.
    static func parse(_ bytes: [UInt8]) -> (OID, [Row])? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst() else { return nil }
        let head = first.split(separator: "\t")
        guard head.count == 2, head[0] == header, let tip = OID(hex: String(head[1])) else { return nil }
        var rows: [Row] = []
        rows.reserveCapacity(lines.count)
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 11, let commit = OID(hex: String(f[0])), let time = Int64(f[1]), let offset = Int(f[2]) else { return nil }
            var trailers: RecordTrailers?
            if !f[5].isEmpty, let profile = try? ProfileID(String(f[5])), let date = EffectiveDate(iso: f[6]),
               let event = RecordEvent(rawValue: String(f[7])) {
                trailers = RecordTrailers(profile: profile, lastUpdated: date, event: event,
                                          source: f[10] == "1" ? unescape(f[8]) : nil,
                                          sourceSHA256: f[9].isEmpty ? nil : String(f[9]))
            }
            rows.append(Row(commit: commit, time: time, offsetMinutes: offset, authorName: unescape(f[3]),
                            authorEmail: unescape(f[4]), trailers: trailers))
        }
        return (tip, rows)
    }
}
