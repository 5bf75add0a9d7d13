import Git
import HistoryModel
import ProfileModel
import Synchronization

/// One read of the repository: the tip of main read once, its root tree, and (when asked for) the
/// timeline of every event up to that tip. Every read — `show`, `log`, `diff`, `blame`, `report`, each
/// request of the server — works from one snapshot, so it sees one commit however many writers append
/// meanwhile. Not `Sendable`: one thread uses it, as it uses its libgit2 handle.
public final class Snapshot {
    let store: HistoryRepository
    /// The commit everything is read from; nil before anything was recorded.
    let tipID: OID?
    private var loadedTree: OID??
    private var loadedTimeline: Timeline?
    private var loadedFolders: TreeFolders?

    var repository: Repository { store.repository }
    public var path: String { store.path }
    public var tip: CommitID? { tipID.map(CommitID.init) }

    init(store: HistoryRepository, tip: OID?) {
        self.store = store
        tipID = tip
    }

    /// The tip's root tree, read when first asked for (a request answered from a cache keyed by the tip
    /// reads no commit at all).
    var tree: OID? {
        get throws(HistoryError) {
            if let loadedTree { return loadedTree }
            do {
                let tree = try tipID.map { (id) throws(GitError) in try repository.commit(id).treeID }
                loadedTree = .some(tree)
                return tree
            } catch {
                throw HistoryRepository.wrap(error, "read commit \(tipID?.short ?? "")")
            }
        }
    }

    /// The tip, or a bad-input error saying nothing has been recorded yet.
    func requireTip() throws(HistoryError) -> (commit: OID, tree: OID) {
        guard let tipID, let tree = try tree else {
            throw .badInput(what: "nothing has been recorded yet in \(path)", fix: "record revisions first with `history import`")
        }
        return (tipID, tree)
    }

    /// Every event on main up to the tip, newest first: loaded once per snapshot (and kept per process for
    /// the last tip loaded), from the event index when it is current, else from the commits — without
    /// writing anything: only writers update the index.
    func timeline() throws -> Timeline {
        if let loadedTimeline { return loadedTimeline }
        guard let tipID else { return Timeline(entries: []) }
        let loaded = Timeline(try EventIndex.load(tip: tipID, repository: repository))
        loadedTimeline = loaded
        return loaded
    }

    /// The rows of one profile's events only (decoding no others when the index is current).
    func events(of profile: ProfileID?) throws -> [EventIndex.Row] {
        guard let tipID else { return [] }
        if profile == nil || loadedTimeline != nil {
            return try timeline().entries.filter { profile == nil || $0.trailers?.profile == profile }
        }
        return try EventIndex.load(tip: tipID, repository: repository, profile: profile).rows
    }

    /// A profile's dated revision files in the tip's tree, oldest first (each folder read once).
    func files(of profile: ProfileID) throws(HistoryError) -> [(date: EffectiveDate, blob: OID)] {
        guard let tree = try tree else { return [] }
        if loadedFolders == nil { loadedFolders = TreeFolders(repository: repository, root: tree) }
        do { return try loadedFolders?.files(of: profile) ?? [] } catch { throw HistoryRepository.wrap(error, "read \(profile)") }
    }

    /// A profile's revision dates in the tip's tree, oldest first; empty for an unknown profile.
    public func dates(of profile: ProfileID) throws(HistoryError) -> [EffectiveDate] {
        try files(of: profile).map(\.date)
    }

    /// Throws a not-found error naming the profile when the tip does not hold it.
    public func requireProfile(_ profile: ProfileID) throws(HistoryError) {
        if try dates(of: profile).isEmpty { throw noSuchProfile(profile) }
    }

    /// "No profile X", with the recorded id nearest to X when it is close enough to be a typo.
    public func noSuchProfile(_ profile: ProfileID) -> HistoryError {
        let known = ((try? RevisionReader(self).profiles()) ?? []).map(\.profile.description)
        let listing = "`history profiles` lists the recorded ones"
        if let guess = Spelling.suggestion(for: profile.description, among: known) {
            return .notFound(what: "no profile \(profile) in the repository", fix: "did you mean \(guess)? \(listing)")
        }
        return .notFound(what: "no profile \(profile) in the repository", fix: listing)
    }

