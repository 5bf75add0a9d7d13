import ProfileModel

/// A profile flattened into its sentences in reading order (summary, body, footnotes), each with where
/// it stands and the folded forms the alignment compares. Index `i` is `profile.allSentences[i]`.
struct Outline {
    /// A class, so that handing a unit around retains one object rather than each of its strings and arrays.
    final class Unit: Sendable {
        let index: Int
        let sentence: Sentence
        let location: Location
        /// Paragraph ordinal across the whole profile (each footnote counts as one paragraph).
        let paragraph: Int
        /// Index into `profile.sections` for body sentences.
        let section: Int?
        /// Index into `profile.footnotes` for footnote sentences.
        let footnote: Int?
        /// The text with typography and spacing folded: equal keys mean equal wording.
        let key: String

        init(index: Int, sentence: Sentence, location: Location, paragraph: Int, section: Int?, footnote: Int?, key: String) {
            self.index = index
            self.sentence = sentence
            self.location = location
            self.paragraph = paragraph
            self.section = section
            self.footnote = footnote
            self.key = key
        }
    }

    let profile: Profile
    private(set) var units: [Unit]
    /// For each paragraph ordinal, the range of unit indices it holds.
    let paragraphs: [Range<Int>]

    init(_ profile: Profile) {
        self.profile = profile
        var units: [Unit] = []
        var paragraphs: [Range<Int>] = []
        func add(_ sentences: [Sentence], location: Location, section: Int?, footnote: Int?) {
            let start = units.count
            for sentence in sentences {
                units.append(Unit(index: units.count, sentence: sentence, location: location, paragraph: paragraphs.count,
                                  section: section, footnote: footnote, key: Typography.fold(sentence.text)))
            }
            paragraphs.append(start..<units.count)
        }
        for paragraph in profile.summary {
            add(paragraph.sentences, location: Location(part: paragraph.label == "UPDATE" ? .note : .summary), section: nil, footnote: nil)
        }
        for (s, section) in profile.sections.enumerated() {
            for paragraph in section.paragraphs {
                add(paragraph.sentences, location: Location(part: .body, section: section.heading), section: s, footnote: nil)
            }
        }
        for (f, footnote) in profile.footnotes.enumerated() {
            add(footnote.sentences, location: Location(part: .footnote, footnote: footnote.number), section: nil, footnote: f)
        }
        self.units = units
        self.paragraphs = paragraphs
    }

    /// The outline with facts and quotes for every sentence `needed` asks for, when the profile was parsed
    /// without them; the others keep none (the diff never reports them).
    func detailed(where needed: (Int) -> Bool) -> Outline {
        guard !profile.detailed else { return self }
        var copy = self
        for i in units.indices where needed(i) {
            let u = units[i]
            // Detailed here means compared: the facts' predicates come in the same scan.
            copy.units[i] = Unit(index: u.index, sentence: u.sentence.detailed(framed: true), location: u.location, paragraph: u.paragraph,
                                 section: u.section, footnote: u.footnote, key: u.key)
        }
        return copy
    }

    /// The whole text of a paragraph ordinal, sentences joined.
    func text(ofParagraph p: Int) -> String {
        paragraphs[p].map { units[$0].sentence.text }.joined(separator: " ")
    }
}

extension DocumentDiff {
    /// Where each sentence of `profile.allSentences` stands (summary, body section, footnote number).
    public static func locations(of profile: Profile) -> [Location] {
        Outline(profile).units.map(\.location)
    }
}
