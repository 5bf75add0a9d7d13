import HistoryModel
import Crypto
import Foundation
import ProfileModel

/// Which texts an import records, in which order, and which files it refused (with why).
///
/// A directory in the `Repo/` layout holds `<area>/<topic>/<YYYY-MM-DD>.txt`. Two suffixes say what was
/// recorded later, so that one import replays a realistic history (see `Repo/README.md`):
/// - `<date>.original.txt`: the text first published under that date, later corrected; it is recorded in
///   date order and only if the profile has no revision of that date yet; the sibling `<date>.txt` is then
///   recorded after every plain file, as a correction.
/// - `<date>.late.txt`: a revision that reached the repository late; recorded after every plain file, so
///   it becomes a back-fill.
public struct ImportPlan: Sendable {
    /// One text to record. Files of a directory are read and validated only when their turn comes, in
    /// parallel batches, so an import of tens of thousands of files never holds them all in memory.
    public struct Item: Sendable {
        /// The path as the user gave it (or below the directory they gave), for messages.
        public var path: String
        public var profile: ProfileID
        /// The date it is ordered by: from the file name in a directory (checked against the text when it
        /// is read), from the text for a file named on its own.
        public var date: EffectiveDate
        /// 0: recorded in date order; 1: recorded after every round-0 item.
        public var round: Int
        /// Already read and validated (files named on their own); nil until then for directory files.
        public var submission: Submission?
        var onlyIfDateIsNew: Bool

        /// The validated text, or why it cannot be recorded.
        func validated() -> Result<Submission, Problem> {
            if let submission { return .success(submission) }
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(Problem(path: path, message: "cannot read the file; check its permissions"))
            }
            do {
                return .success(try Submission(validating: Array(data), profile: profile, nameDate: date, forcedDate: nil,
                                               source: path, onlyIfDateIsNew: onlyIfDateIsNew))
            } catch {
                return .failure(Problem(path: path, message: error.message))
            }
        }
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public var items: [Item] = []
    public var problems: [Problem] = []

    /// Options for files named one by one (`--profile`, `--date`, `--source`); directory imports take
    /// profile and date from the layout and record each file's own path as its source.
    public struct Options: Sendable {
        public var profile: ProfileID?
        public var date: EffectiveDate?
        public var source: String?
        /// Record a text whose title names another topic than its folder's (`--force`).
        public var force: Bool
        public init(profile: ProfileID? = nil, date: EffectiveDate? = nil, source: String? = nil, force: Bool = false) {
            self.profile = profile
            self.date = date
            self.source = source
            self.force = force
        }
    }

    public var options = Options()

