import ProfileModel

/// Limits of the comparison, as counts so that output never depends on machine load.
public struct DiffLimits: Hashable, Sendable {
    /// Left-over (not identical) sentence pairs scored for similarity; above it, a plain sentence diff.
    public var maxSimilarityComparisons: Int

    public init(maxSimilarityComparisons: Int = 250_000) {
        self.maxSimilarityComparisons = maxSimilarityComparisons
    }

    public static let standard = DiffLimits()
}

extension DocumentDiff {
    /// What changed from `old` to `new`. A nil side is a profile that did not exist yet: everything on the
    /// other side is added (or removed). Pure and deterministic: the same inputs give the same value.
    public static func compare(_ old: Profile?, _ new: Profile?, limits: DiffLimits = .standard) -> DocumentDiff {
        var builder = DiffBuilder(old: Outline(old ?? Profile()), new: Outline(new ?? Profile()), limits: limits)
        return builder.build()
    }

    /// For each sentence of `new`, the sentences of `old` it came from: exactly what `compare(old, new).links`
    /// says in every link but an added or removed one, in the same order, from the alignment alone. Following
    /// facts through revisions needs no more, and the alignment is a third of a comparison's cost.
    public static func sources(_ old: Profile, _ new: Profile, limits: DiffLimits = .standard) -> [Int: [Int]] {
        sources(Outline(old), Outline(new), limits: limits)
    }

    /// `sources` of outlines already made: following a profile's revisions, each one's outline serves twice.
    static func sources(_ old: Outline, _ new: Outline, limits: DiffLimits = .standard) -> [Int: [Int]] {
        let alignment = Alignment(old: old, new: new, limits: Alignment.Limits(maxSimilarityComparisons: limits.maxSimilarityComparisons))
        var sources: [Int: [Int]] = [:]
        // The order of `sentenceChanges`: newer sentences in order (split off, else aligned), then merged older ones.
        for n in new.units.indices {
            if let o = alignment.splitFrom[n] ?? alignment.oldForNew[n] { sources[n, default: []].append(o) }
        }
        for o in old.units.indices where alignment.newForOld[o] == nil {
            if let n = alignment.mergedInto[o] { sources[n, default: []].append(o) }
        }
        return sources
    }
}

/// Where a change sorts: by the newer side's sentence index, removals after the sentence they followed.
struct Position: Comparable {
    var major: Int
    var minor: Int
    var tie: Int

    static func < (a: Position, b: Position) -> Bool { (a.major, a.minor, a.tie) < (b.major, b.minor, b.tie) }
}

/// A change being built, with the sentences it accounts for.
struct Draft {
    var change: Change
    var position: Position
    var oldUnits: [Int] = []
    var newUnits: [Int] = []
}

struct DiffBuilder {
    let old: Outline
    let new: Outline
    let alignment: Alignment
    var drafts: [Draft] = []
    var links: [SentenceLink] = []
    /// Matched footnotes (index in old.profile.footnotes → index in new.profile.footnotes) and sections.
    var footnoteMatch: [Int: Int] = [:]
    var sectionMatch: [Int: Int] = [:]

    /// Words of the profiles' titles ("Lao PDR") and the adjective of its name ("Chilean"): the text calls its
    /// subject "the country" as often as by name.
    let subjectNames: SubjectNames

    init(old: Outline, new: Outline, limits: DiffLimits) {
        subjectNames = SubjectNames(titles: [old.profile.title, new.profile.title].compactMap { $0 })
        let alignment = Alignment(old: old, new: new, limits: Alignment.Limits(maxSimilarityComparisons: limits.maxSimilarityComparisons))
        self.alignment = alignment
        // Facts and quotes are reported only for sentences without an identically worded counterpart, so a
        // profile parsed without them gets them for those sentences alone.
        self.old = old.detailed { o in alignment.newForOld[o].map { new.units[$0].key != old.units[o].key } ?? true }
        self.new = new.detailed { n in alignment.oldForNew[n].map { old.units[$0].key != new.units[n].key } ?? true }
    }

    mutating func build() -> DocumentDiff {
        matchFootnotes()
        matchSections()
        headerChanges()
        sentenceChanges()
        sectionChanges()
        reconcileRoles()
        footnoteChanges()
        reconcileMovedFacts()
        var changes: [Change] = []
        for (_, draft) in drafts.enumerated().sorted(by: { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }) {
            var change = draft.change
            change.id = "c\(changes.count + 1)"
            change.oldSentences = draft.oldUnits
            change.newSentences = draft.newUnits
            changes.append(change)
        }
        return DocumentDiff(changes: changes, links: links,
                            sentences: SentenceTally(links, old: old.units.count, new: new.units.count),
                            fallback: alignment.fallback)
    }

