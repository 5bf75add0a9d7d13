import Foundation
import Testing
import TestSupport
import HistoryModel
import HistoryStore
import ProfileModel
import SemanticDiff

/// `history search` in-process, on the shared repository of Repo/.
@Suite struct StatementSearchTests {
    let store: HistoryRepository

    init() throws { store = try SharedRepo.shared.open() }

    /// Found by its 2011 wording, the Kosovo recognition sentence is told whole: introduced in 2011, reworded
    /// each time its count moved, into a footnote in the end, and still stated.
    @Test func aStatementIsToldFromItsIntroductionThroughEachRewording() throws {
        let matches = try StatementSearch(store.snapshot()).find(try SearchPattern(phrase: "77 STATES"))
        #expect(matches.count == 1)
        let m = try #require(matches.first)
        #expect(m.profile.description == "kosovo/cluster-munition-ban-policy")
        #expect(m.introduced.lastUpdated == day("2011-09-08") && m.introduced.text.contains("77 states"))
        #expect(m.rewordings.map(\.lastUpdated) == [day("2012-08-20"), day("2014-07-30"), day("2016-07-05")])
        #expect(m.rewordings.allSatisfy { $0.significance == .major })
        #expect(m.removed == nil && m.latest.text.contains("110 states and Taiwan"))
    }

    @Test func aCorrectionIsNamedAndRegularExpressionsWork() throws {
        let lebanon = try ProfileID("lebanon/cluster-munition-ban-policy")
        let matches = try StatementSearch(store.snapshot()).find(try SearchPattern(regex: "destroyed \\d{3},000 submunitions"), in: [lebanon])
        let corrected = matches.flatMap(\.rewordings).filter { $0.event == .correction }
        #expect(!corrected.isEmpty && corrected.allSatisfy { $0.lastUpdated == day("2013-08-01") })
        #expect(throws: HistoryError.self) { try SearchPattern(regex: "([") }
        #expect(throws: HistoryError.self) { try SearchPattern(phrase: "  ") }
    }

    /// A statement a later revision dropped names the revision that removed it.
    @Test func aRemovedStatementNamesTheRevisionThatRemovedIt() throws {
        let all = try StatementSearch(store.snapshot()).find(try SearchPattern(regex: "."))
        let removed = all.filter { $0.removed != nil }
        #expect(!removed.isEmpty)
        #expect(removed.allSatisfy { m in m.removed.map { $0.lastUpdated > m.latest.lastUpdated } ?? false })
        #expect(try StatementSearch(store.snapshot()).find(try SearchPattern(phrase: "no profile says this")).isEmpty)
    }

    /// Blame and search follow one lineage: what blame says introduced a sentence, search says too.
    @Test func searchAndBlameAgreeOnWhereAStatementCameFrom() throws {
        let kosovo = try ProfileID("kosovo/cluster-munition-ban-policy")
        let blame = try Blamer(store.snapshot()).blame(kosovo, at: nil)
        for line in blame.lines.prefix(5) {
            let found = try StatementSearch(store.snapshot()).find(try SearchPattern(phrase: line.text), in: [kosovo])
            let same = found.first { $0.latest.text == line.text && $0.removed == nil }
            #expect(same?.introduced.lastUpdated == line.introduced.lastUpdated, "\(line.text)")
        }
    }
}
