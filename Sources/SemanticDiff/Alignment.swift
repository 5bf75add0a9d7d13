import ProfileModel

/// Pairs the sentences of two outlines globally — across summary, body and footnotes — so a sentence
/// that moved is found wherever it went. Cheap passes first (identical wording, unique sentences as
/// anchors), then similarity for what is left, bounded by a count of comparisons.
struct Alignment {
    var newForOld: [Int?]
    var oldForNew: [Int?]
    /// Pairs that keep their reading order (the longest increasing run); the others moved.
    var inOrder: Set<Int> = []
    /// Left-over older sentences joined into the newer sentence their neighbour became (old → new).
    var mergedInto: [Int: Int] = [:]
    /// Left-over newer sentences split off the older sentence their neighbour came from (new → old).
    var splitFrom: [Int: Int] = [:]
    var fallback: String?

    /// Limits, as counts so that results never depend on machine load.
    struct Limits {
        var maxSimilarityComparisons: Int
    }

    init(old: Outline, new: Outline, limits: Limits) {
        newForOld = Array(repeating: nil, count: old.units.count)
        oldForNew = Array(repeating: nil, count: new.units.count)
        matchIdentical(old, new)
        matchTableRows(old, new)
        matchSimilar(old, new, limits: limits)
        inOrder = Set(Self.longestIncreasing(pairs: pairs).map(\.new))
        var words = ContentWords(old: old, new: new)
        mergedInto = Self.joins(from: .old, into: .new, of: old, new, partner: newForOld, words: &words)
        splitFrom = Self.joins(from: .new, into: .old, of: old, new, partner: oldForNew, words: &words)
    }

    enum Side { case old, new }

    /// The content words of each sentence (stemmed, function words dropped) as ids of one vocabulary,
    /// computed at most once per sentence for both directions of `joins`: set operations on ids hash
    /// integers rather than strings, and give the same counts, since each id stands for one word.
    struct ContentWords {
        private var vocabulary: [String: Int] = [:]
        private var oldSets: [Set<Int>?]
        private var newSets: [Set<Int>?]
        private let old: Outline, new: Outline

        init(old: Outline, new: Outline) {
            self.old = old
            self.new = new
            oldSets = Array(repeating: nil, count: old.units.count)
            newSets = Array(repeating: nil, count: new.units.count)
        }

        mutating func of(_ side: Side, _ index: Int) -> Set<Int> {
            if let known = side == .old ? oldSets[index] : newSets[index] { return known }
            let key = (side == .old ? old : new).units[index].key
            var set = Set<Int>()
            for word in Rewording.contentWords(Typography.similarityWords(key)) {
                let id = vocabulary[word] ?? vocabulary.count
                if id == vocabulary.count { vocabulary[word] = id }
                set.insert(id)
            }
            if side == .old { oldSets[index] = set } else { newSets[index] = set }
            return set
        }
    }