    // MARK: Matching footnotes and sections

    /// Footnotes match by content: identical text first, then the footnotes that share aligned sentences.
    mutating func matchFootnotes() {
        let oldNotes = old.profile.footnotes, newNotes = new.profile.footnotes
        var usedNew = Set<Int>()
        var identical = FirstUnused(newNotes.map { Typography.fold($0.text) })
        for (o, note) in oldNotes.enumerated() {
            if let n = identical.take(Typography.fold(note.text)) {
                footnoteMatch[o] = n
                usedNew.insert(n)
            }
        }
        footnoteMatch = matchBySharedSentences(footnoteMatch, usedNew: usedNew, group: \.footnote,
                               eligible: { _, _ in true },
                               sizes: { oldNotes[$0].sentences.count }, { newNotes[$0].sentences.count })
    }

    /// Pairs left-over groups (footnotes, sections) of the two sides by how many aligned sentences they
    /// share: most first, and at least half of the smaller group.
    func matchBySharedSentences(_ matched: [Int: Int], usedNew: Set<Int>, group: KeyPath<Outline.Unit, Int?>,
                                eligible: (Int, Int) -> Bool, sizes oldSize: (Int) -> Int, _ newSize: (Int) -> Int) -> [Int: Int] {
        var match = matched
        var usedNew = usedNew
        var shared: [Int: [Int: Int]] = [:]
        for pair in alignment.pairs {
            guard let go = old.units[pair.old][keyPath: group], let gn = new.units[pair.new][keyPath: group] else { continue }
            shared[go, default: [:]][gn, default: 0] += 1
        }
        var candidates: [(count: Int, old: Int, new: Int)] = []
        for go in shared.keys.sorted() where match[go] == nil {
            for (gn, count) in shared[go, default: [:]] where !usedNew.contains(gn) && eligible(go, gn) {
                if count * 2 >= min(oldSize(go), newSize(gn)) { candidates.append((count, go, gn)) }
            }
        }
        candidates.sort { ($1.count, $0.old, $0.new) < ($0.count, $1.old, $1.new) }
        for c in candidates where match[c.old] == nil && !usedNew.contains(c.new) {
            match[c.old] = c.new
            usedNew.insert(c.new)
        }
        return match
    }

    /// Sections match by heading (case and typography aside), then renamed ones by the sentences they share.
    mutating func matchSections() {
        let oldSections = old.profile.sections, newSections = new.profile.sections
        func key(_ s: Section) -> String { Typography.fold(s.heading ?? "").lowercased() }
        var usedNew = Set<Int>()
        var sameHeading = FirstUnused(newSections.map(key))
        for (o, section) in oldSections.enumerated() {
            if let n = sameHeading.take(key(section)) {
                sectionMatch[o] = n
                usedNew.insert(n)
            }
        }
        sectionMatch = matchBySharedSentences(sectionMatch, usedNew: usedNew, group: \.section,
                               eligible: { oldSections[$0].heading != nil && newSections[$1].heading != nil },
                               sizes: { sentenceCount(oldSections[$0]) }, { sentenceCount(newSections[$0]) })
    }

    private func sentenceCount(_ section: Section) -> Int {
        section.paragraphs.reduce(0) { $0 + $1.sentences.count }
    }

    // MARK: Positions

    /// Just after the newer-side sentence that the nearest aligned older sentence before `o` became.
    func position(afterOld o: Int, minor: Int = 1) -> Position {
        var k = o - 1
        while k >= 0 {
            if let n = alignment.newForOld[k] { return Position(major: n, minor: minor, tie: o) }
            k -= 1
        }
        return Position(major: -1, minor: minor, tie: o)
    }

    /// Before the first newer-side sentence at or after unit `n`.
    func position(beforeNew n: Int, tie: Int = 0) -> Position {
        Position(major: n, minor: -1, tie: tie)
    }

    // MARK: Header

