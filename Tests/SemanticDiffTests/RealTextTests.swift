import Foundation
import ProfileModel
import Rendering
import SemanticDiff
import TestSupport
import Testing

/// Two revisions written the way real ones drift: the lead label changes (`Summary:` → `Five-Year
/// Review:`), two summary sentences are merged, straight quotes become curly and a word is respelled
/// inside a quote, a footnote is inserted, a heading splits in two, a sentence is split with half of it
/// moved into a footnote, `Last Updated` changes case, and a marker has a stray space (`[3 ]`).
@Suite struct RealTextTests {
    static func fixture(_ name: String) throws -> Profile {
        let url = Golden.packageRoot.appendingPathComponent("Tests/SemanticDiffTests/Fixtures/\(name)")
        return try ProfileParser.parse(Array(try Data(contentsOf: url)))
    }

    @Test func aMessyPairReadsAsAnAnalystWouldSayIt() throws {
        let old = try Self.fixture("testland-2013-08-01.txt"), new = try Self.fixture("testland-2016-09-12.txt")
        let diff = DocumentDiff.compare(old, new)
        func kinds(_ s: Significance) -> [String] { diff.changes.filter { $0.significance == s }.map(\.kind.rawValue) }
        // Nothing was deleted from the profile in meaning: no removals at all.
        #expect(!diff.changes.contains { [.statementRemoved, .quoteRemoved, .footnoteRemoved, .sectionRemoved].contains($0.kind) })
        // The new footnote [2] only names the source of a statement (a citation): minor.
        #expect(kinds(.major) == ["fact-changed", "statement-added", "fact-changed"])
        // The quote whose only change is "neighbors" → "neighbours" and its quotation marks is cosmetic; the
        // heading put over sentences that were already there is a heading added (docs/significance.md).
        #expect(kinds(.minor) == ["last-updated-changed", "statement-reworded", "section-renamed", "heading-added", "statement-reworded", "footnote-added"])
        #expect(kinds(.cosmetic) == ["statement-reworded", "statement-reworded", "footnote-changed"])
        let attended = try #require(diff.changes.first { $0.kind == .factChanged && $0.location.section == "Policy" })
        #expect(attended.facts.contains { $0.old?.text == "two Meetings" && $0.new?.text == "four Meetings" })
        let split = try #require(diff.changes.last { $0.kind == .statementReworded && $0.significance == .minor })
        #expect(split.moved && split.location.part == .footnote && split.newSentences.count == 2)
        #expect(diff.sentences.merged == 1 && diff.sentences.split == 1 && diff.sentences.removed == 0)
        let text = DiffText.render(Fixture.comparison(diff, profile: "testland/cluster-munition-ban-policy", from: "2013-08-01", to: "2016-09-12"),
                                   style: .init(minimum: .cosmetic))
        let mismatch = Golden.mismatch(text, "kinds/real-text-testland.txt")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }
}
