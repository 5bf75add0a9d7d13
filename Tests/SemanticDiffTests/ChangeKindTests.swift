import ProfileModel
import Rendering
import SemanticDiff
import TestSupport
import Testing

/// One focused edit per change kind (and per kind of real-world noise), each checked by assertions
/// and by a golden `history.diff.v1` rendering under Tests/Golden/kinds/.
@Suite struct ChangeKindTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let edits: [(String, String)]
        /// The kinds and significances expected, in order (`kind/significance`).
        let expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "last-updated", edits: [("12 August 2015", "30 June 2016")],
             expected: ["last-updated-changed/minor"]),
        Case(name: "title", edits: [("Cluster Munition Ban Policy", "Cluster Munitions Ban Policy")],
             expected: ["title-changed/minor"]),
        Case(name: "fact-count", edits: [("had 98 States Parties", "had 100 States Parties")],
             expected: ["fact-changed/major"]),
        Case(name: "fact-count-and-date", edits: [("As of August 2015, the convention had 98", "As of June 2016, the convention had 100")],
             expected: ["fact-changed/major"]),
        Case(name: "statement-added", edits: [("Article 21.", "Article 21. It voted for the UN General Assembly resolution on the convention in December 2015.")],
             expected: ["statement-added/major"]),
        Case(name: "statement-removed", edits: [(" It retains no munitions for training.", "")],
             expected: ["statement-removed/major"]),
        // docs/significance.md: a typo fixed (or made) is cosmetic.
        Case(name: "reworded-typo", edits: [("has attended every", "has atended every")],
             expected: ["statement-reworded/cosmetic"]),
        Case(name: "reworded-synonym", edits: [("It retains no munitions for training.", "It keeps no munitions for training.")],
             expected: ["statement-reworded/minor"]),
        Case(name: "reworded-negation", edits: [("It has not made a declaration", "It has made a declaration")],
             expected: ["statement-reworded/major"]),
        Case(name: "reworded-plan-became-fact", edits: [("Freedonia has attended every Meeting", "Freedonia will attend every Meeting")],
             expected: ["statement-reworded/major"]),
        Case(name: "quote-added", edits: [("Article 21.", "Article 21. In 2016, the foreign minister told the Monitor that “our ratification was only the first step.”")],
             expected: ["quote-added/major"]),
        Case(name: "quote-removed", edits: [(" In May 2015, a defense ministry spokesperson said that “Freedonia will never again use these weapons.”", "")],
             expected: ["quote-removed/major"]),
        Case(name: "quote-changed", edits: [("will never again use these weapons", "will never again use or stockpile these weapons")],
             expected: ["quote-changed/major"]),
        Case(name: "section-added", edits: [("[1] Letter", "Transfer\n\nFreedonia has never exported cluster munitions.\n\n[1] Letter")],
             expected: ["section-added/major", "statement-added/major"]),
        Case(name: "section-removed", edits: [("Stockpiling\n\nFreedonia destroyed 1,765 cluster munitions holding 295,000 submunitions in 2013.[2] It retains no munitions for training.\n\n", "")],
             expected: ["section-removed/major", "statement-removed/major", "statement-removed/major"]),
        Case(name: "section-renamed", edits: [("\nStockpiling\n", "\nStockpile destruction\n")],
             expected: ["section-renamed/minor"]),
        Case(name: "paragraph-moved", edits: [
            ("Freedonia has attended every Meeting of States Parties. It has not made a declaration under Article 21.\n\n", ""),
            ("Policy\n\n", "Policy\n\nFreedonia has attended every Meeting of States Parties. It has not made a declaration under Article 21.\n\n"),
        ], expected: ["statement-moved/minor"]),
        Case(name: "footnote-added", edits: [
            ("It has destroyed its stockpile.", "It has destroyed its stockpile.[1]"),
            ("the 57th State Party.[1]", "the 57th State Party.[2]"), ("in 2013.[2]", "in 2013.[3]"),
            ("[1] Letter", "[1] The last munitions were destroyed under a national program that Norway paid for.\n[2] Letter"), ("[2] Statement", "[3] Statement"),
        ], expected: ["footnote-added/major", "footnote-changed/cosmetic"]),
        // A footnote that only names a source — a report and its year is enough — is minor (docs/significance.md).
        Case(name: "footnote-added-source", edits: [
            ("It retains no munitions for training.", "It retains no munitions for training.[3]"),
            ("San José, 2–5 September 2014.\n", "San José, 2–5 September 2014.\n[3] Report of the national destruction program, 2014.\n"),
        ], expected: ["footnote-added/minor"]),
        // A footnote that only named a source (docs/significance.md: citations) goes: the statement stays, minor.
        Case(name: "footnote-removed", edits: [("in 2013.[2]", "in 2013."), ("[2] Statement to the Fifth Meeting of States Parties, San José, 2–5 September 2014.\n", "")],
             expected: ["footnote-removed/minor"]),
        Case(name: "footnotes-renumbered", edits: [
            ("the 57th State Party.[1]", "the 57th State Party.[3]"), ("in 2013.[2]", "in 2013.[4]"),
            ("[1] Letter", "[3] Letter"), ("[2] Statement", "[4] Statement"),
        ], expected: ["footnote-changed/cosmetic"]),
        Case(name: "moved-into-footnote", edits: [
            (" As of August 2015, the convention had 98 States Parties.", "[2]"),
            ("in 2013.[2]", "in 2013.[3]"),
            ("[2] Statement", "[2] As of June 2016, the convention had 100 States Parties.\n[3] Statement"),
        ], expected: ["footnote-added/minor", "fact-changed/major", "footnote-changed/cosmetic"]),
        Case(name: "typography-and-wrapping", edits: [
            ("said that “Freedonia will never again use these weapons.”", "said that \"Freedonia will never again use these weapons.\""),
            ("Freedonia has attended every Meeting of States Parties. It has not made", "Freedonia has attended every Meeting of\nStates Parties.  It has not made"),
            ("San José, 2–5 September 2014", "San José, 2-5 September 2014"),
        ], expected: ["statement-reworded/cosmetic", "statement-reworded/cosmetic"]),
        Case(name: "summary-lead-becomes-heading", edits: [("Summary: Freedonia is", "Summary\n\nFreedonia is")],
             expected: []),
        Case(name: "update-note", edits: [("Summary: Freedonia", "UPDATE: In March 2016, Freedonia completed the destruction of its remaining stock.\n\nSummary: Freedonia")],
             expected: ["statement-added/major"]),
        Case(name: "glued-sentences", edits: [("Article 21.", "Article 21.It voted for the UN General Assembly resolution on the convention in December 2015.")],
             expected: ["statement-added/major"]),
        Case(name: "stray-marker-spaces", edits: [("State Party.[1]", "State Party. [1 ]")],
             expected: []),
        Case(name: "sentences-merged", edits: [("States Parties. It has not made a declaration", "States Parties but has not made a declaration")],
             expected: ["statement-reworded/minor"]),
        Case(name: "sentence-split", edits: [("and ratified it on 16 June 2011, becoming the 57th State Party.[1]", "and ratified it on 16 June 2011.[1] It became the 57th State Party.")],
             expected: ["statement-reworded/minor"]),
        // A heading taken off sentences that stay is one heading-removed, listing no sentences.
        Case(name: "heading-goes", edits: [("\nStockpiling\n\n", "\n")],
             expected: ["heading-removed/minor"]),
    ]

    @Test(arguments: cases)
    func eachKindIsRecognised(_ c: Case) throws {
        let new = try Fixture.edited(c.edits)
        let diff = try Fixture.diff(Fixture.base, new)
        #expect(diff.changes.map { "\($0.kind.rawValue)/\($0.significance.rawValue)" } == c.expected)
        let json = DiffJSON.document(Fixture.comparison(diff), minimum: .cosmetic)
        let mismatch = Golden.mismatch(json, "kinds/\(c.name).json")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func aFactChangeListsOldAndNewValues() throws {
        let new = try Fixture.edited([("As of August 2015, the convention had 98", "As of June 2016, the convention had 100")])
        let change = try #require(try Fixture.diff(Fixture.base, new).changes.first)
        #expect(change.facts.count == 2)
        let date = try #require(change.facts.first { $0.old?.kind == .date })
        #expect(date.old?.value == .date("2015-08") && date.new?.value == .date("2016-06"))
        #expect(date.subject == "as of …")
        let count = try #require(change.facts.first { $0.old?.kind == .quantity })
        #expect(count.old?.value == .number(98) && count.new?.value == .number(100))
        #expect(count.new?.unit == "States Parties" && count.new?.text == "100 States Parties")
        #expect(change.words.contains(WordEdit(.delete, "August 2015")) && change.words.contains(WordEdit(.insert, "June 2016")))
    }

    @Test func aSentenceThatMovedIntoAFootnoteAndChangedIsOneMovedChange() throws {
        let new = try Fixture.edited(ChangeKindTests.cases.first { $0.name == "moved-into-footnote" }?.edits ?? [])
        let diff = try Fixture.diff(Fixture.base, new)
        let change = try #require(diff.changes.first { $0.kind == .factChanged })
        #expect(change.moved)
        #expect(change.oldLocation == Location(part: .body, section: "Policy"))
        #expect(change.location == Location(part: .footnote, footnote: 2))
        #expect(!diff.changes.contains { $0.kind == .statementRemoved || $0.kind == .statementAdded })
        let renumbered = try #require(diff.changes.first { $0.kind == .footnoteChanged })
        #expect(renumbered.renumbered == [FootnoteRenumbering(old: 2, new: 3)])
    }

    @Test func aMergeIsOneChangeCoveringBothOlderSentences() throws {
        let new = try Fixture.edited([("States Parties. It has not made a declaration", "States Parties but has not made a declaration")])
        let diff = try Fixture.diff(Fixture.base, new)
        let change = try #require(diff.changes.first)
        #expect(change.oldSentences.count == 2 && change.newSentences.count == 1)
        #expect(change.old == "Freedonia has attended every Meeting of States Parties. It has not made a declaration under Article 21.")
        #expect(diff.sentences.merged == 1 && diff.sentences.removed == 0)
    }

    @Test func aQuoteKeepsItsSpeaker() throws {
        let new = try Fixture.edited([("Article 21.", "Article 21. In 2016, the foreign minister told the Monitor that “our ratification was only the first step.”")])
        let change = try #require(try Fixture.diff(Fixture.base, new).changes.first)
        #expect(change.quotes.first?.new == Quote(text: "our ratification was only the first step", speaker: "the foreign minister"))
    }

    @Test func aSideWithNoRevisionMakesEverythingAdded() throws {
        let profile = try Fixture.parse(Fixture.base)
        let diff = DocumentDiff.compare(nil, profile)
        #expect(diff.sentences.added == profile.allSentences.count)
        #expect(diff.links.allSatisfy { $0.status == .added })
        #expect(diff.changes.contains { $0.kind == .footnoteAdded } && diff.changes.contains { $0.kind == .sectionAdded })
        let reverse = DocumentDiff.compare(profile, nil)
        #expect(reverse.sentences.removed == profile.allSentences.count)
    }

    @Test func aPathologicalInputFallsBackToAPlainSentenceDiffAndSaysSo() throws {
        // Every sentence differs from every other: nothing identical to anchor on, so every pair would be scored.
        func text(_ seed: Int) -> String {
            var rng = SplitMix64(seed: UInt64(seed))
            let words = ["mines", "cleared", "village", "survey", "team", "report", "funding", "border", "casualty", "victim", "area", "road"]
            let sentences = (0..<120).map { _ in
                (0..<8).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ").capitalizedFirst + "."
            }
            return "T\nLast updated: 1 May 2020\n\n" + sentences.joined(separator: " ") + "\n"
        }
        let limits = DiffLimits(maxSimilarityComparisons: 1_000)
        let diff = try Fixture.diff(text(1), text(2), limits: limits)
        let note = try #require(diff.fallback)
        #expect(note.contains("limit of 1000"))
        #expect(diff.sentences.changed == 0)
        #expect(diff.sentences.old == diff.sentences.removed + diff.sentences.unchanged + diff.sentences.moved)
        // The same input within the default limit gets the full treatment.
        #expect(try Fixture.diff(text(1), text(2)).fallback == nil)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