    /// A profile's revision dates in any tree of main (an older commit's, for recorded time).
    func dates(of profile: ProfileID, inTree tree: OID) throws(GitError) -> [EffectiveDate] {
        try Self.dates(of: profile, inTree: tree, in: repository)
    }

    static func dates(of profile: ProfileID, inTree tree: OID, in repository: Repository) throws(GitError) -> [EffectiveDate] {
        guard let folder = try repository.entry(atPath: profile.treePath, inTree: tree), folder.kind == .tree else { return [] }
        return try repository.treeEntries(folder.id).compactMap { entry in
            entry.kind == .blob ? EffectiveDate(revisionFile: entry.name) : nil
        }.sorted()
    }

    /// Each profile's semantic entry for its files in the tip's tree, in the order given: from the semantic
    /// index where it is current and intact, else derived here (texts read on this thread, parsed and
    /// followed on all cores) without writing anything — only writers update the index.
    func semanticEntries(of profiles: [ProfileID]) throws(HistoryError) -> [(ProfileID, SemanticEntry)] {
        let gitDirectory = repository.gitDirectory
        var keys: [(profile: ProfileID, files: [RevisionFile])] = []
        for profile in profiles { keys.append((profile, try files(of: profile).map { RevisionFile(date: $0.date, blob: $0.blob) })) }
        // The index's files read and decoded on all cores (no repository handle involved).
        var entries = parallelMap(keys) { SemanticIndex.load($0.profile, files: $0.files, gitDirectory: gitDirectory) }
        var missing: [(index: Int, files: [RevisionFile], texts: [(bytes: [UInt8], path: String)])] = []
        for (i, (profile, files)) in keys.enumerated() where entries[i] == nil {
            var texts: [(bytes: [UInt8], path: String)] = []
            for file in files {
                let path = HistoryRepository.path(of: profile, date: file.date)
                texts.append((try text(file.blob, path: path), "\(path) (blob \(file.blob.short))"))
            }
            missing.append((i, files, texts))
        }
        let derived = parallelMap(missing) { item in
            Result { () throws(HistoryError) in try SemanticEntry.derive(files: item.files, texts: item.texts) }
        }
        for (item, result) in zip(missing, derived) { entries[item.index] = try result.get() }
        return zip(profiles, entries).compactMap { profile, entry in entry.map { (profile, $0) } }
    }

    /// The blob at a path of a tree, read; a failure names the path.
    func text(_ blob: OID, path: String) throws(HistoryError) -> [UInt8] {
        do { return try repository.blob(blob) } catch { throw HistoryRepository.wrap(error, "read \(path)") }
    }
}

/// Every commit on main, newest first, read once: what each recorded and when.
struct Timeline {
    let entries: [EventIndex.Row]
    /// Positions in `entries` of each profile's events, newest first: lookups never scan all of main.
    let positions: [ProfileID: [Int]]

    init(_ index: EventIndex) { self.init(entries: index.rows) }

    init(entries: [EventIndex.Row]) {
        self.entries = entries
        var positions: [ProfileID: [Int]] = [:]
        for (i, entry) in entries.enumerated() {
            if let profile = entry.trailers?.profile { positions[profile, default: []].append(i) }
        }
        self.positions = positions
    }

    /// The newest commit recorded at or before `time`, as an index into `entries`.
    func position(recordedBy time: Int64) -> Int? {
        entries.firstIndex { $0.time <= time }
    }

    /// The newest event at or before position `start` that wrote `date` of `profile`: who recorded that text.
    func writer(of profile: ProfileID, date: EffectiveDate, from start: Int = 0) -> EventIndex.Row? {
        for i in positions[profile, default: []] where i >= start && entries[i].trailers?.lastUpdated == date {
            return entries[i]
        }
        return nil
    }

    /// A revision as a comparison names it: its date, and the event that recorded its text.
    func revision(_ profile: ProfileID, _ date: EffectiveDate, from start: Int = 0) -> ProfileComparison.Revision {
        guard let writer = writer(of: profile, date: date, from: start) else {
            return .init(lastUpdated: date, commit: CommitID(entries[start].commit))
        }
        return .init(lastUpdated: date, commit: CommitID(writer.commit), recordedAt: writer.recordedAt, event: writer.trailers?.event)
    }
}

extension EventIndex.Row {
    var recordedAt: Timestamp { Timestamp(seconds: time, offsetMinutes: offsetMinutes) }
    var author: Person { Person(name: authorName, email: authorEmail) }
}
