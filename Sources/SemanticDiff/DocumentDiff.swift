import ProfileModel

/// What changed in meaning between two revisions of one profile: plain data, built once by
/// `DocumentDiff.compare(_:_:)` and only read afterwards (renderers, reports, blame).
public struct DocumentDiff: Hashable, Sendable {
    /// Every change, in reading order of the newer side; ids `c1`, `c2`, … follow that order.
    public var changes: [Change]
    /// How every sentence of either side was accounted for.
    public var links: [SentenceLink]
    public var sentences: SentenceTally
    /// Set when a limit was reached and part of the comparison fell back to a plainer method: says what and why.
    public var fallback: String?

    public init(changes: [Change], links: [SentenceLink], sentences: SentenceTally, fallback: String?) {
        self.changes = changes
        self.links = links
        self.sentences = sentences
        self.fallback = fallback
    }

    public var counts: SignificanceCounts { SignificanceCounts(changes) }

    /// The changes at or above a significance.
    public func changes(atLeast threshold: Significance) -> [Change] {
        changes.filter { $0.significance >= threshold }
    }

    public var isEmpty: Bool { changes.isEmpty }
}

public enum Significance: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Whitespace, typography, footnote renumbering: hidden unless asked for.
    case cosmetic
    /// Rewording that keeps every fact, typo fixes, headings, a new `Last updated` date.
    case minor
    /// Facts, statements and quotes added, removed or changed in meaning; sections added or removed.
    case major

    private var rank: Int {
        switch self {
        case .cosmetic: 0
        case .minor: 1
        case .major: 2
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public struct SignificanceCounts: Hashable, Sendable {
    public var major = 0
    public var minor = 0
    public var cosmetic = 0

    public init() {}

    public init(_ changes: [Change]) {
        for change in changes { add(change.significance) }
    }

    public mutating func add(_ significance: Significance, count: Int = 1) {
        switch significance {
        case .major: major += count
        case .minor: minor += count
        case .cosmetic: cosmetic += count
        }
    }

    public mutating func add(_ other: SignificanceCounts) {
        major += other.major
        minor += other.minor
        cosmetic += other.cosmetic
    }

    public func count(atLeast threshold: Significance) -> Int {
        switch threshold {
        case .major: major
        case .minor: major + minor
        case .cosmetic: major + minor + cosmetic
        }
    }

    public var total: Int { major + minor + cosmetic }
}

/// The JSON `kind` of a change; the raw values are the stable contract.
public enum ChangeKind: String, Hashable, Sendable, CaseIterable {
    case lastUpdatedChanged = "last-updated-changed"
    case titleChanged = "title-changed"
    case sectionAdded = "section-added"
    case sectionRemoved = "section-removed"
    case sectionRenamed = "section-renamed"
    /// A heading put over (or taken off) sentences that were already there: structure only, minor.
    case headingAdded = "heading-added"
    case headingRemoved = "heading-removed"
    case statementAdded = "statement-added"
    case statementRemoved = "statement-removed"
    case statementReworded = "statement-reworded"
    case statementMoved = "statement-moved"
    case factChanged = "fact-changed"
    case quoteAdded = "quote-added"
    case quoteRemoved = "quote-removed"
    case quoteChanged = "quote-changed"
    case footnoteAdded = "footnote-added"
    case footnoteRemoved = "footnote-removed"
    case footnoteChanged = "footnote-changed"
}

/// Where in a profile something is.
public struct Location: Hashable, Sendable {
    public enum Part: String, Hashable, Sendable, CaseIterable {
        /// An `UPDATE:` note put before the summary when news arrives between full revisions.
        case title, summary, note, body, footnote
    }

    public var part: Part
    /// The heading of the body section (nil before the first heading and outside the body).
    public var section: String?
    /// The footnote number on that side.
    public var footnote: Int?

    public init(part: Part, section: String? = nil, footnote: Int? = nil) {
        self.part = part
        self.section = section
        self.footnote = footnote
    }

    /// How people name the place: `header`, `summary`, the section heading, `footnote [3]`.
    public var label: String {
        switch part {
        case .title: "header"
        case .summary: "summary"
        case .note: "update note"
        case .body: section ?? "body"
        case .footnote: footnote.map { "footnote [\($0)]" } ?? "footnotes"
        }
    }
}

/// One change in meaning (or, for `cosmetic`, in form only).
public struct Change: Hashable, Sendable {
    public var id: String
    public var kind: ChangeKind
    public var significance: Significance
    /// The text moved: to another part (body, footnote, summary) or out of reading order.
    public var moved: Bool
    /// Where the change is on the newer side (on the older side for removals).
    public var location: Location
    /// Where the text was on the older side, when it moved.
    public var oldLocation: Location?
    /// The older and newer text (a sentence, a run of sentences, a heading, a footnote, a date).
    public var old: String?
    public var new: String?
    /// How many sentences the change covers (0 for headings, titles and dates).
    public var sentenceCount: Int
    /// The change covers one whole paragraph on each side it has (a paragraph moved, added or removed).
    public var paragraph: Bool
    public var facts: [FactChange]
    public var quotes: [QuoteChange]
    /// Word-level edits from `old` to `new`, snapped to word boundaries; empty when there is nothing to compare.
    public var words: [WordEdit]
    /// Footnotes whose number changed while their content did not (old number, new number).
    public var renumbered: [FootnoteRenumbering]
    /// The sentences this change accounts for, as indices into each side's `Profile.allSentences`.
    public var oldSentences: [Int] = []
    public var newSentences: [Int] = []

    public init(id: String = "", kind: ChangeKind, significance: Significance, moved: Bool = false,
                location: Location, oldLocation: Location? = nil, old: String?, new: String?, sentenceCount: Int = 0,
                paragraph: Bool = false, facts: [FactChange] = [], quotes: [QuoteChange] = [], words: [WordEdit] = [],
                renumbered: [FootnoteRenumbering] = []) {
        self.id = id
        self.kind = kind
        self.significance = significance
        self.moved = moved
        self.location = location
        self.oldLocation = oldLocation
        self.old = old
        self.new = new
        self.sentenceCount = sentenceCount
        self.paragraph = paragraph
        self.facts = facts
        self.quotes = quotes
        self.words = words
        self.renumbered = renumbered
    }
}

public struct FootnoteRenumbering: Hashable, Sendable {
    public var old: Int
    public var new: Int

    public init(old: Int, new: Int) {
        self.old = old
        self.new = new
    }
}

/// One side of a fact as written.
public struct FactValue: Hashable, Sendable {
    public var kind: Fact.Kind
    public var value: Fact.Value
    public var unit: String
    public var text: String

    public init(_ fact: Fact) {
        self.init(kind: fact.kind, value: fact.value, unit: fact.unit, text: fact.text)
    }

    public init(kind: Fact.Kind, value: Fact.Value, unit: String, text: String) {
        self.kind = kind
        self.value = value
        self.unit = unit
        self.text = text
    }
}

/// A fact that changed value, appeared or disappeared.
public struct FactChange: Hashable, Sendable {
    /// What the fact is about: its context and unit, `recognized by … states`, `as of`.
    public var subject: String
    public var old: FactValue?
    public var new: FactValue?
    /// The same value appears (or disappears) elsewhere in the other revision: it moved rather than changed.
    public var moved: Bool

    public init(subject: String, old: FactValue?, new: FactValue?, moved: Bool = false) {
        self.subject = subject
        self.old = old
        self.new = new
        self.moved = moved
    }

    /// The same date, given more or less precisely: `2025-12` → `2025-12-31`, `2016` → `2016-03`,
    /// `May 2014` → `12–13 May 2014`; or the same share in words and in percent: "a third" → `33%`.
    public var isRefinement: Bool {
        // A share given as a fraction on one side and in percent on the other, the same to within a point
        // ("about a third" → "about 33%").
        if let old, let new, old.kind == .quantity, new.kind == .quantity, old.unit == "%", new.unit == "%",
           case .number(let a) = old.value, case .number(let b) = new.value, abs(a - b) <= 1,
           !old.text.contains(where: \.isNumber) || !new.text.contains(where: \.isNumber) {
            return true
        }
        guard let old, let new, old.kind == .date || old.kind == .dateRange, new.kind == .date || new.kind == .dateRange,
              case .date(let a) = old.value, case .date(let b) = new.value, a != b else { return false }
        func ends(_ value: String) -> [Substring] { value.split(separator: "/") }
        // Every end of the more precise value lies inside the less precise single date.
        for (coarse, fine) in [(a, b), (b, a)] where !coarse.utf8.contains(UInt8(ascii: "/")) {
            if ends(fine).allSatisfy({ $0.hasPrefix(coarse + "-") }) { return true }
        }
        return false
    }
}

extension FactChange {
    /// A count of time "ago" that changed ("four years ago" → "five years ago"): by itself it says only that
    /// time passed, when the date it counts from stays (`DocumentDiff` checks that).
    public var isTimeElapsed: Bool {
        guard let old, let new, old.kind == .quantity, new.kind == .quantity, old.unit == new.unit,
              old.unit.hasSuffix(" ago") else { return false }
        return old.value != new.value
    }
}

public struct QuoteChange: Hashable, Sendable {
    public var old: Quote?
    public var new: Quote?

    public init(old: Quote?, new: Quote?) {
        self.old = old
        self.new = new
    }
}

/// A run of text kept, removed or inserted. JSON: `["=", "…"]`, `["-", "…"]`, `["+", "…"]`.
public struct WordEdit: Hashable, Sendable {
    public enum Operation: String, Hashable, Sendable {
        case equal = "=", delete = "-", insert = "+"
    }

    public var operation: Operation
    public var text: String

    public init(_ operation: Operation, _ text: String) {
        self.operation = operation
        self.text = text
    }
}

/// How one sentence was accounted for. Indices are positions in `Profile.allSentences`.
public struct SentenceLink: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        /// Same text (or the same up to typography and spacing) in reading order.
        case unchanged
        /// Same text up to typography, whitespace: a cosmetic change.
        case restyled
        /// Aligned with a sentence whose wording or facts differ.
        case changed
        /// Same text, somewhere else.
        case moved
        /// Aligned and changed, somewhere else.
        case movedAndChanged = "moved-and-changed"
        /// An older sentence joined into the newer sentence its neighbour became (`new` is that sentence).
        case merged
        /// A newer sentence split off the older sentence its neighbour came from (`old` is that sentence).
        case split
        case added
        case removed
    }

    public var old: Int?
    public var new: Int?
    public var status: Status

    public init(old: Int?, new: Int?, status: Status) {
        self.old = old
        self.new = new
        self.status = status
    }
}

/// Sentence counts: every sentence of either side falls in exactly one bucket —
/// old = unchanged + restyled + changed + moved + merged + removed,
/// new = unchanged + restyled + changed + moved + split + added.
public struct SentenceTally: Hashable, Sendable {
    public var old = 0
    public var new = 0
    public var unchanged = 0
    public var restyled = 0
    public var changed = 0
    public var moved = 0
    public var merged = 0
    public var split = 0
    public var added = 0
    public var removed = 0

    public init() {}

    public init(_ links: [SentenceLink], old: Int, new: Int) {
        self.old = old
        self.new = new
        for link in links {
            switch link.status {
            case .unchanged: unchanged += 1
            case .restyled: restyled += 1
            case .changed: changed += 1
            case .moved, .movedAndChanged: moved += 1
            case .merged: merged += 1
            case .split: split += 1
            case .added: added += 1
            case .removed: removed += 1
            }
        }
    }
}
