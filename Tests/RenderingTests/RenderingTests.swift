import HistoryModel
import Foundation
import ProfileModel
@testable import Rendering
import SemanticDiff
import TestSupport
import Testing

/// Consecutive revisions of every Repo/ profile, compared and rendered.
struct RepoStep: CustomTestStringConvertible, Sendable {
    let profile: String
    let old: URL
    let new: URL
    var testDescription: String { "\(profile) \(old.lastPathComponent) → \(new.lastPathComponent)" }
    var goldenName: String {
        "repo/\(profile.replacingOccurrences(of: "/", with: "--"))--\(old.lastPathComponent.prefix(10))--\(new.deletingPathExtension().lastPathComponent)"
    }

    static func all() -> [RepoStep] {
        let repo = Golden.packageRoot.appendingPathComponent("Repo")
        let fm = FileManager.default
        var steps: [RepoStep] = []
        for area in ((try? fm.contentsOfDirectory(atPath: repo.path)) ?? []).sorted() where !area.hasSuffix(".md") {
            for topic in ((try? fm.contentsOfDirectory(atPath: repo.appendingPathComponent(area).path)) ?? []).sorted() {
                let folder = repo.appendingPathComponent(area).appendingPathComponent(topic)
                let files = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
                for (a, b) in zip(files, files.dropFirst()) {
                    steps.append(RepoStep(profile: "\(area)/\(topic)", old: folder.appendingPathComponent(a), new: folder.appendingPathComponent(b)))
                }
            }
        }
        return steps
    }

    func comparison() throws -> ProfileComparison {
        let old = try ProfileParser.parse(Array(try Data(contentsOf: self.old)))
        let new = try ProfileParser.parse(Array(try Data(contentsOf: self.new)))
        let a = old.lastUpdated ?? Sample.day(""), b = new.lastUpdated ?? Sample.day("")
        return ProfileComparison(profile: Sample.profile(profile), axis: .effective,
                                 from: .init(date: .day(a), revision: .init(lastUpdated: a, commit: Sample.commit("Repo/\(profile)/\(self.old.lastPathComponent)"))),
                                 to: .init(date: .day(b), revision: .init(lastUpdated: b, commit: Sample.commit("Repo/\(profile)/\(self.new.lastPathComponent)"))),
                                 revisionsBetween: [], diff: DocumentDiff.compare(old, new))
    }
}

@Suite struct RepoGoldenTests {
    @Test(arguments: RepoStep.all())
    func rendersEachStepOfRepo(_ step: RepoStep) throws {
        let c = try step.comparison()
        for (output, suffix) in [(DiffText.render(c, style: .init(color: false, minimum: .cosmetic)), "txt"),
                                 (DiffMarkdown.render(c, minimum: .cosmetic), "md"),
                                 (DiffJSON.document(c, minimum: .cosmetic), "json")] {
            let mismatch = Golden.mismatch(output, "\(step.goldenName).\(suffix)")
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
    }

    @Test func repoExercisesTheChangeKindsItsReadmeClaims() throws {
        var kinds = Set<ChangeKind>()
        for step in RepoStep.all() { kinds.formUnion(try step.comparison().diff.changes.map(\.kind)) }
        let claimed: Set<ChangeKind> = [.lastUpdatedChanged, .factChanged, .statementAdded, .statementRemoved, .statementReworded,
                                        .quoteAdded, .quoteRemoved, .sectionAdded, .sectionRenamed, .footnoteAdded, .footnoteChanged]
        #expect(claimed.subtracting(kinds).isEmpty, "missing: \(claimed.subtracting(kinds).map(\.rawValue).sorted())")
    }

    @Test func theMovedRecognitionSentenceOfKosovoIsOneMovedFactChange() throws {
        let step = try #require(RepoStep.all().first { $0.profile == "kosovo/cluster-munition-ban-policy" && $0.new.lastPathComponent == "2016-07-05.txt" })
        let diff = try step.comparison().diff
        let fact = try #require(diff.changes.first { $0.kind == .factChanged })
        #expect(fact.moved && fact.oldLocation?.part == .body && fact.location.part == .footnote)
        #expect(fact.facts.map { "\($0.old?.text ?? "") → \($0.new?.text ?? "")" } == ["108 states → 110 states"])
        #expect(!diff.changes.contains { $0.kind == .statementRemoved })
    }
}

@Suite struct TextAndMarkdownTests {
    static let comparison: ProfileComparison = {
        let old = (try? ProfileParser.parse(text: "T\nLast updated: 1 May 2015\n\nPolicy\n\nAs of July 2011, 77 states had recognized it. It *never* used [them].\n")) ?? Profile()
        let new = (try? ProfileParser.parse(text: "T\nLast updated: 1 May 2016\n\nPolicy\n\nAs of June 2014, 110 states had recognized it. It *never* used [them].\n")) ?? Profile()
        return ProfileComparison(profile: Sample.profile("a/b"), axis: .effective,
                                 from: .init(date: .day(Sample.day("2015-06-01")), revision: .init(lastUpdated: Sample.day("2015-05-01"), commit: Sample.commit("c0ffee"))),
                                 to: .init(date: .day(Sample.day("2016-06-01")), revision: .init(lastUpdated: Sample.day("2016-05-01"), commit: Sample.commit("decade"))),
                                 revisionsBetween: [], diff: DocumentDiff.compare(old, new))
    }()

