import Foundation
import Git
import ProfileModel
import HistoryModel
import Synchronization

/// Every commit on main with what it recorded, newest first, cached in `<git dir>/history-cache/events`
/// so that `log`, `diff` and reports need not read 50,000 commit objects each time. The cache is derived
/// data: it names the tip it was built for. Only writers write it (`update`, after they move main): a read
/// whose tip is newer than the file walks the commits recorded since, in memory, and one whose file is
/// missing or no longer contained in main walks them all. `verify` never uses it.
struct EventIndex: Sendable {
    struct Row: Sendable {
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

    /// The rows for `tip`, from the cache when it is current or can be extended, else from the commits;
    /// writes nothing. With `profile`, only that profile's rows (decoding no others when the file is current).
    static func load(tip: OID, repository: Repository, profile: ProfileID? = nil) throws -> EventIndex {
        // The whole index of the last tip read in this process: a server answers many diffs and reports
        // from one tip, and decoding 50,000 rows for each was most of a diff's time.
        let key = "\(repository.gitDirectory)|\(tip.hex)"
        if let known = lastLoaded.withLock({ $0?.key == key ? $0?.index : nil }) {
            guard let profile else { return known }
            return EventIndex(rows: known.rows.filter { $0.trailers?.profile == profile })
        }
        let index = try loadWhole(tip: tip, repository: repository, profile: profile)
        if profile == nil { lastLoaded.withLock { $0 = (key, index) } }
        return index
    }

    static let lastLoaded = Mutex<(key: String, index: EventIndex)?>(nil)

    private static func loadWhole(tip: OID, repository: Repository, profile: ProfileID?) throws -> EventIndex {
        var cached: [Row] = []
        var cachedTip: OID?
        let data = FileManager.default.contents(atPath: path(repository)).map { Array($0) }
        if let profile, let data, let (tipInFile, rows) = parse(data, only: profile), tipInFile == tip {
            return EventIndex(rows: rows)
        }
        if let data, let (tipInFile, rows) = parse(data),
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
        guard let profile else { return index }
        return EventIndex(rows: index.rows.filter { $0.trailers?.profile == profile })
    }

    /// Lines for commits recorded one after the other, collected as bytes (a large import adds 50,000).
    struct Appender {
        var bytes: [UInt8] = []
        var starts: [Int] = []

        mutating func append(_ row: Row) {
            starts.append(bytes.count)
            bytes += Array(EventIndex.line(row).utf8)
        }
    }

    /// For writers, after the commits of `new` were recorded on top of `base` and main moved to `tip`: brings
    /// a cache that was current for `base` up to `tip` without reading any commit, and rebuilds one that was
    /// not (missing, or behind by commits someone else recorded) from the commits. Best effort: a cache that
    /// cannot be written is simply not there, and reads walk the commits instead.
    static func update(base: OID?, tip: OID, new: Appender, repository: Repository) {
        if extend(base: base, tip: tip, new: new, repository: repository) { return }
        guard let index = try? loadWhole(tip: tip, repository: repository, profile: nil) else { return }
        index.save(tip: tip, repository: repository)
    }

    /// Writes the index for `tip` from the commits (and what of the old file still holds), replacing
    /// whatever was there: the writers' rebuild, for a cache that was deleted or damaged.
    static func rebuild(tip: OID, repository: Repository) throws {
        try loadWhole(tip: tip, repository: repository, profile: nil).save(tip: tip, repository: repository)
    }

    /// True when the cache was current for `base` and now is for `tip`.
    private static func extend(base: OID?, tip: OID, new: Appender, repository: Repository) -> Bool {
        var older: ArraySlice<UInt8> = []
        if let base {
            guard let data = FileManager.default.contents(atPath: path(repository)).map({ Array($0) }),
                  let firstLine = data.firstIndex(of: 0x0A),
                  data[..<firstLine].elementsEqual((header + "\t" + base.hex).utf8) else { return false }
            older = data[(firstLine + 1)...]
        }
        var out = Array((header + "\t" + tip.hex + "\n").utf8)
        out.reserveCapacity(out.count + new.bytes.count + older.count)
        // Newest first, like the rest of the file.
        for (i, start) in new.starts.enumerated().reversed() {
            out += new.bytes[start..<(i + 1 < new.starts.count ? new.starts[i + 1] : new.bytes.count)]
        }
        out += older
        save(out, repository: repository)
        return true
    }

    func save(tip: OID, repository: Repository) {
        var out = Array((Self.header + "\t" + tip.hex + "\n").utf8)
        out.reserveCapacity(rows.count * 160)
        for row in rows { out += Array(Self.line(row).utf8) }
        Self.save(out, repository: repository)
    }

    /// Best effort: a repository that cannot be written to simply goes without the cache.
    static func save(_ bytes: [UInt8], repository: Repository) {
        let file = path(repository)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(bytes: bytes, to: file)
    }

