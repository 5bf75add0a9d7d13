import ProfileModel

/// Follows every fact of a profile through its revisions, oldest first, as series: a fact keeps its series
/// while the diff's alignment links its sentence to the next revision's (unchanged, reworded, moved into a
/// footnote, split or merged) and the diff's fact pairing pairs it with a fact there; a fact whose sentence
/// was not aligned continues a series that lost its fact in the same revision when both have the same
/// subject. Pure: profiles in, series out.
public enum FactTracker {
    /// One fact's values through the revisions: a point where it first appears, where its value changes,
    /// and where it disappears (`value` nil).
    public struct Series: Hashable, Sendable {
        /// What the fact is, as its latest statement names it: `recognized by … states`, `as of …`.
        public var subject: String
        public var unit: String
        public var kind: Fact.Kind
        public var points: [Point]

        public init(subject: String, unit: String, kind: Fact.Kind, points: [Point]) {
            self.subject = subject
            self.unit = unit
            self.kind = kind
            self.points = points
        }
    }

    public struct Point: Hashable, Sendable {
        /// Index of the revision in the list given to `track`.
        public var revision: Int
        /// Nil: the fact is no longer stated.
        public var value: FactValue?

        public init(revision: Int, value: FactValue?) {
            self.revision = revision
            self.value = value
        }
    }

    /// A fact as a distinct sentence states it, with what following it compares and records, worked out
    /// once: the same sentence in the next revision states the same facts.
    private final class Stated {
        let fact: Fact
        let keyed: FactPairing.Keyed
        let subject: String
        let value: FactValue

        init(_ fact: Fact) {
            self.fact = fact
            keyed = FactPairing.Keyed(fact)
            subject = FactPairing.subject(fact)
            value = FactValue(fact)
        }
    }

    /// A fact of one revision and the series it belongs to. A class: slots are filtered and passed around
    /// for every fact of every revision, and copying a fact's strings each time was a tenth of `reindex`.
    private final class Slot {
        let stated: Stated
        let series: Int

        init(_ stated: Stated, series: Int) {
            self.stated = stated
            self.series = series
        }
    }

    public static func track(_ revisions: [Profile]) -> [Series] {
        var series: [Series] = []
        var previous: (outline: Outline, slots: [[Slot]])?
        // A sentence's facts depend on its text alone (and whether it is a table row), and most sentences are
        // the same from one revision to the next: each distinct one is read once.
        var known: [String: [Stated]] = [:]
        func facts(of sentence: Sentence) -> [Stated] {
            let key = sentence.tableRow ? "\u{1}" + sentence.text : sentence.text
            if let facts = known[key] { return facts }
            let facts = sentence.framedFactsOnly.map(Stated.init)
            known[key] = facts
            return facts
        }
        for (k, revision) in revisions.enumerated() {
            let outline = Outline(revision)
            let stated = revision.allSentences.map(facts(of:))  // each sentence's facts
            var slots: [[Slot]] = Array(repeating: [], count: stated.count)
            func start(_ fact: Stated) -> Int {
                series.append(Series(subject: fact.subject, unit: fact.fact.unit, kind: fact.fact.kind,
                                     points: [Point(revision: k, value: fact.value)]))
                return series.count - 1
            }
            func continueSeries(_ id: Int, with fact: Stated) {
                if series[id].points.last?.value != fact.value { series[id].points.append(Point(revision: k, value: fact.value)) }
                series[id].subject = fact.subject
                series[id].unit = fact.fact.unit
                series[id].kind = fact.fact.kind
            }
            guard let (old, oldSlots) = previous else {
                for (n, facts) in stated.enumerated() {
                    slots[n] = facts.map { Slot($0, series: start($0)) }
                }
                previous = (outline, slots)
                continue
            }
            // The older sentences each newer one came from.
            let sources = DocumentDiff.sources(old, outline)
            var used = Set<Int>()  // series continued in this revision
            var unplaced: [(sentence: Int, fact: Stated)] = []
            for (n, facts) in stated.enumerated() {
                let candidates = (sources[n] ?? []).flatMap { $0 < oldSlots.count ? oldSlots[$0] : [] }
                var left = candidates.filter { !used.contains($0.series) }
                for fact in facts {
                    // The same fact, else the best partner the diff's pairing would choose.
                    let match = left.firstIndex { FactPairing.sameFact($0.stated.keyed, fact.keyed) }
                        ?? left.indices.compactMap { i in FactPairing.affinity(left[i].stated.keyed, fact.keyed).map { (i, $0) } }
                            .max { $0.1 < $1.1 }?.0
                    if let match {
                        let id = left[match].series
                        left.remove(at: match)
                        used.insert(id)
                        continueSeries(id, with: fact)
                        slots[n].append(Slot(fact, series: id))
                    } else {
                        unplaced.append((n, fact))
                    }
                }
            }
            // Facts whose sentence was not aligned with their old one: the same subject continues a series
            // that lost its fact in this revision.
            var orphaned: [String: [Int]] = [:]
            for slot in oldSlots.joined() where !used.contains(slot.series) {
                orphaned[slot.stated.subject, default: []].append(slot.series)
            }
            for (n, fact) in unplaced {
                let id: Int
                if var ids = orphaned[fact.subject], !ids.isEmpty {
                    id = ids.removeFirst()
                    orphaned[fact.subject] = ids
                    used.insert(id)
                    continueSeries(id, with: fact)
                } else {
                    id = start(fact)
                    used.insert(id)
                }
                slots[n].append(Slot(fact, series: id))
            }
            // What the older revision stated and this one does not.
            for slot in oldSlots.joined() where !used.contains(slot.series) && series[slot.series].points.last?.value != nil {
                series[slot.series].points.append(Point(revision: k, value: nil))
            }
            previous = (outline, slots)
        }
        return series
    }
}
