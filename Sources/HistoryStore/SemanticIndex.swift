import Foundation
import Git
import HistoryModel
import ProfileModel
import SemanticDiff

/// What `facts` and `search` need of one profile, derived from its revision files alone: every distinct
/// statement its revisions make, and its facts followed through them (`FactTracker`). Parsing and following
/// 50,000 revisions takes a minute, so writers keep it per profile in
/// `<git dir>/history-cache/semantic/<area>/<topic>` after they move main, as they keep the event index.
///
/// The file names the revision files (date and blob) it was derived from and ends with a checksum. A read
/// uses it only when those are exactly the profile's files in the tree it reads and the checksum holds;
/// otherwise it derives the entry in memory and writes nothing. `verify` never reads it.
struct SemanticEntry: Sendable {
    /// The revision files it was derived from, oldest first: its key.
    let files: [RevisionFile]
    /// Every distinct statement (sentence text) of those revisions, in order of first appearance.
    let statements: [String]
    /// Every fact followed through those revisions; a point's `revision` indexes `files`.
    let series: [FactTracker.Series]

    /// Derives the entry from the stored texts of `files` (pure work: parsing and following).
    static func derive(files: [RevisionFile], texts: [(bytes: [UInt8], path: String)]) throws(HistoryError) -> SemanticEntry {
        let memo = SentenceMemo(details: false)
        let profiles = try texts.map { (text) throws(HistoryError) in try Reporter.parse(text.bytes, path: text.path, memo: memo) }
        var seen = Set<String>()
        var statements: [String] = []
        for profile in profiles {
            for sentence in profile.allSentences where seen.insert(sentence.text).inserted { statements.append(sentence.text) }
        }
        return SemanticEntry(files: files, statements: statements, series: FactTracker.track(profiles))
    }
}

/// A profile's dated revision file in a tree.
struct RevisionFile: Equatable, Sendable {
    let date: EffectiveDate
    let blob: OID
}

enum SemanticIndex {
    /// Bumped whenever what is derived changes (v2: "12–13 May 2014" is one date range; v3: "four years
    /// ago" is a count; v4: a rank spelled out is an ordinal, an amount's currency its unit; v5: numbers
    /// spelled out up to ninety-nine are counts; v6: so are years spelled out; v7: a place
    /// or a name no longer heads a fact where a lower-case word can; v8: "about a fifth" is a share; v9: a
    /// stem drops a final "e", which can align sentences differently; v10: key-data rows one to a block are
    /// a table, and a row's label gives its own dates and counts; v11: bulleted lines are a list; v12: a wide
    /// table's row, "Japan | Clearance | 4,200,000", is a row named by its first cell; v13: a row named by a
    /// year alone keeps the year as its name; v14: a fact in apposition after a comma, "the largest share,
    /// 41% of the total", is headed by the clause before it; v15: two source references, each the one left
    /// over in its place among the footnotes, are one footnote, so its date is followed; v16: a renamed
    /// country keeps its people's adjective, "Swazi" of Swaziland and of Eswatini; v17: an area in square
    /// metres or hectares is a quantity in km²; v18: two table rows named by different years never align, and
    /// "data provided by PAICMA" leaves a source reference one; v19: a key-data row with a long value, a list
    /// of operators, is a row among the others of its block), so that
    /// entries written by an older history are derived afresh instead of trusted; `history reindex`
    /// rewrites them.
    static let header = "history.semantic.v19"

    static func folder(_ gitDirectory: String) -> String {
        (gitDirectory as NSString).appendingPathComponent("history-cache/semantic")
    }

    static func path(of profile: ProfileID, in gitDirectory: String) -> String {
        (folder(gitDirectory) as NSString).appendingPathComponent(profile.description)
    }

    /// How much of an entry a read needs decoded.
    enum Part: Int, Comparable {
        /// Only whether it is current and intact.
        case key
        /// Its statements too (`search`); its series stay empty.
        case statements
        case all

        static func < (a: Part, b: Part) -> Bool { a.rawValue < b.rawValue }
    }

    /// The stored entry of `profile` when it was derived from exactly `files` and is intact; nil otherwise.
    static func load(_ profile: ProfileID, files: [RevisionFile], gitDirectory: String, _ part: Part = .all) -> SemanticEntry? {
        contents(of: profile, gitDirectory: gitDirectory).flatMap { decode($0, profile: profile, files: files, part) }
    }