    mutating func headerChanges() {
        let a = old.profile, b = new.profile
        if a.title != b.title {
            let cosmetic = a.title != nil && b.title != nil && Cosmetic.isCosmetic(old: a.title ?? "", new: b.title ?? "")
            drafts.append(Draft(change: Change(kind: .titleChanged, significance: cosmetic ? .cosmetic : .minor,
                                               location: Location(part: .title), old: a.title, new: b.title,
                                               words: wordEdits(a.title, b.title)),
                                position: Position(major: -3, minor: 0, tie: 0)))
        }
        if a.lastUpdated != b.lastUpdated {
            drafts.append(Draft(change: Change(kind: .lastUpdatedChanged, significance: .minor, location: Location(part: .title),
                                               old: a.lastUpdated?.description, new: b.lastUpdated?.description),
                                position: Position(major: -2, minor: 0, tie: 0)))
        }
    }

    func wordEdits(_ a: String?, _ b: String?) -> [WordEdit] {
        guard let a, let b else { return [] }
        return WordDiff.edits(a, b) ?? [WordEdit(.delete, a), WordEdit(.insert, b)]
    }

    // MARK: Sentences

    func isMoved(_ o: Int, _ n: Int) -> Bool {
        !alignment.inOrder.contains(n) || old.units[o].location.part != new.units[n].location.part
    }

    /// A sentence that belongs to a footnote with no counterpart: the footnote change accounts for it.
    func inUnmatchedNewFootnote(_ n: Int) -> Bool {
        guard let f = new.units[n].footnote else { return false }
        return !footnoteMatch.values.contains(f)
    }

    func inUnmatchedOldFootnote(_ o: Int) -> Bool {
        guard let f = old.units[o].footnote else { return false }
        return footnoteMatch[f] == nil
    }

    mutating func sentenceChanges() {
        var lastMoved: Int?  // index in drafts of the run of moved sentences being extended
        for nu in new.units {
            let n = nu.index
            if let o = alignment.splitFrom[n] {
                // Accounted for by the change of the sentence it was split from.
                lastMoved = nil
                links.append(SentenceLink(old: o, new: n, status: .split))
                continue
            }
            guard let o = alignment.oldForNew[n] else {
                lastMoved = nil
                links.append(SentenceLink(old: nil, new: n, status: .added))
                if !inUnmatchedNewFootnote(n) { drafts.append(addedOrRemoved(nu, added: true, position: Position(major: n, minor: 0, tie: 0))) }
                continue
            }
            let ou = old.units[o]
            let moved = isMoved(o, n)
            if ou.key == nu.key {
                if !moved {
                    lastMoved = nil
                    let restyled = ou.sentence.text != nu.sentence.text
                    links.append(SentenceLink(old: o, new: n, status: restyled ? .restyled : .unchanged))
                    if restyled {
                        drafts.append(Draft(change: Change(kind: .statementReworded, significance: .cosmetic, location: nu.location,
                                                           old: ou.sentence.text, new: nu.sentence.text, sentenceCount: 1,
                                                           words: wordEdits(ou.sentence.text, nu.sentence.text)),
                                            position: Position(major: n, minor: 0, tie: 0), oldUnits: [o], newUnits: [n]))
                    }
                    continue
                }
                links.append(SentenceLink(old: o, new: n, status: .moved))
                if let k = lastMoved, let lastN = drafts[k].newUnits.last, let lastO = drafts[k].oldUnits.last,
                   lastN == n - 1, new.units[lastN].paragraph == nu.paragraph,
                   lastO == o - 1, old.units[lastO].paragraph == ou.paragraph {
                    drafts[k].newUnits.append(n)
                    drafts[k].oldUnits.append(o)
                    drafts[k].change.old = (drafts[k].change.old ?? "") + " " + ou.sentence.text
                    drafts[k].change.new = (drafts[k].change.new ?? "") + " " + nu.sentence.text
                    drafts[k].change.sentenceCount += 1
                    drafts[k].change.paragraph = old.paragraphs[ou.paragraph] == Range(drafts[k].oldUnits[0]...o)
                        && new.paragraphs[nu.paragraph] == Range(drafts[k].newUnits[0]...n)
                    continue
                }
                drafts.append(Draft(change: Change(kind: .statementMoved, significance: .minor, moved: true, location: nu.location,
                                                   oldLocation: ou.location, old: ou.sentence.text, new: nu.sentence.text,
                                                   sentenceCount: 1,
                                                   paragraph: old.paragraphs[ou.paragraph].count == 1 && new.paragraphs[nu.paragraph].count == 1),
                                    position: Position(major: n, minor: 0, tie: 0), oldUnits: [o], newUnits: [n]))
                lastMoved = drafts.count - 1
                continue
            }
            lastMoved = nil
            links.append(SentenceLink(old: o, new: n, status: moved ? .movedAndChanged : .changed))
            var draft = changed(ou, nu, moved: moved)
            // Moved, and otherwise only restyled ("eSwatini" → "Eswatini" as an update note's sentence went
            // into the summary): a move, minor as any move is, never hidden as cosmetic.
            if moved, draft.change.kind == .statementReworded, draft.change.significance == .cosmetic {
                draft.change.kind = .statementMoved
                draft.change.significance = .minor
            }
            drafts.append(draft)
        }
        for ou in old.units where alignment.newForOld[ou.index] == nil {
            if let n = alignment.mergedInto[ou.index] {
                links.append(SentenceLink(old: ou.index, new: n, status: .merged))
                continue
            }
            links.append(SentenceLink(old: ou.index, new: nil, status: .removed))
            if !inUnmatchedOldFootnote(ou.index) {
                drafts.append(addedOrRemoved(ou, added: false, position: position(afterOld: ou.index)))
            }
        }
    }