    static func line(_ row: Row) -> String {
        let t = row.trailers
        let fields = [row.commit.hex, String(row.time), String(row.offsetMinutes), row.authorName, row.authorEmail,
                      t?.profile.description ?? "", t?.lastUpdated.description ?? "", t?.event.rawValue ?? "",
                      t?.source ?? "", t?.sourceSHA256 ?? "", t?.source == nil ? "0" : "1"]
        return fields.map(escape).joined(separator: "\t") + "\n"
    }

    /// Tabs, line breaks and backslashes as `\t`, `\n`, `\r`, `\\`. Scanned as bytes: as `Character`s, a
    /// CR LF pair is one character equal to neither "\r" nor "\n", and went through unescaped.
    static func escape(_ field: String) -> String {
        let bytes = field.utf8
        guard bytes.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return field }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            switch byte {
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x5C: out += [0x5C, 0x5C]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of `escape`, on bytes too: as `Character`s, an escaped tab followed by a combining mark
    /// ("t" and the mark are one character) did not come back.
    static func unescape(_ field: Substring) -> String {
        let bytes = field.utf8
        guard bytes.contains(0x5C) else { return String(field) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaping = false
        for byte in bytes {
            if escaping {
                switch byte {
                case 0x74: out.append(0x09)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                default: out.append(byte)
                }
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The tip the file was built for and its rows; nil for a file that is damaged or of another version.
    /// Works on the bytes: fields are found by offset and decoded only as far as needed, and each distinct
    /// profile id is validated once — this is what `log` on 50,000 events spends its time on.
    static func parse(_ bytes: [UInt8], only profile: ProfileID? = nil) -> (OID, [Row])? {
        let tab: UInt8 = 0x09, newline: UInt8 = 0x0A
        let wanted = profile.map { Array($0.description.utf8) }
        var profiles: [String: ProfileID] = [:]
        func text(_ slice: ArraySlice<UInt8>) -> String {
            let s = String(decoding: slice, as: UTF8.self)
            return slice.contains(0x5C) ? unescape(Substring(s)) : s
        }
        func integer(_ slice: ArraySlice<UInt8>) -> Int64? {
            var value: Int64 = 0
            var negative = false
            var digits = 0
            for (i, b) in slice.enumerated() {
                if i == 0 && b == 0x2D { negative = true; continue }
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value &* 10 &+ Int64(b - 0x30)
                digits += 1
            }
            return digits == 0 ? nil : (negative ? -value : value)
        }
        func date(_ slice: ArraySlice<UInt8>) -> EffectiveDate? {
            guard slice.count == 10 else { return nil }
            let b = Array(slice)
            guard b[4] == 0x2D, b[7] == 0x2D, let y = integer(slice.prefix(4)), let m = integer(b[5..<7]), let d = integer(b[8..<10]) else { return nil }
            return EffectiveDate(year: Int(y), month: Int(m), day: Int(d))
        }
        var rows: [Row] = []
        var tip: OID?
        var lineStart = 0
        var fields: [Range<Int>] = []
        fields.reserveCapacity(11)
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            if lineEnd == lineStart { continue }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart..<lineEnd where bytes[i] == tab { fields.append(fieldStart..<i); fieldStart = i + 1 }
            fields.append(fieldStart..<lineEnd)
            if tip == nil {
                guard fields.count == 2, Array(bytes[fields[0]]) == Array(header.utf8),
                      let id = OID(hex: String(decoding: bytes[fields[1]], as: UTF8.self)) else { return nil }
                tip = id
                continue
            }
            if let wanted, fields.count > 5, !bytes[fields[5]].elementsEqual(wanted) { continue }
            guard fields.count == 11, let commit = OID(hex: String(decoding: bytes[fields[0]], as: UTF8.self)),
                  let time = integer(bytes[fields[1]]), let offset = integer(bytes[fields[2]]) else { return nil }
            var trailers: RecordTrailers?
            if !fields[5].isEmpty, let lastUpdated = date(bytes[fields[6]]),
               let event = RecordEvent(rawValue: String(decoding: bytes[fields[7]], as: UTF8.self)) {
                let key = String(decoding: bytes[fields[5]], as: UTF8.self)
                let profile = profiles[key] ?? (try? ProfileID(key))
                if let profile {
                    profiles[key] = profile
                    trailers = RecordTrailers(profile: profile, lastUpdated: lastUpdated, event: event,
                                              source: bytes[fields[10]].first == 0x31 ? text(bytes[fields[8]]) : nil,
                                              sourceSHA256: fields[9].isEmpty ? nil : String(decoding: bytes[fields[9]], as: UTF8.self))
                }
            }
            rows.append(Row(commit: commit, time: time, offsetMinutes: Int(offset), authorName: text(bytes[fields[3]]),
                            authorEmail: text(bytes[fields[4]]), trailers: trailers))
        }
        guard let tip else { return nil }
        return (tip, rows)
    }
}