    /// Left-over sentences of `side` whose words went into (or came out of) a changed counterpart:
    /// "X. It also Y." → "X and also Y." is a merge seen from the older side, a split seen from the newer.
    /// A neighbour in the same paragraph is tried first; then any changed pair that lost (or gained)
    /// those very words, for pieces that went elsewhere — "A, which B." → "A." and, in a footnote, "B."
    static func joins(from sideName: Side, into otherName: Side, of old: Outline, _ new: Outline, partner: [Int?],
                      words contentWords: inout ContentWords) -> [Int: Int] {
        let side = sideName == .old ? old : new, other = otherName == .old ? old : new
        func mine(_ index: Int) -> Set<Int> { contentWords.of(sideName, index) }
        func theirs(_ index: Int) -> Set<Int> { contentWords.of(otherName, index) }
        func covers(_ own: Set<Int>, _ gained: Set<Int>) -> Int? {
            let shared = own.intersection(gained).count
            guard !own.isEmpty, shared >= min(2, own.count), Double(shared) >= 0.6 * Double(own.count) else { return nil }
            return shared
        }
        let changedPairs = side.units.compactMap { u -> (Int, Int)? in
            guard let c = partner[u.index], u.key != other.units[c].key else { return nil }
            return (u.index, c)
        }
        // What each changed pair's counterpart gained (or lost) against it, computed once for every left-over below.
        var moved: [(counterpart: Int, words: Set<Int>)]?
        var result: [Int: Int] = [:]
        for unit in side.units where partner[unit.index] == nil {
            let own = mine(unit.index)
            var found: Int?
            for neighbour in [unit.index - 1, unit.index + 1] where neighbour >= 0 && neighbour < side.units.count {
                let near = side.units[neighbour]
                guard near.paragraph == unit.paragraph, let counterpart = partner[neighbour],
                      near.key != other.units[counterpart].key else { continue }
                let before = mine(neighbour)
                if covers(own.subtracting(before), theirs(counterpart).subtracting(before)) != nil {
                    found = counterpart
                    break
                }
            }
            if found == nil {
                // Farther away, the words must be ones the counterpart lost or gained, and most of the sentence's.
                var best: (shared: Int, counterpart: Int)?
                let gains = moved ?? changedPairs.map { mineIndex, counterpart in
                    (counterpart, theirs(counterpart).subtracting(mine(mineIndex)))
                }
                moved = gains
                for (counterpart, gained) in gains {
                    guard let shared = covers(own, gained), shared * 10 >= own.count * 7 else { continue }
                    if shared > (best?.shared ?? 0) { best = (shared, counterpart) }
                }
                found = best?.counterpart
            }
            if let found { result[unit.index] = found }
        }
        return result
    }

    /// Key-data rows left over pair by their label, in order: "Stockpile: Unknown" became "Stockpile: None"
    /// however little the two values share.
    private mutating func matchTableRows(_ old: Outline, _ new: Outline) {
        func label(_ u: Outline.Unit) -> String? {
            guard u.sentence.tableRow, let colon = u.key.firstIndex(of: ":") else { return nil }
            return u.key[..<colon].lowercased()
        }
        var rows = [String: [Int]]()
        for u in new.units where oldForNew[u.index] == nil { if let l = label(u) { rows[l, default: []].append(u.index) } }
        guard !rows.isEmpty else { return }
        for u in old.units where newForOld[u.index] == nil {
            guard let l = label(u), var list = rows[l], !list.isEmpty else { continue }
            link(u.index, list.removeFirst())
            rows[l] = list
        }
    }

    /// Aligned pairs sorted by new index.
    var pairs: [(old: Int, new: Int)] {
        oldForNew.enumerated().compactMap { n, o in o.map { ($0, n) } }
    }

    private mutating func link(_ o: Int, _ n: Int) {
        newForOld[o] = n
        oldForNew[n] = o
    }

    /// Identical wording (up to typography): sentences unique on both sides anchor the alignment;
    /// repeated ones pair within the same gap between anchors first, then in order.
    private mutating func matchIdentical(_ old: Outline, _ new: Outline) {
        // Each distinct wording gets a number, in order of first appearance: one hash per sentence.
        var numbers: [String: Int] = [:]
        var groups: [(old: [Int], new: [Int])] = []
        for u in old.units {
            let number = numbers[u.key] ?? groups.count
            if number == groups.count { numbers[u.key] = number; groups.append(([], [])) }
            groups[number].old.append(u.index)
        }
        for u in new.units {
            if let number = numbers[u.key] { groups[number].new.append(u.index) }
        }

        var unique: [(old: Int, new: Int)] = []
        for g in groups where g.old.count == 1 && g.new.count == 1 {
            unique.append((g.old[0], g.new[0]))
            link(g.old[0], g.new[0])
        }
        let anchors = Self.longestIncreasing(pairs: unique.sorted { $0.new < $1.new })
        let anchorOld = anchors.map(\.old)
        let anchorNew = anchors.map(\.new)
        for g in groups {
            guard !g.new.isEmpty, g.old.count > 1 || g.new.count > 1 else { continue }
            var usedNew = Set<Int>()
            var pending: [Int] = []
            for o in g.old {
                if let n = g.new.first(where: { !usedNew.contains($0) && Self.gap($0, in: anchorNew) == Self.gap(o, in: anchorOld) }) {
                    usedNew.insert(n)
                    link(o, n)
                } else {
                    pending.append(o)
                }
            }
            var remaining = g.new.filter { !usedNew.contains($0) }[...]
            for o in pending {
                guard let n = remaining.popFirst() else { break }
                link(o, n)
            }
        }
    }

