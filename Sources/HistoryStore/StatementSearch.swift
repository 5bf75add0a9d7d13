import Foundation
import Git
import HistoryModel
import ProfileModel
import SemanticDiff

/// What `history search` looks for: a phrase (case-insensitive) or a regular expression.
public struct SearchPattern: Sendable {
    public let text: String
    public let isRegex: Bool

    /// A phrase, matched case-insensitively in any wording of a statement.
    public init(phrase: String) throws(HistoryError) {
        guard !phrase.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidArgument(what: "the search text is empty", fix: "give a phrase, e.g. history search \"recognized by\"")
        }
        text = phrase
        isRegex = false
    }

    /// A regular expression (Swift's syntax, as Perl's and Python's), case-insensitive; checked here.
    public init(regex pattern: String) throws(HistoryError) {
        do { _ = try Regex(pattern) } catch {
            throw .invalidArgument(what: "--regex '\(pattern)' is not a regular expression (\(error))",
                                   fix: "fix the pattern, or drop --regex to search for the words as written")
        }
        text = pattern
        isRegex = true
    }

    /// Every statement (what an export lists).
    public static let everything = SearchPattern(text: "", isRegex: false)

    private init(text: String, isRegex: Bool) {
        self.text = text
        self.isRegex = isRegex
    }

    /// Whether a stored text could hold a match, without parsing it: every word of a phrase appears in it
    /// (a sentence's words are the text's, markers and line breaks aside), compared byte by byte with ASCII
    /// letters folded. Always true for an expression.
    func mightMatch(_ bytes: [UInt8]) -> Bool {
        guard !isRegex, !text.isEmpty else { return true }
        return text.split(whereSeparator: \.isWhitespace).allSatisfy { word in
            Self.contains(bytes, Array(word.utf8).map(Self.fold))
        }
    }

    static func fold(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// `needle` (already folded) in `haystack`, ASCII letters folded; non-ASCII bytes compare exactly, so
    /// a word with accented capitals may be looked at more often than needed, never less.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        let nonASCII = needle.contains { $0 >= 0x80 }
        if nonASCII { return true }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if fold(haystack[i]) == first {
                var j = 1
                while j < needle.count && fold(haystack[i + j]) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// A test for one sentence (a compiled expression is not Sendable: each worker makes its own).
    func matcher() -> (String) -> Bool {
        if isRegex, let regex = try? Regex(text).ignoresCase() {
            return { (try? regex.firstMatch(in: $0)) != nil }
        }
        if text.isEmpty { return { _ in true } }
        let phrase = text.lowercased()
        return { $0.lowercased().contains(phrase) }
    }
}

/// `history search`: like `git log -S`, but by statement. Each profile's revisions are followed in date
/// order through the same lineage as blame (`StatementLineage`); a statement matches when any of its
/// wordings does, and is told with the revision that introduced it, each that reworded it and the one
/// that removed it.
public struct StatementSearch {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    /// Matches in profile order, each profile's by when they were introduced; handed over a profile at a time.
    public func find(_ pattern: SearchPattern, in ids: [ProfileID]? = nil,
                     each deliver: (ProfileID, [StatementMatch]) throws(HistoryError) -> Void) throws(HistoryError) {
        _ = try snapshot.requireTip()
        let profiles: [ProfileID]
        if let ids {
            for id in ids { try snapshot.requireProfile(id) }
            profiles = ids
        } else {
            profiles = try RevisionReader(snapshot).profiles().map(\.profile)
        }
        let timeline = try HistoryRepository.translating("read the events") { try snapshot.timeline() }
        struct Stored: Sendable {
            let profile: ProfileID
            let dates: [EffectiveDate]
            let blobs: [OID]
        }
        let gitDirectory = snapshot.repository.gitDirectory
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // A chunk of profiles at a time: their folders read here; their texts read, parsed and followed on all
        // cores, each worker through a libgit2 handle of its own (a handle is never shared between threads).
        for start in stride(from: 0, to: profiles.count, by: 128) {
            var chunk: [Stored] = []
            for profile in profiles[start..<min(start + 128, profiles.count)] {
                let files = try snapshot.files(of: profile)
                chunk.append(Stored(profile: profile, dates: files.map(\.date), blobs: files.map(\.blob)))
            }
            let slices = stride(from: 0, to: chunk.count, by: max(1, (chunk.count + workers - 1) / workers)).map {
                Array(chunk[$0..<min($0 + max(1, (chunk.count + workers - 1) / workers), chunk.count)])
            }
            let results: [Result<[Found], HistoryError>] = parallelMap(slices) { (slice: [Stored]) -> [Result<[Found], HistoryError>] in
                let opened = Result { () throws(GitError) -> Repository in try Repository(openingAt: gitDirectory) }
                guard case .success(let repository) = opened else {
                    let failure: HistoryError = .repository(what: "cannot open \(gitDirectory) on a worker thread", fix: "try again")
                    return slice.map { _ in .failure(failure) }
                }
                let matches = pattern.matcher()
                return slice.map { stored in
                    Result { () throws(HistoryError) -> [Found] in
                        // Cheapest first: the semantic index, when current for these files, lists every
                        // statement the profile ever made — none matching, nothing to read or follow.
                        let files = zip(stored.dates, stored.blobs).map { RevisionFile(date: $0, blob: $1) }
                        if let bytes = SemanticIndex.contents(of: stored.profile, gitDirectory: gitDirectory) {
                            // Its bytes without the phrase's words (statements are escaped there: a backslash is
                            // doubled), else its statements; either answer counts only from an intact, current entry.
                            if !pattern.text.contains("\\"), !pattern.mightMatch(bytes) {
                                if SemanticIndex.decode(bytes, profile: stored.profile, files: files, .key) != nil { return [] }
                            } else if let entry = SemanticIndex.decode(bytes, profile: stored.profile, files: files, .statements),
                                      !entry.statements.contains(where: matches) {
                                return []
                            }
                        }
                        var texts: [(bytes: [UInt8], path: String)] = []
                        for (date, blob) in zip(stored.dates, stored.blobs) {
                            let path = "\(HistoryRepository.path(of: stored.profile, date: date)) (blob \(blob.short))"
                            let bytes = Result { () throws(GitError) -> [UInt8] in try repository.blob(blob) }
                            switch bytes {
                            case .success(let read): texts.append((read, path))
                            case .failure(let error): throw HistoryRepository.wrap(error, "read \(path)")
                            }
                        }
                        return try Self.follow(texts, pattern)
                    }
                }
            }.flatMap { $0 }
            for (stored, result) in zip(chunk, results) {
                let found = try result.get()
                func version(_ k: Int, _ text: String, _ edit: Significance? = nil) -> StatementVersion {
                    let revision = timeline.revision(stored.profile, stored.dates[k])
                    return StatementVersion(lastUpdated: revision.lastUpdated, commit: revision.commit, event: revision.event,
                                            text: text, significance: edit)
                }
                let matches = found.map { f in
                    StatementMatch(profile: stored.profile, introduced: version(f.versions[0].revision, f.versions[0].text),
                                   rewordings: f.versions.dropFirst().compactMap { v in
                                       v.edit.flatMap { $0 >= .minor ? version(v.revision, v.text, $0) : nil }
                                   },
                                   removed: f.removedIn.map { version($0, f.versions.last?.text ?? "") })
                }
                try deliver(stored.profile, matches)
            }
        }
    }

    /// A statement found in one profile: where its chain ends, its wordings, and where it was removed.
    struct Found: Sendable {
        let revision: Int, sentence: Int
        let versions: [(revision: Int, text: String, edit: Significance?)]
        let removedIn: Int?
    }

    /// One profile's texts, oldest first: the statements any of whose wordings match (pure work).
    static func follow(_ texts: [(bytes: [UInt8], path: String)], _ pattern: SearchPattern) throws(HistoryError) -> [Found] {
        // Cheapest first: no stored text has the phrase's words, nothing to parse or follow.
        guard texts.contains(where: { pattern.mightMatch($0.bytes) }) else { return [] }
        let matches = pattern.matcher()
        let memo = SentenceMemo(details: false)
        let profiles = try texts.map { (text) throws(HistoryError) in try Reporter.parse(text.bytes, path: text.path, memo: memo) }
        // Cheap next: a profile none of whose sentences matches has nothing to follow.
        guard profiles.contains(where: { $0.allSentences.contains { matches($0.text) } }) else { return [] }
        let lineage = StatementLineage(profiles)
        var found: [Found] = []
        for end in lineage.ends {
            let chain = lineage.chain(endingAt: end.revision, end.sentence)
            let nodes = chain.map { lineage.revisions[$0.revision][$0.sentence] }
            guard nodes.contains(where: { matches($0.text) }) else { continue }
            found.append(Found(revision: end.revision, sentence: end.sentence,
                               versions: zip(chain, nodes).map { ($0.revision, $1.text, $1.edit) }, removedIn: end.removedIn))
        }
        return found.sorted { ($0.versions[0].revision, $0.revision, $0.sentence) < ($1.versions[0].revision, $1.revision, $1.sentence) }
    }

    public func find(_ pattern: SearchPattern, in ids: [ProfileID]? = nil) throws(HistoryError) -> [StatementMatch] {
        var all: [StatementMatch] = []
        try find(pattern, in: ids) { _, matches in all += matches }
        return all
    }
}
