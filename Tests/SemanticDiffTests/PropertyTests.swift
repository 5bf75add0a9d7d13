import Foundation
import ProfileModel
import Rendering
import SemanticDiff
import TestSupport
import Testing

/// Properties that must hold for any input: checked over every pair of revisions in Repo/ (both
/// directions, and each revision with itself) and over variants generated from each revision.
@Suite struct PropertyTests {
    static func allRevisions() throws -> [(name: String, text: String)] {
        try Fixture.repoRevisions().flatMap { profile, files in
            try files.map { ("\(profile)/\($0.lastPathComponent)", try Fixture.read($0)) }
        }
    }

    @Test func aRevisionAgainstItselfHasNoChanges() throws {
        for (name, text) in try Self.allRevisions() {
            let profile = try Fixture.parse(text)
            let diff = DocumentDiff.compare(profile, profile)
            #expect(diff.changes.isEmpty, "\(name)")
            #expect(diff.sentences.unchanged == profile.allSentences.count, "\(name)")
        }
    }

    @Test func everySentenceIsAccountedForAndOutputIsByteIdentical() throws {
        let pairs = try Fixture.repoPairs()
        #expect(pairs.count > 40)
        for (name, oldText, newText) in pairs {
            for (a, b) in [(oldText, newText), (newText, oldText)] {
                let old = try Fixture.parse(a), new = try Fixture.parse(b)
                let diff = DocumentDiff.compare(old, new)
                try checkAccounting(diff, old: old, new: new, name)
                let again = DocumentDiff.compare(try Fixture.parse(a), try Fixture.parse(b))
                #expect(DiffJSON.document(Fixture.comparison(diff), minimum: .cosmetic)
                        == DiffJSON.document(Fixture.comparison(again), minimum: .cosmetic), "\(name)")
                #expect(DiffText.render(Fixture.comparison(diff)) == DiffText.render(Fixture.comparison(again)), "\(name)")
            }
        }
    }

    /// Stored texts are parsed without facts and quotes, which the diff extracts for the sentences it
    /// reports: the result must be exactly the diff of fully parsed texts, across profiles too.
    @Test func parsingWithoutDetailsGivesTheSameDiff() throws {
        let revisions = try Self.allRevisions()
        var pairs = try Fixture.repoPairs().flatMap { [($0.0, $0.1, $0.2), ($0.0, $0.2, $0.1)] }
        pairs += revisions.enumerated().map { i, a in ("\(a.name) → other", a.text, revisions[(i * 7 + 3) % revisions.count].text) }
        for (name, a, b) in pairs {
            let full = DocumentDiff.compare(try ProfileParser.parse(text: a), try ProfileParser.parse(text: b))
            let lean = DocumentDiff.compare(try ProfileParser.parse(Array(a.utf8), details: false),
                                            try ProfileParser.parse(Array(b.utf8), details: false))
            #expect(DiffJSON.document(Fixture.comparison(lean), minimum: .cosmetic)
                    == DiffJSON.document(Fixture.comparison(full), minimum: .cosmetic), "\(name)")
        }
        let lean = try ProfileParser.parse(Array(revisions[0].text.utf8), details: false)
        #expect(!lean.detailed && lean.allSentences.allSatisfy { $0.facts.isEmpty && $0.quotes.isEmpty })
    }

    /// Parsing a profile's revisions with one memo of split paragraphs gives exactly what parsing each
    /// alone gives, with and without details, whatever order the revisions come in.
    @Test func parsingWithAMemoGivesTheSameProfiles() throws {
        for (_, files) in try Fixture.repoRevisions() {
            let texts = try files.map { Array(try Fixture.read($0).utf8) }
            for details in [false, true] {
                for order in [texts, texts.reversed()] {
                    let memo = SentenceMemo(details: details)
                    for text in order {
                        #expect(try ProfileParser.parse(stored: text, details: details, memo: memo)
                                == ProfileParser.parse(stored: text, details: details))
                    }
                }
            }
            // A memo made for the other kind of parse is not used.
            let lean = SentenceMemo(details: false)
            _ = try ProfileParser.parse(stored: texts[0], details: false, memo: lean)
            #expect(try ProfileParser.parse(stored: texts[0], details: true, memo: lean) == ProfileParser.parse(stored: texts[0], details: true))
        }
    }

    /// Two paragraphs that differ only in how an accent is encoded are equal Strings, but not the same text:
    /// the memo must give each revision its own bytes back.
    @Test func aMemoKeepsEachRevisionsOwnBytes() throws {
        let texts = try Fixture.repoRevisions().flatMap(\.1).map(Fixture.read)
        let text = try #require(texts.first { $0.contains("states") })
        let composed = text.replacingOccurrences(of: "states", with: "stat\u{E9}s")
        let decomposed = text.replacingOccurrences(of: "states", with: "state\u{301}s")
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        let memo = SentenceMemo(details: true)
        _ = try ProfileParser.parse(stored: Array(composed.utf8), memo: memo)
        let remembered = try ProfileParser.parse(stored: Array(decomposed.utf8), memo: memo)
        let alone = try ProfileParser.parse(stored: Array(decomposed.utf8))
        let ownBytes = remembered.allSentences.map { Array($0.text.utf8) } == alone.allSentences.map { Array($0.text.utf8) }
        #expect(ownBytes, "the memo gave the decomposed revision the composed revision's sentences")
    }

    /// Following facts through revisions asks only where each sentence came from: `DocumentDiff.sources`
    /// answers from the alignment alone, and must say what a whole comparison's links say — on Repo/, across
    /// profiles, and on every pair of the evaluation corpus.
    @Test func sourcesAreWhatTheComparisonsLinksSay() throws {
        let revisions = try Self.allRevisions()
        var pairs = try Fixture.repoPairs().flatMap { [($0.0, $0.1, $0.2), ($0.0, $0.2, $0.1)] }
        pairs += revisions.enumerated().map { i, a in ("\(a.name) → other", a.text, revisions[(i * 7 + 3) % revisions.count].text) }
        let corpus = Golden.packageRoot.appendingPathComponent("Tests/Evaluation")
        for set in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
            let folder = corpus.appendingPathComponent(set)
            for pair in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let files = folder.appendingPathComponent(pair)
                pairs.append(("\(set)/\(pair)", try Fixture.read(files.appendingPathComponent("old.txt")),
                              try Fixture.read(files.appendingPathComponent("new.txt"))))
            }
        }
        var compared = 0
        for (name, a, b) in pairs {
            let old = try ProfileParser.parse(Array(a.utf8), details: false)
            let new = try ProfileParser.parse(Array(b.utf8), details: false)
            var expected: [Int: [Int]] = [:]
            for link in DocumentDiff.compare(old, new).links {
                guard let o = link.old, let n = link.new, link.status != .added, link.status != .removed else { continue }
                expected[n, default: []].append(o)
            }
            #expect(DocumentDiff.sources(old, new) == expected, "\(name)")
            compared += 1
        }
        #expect(compared > 300)
    }

    @Test func everySentenceIsAccountedForAcrossProfiles() throws {
        // Unrelated texts are the hardest case for alignment: nothing may be lost between them either.
        let revisions = try Self.allRevisions()
        for (i, a) in revisions.enumerated() {
            let b = revisions[(i * 7 + 3) % revisions.count]
            let old = try Fixture.parse(a.text), new = try Fixture.parse(b.text)
            try checkAccounting(DocumentDiff.compare(old, new), old: old, new: new, "\(a.name) → \(b.name)")
        }
    }

    /// Every sentence is in exactly one link; every link that is not "unchanged" is covered by a change;
    /// the word edits rebuild both texts.
    func checkAccounting(_ diff: DocumentDiff, old: Profile, new: Profile, _ name: String) throws {
        let oldCount = old.allSentences.count, newCount = new.allSentences.count
        // A merge links an older sentence to a newer one that has its own link, a split the other way round.
        #expect(diff.links.filter { $0.status != .split }.compactMap(\.old).sorted() == Array(0..<oldCount),
                "\(name): old sentences linked once each")
        #expect(diff.links.filter { $0.status != .merged }.compactMap(\.new).sorted() == Array(0..<newCount),
                "\(name): new sentences linked once each")
        let t = diff.sentences
        #expect(t.unchanged + t.restyled + t.changed + t.moved + t.merged + t.removed == oldCount, "\(name)")
        #expect(t.unchanged + t.restyled + t.changed + t.moved + t.split + t.added == newCount, "\(name)")
        let coveredOld = Set(diff.changes.flatMap(\.oldSentences))
        let coveredNew = Set(diff.changes.flatMap(\.newSentences))
        for link in diff.links where link.status != .unchanged {
            if let o = link.old { #expect(coveredOld.contains(o), "\(name): old sentence \(o) (\(link.status)) has no change") }
            if let n = link.new { #expect(coveredNew.contains(n), "\(name): new sentence \(n) (\(link.status)) has no change") }
        }
        for change in diff.changes where !change.words.isEmpty {
            let rebuiltOld = change.words.filter { $0.operation != .insert }.map(\.text).joined()
            let rebuiltNew = change.words.filter { $0.operation != .delete }.map(\.text).joined()
            #expect(rebuiltOld == change.old && rebuiltNew == change.new, "\(name): \(change.id) words")
        }
    }

    // MARK: Generated variants

    /// Footnote numbers shifted by `offset` in markers and in the footnote lines alike.
    static func renumbered(_ text: String, offset: Int) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            let digits = after.prefix { $0.isNumber || $0 == " " }
            if let close = after.dropFirst(digits.count).first, close == "]",
               let n = Int(digits.trimmingCharacters(in: .whitespaces)) {
                out += "[\(n + offset)]"
                rest = after.dropFirst(digits.count + 1)
            } else {
                out += "["
                rest = after
            }
        }
        return out + rest
    }

    @Test func renumberingFootnotesAloneIsAtMostCosmetic() throws {
        for (name, text) in try Self.allRevisions() {
            for offset in [1, 5] {
                let diff = try Fixture.diff(text, Self.renumbered(text, offset: offset))
                #expect(diff.changes(atLeast: .minor).isEmpty, "\(name) +\(offset): \(diff.changes.map(\.kind))")
                let hasFootnotes = try !Fixture.parse(text).footnotes.isEmpty
                #expect(diff.changes.contains { !$0.renumbered.isEmpty } == hasFootnotes, "\(name)")
            }
        }
    }

    /// Straight quotes for curly ones, hyphens for dashes, doubled spaces, and the paragraphs re-wrapped.
    static func retyped(_ text: String, width: Int) -> String {
        var t = text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "–", with: "-")
            .replacingOccurrences(of: ". ", with: ".  ")
        // Re-wrap long lines only (headings and footnote lines stay as they are).
        t = t.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width, !line.hasPrefix("[") else { return String(line) }
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if !current.isEmpty, current.count + 1 + word.count > width { lines.append(current); current = "" }
                current += current.isEmpty ? String(word) : " " + word
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
        return t
    }

    @Test func typographyAndWrappingAloneAreCosmetic() throws {
        for (name, text) in try Self.allRevisions() {
            for width in [60, 72] {
                let diff = try Fixture.diff(text, Self.retyped(text, width: width))
                #expect(diff.changes(atLeast: .minor).isEmpty,
                        "\(name) at \(width): \(diff.changes(atLeast: .minor).map { "\($0.kind.rawValue) \($0.old ?? "") → \($0.new ?? "")" })")
            }
        }
    }

    @Test func changingOneNumberGivesExactlyOneFactChange() throws {
        var tried = 0
        for (name, text) in try Self.allRevisions() {
            let profile = try Fixture.parse(text)
            let sentences = profile.allSentences
            // Sentences that occur once, so the edit can be placed without ambiguity.
            for sentence in sentences where sentences.filter({ $0.text == sentence.text }).count == 1 {
                for fact in sentence.facts where fact.kind == .quantity || fact.kind == .ordinal {
                    guard text.components(separatedBy: sentence.text).count == 2 else { continue }
                    let digits = fact.text.prefix { $0.isNumber || $0 == "," || $0 == "." }
                    guard let last = digits.last, last.isNumber, let d = last.wholeNumberValue else { continue }
                    let bumped = String(digits.dropLast()) + String((d + 1) % 10)
                    let newSentence = sentence.text.replacingOccurrences(of: fact.text, with: bumped + fact.text.dropFirst(digits.count))
                    guard newSentence != sentence.text else { continue }
                    let diff = try Fixture.diff(text, text.replacingOccurrences(of: sentence.text, with: newSentence))
                    tried += 1
                    #expect(diff.changes.map(\.kind) == [.factChanged], "\(name): \(fact.text) → \(bumped)")
                    #expect(diff.changes.first?.facts.count == 1, "\(name): \(fact.text) → \(bumped): \(diff.changes.first?.facts ?? [])")
                }
            }
        }
        #expect(tried > 50)
    }
}