    /// Pairs left-over sentences whose words mostly agree (numbers compared as placeholders, so a
    /// sentence with updated counts finds its older self). Best pairs first; ties go to the pair that
    /// keeps reading order.
    private mutating func matchSimilar(_ old: Outline, _ new: Outline, limits: Limits) {
        let restOld = old.units.filter { newForOld[$0.index] == nil }
        let restNew = new.units.filter { oldForNew[$0.index] == nil }
        guard !restOld.isEmpty, !restNew.isEmpty else { return }
        let comparisons = restOld.count * restNew.count
        guard comparisons <= limits.maxSimilarityComparisons else {
            fallback = "\(restOld.count) × \(restNew.count) unmatched sentences exceed the limit of "
                + "\(limits.maxSimilarityComparisons) similarity comparisons: sentences that are not identical "
                + "are shown as removed and added (a plain sentence diff)"
            return
        }
        // Where each left-over sentence sits relative to the identical pairs, to prefer local pairings.
        let ordered = Self.longestIncreasing(pairs: pairs)
        let anchorOld = ordered.map(\.old)
        let anchorNew = ordered.map(\.new)
        // Word bags only for the left-overs (most sentences matched identically): sorted ids of one vocabulary.
        var vocabulary: [String: Int] = [:]
        // Words are stemmed, so that "the largest donors were" and "the largest donor was" share "donor";
        // each written word is stemmed once.
        var ids: [String: Int] = [:]
        func bag(_ unit: Outline.Unit) -> [Int] {
            Typography.similarityWords(unit.key).map { word in
                if let id = ids[word] { return id }
                let stem = Rewording.stem(word)
                let id = vocabulary[stem] ?? vocabulary.count
                if id == vocabulary.count { vocabulary[stem] = id }
                ids[word] = id
                return id
            }.sorted()
        }
        let oldBags = restOld.map(bag), newBags = restNew.map(bag)
        struct Candidate { let score: Double; let distance: Int; let old: Int; let new: Int }
        var candidates: [Candidate] = []
        // Each row's year is read once, not once per pair.
        let oldYears = restOld.map(Self.rowYear), newYears = restNew.map(Self.rowYear)
        for (i, o) in restOld.enumerated() {
            let go = Self.gap(o.index, in: anchorOld)
            for (j, n) in restNew.enumerated() {
                if let x = oldYears[i], let y = newYears[j], x != y { continue }
                guard let score = Self.similarity(oldBags[i], newBags[j]) else { continue }
                candidates.append(Candidate(score: score, distance: abs(Self.gap(n.index, in: anchorNew) - go), old: o.index, new: n.index))
            }
        }
        candidates.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.distance != $1.distance { return $0.distance < $1.distance }
            if $0.old != $1.old { return $0.old < $1.old }
            return $0.new < $1.new
        }
        for c in candidates where newForOld[c.old] == nil && oldForNew[c.new] == nil {
            link(c.old, c.new)
        }
        matchRewritten(old, new)
    }

    /// A sentence rewritten in its place: the one older and the one newer sentence left over between the
    /// same two aligned neighbours, in the same part, sharing at least three content words and two fifths
    /// of them ("Its deadline is 1 January 2018, and it will request an extension" → "It was granted an
    /// extension of its deadline to 31 December 2025"). Removed-and-added would lose the facts' pairs.
    private mutating func matchRewritten(_ old: Outline, _ new: Outline) {
        let ordered = Self.longestIncreasing(pairs: pairs)
        let anchorOld = ordered.map(\.old), anchorNew = ordered.map(\.new)
        var leftOld: [Int: [Int]] = [:], leftNew: [Int: [Int]] = [:]
        for u in old.units where newForOld[u.index] == nil { leftOld[Self.gap(u.index, in: anchorOld), default: []].append(u.index) }
        for u in new.units where oldForNew[u.index] == nil { leftNew[Self.gap(u.index, in: anchorNew), default: []].append(u.index) }
        for (gap, olds) in leftOld {
            guard olds.count == 1, let news = leftNew[gap], news.count == 1 else { continue }
            let (o, n) = (old.units[olds[0]], new.units[news[0]])
            guard o.location.part == n.location.part, !Self.rowsOfOtherYears(o, n) else { continue }
            let a = Set(Rewording.contentWords(Typography.similarityWords(o.key)).map(Rewording.stem))
            let b = Set(Rewording.contentWords(Typography.similarityWords(n.key)).map(Rewording.stem))
            let shared = a.intersection(b).count
            // Two source references, each the one left over in its place among the footnotes, are one footnote
            // whose source was replaced ("Statement of Tajikistan, Thirteenth Meeting …, Geneva, 3 December
            // 2013" → "…, Third Review Conference, Maputo, 24 June 2014"), however few words they share.
            let citations = o.location.part == .footnote && Citation.isCitation(o.sentence.text) && Citation.isCitation(n.sentence.text)
            if citations || shared >= 3 && Double(2 * shared) >= 0.4 * Double(a.count + b.count) { link(o.index, n.index) }
        }
    }

    /// Two table rows each named by a year alone ("2013 | 55 | 313 | 368", "2015: 221"), and not the same year:
    /// a table by year that drops its oldest row and adds the newest lost one row and gained another, however
    /// alike two rows of numbers look to `similarity`.
    static func rowsOfOtherYears(_ a: Outline.Unit, _ b: Outline.Unit) -> Bool {
        guard let x = rowYear(a), let y = rowYear(b) else { return false }
        return x != y
    }

    /// The year a table row is named by, when its name (first cell, or label) is a year alone.
    static func rowYear(_ u: Outline.Unit) -> Substring? {
        guard u.sentence.tableRow else { return nil }
        var name = u.key.prefix { $0 != "|" && $0 != ":" }
        while name.last == " " { name = name.dropLast() }
        guard name.utf8.count == 4, name.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return name
    }

    /// How many anchors come before `index` in a sorted list of anchor positions: which gap it falls in.
    static func gap(_ index: Int, in sorted: [Int]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < index { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// Dice similarity of two sorted word bags, or nil when they are too different to be one sentence:
    /// at least half the words shared, or nearly all of the shorter sentence kept inside a longer one.
    static func similarity(_ a: [Int], _ b: [Int]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 }
            else if a[i] < b[j] { i += 1 }
            else { j += 1 }
        }
        let shorter = min(a.count, b.count)
        guard shared >= 2 || (shorter == 1 && shared == 1) else { return nil }
        let dice = Double(2 * shared) / Double(a.count + b.count)
        let containment = Double(shared) / Double(shorter)
        let threshold = shorter < 5 ? 0.6 : 0.5
        if dice >= threshold { return dice }
        if shorter >= 5, containment >= 0.8 { return dice }
        return nil
    }

    /// The longest run of pairs (sorted by new index) whose old indices also increase; ties keep the earliest.
    static func longestIncreasing(pairs: [(old: Int, new: Int)]) -> [(old: Int, new: Int)] {
        guard !pairs.isEmpty else { return [] }
        var tails: [Int] = []        // index into pairs of the smallest tail of each length
        var previous = [Int](repeating: -1, count: pairs.count)
        for (i, pair) in pairs.enumerated() {
            var lo = 0, hi = tails.count
            while lo < hi { let mid = (lo + hi) / 2; if pairs[tails[mid]].old < pair.old { lo = mid + 1 } else { hi = mid } }
            if lo > 0 { previous[i] = tails[lo - 1] }
            if lo == tails.count { tails.append(i) } else { tails[lo] = i }
        }
        var result: [(old: Int, new: Int)] = []
        var k = tails[tails.count - 1]
        while k >= 0 { result.append(pairs[k]); k = previous[k] }
        return result.reversed()
    }
}
