import DiffEvaluation
import Foundation
import TestSupport
import Testing

/// Issue 13's targets on the annotated corpus (Tests/Evaluation; `scripts/bench eval --verbose` explains a
/// failure pair by pair). The held-out pairs were written after the rules were tuned on the development
/// pairs; `scripts/bench eval` scores each group apart, so a rule fitted to one example shows as a gap.
@Suite struct EvaluationTests {
    static let root = Golden.packageRoot.appendingPathComponent("Tests/Evaluation")

    @Test func theCorpusMeetsTheTargets() throws {
        let groups = try Evaluation.groups(Self.root)
        #expect(groups.map(\.name) == ["development", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7", "held-out-8", "held-out-9", "held-out-10", "held-out-11", "held-out-12", "held-out-13", "held-out-14", "held-out-15", "held-out-16", "held-out-17", "held-out-18", "held-out-19", "held-out-20", "held-out-21", "held-out-22", "held-out-23", "held-out-24", "held-out-25", "held-out-26"])
        let score = try Evaluation.run(Self.root)
        #expect(score.pairs >= 40)
        #expect(score.failures.isEmpty, "\(score.failures.joined(separator: "; "))\n\(score.table)\n\(score.notes.joined(separator: "\n"))")
    }

    @Test func aWrongSignificanceLowersTheScore() throws {
        // The scorer can fail: a diff that rates every change major misses the cosmetic target.
        let folder = Self.root.appendingPathComponent("development/11-spelling-recognise")
        var score = try Evaluation.score(folder, name: "11-spelling-recognise")
        #expect(score.cosmetic.correct == 1)
        let expected = try JSONDecoder().decode(Evaluation.Expected.self,
                                                from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        var wrong = expected
        wrong.changes[0].significance = "major"
        score = Evaluation.score(try Evaluation.diff(folder), expected: wrong, name: "wrong")
        #expect(score.major.correct == 0 && score.major.expected == 1 && score.major.recall == 0)
    }

    /// A reported pair counts for the most specific expected pair it holds: "3 December 2008 → 5 June 2009"
    /// is that pair, even when a "2008 → 2009" expected of another sentence comes first in the file.
    @Test func aPairIsScoredAgainstTheMostSpecificExpectedPair() throws {
        let diff = try Fixture.diff(try Fixture.edited([("in 2013.[2]", "in 2008.[2]")]), try Fixture.edited([
            ("on 3 December 2008", "on 5 June 2009"), ("in 2013.[2]", "in 2009.[2]")]))
        let expected = try JSONDecoder().decode(Evaluation.Expected.self, from: Data("""
            {"about": "a date and a year, the year listed first", "changes": [
              {"kind": "fact-changed", "significance": "major", "text": "in 2009", "facts": [{"old": "2008", "new": "2009"}]},
              {"kind": "fact-changed", "significance": "major", "text": "5 June 2009", "facts": [{"old": "3 December 2008", "new": "5 June 2009"}]}]}
            """.utf8))
        let score = Evaluation.score(diff, expected: expected, name: "specific")
        #expect(score.factPairs.correct == 2 && score.factPairs.expected == 2, "\(score.notes)")
    }

    /// held-out-26: an expected change whose words appear in one reported change takes it before one whose
    /// words appear in that change and another: "Freedonia" is in both changed sentences below, "58th" in
    /// the first one only, and listed second it still finds it.
    @Test func theMostConstrainedExpectedChangeIsMatchedFirst() throws {
        let diff = try Fixture.diff(Fixture.base, try Fixture.edited([
            ("becoming the 57th State Party", "becoming the 58th State Party"),
            ("Freedonia destroyed 1,765 cluster munitions", "Freedonia destroyed 1,800 cluster munitions")]))
        let expected = try JSONDecoder().decode(Evaluation.Expected.self, from: Data("""
            {"about": "two counts, the vaguer words listed first", "changes": [
              {"kind": "fact-changed", "significance": "major", "text": "Freedonia"},
              {"kind": "fact-changed", "significance": "major", "text": "58th"}]}
            """.utf8))
        let score = Evaluation.score(diff, expected: expected, name: "constrained")
        #expect(score.major.correct == 2 && score.missed.isEmpty, "\(score.notes)")
    }
}
