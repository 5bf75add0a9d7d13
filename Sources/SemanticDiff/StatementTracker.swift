import ProfileModel

/// Every sentence of a profile's revisions, oldest first, linked to the sentence it came from in the
/// revision before, as the diff's alignment links them (unchanged, restyled, moved, reworded, split off;
/// a sentence merged into another follows that one). Blame follows these links backwards; search follows
/// them both ways. Pure: profiles in, lineage out.
public struct StatementLineage: Sendable {
    public struct Node: Hashable, Sendable {
        public var text: String
        /// The sentence of the revision before that this one came from; nil for a sentence that is new.
        public var parent: Int?
        /// How it changed from `parent`: nil when it did not change in words (unchanged, restyled, moved);
        /// the change's significance when it was reworded, moved and reworded, or split off.
        public var edit: Significance?
    }

    /// `revisions[k][n]`: sentence `n` of revision `k` (as `Profile.allSentences` numbers them).
    public var revisions: [[Node]]

    public init(_ profiles: [Profile]) {
        revisions = []
        for (k, profile) in profiles.enumerated() {
            var nodes = profile.allSentences.map { Node(text: $0.text, parent: nil, edit: nil) }
            if k > 0 {
                let diff = DocumentDiff.compare(profiles[k - 1], profile)
                var changeOf: [Int: Change] = [:]
                for change in diff.changes { for n in change.newSentences { changeOf[n] = change } }
                for link in diff.links {
                    guard let n = link.new, let o = link.old, n < nodes.count else { continue }
                    switch link.status {
                    case .unchanged, .restyled, .moved:
                        nodes[n].parent = o
                    case .changed, .movedAndChanged, .split:
                        nodes[n].parent = o
                        nodes[n].edit = changeOf[n]?.significance ?? .minor
                    case .merged, .added, .removed:
                        break
                    }
                }
            }
            revisions.append(nodes)
        }
    }

    /// The chain that ends at sentence `n` of revision `k`, oldest first, as (revision, sentence) pairs.
    public func chain(endingAt k: Int, _ n: Int) -> [(revision: Int, sentence: Int)] {
        var out = [(k, n)]
        var (r, s) = (k, n)
        while r > 0, let parent = revisions[r][s].parent {
            r -= 1
            s = parent
            out.append((r, s))
        }
        return out.reversed()
    }

    /// Sentences with no successor: those of the last revision, and each one that a later revision dropped
    /// (`removedIn` is that revision).
    public var ends: [(revision: Int, sentence: Int, removedIn: Int?)] {
        var out: [(Int, Int, Int?)] = []
        for k in revisions.indices {
            let continued = k + 1 < revisions.count ? Set(revisions[k + 1].compactMap(\.parent)) : []
            for n in revisions[k].indices where k + 1 == revisions.count || !continued.contains(n) {
                out.append((k, n, k + 1 < revisions.count ? k + 1 : nil))
            }
        }
        return out
    }
}
