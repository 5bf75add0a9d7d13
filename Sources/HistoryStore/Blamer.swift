import Git
import HistoryModel
import ProfileModel
import SemanticDiff

/// Follows each sentence of a revision back through every earlier revision of its profile, in date order,
/// with the diff engine's alignment: which revision introduced it, last changed its meaning, last edited it.
public struct Blamer {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    /// Blame for the revision of `profile` in effect on `date` (default: the latest), following each
    /// sentence through every earlier revision in date order.
    public func blame(_ profile: ProfileID, at date: EffectiveDate?) throws(HistoryError) -> Blame {
        try snapshot.requireProfile(profile)
        let (tip, tree) = try snapshot.requireTip()
        let repository = snapshot.repository
        return try HistoryRepository.translating("blame \(profile)") {
            let all = try snapshot.dates(of: profile, inTree: tree)
            let chosen = all.filter { d in date.map { d <= $0 } ?? true }
            guard !chosen.isEmpty else {
                throw HistoryError.notFound(what: "\(profile) did not exist yet on \(date?.description ?? "that date")",
                                            fix: "its first revision is dated \(all.first?.description ?? "later"); ask for a date on or after it")
            }
            let timeline = try snapshot.timeline()
            var revisions: [BlameRevision] = []
            var profiles: [Profile] = []
            let memo = SentenceMemo(details: false)
            for d in chosen {
                let path = HistoryRepository.path(of: profile, date: d)
                guard let entry = try repository.entry(atPath: path, inTree: tree) else { continue }
                profiles.append(try Reporter.parse(try repository.blob(entry.id), path: "\(path) (blob \(entry.id.short))", memo: memo))
                let writer = timeline.writer(of: profile, date: d)?.commit ?? tip
                revisions.append(BlameRevision(lastUpdated: d, commit: CommitID(writer)))
            }
            guard let newest = profiles.last, let current = revisions.last else {
                throw HistoryError.repository(what: "no readable revision of \(profile)", fix: "check the repository with `history verify`")
            }
            // (introduced, last meaning change, last edit) per sentence, revision by revision along the lineage.
            let lineage = StatementLineage(profiles)
            var origins = Array(repeating: (revisions[0], revisions[0], revisions[0]), count: lineage.revisions[0].count)
            for i in lineage.revisions.indices.dropFirst() {
                let here = revisions[i]
                origins = lineage.revisions[i].map { node in
                    guard let o = node.parent, o < origins.count else { return (here, here, here) }
                    let (introduced, meaning, edited) = origins[o]
                    guard let edit = node.edit else { return (introduced, meaning, edited) }
                    return (introduced, edit == .major ? here : meaning, edit >= .minor ? here : edited)
                }
            }
            let locations = DocumentDiff.locations(of: newest)
            let lines = newest.allSentences.enumerated().map { i, sentence in
                BlameLine(index: i, location: locations[i], text: sentence.text,
                          introduced: origins[i].0, lastMeaningChange: origins[i].1, lastEdited: origins[i].2)
            }
            return Blame(profile: profile, revision: current, revisions: revisions, lines: lines)
        }
    }
}