    /// The stored file of `profile`, unchecked (`decode` checks it).
    static func contents(of profile: ProfileID, gitDirectory: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(of: profile, in: gitDirectory)).map { Array($0) }
    }

    /// Best effort, for writers after they moved main to `tip`: brings the entries of `profiles` up to the
    /// tip's tree (those already current are left alone). A cache that cannot be written is simply not
    /// there: reads derive what they need.
    static func update(_ profiles: some Sequence<ProfileID>, tip: OID, repository: Repository) {
        guard let tree = try? repository.commit(tip).treeID else { return }
        let folders = TreeFolders(repository: repository, root: tree)
        let gitDirectory = repository.gitDirectory
        var pending: [(profile: ProfileID, files: [RevisionFile])] = []
        for profile in profiles {
            guard let files = try? folders.files(of: profile).map({ RevisionFile(date: $0.date, blob: $0.blob) }) else { continue }
            if files.isEmpty {
                try? FileManager.default.removeItem(atPath: path(of: profile, in: gitDirectory))
            } else if load(profile, files: files, gitDirectory: gitDirectory, .key) == nil {
                pending.append((profile, files))
            }
        }
        typealias Work = (profile: ProfileID, files: [RevisionFile], texts: [(bytes: [UInt8], path: String)])
        // Texts read on this thread (the handle stays here), a chunk ahead of the one being parsed and
        // followed on all cores.
        func read(_ chunk: ArraySlice<(profile: ProfileID, files: [RevisionFile])>) -> [Work] {
            chunk.compactMap { profile, files in
                (try? files.map { (file) throws(GitError) in
                    (try repository.blob(file.blob), HistoryRepository.path(of: profile, date: file.date))
                }).map { (profile, files, $0) }
            }
        }
        let size = 32
        var next = read(pending.prefix(size))
        for start in stride(from: 0, to: pending.count, by: size) {
            let current = next
            let derived = overlapped({
                parallelMap(current) { item in (try? SemanticEntry.derive(files: item.files, texts: item.texts)).map { (item.profile, $0) } }
            }, meanwhile: { next = read(pending.dropFirst(start + size).prefix(size)) })
            for case let (profile, entry)? in derived { save(entry, of: profile, gitDirectory: gitDirectory) }
        }
    }

    /// Best effort, like the rest of the cache: written beside and renamed into place (a reader sees the
    /// old file or the new one; a torn one fails its checksum). Not flushed to disk: it can be derived again.
    static func save(_ entry: SemanticEntry, of profile: ProfileID, gitDirectory: String) {
        let file = path(of: profile, in: gitDirectory)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? Data(encode(entry, profile: profile)).write(to: URL(fileURLWithPath: file), options: .atomic)
    }

    // MARK: The file

    // history.semantic.v9<TAB>area/topic
    // r<TAB>2016-07-05<TAB><blob>            one per revision file, oldest first
    // s<TAB><statement>                      one per distinct statement
    // f<TAB><kind><TAB><subject><TAB><unit>  a series, then its points:
    // p<TAB><revision>                       the fact is no longer stated
    // p<TAB><revision><TAB><kind><TAB><value><TAB><unit><TAB><text>    value: n<bits in hex> | d<date> | t<text>
    // end<TAB><FNV-1a 64 of every byte before this line, hex>

    static func encode(_ entry: SemanticEntry, profile: ProfileID) -> [UInt8] {
        var out = header + "\t" + profile.description + "\n"
        for file in entry.files { out += "r\t\(file.date)\t\(file.blob.hex)\n" }
        for statement in entry.statements { out += "s\t" + EventIndex.escape(statement) + "\n" }
        for series in entry.series {
            out += "f\t\(series.kind.rawValue)\t\(EventIndex.escape(series.subject))\t\(EventIndex.escape(series.unit))\n"
            for point in series.points {
                out += "p\t\(point.revision)"
                if let value = point.value {
                    let encoded = switch value.value {
                    case .number(let n): "n" + String(n.bitPattern, radix: 16)
                    case .date(let d): "d" + EventIndex.escape(d)
                    case .text(let t): "t" + EventIndex.escape(t)
                    }
                    out += "\t\(value.kind.rawValue)\t\(encoded)\t\(EventIndex.escape(value.unit))\t\(EventIndex.escape(value.text))"
                }
                out += "\n"
            }
        }
        var bytes = Array(out.utf8)
        bytes += Array("end\t\(String(checksum(bytes[...]), radix: 16))\n".utf8)
        return bytes
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 { FNV1a.hash(bytes) }

    /// The bytes before the trailer if the trailer's checksum holds, else nil.
    static func verified(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        guard bytes.last == 0x0A, let lastStart = bytes.dropLast().lastIndex(of: 0x0A).map({ $0 + 1 }) else { return nil }
        let trailer = bytes[lastStart..<(bytes.count - 1)]
        guard trailer.starts(with: Array("end\t".utf8)), let stored = hex(trailer.dropFirst(4)),
              checksum(bytes[..<lastStart]) == stored else { return nil }
        return bytes[..<lastStart]
    }

    static func hex(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for b in digits {
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x61...0x66: d = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(d)
        }
        return value
    }

    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for b in digits {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// The entry in `bytes` if it is intact, of this version, for `profile` and derived from exactly `files`.
    /// What `part` leaves out comes back empty. Works on the bytes, as the event index does: a `facts --all`
    /// decodes 2,000 of these.
    static func decode(_ bytes: [UInt8], profile: ProfileID, files: [RevisionFile], _ part: Part = .all) -> SemanticEntry? {
        guard let body = verified(bytes) else { return nil }
        func text(_ slice: ArraySlice<UInt8>) -> String {
            let s = String(decoding: slice, as: UTF8.self)
            return slice.contains(0x5C) ? EventIndex.unescape(Substring(s)) : s
        }
        var lineStart = body.startIndex
        var fields: [ArraySlice<UInt8>] = []
        var revisions = 0
        var statements: [String] = []
        var series: [FactTracker.Series] = []
        var first = true
        decoding: while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if first {
                guard line.elementsEqual((header + "\t" + profile.description).utf8) else { return nil }
                first = false
                continue
            }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = line.startIndex
            for i in line.indices where line[i] == 0x09 {
                fields.append(line[fieldStart..<i])
                fieldStart = i + 1
            }
            fields.append(line[fieldStart..<line.endIndex])
            switch fields[0].first {
            case UInt8(ascii: "r") where fields[0].count == 1:
                guard fields.count == 3, revisions < files.count, fields[1].elementsEqual(files[revisions].date.description.utf8),
                      OID(hexDigits: fields[2]) == files[revisions].blob else { return nil }
                revisions += 1
            case UInt8(ascii: "s") where fields[0].count == 1:
                guard part > .key else { break decoding }
                guard fields.count == 2 else { return nil }
                statements.append(text(fields[1]))
            case UInt8(ascii: "f") where fields[0].count == 1:
                guard part > .statements else { break decoding }
                guard fields.count == 4, let kind = Fact.Kind(rawValue: text(fields[1])) else { return nil }
                series.append(FactTracker.Series(subject: text(fields[2]), unit: text(fields[3]), kind: kind, points: []))
            case UInt8(ascii: "p") where fields[0].count == 1:
                guard !series.isEmpty, fields.count >= 2, let revision = decimal(fields[1]), revision < files.count else { return nil }
                if fields.count == 2 {
                    series[series.count - 1].points.append(.init(revision: revision, value: nil))
                    continue
                }
                guard fields.count == 6, let kind = Fact.Kind(rawValue: text(fields[2])), let tag = fields[3].first else { return nil }
                let payload = fields[3].dropFirst()
                let value: Fact.Value
                switch tag {
                case UInt8(ascii: "n"):
                    guard let bits = hex(payload) else { return nil }
                    value = .number(Double(bitPattern: bits))
                case UInt8(ascii: "d"): value = .date(text(payload))
                case UInt8(ascii: "t"): value = .text(text(payload))
                default: return nil
                }
                let stated = FactValue(kind: kind, value: value, unit: text(fields[4]), text: text(fields[5]))
                series[series.count - 1].points.append(.init(revision: revision, value: stated))
            default:
                return nil
            }
        }
        guard !first, revisions == files.count else { return nil }
        return SemanticEntry(files: files, statements: statements, series: series)
    }
}
