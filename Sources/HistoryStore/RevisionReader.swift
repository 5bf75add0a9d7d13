import Git
import HistoryModel
import ProfileModel

/// Reads profiles and their texts from one snapshot: the profile list, and "the profile on date D" — the
/// newest dated file ≤ D in the tip's tree (or in the tree of the last commit recorded by a time).
public struct RevisionReader {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    /// Every profile in the snapshot, sorted by id. A tree walk of `profiles/`: no history walk.
    public func profiles() throws(HistoryError) -> [ProfileSummary] {
        guard let tree = try snapshot.tree else { return [] }
        let repository = snapshot.repository
        return try HistoryRepository.translating("list profiles") {
            guard let root = try repository.entry(atPath: "profiles", inTree: tree), root.kind == .tree else { return [] }
            var result: [ProfileSummary] = []
            for area in try repository.treeEntries(root.id) where area.kind == .tree {
                for topic in try repository.treeEntries(area.id) where topic.kind == .tree {
                    guard let id = try? ProfileID(area: area.name, topic: topic.name) else { continue }
                    let dates = try repository.treeEntries(topic.id).compactMap { entry in
                        entry.kind == .blob ? EffectiveDate(revisionFile: entry.name) : nil
                    }.sorted()
                    if let first = dates.first, let last = dates.last {
                        result.append(ProfileSummary(profile: id, revisions: dates.count, first: first, last: last))
                    }
                }
            }
            return result.sorted { $0.profile < $1.profile }
        }
    }

    /// A resolved revision's text as structure, with facts and quotes.
    public func parse(_ revision: ResolvedRevision) throws(HistoryError) -> Profile {
        try Reporter.parse(Array(revision.text.utf8), path: HistoryRepository.path(of: revision.profile, date: revision.lastUpdated))
    }

    /// The revision in effect on `date` (nil: the latest), parsed.
    public func parsed(of profile: ProfileID, on date: EffectiveDate?) throws(HistoryError) -> (revision: ResolvedRevision, profile: Profile) {
        let revision = try revision(of: profile, on: date)
        let parsed = try Reporter.parse(Array(revision.text.utf8), path: HistoryRepository.path(of: profile, date: revision.lastUpdated))
        return (revision, parsed)
    }

    /// A profile's revisions in the snapshot, oldest first, each with the event that recorded its text.
    public func revisions(of profile: ProfileID) throws(HistoryError) -> [ProfileComparison.Revision] {
        let dates = try snapshot.dates(of: profile)
        let timeline = try HistoryRepository.translating("read the events") { try snapshot.timeline() }
        return dates.map { timeline.revision(profile, $0) }
    }

    /// The last commit on main recorded at or before `time` (what the repository knew then), or nil.
    public func commit(recordedBy time: Int64) throws(HistoryError) -> CommitID? {
        try HistoryRepository.translating("walk \(HistoryRepository.mainRef)") {
            let timeline = try snapshot.timeline()
            return timeline.position(recordedBy: time).map { CommitID(timeline.entries[$0].commit) }
        }
    }

    /// The revision of `profile` in effect on `date` (nil: its latest) in the snapshot — or, with
    /// `recordedBy`, as the repository knew it at that time. A profile or date it does not hold is an error
    /// naming it.
    public func revision(of profile: ProfileID, on date: EffectiveDate?, recordedBy time: Int64? = nil) throws(HistoryError) -> ResolvedRevision {
        var source = snapshot
        if let time {
            guard let known = try commit(recordedBy: time) else {
                throw .notFound(what: "nothing had been recorded yet at \(Timestamp(seconds: time))",
                                fix: "`history log` shows when the first revisions were recorded")
            }
            source = snapshot.store.snapshot(at: OID(known))
        }
        let (commit, tree) = try source.requireTip()
        let repository = snapshot.repository
        return try HistoryRepository.translating("read \(profile)") {
            let dates = try source.dates(of: profile, inTree: tree)
            guard let first = dates.first else {
                throw snapshot.noSuchProfile(profile)
            }
            let chosen: EffectiveDate
            if let date {
                guard let match = dates.last(where: { $0 <= date }) else {
                    throw HistoryError.notFound(what: "\(profile) did not exist yet on \(date)", fix: "its first revision is dated \(first); ask for a date on or after it")
                }
                chosen = match
            } else {
                chosen = dates[dates.count - 1]
            }
            let path = HistoryRepository.path(of: profile, date: chosen)
            guard let entry = try repository.entry(atPath: path, inTree: tree) else {
                throw HistoryError.repository(what: "revision \(chosen) of \(profile) vanished while reading", fix: "try again")
            }
            return ResolvedRevision(profile: profile, lastUpdated: chosen, text: String(decoding: try repository.blob(entry.id), as: UTF8.self),
                                    commit: CommitID(commit))
        }
    }
}