    /// A sentence aligned with a differently worded one: facts first, then quotes, then rewording.
    func changed(_ ou: Outline.Unit, _ nu: Outline.Unit, moved: Bool) -> Draft {
        // Sentences merged into `nu`, or split off `ou`, belong to this change.
        let olds = ([ou.index] + alignment.mergedInto.filter { $0.value == nu.index }.map(\.key)).sorted().map { old.units[$0] }
        let news = ([nu.index] + alignment.splitFrom.filter { $0.value == ou.index }.map(\.key)).sorted().map { new.units[$0] }
        let oldText = olds.map(\.sentence.text).joined(separator: " ")
        let newText = news.map(\.sentence.text).joined(separator: " ")
        // Predicates are found (a second scan of each sentence) only when some fact differs at all.
        var facts = FactPairing.sameFacts(olds.flatMap(\.sentence.facts), news.flatMap(\.sentence.facts)) ? []
            : FactPairing.changes(old: olds.flatMap(\.sentence.framedFacts), new: news.flatMap(\.sentence.framedFacts))
        // A count the other side still states, its number and its noun, with a word between them that is not
        // read as part of what is counted ("two companies in Chile" → "two Chilean companies"): it stayed.
        facts.removeAll { change in
            guard (change.old == nil) != (change.new == nil), let fact = change.old ?? change.new, fact.kind == .quantity else { return false }
            let other = change.old == nil ? olds : news
            return !other.contains { $0.sentence.facts.contains { $0.value == fact.value } }
                && Self.restates(other.map(\.sentence.text).joined(separator: " "), fact)
        }
        let quotes = QuotePairing.changes(old: olds.flatMap(\.sentence.quotes), new: news.flatMap(\.sentence.quotes),
                                          subject: subjectNames)
        let kind: ChangeKind
        let significance: Significance
        let citation = isCitation(ou) && isCitation(nu)
        // The same words, a number spelled out on one side ("Fourteenth" → "14th") or what it counts respelled
        // ("three centers" → "three centres"): no fact changed. Only a fact seen on one side alone, or one
        // whose value stayed, can be that; two different values never are.
        if facts.contains(where: { $0.old == nil || $0.new == nil || $0.old?.value == $0.new?.value }),
           Cosmetic.isCosmetic(old: oldText, new: newText, citation: citation) {
            facts = []
            kind = .statementReworded
            significance = .cosmetic
        } else if !facts.isEmpty {
            kind = .factChanged
            // A date given more precisely ("December 2025" → "31 December 2025") is the same date: the
            // pair is reported, and the sentence is judged by its wording (minor at least).
            // So is a source's date in a citation: when a report was dated is no claim of the profile.
            let datesOfASource = citation && facts.allSatisfy { [$0.old?.kind, $0.new?.kind].allSatisfy { $0 == nil || $0 == .date || $0 == .dateRange } }
            // So is the time since a date the sentence keeps: "more than four years ago, on 3 February 2011"
            // → "five years ago" is the calendar moving on, not news.
            // (The dates are looked at only for such counts: most fact changes are none.)
            let timeSinceAKeptDate = facts.allSatisfy(\.isTimeElapsed) && {
                let keptDates = Set(olds.flatMap(\.sentence.facts).filter { $0.kind == .date }.map(\.value))
                    .intersection(news.flatMap(\.sentence.facts).filter { $0.kind == .date }.map(\.value))
                return !keptDates.isEmpty && (olds + news).allSatisfy { Self.countsTimeFrom(keptDates, in: $0.sentence) }
            }()
            // The words of those facts ("1 December 2015" → "29 November 2016") are the fact's change, not
            // the sentence's: its wording is judged without them.
            let factWords = [Set(facts.flatMap { [$0.old?.text, $0.new?.text] }.compactMap { $0 }
                .flatMap { Rewording.contentWords(Typography.similarityWords(Typography.fold($0))) })]
            significance = facts.allSatisfy(\.isRefinement) || datesOfASource || timeSinceAKeptDate
                ? max(.minor, rewordingSignificance(oldText, newText, citation: citation, excusing: factWords)) : .major
        } else if !quotes.isEmpty {
            kind = Self.quoteKind(quotes)
            significance = .major
        } else {
            kind = .statementReworded
            significance = rewordingSignificance(oldText, newText, citation: citation)
        }
        return Draft(change: Change(kind: kind, significance: significance, moved: moved, location: nu.location,
                                    oldLocation: moved ? ou.location : nil, old: oldText, new: newText,
                                    sentenceCount: max(olds.count, news.count), facts: facts, quotes: quotes,
                                    words: wordEdits(oldText, newText)),
                     position: Position(major: news[0].index, minor: 0, tie: 0), oldUnits: olds.map(\.index), newUnits: news.map(\.index))
    }