    @Test func plainTextMarksWordEditsWithoutEscapeCodes() {
        let text = DiffText.render(Self.comparison, style: .init(color: false))
        #expect(text.contains("As of [-July 2011-]{+June 2014+}, [-77-]{+110+} states had recognized it."))
        #expect(!text.contains("\u{1B}["))
        #expect(text.hasPrefix("a/b  2015-05-01 → 2016-05-01\n"))
    }

    @Test func colourPaintsDeletionsRedAndStruckInsertionsGreenAndUnderlined() {
        let text = DiffText.render(Self.comparison, style: .init(color: true))
        // Word by word, so the spaces between (and a wrapped line's indent) carry no underline.
        #expect(text.contains("\u{1B}[31;9mJuly\u{1B}[0m \u{1B}[31;9m2011\u{1B}[0m\u{1B}[32;4mJune\u{1B}[0m \u{1B}[32;4m2014\u{1B}[0m"))
        #expect(!text.contains("[-"))
    }

    @Test func markdownStrikesRemovedWordsAndEscapesFormatting() {
        let md = DiffMarkdown.render(Self.comparison)
        #expect(md.contains("As of ~~July 2011~~**June 2014**, ~~77~~**110** states had recognized it."))
        #expect(md.hasPrefix("## a/b: 2015-05-01 → 2016-05-01\n"))
        #expect(DiffMarkdown.escape("It *never* used [them] <b> `x` ~~y~~ [a](b)") == "It \\*never\\* used [them] \\<b> \\`x\\` \\~\\~y\\~\\~ [a\\](b)")
        #expect(DiffMarkdown.escape("by Ada <ada@example.org>, footnote [1]") == "by Ada <ada@example.org>, footnote [1]")
        // A marker followed by a combining mark is one Character, and still a marker to a Markdown reader.
        #expect(DiffMarkdown.escape("*\u{301}bold*") == "\\*\u{301}bold\\*")
        #expect(ReportHTML.escape("\"\u{301} x='y' <b>&") == "&quot;\u{301} x=&#39;y&#39; &lt;b&gt;&amp;")
        #expect(ReportSlack.escape("<\u{301}!channel> & >") == "&lt;\u{301}!channel&gt; &amp; &gt;")
    }