    public init(paths: [String], options: Options = Options()) {
        self.options = options
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: path, message: "no such file or directory; check the path"))
                continue
            }
            if !isDirectory.boolValue {
                addFile(path, options: options)
            } else if let profile = Self.topicFolder(path) {
                addTopic(path, profile: profile)
            } else {
                addDirectory(path, options: options)
            }
        }
        // Date order within each round; ties broken by profile so that the order never depends on the file system.
        items.sort { ($0.round, $0.date, $0.profile, $0.path) < ($1.round, $1.date, $1.profile, $1.path) }
        refuseConflictingTexts()
    }

    /// A folder that holds dated revisions itself is one topic folder, `…/<area>/<topic>/`: its profile is
    /// its last two folder names.
    static func topicFolder(_ path: String) -> ProfileID? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path),
              names.contains(where: { parseFileName($0).flatMap { EffectiveDate(iso: $0.0) } != nil }) else { return nil }
        let parts = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().pathComponents
        guard parts.count >= 3 else { return nil }
        return try? ProfileID(area: parts[parts.count - 2], topic: parts[parts.count - 1])
    }

    /// Two texts for one profile and date in one import (two paths given, a file given twice with --date):
    /// which to record would depend on the order of arguments, so neither is; the same text twice is once.
    mutating func refuseConflictingTexts() {
        var groups: [String: [Int]] = [:]
        for (i, item) in items.enumerated() { groups["\(item.profile) \(item.date) \(item.round)", default: []].append(i) }
        var drop = Set<Int>()
        for (_, members) in groups where members.count > 1 {
            let texts = members.map { i -> String? in
                switch items[i].validated() {
                case .success(let submission): submission.text
                case .failure: nil
                }
            }
            if Set(texts.map { $0 ?? "" }).count == 1 {
                drop.formUnion(members.dropFirst())
                continue
            }
            let paths = members.map { items[$0].path }
            for i in members {
                problems.append(Problem(path: items[i].path, message: "another text for \(items[i].profile) \(items[i].date) is in the same import (\(paths.filter { $0 != items[i].path }.joined(separator: ", "))); import one of them"))
            }
            drop.formUnion(members)
        }
        if !drop.isEmpty { items = items.enumerated().filter { !drop.contains($0.offset) }.map(\.element) }
    }

    enum Variant: String { case plain, original, late }

    /// `2016-07-05.txt`, `2016-07-05.original.txt`, `2016-07-05.late.txt` → date and variant; nil otherwise.
    static func parseFileName(_ name: String) -> (String, Variant)? {
        guard name.hasSuffix(".txt") else { return nil }
        let stem = name.dropLast(4)
        for variant in [Variant.original, .late] where stem.hasSuffix(".\(variant.rawValue)") {
            return (String(stem.dropLast(variant.rawValue.count + 1)), variant)
        }
        return (String(stem), .plain)
    }

    /// Files at the import root that are documentation, not revisions, and are passed over without a word.
    static func isDocumentation(_ name: String) -> Bool {
        let upper = name.uppercased()
        return name.hasSuffix(".md") || upper.hasPrefix("README") || upper.hasPrefix("LICENSE") || upper.hasPrefix("LICENCE")
    }

    /// A folder's entries, sorted; what cannot be listed, hidden entries and links that lead out of the
    /// import folder are problems (said, and the import exits 65), never silent skips.
    mutating func entries(_ path: String, root: String) -> [String] {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: path) } catch {
            problems.append(Problem(path: path, message: "cannot read this folder; check its permissions"))
            return []
        }
        var kept: [String] = []
        for name in names.sorted() {
            let child = "\(path)/\(name)"
            if name.hasPrefix(".") {
                problems.append(Problem(path: child, message: "hidden, so not imported; rename it or move it out of the folder"))
                continue
            }
            if let destination = try? fm.destinationOfSymbolicLink(atPath: child) {
                let resolved = URL(fileURLWithPath: child).resolvingSymlinksInPath().path
                guard resolved == root || resolved.hasPrefix(root + "/") else {
                    problems.append(Problem(path: child, message: "a symbolic link to \(destination), outside \(root); not followed: copy the file in instead"))
                    continue
                }
            }
            kept.append(name)
        }
        return kept
    }

    mutating func addDirectory(_ given: String, options: Options) {
        let fm = FileManager.default
        let base = given.hasSuffix("/") ? String(given.dropLast()) : given
        let root = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        func isDirectory(_ path: String) -> Bool {
            var flag: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
        }
        for area in entries(base, root: root) {
            let areaPath = "\(base)/\(area)"
            guard isDirectory(areaPath) else {
                if !Self.isDocumentation(area) {
                    problems.append(Problem(path: areaPath, message: "a file at the top of the import folder; revisions go in <area>/<topic>/<YYYY-MM-DD>.txt, or import it alone with --profile"))
                }
                continue
            }
            guard ProfileID.isSlug(area) else {
                problems.append(Problem(path: areaPath, message: "'\(area)' is not an area slug; rename the folder in lower-case letters, digits and hyphens"))
                continue
            }
            for topic in entries(areaPath, root: root) {
                let topicPath = "\(areaPath)/\(topic)"
                guard isDirectory(topicPath) else {
                    problems.append(Problem(path: topicPath, message: "expected a topic folder <area>/<topic>/ holding <YYYY-MM-DD>.txt files; move the file into one"))
                    continue
                }
                guard let profile = try? ProfileID(area: area, topic: topic) else {
                    problems.append(Problem(path: topicPath, message: "'\(topic)' is not a topic slug; rename the folder in lower-case letters, digits and hyphens"))
                    continue
                }
                addRevisions(in: topicPath, profile: profile, root: root)
            }
        }
    }

    /// One `<area>/<topic>/` folder given on its own.
    mutating func addTopic(_ path: String, profile: ProfileID) {
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        addRevisions(in: base, profile: profile, root: URL(fileURLWithPath: base).resolvingSymlinksInPath().path)
    }

    mutating func addRevisions(in topicPath: String, profile: ProfileID, root: String) {
        let names = entries(topicPath, root: root)
        for name in names {
            let filePath = "\(topicPath)/\(name)"
            guard let (dateText, variant) = Self.parseFileName(name),
                  dateText.allSatisfy({ $0.isNumber || $0 == "-" }) else {
                problems.append(Problem(path: filePath, message: "not a revision: name it <YYYY-MM-DD>.txt after its Last updated date"))
                continue
            }
            guard let date = EffectiveDate(iso: dateText) else {
                problems.append(Problem(path: filePath, message: "'\(dateText)' in the file name is not a real YYYY-MM-DD date; rename the file"))
                continue
            }
            let corrected = variant == .plain && names.contains("\(dateText).original.txt")
            let round = (variant == .late || corrected) ? 1 : 0
            items.append(Item(path: filePath, profile: profile, date: date, round: round, submission: nil,
                              onlyIfDateIsNew: variant == .original))
        }
    }

    mutating func addFile(_ path: String, options: Options) {
        var profile = options.profile
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let nameDate = Self.parseFileName(name).flatMap { EffectiveDate(iso: $0.0) }
        if profile == nil {
            let components = url.deletingLastPathComponent().pathComponents
            if components.count >= 2 {
                profile = try? ProfileID(area: components[components.count - 2], topic: components[components.count - 1])
            }
        }
        guard let profile else {
            problems.append(Problem(path: path, message: "cannot tell which profile this is; pass --profile <area>/<topic>"))
            return
        }
        add(path, profile: profile, nameDate: nameDate, forcedDate: options.date, source: options.source, round: 0, onlyIfDateIsNew: false)
    }

    mutating func add(_ path: String, profile: ProfileID, nameDate: EffectiveDate?, forcedDate: EffectiveDate?,
                      source: String?, round: Int, onlyIfDateIsNew: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(Problem(path: path, message: "cannot read the file; check its permissions"))
            return
        }
        do {
            let submission = try Submission(validating: Array(data), profile: profile, nameDate: nameDate, forcedDate: forcedDate,
                                            source: source ?? path, onlyIfDateIsNew: onlyIfDateIsNew)
            items.append(Item(path: path, profile: profile, date: submission.date, round: round, submission: submission,
                              onlyIfDateIsNew: onlyIfDateIsNew))
        } catch {
            problems.append(Problem(path: path, message: error.message))
        }

    }
}

