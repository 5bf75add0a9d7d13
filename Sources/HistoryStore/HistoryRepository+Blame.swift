import Git
import ProfileModel
import SemanticDiff

/// A revision as blame names it: its effective date and the commit that recorded its text.
public struct BlameRevision: Hashable, Sendable {
    public let lastUpdated: EffectiveDate
    public let commit: OID
}

/// One sentence of a revision and where it came from.
public struct BlameLine: Hashable, Sendable {
    public let index: Int
    public let location: Location
    public let text: String
    /// The revision that first made this statement, followed back through rewordings, moves, merges,
    /// splits and footnote renumbering by the diff engine's alignment.
    public let introduced: BlameRevision
    /// The last revision that changed it in meaning (a `major` change); the introducing one if none did.
    public let lastMeaningChange: BlameRevision
    /// The last revision that touched its wording at all (any non-cosmetic change).
    public let lastEdited: BlameRevision
}

public struct Blame: Hashable, Sendable {
    public let profile: ProfileID
    public let revision: BlameRevision
    /// The revisions followed, oldest first.
    public let revisions: [BlameRevision]
    public let lines: [BlameLine]
}

extension HistoryRepository {
    /// Blame for the revision of `profile` in effect on `date` (default: the latest), following each
    /// sentence through every earlier revision in date order.
    public func blame(_ profile: ProfileID, at date: EffectiveDate?) throws(HistoryError) -> Blame {
        try requireProfile(profile)
        guard let tip = try tip() else { throw .badInput("nothing has been recorded yet in \(path)", "record revisions first with `history import`") }
        do {
            let tree = try repository.commit(tip).treeID
            let all = try dates(of: profile, inTree: tree)
            let chosen = all.filter { d in date.map { d <= $0 } ?? true }
            guard !chosen.isEmpty else {
                throw HistoryError.notFound("\(profile) did not exist yet on \(date?.description ?? "that date")",
                                            "its first revision is dated \(all.first?.description ?? "later"); ask for a date on or after it")
            }
            let timeline = try readTimeline(from: tip)
            var revisions: [BlameRevision] = []
            var profiles: [Profile] = []
            for d in chosen {
                let path = Self.path(of: profile, date: d)
                guard let entry = try repository.entry(atPath: path, inTree: tree) else { continue }
                profiles.append(try parseStored(entry.id, path: path))
                let writer = timeline.writer(of: profile, date: d)?.commit ?? tip
                revisions.append(BlameRevision(lastUpdated: d, commit: writer))
            }
            guard let newest = profiles.last, let current = revisions.last else {
                throw HistoryError.repository("no readable revision of \(profile)", "check the repository with `history verify`")
            }
            // (introduced, last meaning change, last edit) per sentence of the revision reached so far.
            var origins = Array(repeating: (revisions[0], revisions[0], revisions[0]), count: profiles[0].allSentences.count)
            for i in profiles.indices.dropFirst() {
                let diff = DocumentDiff.compare(profiles[i - 1], profiles[i])
                var changeOf: [Int: Change] = [:]
                for change in diff.changes { for n in change.newSentences { changeOf[n] = change } }
                let here = revisions[i]
                var next = Array(repeating: (here, here, here), count: profiles[i].allSentences.count)
                for link in diff.links {
                    guard let n = link.new, let o = link.old, link.status != .merged else { continue }
                    let (introduced, meaning, edited) = origins[o]
                    switch link.status {
                    case .unchanged, .restyled, .moved:
                        next[n] = (introduced, meaning, edited)
                    case .changed, .movedAndChanged, .split:
                        let significance = changeOf[n]?.significance ?? .minor
                        next[n] = (introduced, significance == .major ? here : meaning, significance >= .minor ? here : edited)
                    case .merged, .added, .removed:
                        break
                    }
                }
                origins = next
            }
            let locations = DocumentDiff.locations(of: newest)
            let lines = newest.allSentences.enumerated().map { i, sentence in
                BlameLine(index: i, location: locations[i], text: sentence.text,
                          introduced: origins[i].0, lastMeaningChange: origins[i].1, lastEdited: origins[i].2)
            }
            return Blame(profile: profile, revision: current, revisions: revisions, lines: lines)
        } catch let error as HistoryError {
            throw error
        } catch let error as GitError {
            throw Self.wrap(error, "blame \(profile)")
        } catch {
            throw .repository("cannot blame \(profile): \(error)", "check the repository with `history verify`")
        }
    }
}