    /// Whether `text` states the count `fact` as written, its noun at most three words after its number.
    static func restates(_ text: String, _ fact: FactValue) -> Bool {
        guard let number = fact.text.split(separator: " ").first?.lowercased(),
              let noun = fact.unit.split(separator: " ").last?.lowercased() else { return false }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == ";" || $0 == ":" }).map { $0.lowercased() }
        return words.indices.contains { i in
            words[i] == number && words[(i + 1)..<min(i + 4, words.count)].contains(noun)
        }
    }

    /// Whether every count of time "ago" in `sentence` stands right beside one of `dates`: "five years ago, on
    /// 3 February 2011", "in 2011, five years ago" — not a date elsewhere in the sentence.
    static func countsTimeFrom(_ dates: Set<Fact.Value>, in sentence: Sentence) -> Bool {
        let scalars = Array(sentence.text.unicodeScalars)
        func between(_ a: Range<Int>, _ b: Range<Int>) -> [String] {
            let (lo, hi) = a.upperBound <= b.lowerBound ? (a.upperBound, b.lowerBound) : (b.upperBound, a.lowerBound)
            guard lo <= hi, hi <= scalars.count else { return ["?"] }
            return String(String.UnicodeScalarView(scalars[lo..<hi])).lowercased()
                .split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        }
        let kept = sentence.facts.filter { $0.kind == .date && dates.contains($0.value) }
        return sentence.facts.filter { $0.unit.hasSuffix(" ago") }.allSatisfy { elapsed in
            kept.contains { date in
                let words = between(elapsed.range, date.range)
                return words.count <= 1 && words.allSatisfy { ["on", "in", "since", "from"].contains($0) }
            }
        }
    }

    /// A rewording with no fact or quote changed: cosmetic by `Cosmetic`'s rules, else minor or major by `Rewording`'s.
    func rewordingSignificance(_ old: String, _ new: String, citation: Bool, excusing: [Set<String>] = []) -> Significance {
        if Cosmetic.isCosmetic(old: old, new: new, citation: citation) { return .cosmetic }
        return Rewording.significance(old: Typography.fold(old), new: Typography.fold(new), excusing: excusing, citation: citation,
                                      ignoringNames: subjectNames)
    }

    /// A footnote sentence that is a source reference: parts separated by commas, ending with a date.
    func isCitation(_ unit: Outline.Unit) -> Bool {
        unit.location.part == .footnote && Citation.isCitation(unit.sentence.text)
    }

    static func quoteKind(_ quotes: [QuoteChange]) -> ChangeKind {
        if quotes.allSatisfy({ $0.old == nil }) { return .quoteAdded }
        if quotes.allSatisfy({ $0.new == nil }) { return .quoteRemoved }
        return .quoteChanged
    }

    func addedOrRemoved(_ unit: Outline.Unit, added: Bool, position: Position) -> Draft {
        let s = unit.sentence
        let quotes = s.quotes.map { added ? QuoteChange(old: nil, new: $0) : QuoteChange(old: $0, new: nil) }
        let kind: ChangeKind = quotes.isEmpty ? (added ? .statementAdded : .statementRemoved) : (added ? .quoteAdded : .quoteRemoved)
        let paragraphs = added ? new.paragraphs : old.paragraphs
        return Draft(change: Change(kind: kind, significance: .major, location: unit.location,
                                    old: added ? nil : s.text, new: added ? s.text : nil, sentenceCount: 1,
                                    paragraph: paragraphs[unit.paragraph].count == 1,
                                    facts: FactPairing.listed(s.framedFacts, added: added), quotes: quotes),
                     position: position, oldUnits: added ? [] : [unit.index], newUnits: added ? [unit.index] : [])
    }

    /// A sentence with no counterpart at all: not aligned, merged or split.
    func isLeftOver(new n: Int) -> Bool { alignment.oldForNew[n] == nil && alignment.splitFrom[n] == nil }
    func isLeftOver(old o: Int) -> Bool { alignment.newForOld[o] == nil && alignment.mergedInto[o] == nil }

    // MARK: Sections

    mutating func sectionChanges() {
        let oldSections = old.profile.sections, newSections = new.profile.sections
        let matchedNew = Set(sectionMatch.values)
        for (n, section) in newSections.enumerated() {
            guard let heading = section.heading else { continue }
            let units = new.units.filter { $0.section == n }
            let first = units.first?.index ?? nextUnit(afterSection: n)
            if let o = sectionMatch.first(where: { $0.value == n })?.key {
                guard let oldHeading = oldSections[o].heading, oldHeading != heading else { continue }
                let cosmetic = Cosmetic.isCosmetic(old: oldHeading, new: heading)
                drafts.append(Draft(change: Change(kind: .sectionRenamed, significance: cosmetic ? .cosmetic : .minor,
                                                   location: Location(part: .body, section: heading),
                                                   oldLocation: Location(part: .body, section: oldHeading),
                                                   old: oldHeading, new: heading, words: wordEdits(oldHeading, heading)),
                                    position: position(beforeNew: first)))
            } else if !matchedNew.contains(n) {
                // Over sentences that were all there before, it is a heading added: structure, not content.
                let fresh = units.isEmpty || units.contains { isLeftOver(new: $0.index) }
                drafts.append(Draft(change: Change(kind: fresh ? .sectionAdded : .headingAdded, significance: fresh ? .major : .minor,
                                                   location: Location(part: .body, section: heading), old: nil, new: heading,
                                                   sentenceCount: fresh ? units.count : 0),
                                    position: position(beforeNew: first)))
            }
        }
        for (o, section) in oldSections.enumerated() where sectionMatch[o] == nil {
            guard let heading = section.heading else { continue }
            let units = old.units.filter { $0.section == o }
            let gone = units.isEmpty || units.contains { isLeftOver(old: $0.index) }
            let anchor = units.first.map { position(afterOld: $0.index, minor: 1) } ?? Position(major: -1, minor: 1, tie: 0)
            drafts.append(Draft(change: Change(kind: gone ? .sectionRemoved : .headingRemoved, significance: gone ? .major : .minor,
                                               location: Location(part: .body, section: heading), old: heading, new: nil,
                                               sentenceCount: gone ? units.count : 0),
                                position: Position(major: anchor.major, minor: 0, tie: anchor.tie)))
        }
    }

    /// A heading over no sentences whose words come back as a sentence (or a sentence whose words come back
    /// as such a heading) changed its role, not what the profile says: a list a page once gave an item to a
    /// block, each read as a heading, now bulleted, or a wide table's row whose cells are now joined by
    /// " | ". One minor `statement-moved`, not a heading removed and a statement added (major).
    mutating func reconcileRoles() {
        func key(_ text: String?) -> String? {
            guard let text else { return nil }
            // A wide table's row fetched before its cells were joined by " | " read as a heading of its words.
            let folded = Typography.fold(text.replacingOccurrences(of: " | ", with: " ")).lowercased()
            return String(folded.reversed().drop { ".:; ".contains($0) }.reversed())
        }
        func bareHeadings(added: Bool) -> [String: [Int]] {
            var found: [String: [Int]] = [:]
            for (d, draft) in drafts.enumerated() where draft.change.sentenceCount == 0 {
                let kinds: [ChangeKind] = added ? [.sectionAdded, .headingAdded] : [.sectionRemoved, .headingRemoved]
                guard kinds.contains(draft.change.kind), let k = key(added ? draft.change.new : draft.change.old) else { continue }
                found[k, default: []].append(d)
            }
            return found
        }
        var removedHeadings = bareHeadings(added: false), addedHeadings = bareHeadings(added: true)
        guard !removedHeadings.isEmpty || !addedHeadings.isEmpty else { return }
        var dropped = Set<Int>()
        for d in drafts.indices {
            let change = drafts[d].change
            guard change.quotes.isEmpty, change.facts.allSatisfy({ $0.old == nil || $0.new == nil }) else { continue }
            if change.kind == .statementAdded, let k = key(change.new), let h = removedHeadings[k]?.first {
                removedHeadings[k]?.removeFirst()
                dropped.insert(h)
                drafts[d].change.old = drafts[h].change.old
                drafts[d].change.oldLocation = drafts[h].change.location
            } else if change.kind == .statementRemoved, let k = key(change.old), let h = addedHeadings[k]?.first {
                addedHeadings[k]?.removeFirst()
                dropped.insert(h)
                drafts[d].change.new = drafts[h].change.new
                drafts[d].change.oldLocation = change.location
                drafts[d].change.location = drafts[h].change.location
            } else {
                continue
            }
            drafts[d].change.kind = .statementMoved
            drafts[d].change.significance = .minor
            drafts[d].change.moved = true
            drafts[d].change.facts = []
        }
        if !dropped.isEmpty { drafts = drafts.enumerated().filter { !dropped.contains($0.offset) }.map(\.element) }
    }

    private func nextUnit(afterSection s: Int) -> Int {
        new.units.first { ($0.section ?? Int.max) > s }?.index ?? new.units.count
    }

    // MARK: Footnotes

    mutating func footnoteChanges() {
        let oldNotes = old.profile.footnotes, newNotes = new.profile.footnotes
        let matchedNew = Set(footnoteMatch.values)
        for (n, note) in newNotes.enumerated() where !matchedNew.contains(n) {
            let units = new.units.filter { $0.footnote == n }
            let fresh = units.filter { isLeftOver(new: $0.index) }
            drafts.append(footnoteDraft(note, fresh: fresh, total: units.count, added: true,
                                        position: units.first.map { position(beforeNew: $0.index) }
                                            ?? Position(major: new.units.count, minor: 0, tie: n)))
        }
        for (o, note) in oldNotes.enumerated() where footnoteMatch[o] == nil {
            let units = old.units.filter { $0.footnote == o }
            let gone = units.filter { isLeftOver(old: $0.index) }
            drafts.append(footnoteDraft(note, fresh: gone, total: units.count, added: false,
                                        position: units.first.map { position(afterOld: $0.index) }
                                            ?? Position(major: new.units.count, minor: 1, tie: o)))
        }
        let renumbered = footnoteMatch.sorted { $0.value < $1.value }.compactMap { o, n in
            oldNotes[o].number == newNotes[n].number ? nil : FootnoteRenumbering(old: oldNotes[o].number, new: newNotes[n].number)
        }
        if !renumbered.isEmpty {
            drafts.append(Draft(change: Change(kind: .footnoteChanged, significance: .cosmetic, location: Location(part: .footnote),
                                               old: nil, new: nil, renumbered: renumbered),
                                position: Position(major: Int.max, minor: 0, tie: 0)))
        }
    }

    /// A footnote with no counterpart. It accounts for its sentences that are new (or gone); sentences
    /// aligned elsewhere have their own changes, and a footnote made only of moved text is minor.
    func footnoteDraft(_ note: Footnote, fresh: [Outline.Unit], total: Int, added: Bool, position: Position) -> Draft {
        let facts = fresh.flatMap { FactPairing.listed($0.sentence.framedFacts, added: added) }
        let quotes = fresh.flatMap { u in u.sentence.quotes.map { added ? QuoteChange(old: nil, new: $0) : QuoteChange(old: $0, new: nil) } }
        // Made only of moved text, or only of source references (a new citation names where a statement
        // comes from; the statement itself is the news): minor.
        let citationsOnly = !fresh.isEmpty && fresh.allSatisfy { Citation.isCitation($0.sentence.text) && $0.sentence.quotes.isEmpty }
        let significance: Significance = (fresh.isEmpty && total > 0) || citationsOnly ? .minor : .major
        return Draft(change: Change(kind: added ? .footnoteAdded : .footnoteRemoved, significance: significance,
                                    location: Location(part: .footnote, footnote: note.number),
                                    old: added ? nil : note.text, new: added ? note.text : nil, sentenceCount: fresh.count,
                                    facts: facts, quotes: quotes),
                     position: position, oldUnits: added ? [] : fresh.map(\.index), newUnits: added ? fresh.map(\.index) : [])
    }

    // MARK: Facts that moved

    /// A value that left one statement and appears, unchanged, in another moved rather than changed:
    /// both sides are marked, and a change whose facts all moved is judged by its wording alone.
    static let movedFactPartners = 8

    mutating func reconcileMovedFacts() {
        func key(_ v: FactValue) -> String { "\(v.kind.rawValue)|\(v.value)|\(FactPairing.unitKey(v.unit))" }
        var removed: [(draft: Int, fact: Int, key: String)] = []
        for (d, draft) in drafts.enumerated() {
            for (f, fact) in draft.change.facts.enumerated() where fact.new == nil {
                if let v = fact.old { removed.append((d, f, key(v))) }
            }
        }
        guard !removed.isEmpty else { return }
        // The removed facts of each value, in order, and how many at the front are used up: the earliest
        // unused one from another change is found without scanning every removed fact (that was quadratic).
        var byKey: [String: [Int]] = [:]
        for r in removed.indices { byKey[removed[r].key, default: []].append(r) }
        var usedPrefix: [String: Int] = [:]
        var partners: [Int: Set<Int>] = [:]
        var used = Set<Int>()
        for d in drafts.indices {
            for f in drafts[d].change.facts.indices where drafts[d].change.facts[f].old == nil {
                guard let v = drafts[d].change.facts[f].new else { continue }
                let k = key(v)
                guard let candidates = byKey[k] else { continue }
                var start = usedPrefix[k, default: 0]
                while start < candidates.count, used.contains(candidates[start]) { start += 1 }
                usedPrefix[k] = start
                guard let r = candidates[start...].first(where: { !used.contains($0) && removed[$0].draft != d }) else { continue }
                used.insert(r)
                drafts[d].change.facts[f].moved = true
                drafts[removed[r].draft].change.facts[removed[r].fact].moved = true
                partners[d, default: []].insert(removed[r].draft)
                partners[removed[r].draft, default: []].insert(d)
            }
        }
        var wordSets: [Int: Set<String>] = [:]
        for d in partners.keys.sorted() {
            let change = drafts[d].change
            guard !change.facts.isEmpty, change.facts.allSatisfy(\.moved) else { continue }
            // A few partners say where the facts went; thousands (one value repeated all over a pathological
            // text) would make this quadratic, so only the first few are read, each once.
            let elsewhere = partners[d, default: []].sorted().prefix(Self.movedFactPartners).map { p in
                if let known = wordSets[p] { return known }
                let words = Rewording.contentWordSet(Typography.fold([drafts[p].change.old, drafts[p].change.new].compactMap { $0 }.joined(separator: " ")))
                wordSets[p] = words
                return words
            }
            switch change.kind {
            case .factChanged:
                if change.quotes.isEmpty {
                    drafts[d].change.kind = .statementReworded
                    drafts[d].change.significance = rewordingSignificance(change.old ?? "", change.new ?? "", citation: false,
                                                                               excusing: elsewhere)
                } else {
                    drafts[d].change.kind = Self.quoteKind(change.quotes)
                }
            case .statementAdded, .statementRemoved, .footnoteAdded, .footnoteRemoved:
                let own = Typography.fold(change.new ?? change.old ?? "")
                if change.quotes.isEmpty, Rewording.isMostlyContained(own, in: elsewhere) {
                    drafts[d].change.significance = .minor
                }
            default:
                break
            }
        }
    }
}

/// The earliest not-yet-taken position of each key, in constant time per take: matching identical
/// footnotes or headings by scanning every one for each was quadratic in their number.
struct FirstUnused {
    private var positions: [String: [Int]] = [:]
    private var taken: [String: Int] = [:]

    init(_ keys: [String]) {
        for (i, key) in keys.enumerated() { positions[key, default: []].append(i) }
    }

    mutating func take(_ key: String) -> Int? {
        guard let list = positions[key] else { return nil }
        let next = taken[key, default: 0]
        guard next < list.count else { return nil }
        taken[key] = next + 1
        return list[next]
    }
}