extension Submission {
    /// A text as `history import` and `POST …/revisions` accept it (`SubmittedText.validate`), with the
    /// SHA-256 of its bytes as received.
    public init(validating bytes: [UInt8], profile: ProfileID, nameDate: EffectiveDate?, forcedDate: EffectiveDate?,
                source: String?, onlyIfDateIsNew: Bool = false) throws(SubmissionProblem) {
        let (text, date) = try SubmittedText.validate(bytes, nameDate: nameDate, forcedDate: forcedDate)
        self.init(profile: profile, date: date, text: text, source: source, sourceSHA256: sha256Hex(bytes), onlyIfDateIsNew: onlyIfDateIsNew)
    }

    /// The topic a header line (above `Last updated`) names, as a slug: "Cluster Munition Ban Policy" →
    /// `cluster-munition-ban-policy`.
    static func slug(_ line: Substring) -> String {
        var out = ""
        for c in line.lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) { out.unicodeScalars.append(c) } else if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
        }
        return out.hasSuffix("-") ? String(out.dropLast()) : out
    }

    /// Why this text seems to belong to another topic than its folder's: a header line names one of
    /// `topics` other than its own (a Cluster Munition Ban Policy text filed under mine-ban-policy); nil if not.
    public func topicMismatch(among topics: Set<String>) -> String? {
        // The first five lines that are not empty, found without splitting the whole text (which cost
        // a sixth of a bulk import). The text is canonical: LF alone ends a line.
        var header: [Substring] = []
        var start = text.startIndex, seen = 0
        while seen < 5, start < text.endIndex {
            let end = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[start..<end]
            start = end < text.endIndex ? text.utf8.index(after: end) : end
            guard !line.isEmpty else { continue }
            seen += 1
            if line.lowercased().hasPrefix("last updated") { break }
            header.append(line)
        }
        let slugs = header.map(Self.slug)
        guard !slugs.contains(profile.topic), let other = slugs.first(where: { topics.contains($0) }),
              let line = header.first(where: { Self.slug($0) == other }) else { return nil }
        return "its title says '\(line)', the topic \(other), but it is filed under \(profile.topic); move it to \(profile.area)/\(other)/, or pass --force if the folder is right"
    }
}

/// The SHA-256 of some bytes in lower-case hex, as the `Source-SHA256` trailer records it. (Formatting each
/// byte with `String(format:)` was a few percent of a large import.)
func sha256Hex(_ bytes: some DataProtocol) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