    @Test func cosmeticChangesAreCountedButNotShownUnlessAskedFor() throws {
        let old = try ProfileParser.parse(text: "T\nLast updated: 1 May 2015\n\nPolicy\n\nHe said “we will not use them at all.”\n")
        let new = try ProfileParser.parse(text: "T\nLast updated: 1 May 2015\n\nPolicy\n\nHe said \"we will not use them at all.\"\n")
        var c = Self.comparison
        c.diff = DocumentDiff.compare(old, new)
        let hidden = DiffText.render(c, style: .init(minimum: .minor))
        #expect(hidden.contains("1 cosmetic (not shown)") && !hidden.contains("COSMETIC"))
        #expect(DiffText.render(c, style: .init(minimum: .cosmetic)).contains("COSMETIC"))
    }
}

@Suite struct JSONValueTests {
    @Test func escapesNumbersAndNulls() {
        let value = JSONValue.object([
            ("s", .string("a \"q\" \\ / \n\u{1}é")), ("n", .number(110)), ("d", .number(1.5)), ("z", .null),
            ("a", .array([.string("="), .string("x")])), ("e", .array([])), ("o", .object([])),
        ])
        #expect(value.rendered() == """
            {
              "s": "a \\"q\\" \\\\ / \\n\\u0001é",
              "n": 110,
              "d": 1.5,
              "z": null,
              "a": ["=", "x"],
              "e": [],
              "o": {}
            }

            """)
    }

    @Test func theDiffDocumentParsesAsJSONWithTheContractFields() throws {
        let json = DiffJSON.document(TextAndMarkdownTests.comparison)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "history.diff.v1")
        for key in ["profile", "from", "to", "revisionsBetween", "changes", "counts"] { #expect(object[key] != nil, "\(key)") }
        let change = try #require((object["changes"] as? [[String: Any]])?.first { $0["kind"] as? String == "fact-changed" })
        let facts = try #require(change["facts"] as? [[String: Any]])
        #expect(facts.compactMap { ($0["new"] as? [String: Any])?["value"] as? Int } == [110])
        #expect(facts.compactMap { ($0["new"] as? [String: Any])?["value"] as? String } == ["2014-06"])
    }
}

@Suite struct ReportHTMLTests {
    @Test func everyPieceOfTextIsEscapedAndNothingIsFetched() throws {
        let old = try ProfileParser.parse(text: "T\nLast updated: 1 May 2015\n\nPolicy\n\nIt said nothing.\n")
        let new = try ProfileParser.parse(text: "T\nLast updated: 1 May 2016\n\nPolicy <b>\n\nIt said <script>alert(\"x\")</script> & more.\n")
        let a = Sample.day("2015-05-01"), b = Sample.day("2016-05-01"), c2 = Sample.commit("c2")
        let comparison = ProfileComparison(profile: Sample.profile("a/b"), axis: .effective,
                                           from: .init(date: .day(a), revision: .init(lastUpdated: a, commit: Sample.commit("c1"))),
                                           to: .init(date: .day(b), revision: .init(lastUpdated: b, commit: c2)),
                                           revisionsBetween: [], diff: DocumentDiff.compare(old, new))
        let at = Timestamp(seconds: 1_767_225_600)
        let report = ChangeReport(range: .init(fromCommit: c2, toCommit: c2, since: .time(at), until: .time(at),
                                               checkpoint: try Checkpoint("nightly"), previousCheckpoint: Sample.commit("c0"), tip: c2),
                                  profiles: [.init(profile: Sample.profile("a/b"), events: [.init(event: .correction, lastUpdated: b, commit: c2,
                                                                                   recordedAt: at, author: Person(name: "Eve", email: "eve@x"),
                                                                                   source: "<img src=x>", comparison: comparison)])])
        let html = ReportHTML.render(report)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more."))
        #expect(!html.contains("<img") && html.contains("&lt;img src=x&gt;"))
        #expect(html.contains("Eve &lt;eve@x&gt;") && html.contains("Policy &lt;b&gt;"))
        #expect(html.contains("<h3 class=\"correction\">"))
        #expect(!html.contains("http") && !html.contains("<link") && !html.contains("<script"))
        let mismatch = Golden.mismatch(html, "report/escaping.html")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }
}

@Suite struct StreamedJSONTests {
    @Test func writingDiffsOneByOneGivesTheSameBytesAsOneDocument() throws {
        for comparisons in [try RepoStep.all().prefix(5).map { try $0.comparison() }, []] {
            var streamed = DiffJSON.begin(from: "2011-01-01", to: "2016-12-31", axis: .effective, steps: false, minimum: .minor)
            var counts = SignificanceCounts()
            for (i, c) in comparisons.enumerated() {
                streamed += String(decoding: DiffJSON.entry(c, index: i, minimum: .minor), as: UTF8.self)
                counts.add(c.diff.counts)
            }
            streamed += DiffJSON.end(count: comparisons.count, counts: counts)
            let whole = DiffJSON.documents(comparisons, from: "2011-01-01", to: "2016-12-31", axis: .effective, steps: false, minimum: .minor)
            #expect(streamed == whole)
            #expect((try? JSONSerialization.jsonObject(with: Data(streamed.utf8))) != nil)
        }
    }
}
