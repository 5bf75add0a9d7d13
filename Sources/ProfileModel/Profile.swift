/// One revision of a profile, as structure. Plain values: no I/O, no references to the source text.
public struct Profile: Hashable, Sendable {
    /// The heading lines above `Last updated`, joined with " — " (e.g. "Cluster Munition Ban Policy").
    public var title: String?
    public var lastUpdated: EffectiveDate?
    /// Lead paragraphs: `Summary:`, `Five-Year Review:`, `UPDATE:` leads or the paragraphs under a `Summary` heading.
    public var summary: [Paragraph]
    public var sections: [Section]
    public var footnotes: [Footnote]
    /// False when parsed without facts and quotes (`ProfileParser.parse(normalized:details:)`): each
    /// sentence's are then `Sentence.detailed()` away, and the diff asks only for the sentences it reports.
    public var detailed: Bool

    public init(title: String? = nil, lastUpdated: EffectiveDate? = nil, summary: [Paragraph] = [],
                sections: [Section] = [], footnotes: [Footnote] = [], detailed: Bool = true) {
        self.title = title
        self.lastUpdated = lastUpdated
        self.summary = summary
        self.sections = sections
        self.footnotes = footnotes
        self.detailed = detailed
    }

    /// Every sentence in reading order: summary, body sections, then footnotes.
    public var allSentences: [Sentence] {
        summary.flatMap(\.sentences) + sections.flatMap { $0.paragraphs.flatMap(\.sentences) }
            + footnotes.flatMap(\.sentences)
    }
}

public struct Section: Hashable, Sendable {
    /// Nil for body text that comes before the first heading.
    public var heading: String?
    public var paragraphs: [Paragraph]

    public init(heading: String?, paragraphs: [Paragraph] = []) {
        self.heading = heading
        self.paragraphs = paragraphs
    }
}

public struct Paragraph: Hashable, Sendable {
    /// A lead label the paragraph began with (`Summary`, `Five-Year Review`, `UPDATE`), removed from its text.
    public var label: String?
    /// The paragraph with line wrapping undone, footnote markers kept.
    public var text: String
    public var sentences: [Sentence]
    /// 1-based line in the normalised text where the paragraph starts.
    public var line: Int

    public init(label: String? = nil, text: String, sentences: [Sentence], line: Int) {
        self.label = label
        self.text = text
        self.sentences = sentences
        self.line = line
    }
}

public struct Footnote: Hashable, Sendable {
    public var number: Int
    public var text: String
    public var sentences: [Sentence]
    public var line: Int

    public init(number: Int, text: String, sentences: [Sentence], line: Int) {
        self.number = number
        self.text = text
        self.sentences = sentences
        self.line = line
    }
}

public struct Sentence: Hashable, Sendable {
    /// The sentence without footnote markers, whitespace collapsed.
    public var text: String
    /// Footnote numbers referenced from inside the sentence, in order.
    public var footnoteRefs: [Int]
    public var facts: [Fact]
    public var quotes: [Quote]
    /// A row of a key-data table ("Stockpile: 1,200 mines"): its one fact is the cell, named by its label.
    public var tableRow: Bool
    /// Its facts already carry their predicates (`detailed(framed: true)`).
    public var framed: Bool = false

    public init(text: String, footnoteRefs: [Int] = [], facts: [Fact] = [], quotes: [Quote] = [], tableRow: Bool = false) {
        self.text = text
        self.footnoteRefs = footnoteRefs
        self.facts = facts
        self.quotes = quotes
        self.tableRow = tableRow
    }

    /// Its facts with the predicate each fills (`Fact.head`, `Fact.predicate`, `Fact.context`), which pairing
    /// needs and parsing leaves out: computed for the sentences a diff compares, not for every sentence.
    public var framedFacts: [Fact] { framed || tableRow ? facts : FactExtractor.framed(facts, in: text) }

    /// The sentence with its facts and quotes, which depend on its text (and `tableRow`) alone.
    /// `framed`: with each fact's predicate too, found in the same scan — what a diff that compares the
    /// sentence needs (`framedFacts`), so it is not scanned twice.
    /// Its facts alone, each with its predicate (what `detailed(framed: true).facts` holds, without the
    /// quotes): what following facts through revisions needs.
    public var framedFactsOnly: [Fact] {
        tableRow ? FactExtractor.tableFacts(text) : FactExtractor.extract(from: text, framed: true)
    }

    public func detailed(framed: Bool = false) -> Sentence {
        var s = self
        if tableRow {
            s.facts = FactExtractor.tableFacts(text)
            s.quotes = []
            return s
        }
        s.facts = FactExtractor.extract(from: text, framed: framed)
        s.framed = framed
        s.quotes = QuoteExtractor.extract(from: text)
        return s
    }
}

/// Something a sentence states that can be compared across revisions: a count, an ordinal or a date.
public struct Fact: Hashable, Sendable {
    /// `text`: a key-data table's cell that is not a number or date ("State Party", "Unknown").
    public enum Kind: String, Sendable, Codable { case quantity, ordinal, date, dateRange = "date-range", text }

    public enum Value: Hashable, Sendable {
        case number(Double)
        /// An ISO date or prefix: `2014`, `2014-06`, `2010-03-30`, or a range `1998/1999`.
        case date(String)
        /// A table cell's words, as written.
        case text(String)
    }

    public var kind: Kind
    public var value: Value
    /// What is counted (`states`, `cluster bombs`, `State Party`); empty for dates and bare numbers.
    public var unit: String
    /// The words as written: `110 states`, `June 2014`.
    public var text: String
    /// Up to three lower-cased words before the fact in its clause (`was recognized by`); with `head` and
    /// `predicate`, filled by `Sentence.framedFacts`.
    public var context: String
    /// Unicode-scalar offsets of `text` inside the sentence's text.
    public var range: Range<Int>
    /// The predicate the fact fills, lower-cased: the nearest verb before it in its clause
    /// (`recognized`, `submitted`, `due`), else the nearest content word (`review`, `retains`); empty
    /// when the clause starts with the fact. Facts of one sentence pair only when these agree.
    public var head: String = ""
    /// What the fact is, as a reader would name it: `recognized by`, `submitted … on`, `due on`, `as of`.
    public var predicate: String = ""

    public init(kind: Kind, value: Value, unit: String, text: String, context: String, range: Range<Int>) {
        self.kind = kind
        self.value = value
        self.unit = unit
        self.text = text
        self.context = context
        self.range = range
    }
}

public struct Quote: Hashable, Sendable {
    /// The words inside the quotation marks.
    public var text: String
    /// Who the sentence says spoke them (`a Ministry of Foreign Affairs official`), when it says.
    public var speaker: String?

    public init(text: String, speaker: String?) {
        self.text = text
        self.speaker = speaker
    }
}
