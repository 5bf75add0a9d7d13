import Foundation
import Testing
import TestSupport
import HistoryModel
import HistoryStore
import ProfileModel
import SemanticDiff

/// The semantic index (`history-cache/semantic`) is derived data: `facts` and `search` answer the same
/// with it, without it, and with an entry that is outdated or damaged — which they then do not use.
@Suite struct SemanticIndexTests {
    let identity = Identity(at: Timestamp(seconds: 1_790_000_000))

    func imported(bulk: Bool) throws -> (TemporaryDirectory, HistoryRepository) {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        let result = try Importer(store).run(ImportPlan(paths: [repoCorpus]), by: identity, bulk: bulk)
        #expect(result.recorded.count == 31)
        return (dir, store)
    }

    /// Every answer the index serves, as text: facts over several windows, and searches.
    func answers(_ store: HistoryRepository) throws -> [String] {
        var out: [String] = []
        let windows: [(String?, String?)] = [(nil, nil), ("2014", nil), ("2012", "2014"), (nil, "2012"), ("2016", "2016")]
        for (from, to) in windows {
            let query = FactQuery(profiles: .all(glob: nil), from: try from.map { try DateArgument($0, option: "--from") },
                                  to: try to.map { try DateArgument($0, option: "--to") })
            out.append(try FactHistory(store.snapshot()).series(query).map { "\($0)" }.joined(separator: "\n"))
        }
        for pattern in [try SearchPattern(phrase: "states"), try SearchPattern(phrase: "110 states"),
                        try SearchPattern(phrase: "stockpile"), try SearchPattern(regex: "[0-9]+ submunitions"),
                        try SearchPattern(phrase: "a phrase no profile has")] {
            out.append(try StatementSearch(store.snapshot()).find(pattern).map { "\($0)" }.joined(separator: "\n"))
        }
        return out
    }

    func semanticFolder(_ dir: TemporaryDirectory) -> String { dir.path + "/h/history-cache/semantic" }

    @Test(arguments: [true, false])
    func importWritesAnIndexThatAnswersExactlyAsDerivingDoes(bulk: Bool) throws {
        let (dir, store) = try imported(bulk: bulk)
        let folder = semanticFolder(dir)
        let entries = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.contains("/") }
        #expect(entries.count == 8)
        let indexed = try answers(store)
        #expect(indexed.first?.contains("110 states") == true)
        #expect(indexed[6].contains("110 states"))
        try FileManager.default.removeItem(atPath: folder)
        #expect(try answers(store) == indexed)
        // Reads derive what they need and write nothing; the writers' rebuild puts the index back.
        #expect(!FileManager.default.fileExists(atPath: folder))
        try store.rebuildIndexes()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.contains("/") }.count == 8)
        #expect(try answers(store) == indexed)
    }

    /// An entry derived from other files than the profile has now (main moved by something that did not
    /// update the index) is not used, nor is one whose bytes were changed; `verify` never reads either.
    @Test func anOutdatedOrDamagedEntryIsNotUsed() throws {
        let (dir, store) = try imported(bulk: true)
        let kosovo = try ProfileID("kosovo/cluster-munition-ban-policy")
        let kosovoEntry = semanticFolder(dir) + "/kosovo/cluster-munition-ban-policy"
        let before = try Data(contentsOf: URL(fileURLWithPath: kosovoEntry))

        // A new revision recorded; then the entry of before put back, as if a writer had not updated it.
        let latest = try RevisionReader(store.snapshot()).revision(of: kosovo, on: day("2016-07-05")).text
        let newer = latest.replacingOccurrences(of: "05 July 2016", with: "01 August 2017").replacingOccurrences(of: "110 states", with: "114 states")
        #expect(newer != latest)
        _ = try Recorder(store).record(Submission(profile: kosovo, date: day("2017-08-01"), text: newer), by: identity)
        #expect(try Data(contentsOf: URL(fileURLWithPath: kosovoEntry)) != before)
        try before.write(to: URL(fileURLWithPath: kosovoEntry))
        let states = try FactHistory(store.snapshot()).series(FactQuery(profiles: .some([kosovo]), subject: "states"))
        #expect(states.first?.points.last?.value?.text == "114 states")
        #expect(try StatementSearch(store.snapshot()).find(try SearchPattern(phrase: "114 states")).count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: kosovoEntry)) == before)

        // One value changed in place, same length: the checksum no longer holds, the entry is not used.
        let laosEntry = semanticFolder(dir) + "/laos/cluster-munition-ban-policy"
        let laos = try ProfileID("laos/cluster-munition-ban-policy")
        let query = FactQuery(profiles: .some([laos]), subject: "States Parties")
        let honest = try FactHistory(store.snapshot()).series(query)
        #expect(honest.first?.points.contains { $0.value?.text == "84 States Parties" } == true)
        let text = try String(contentsOfFile: laosEntry, encoding: .utf8)
        #expect(text.contains("\t84 States Parties"))
        try text.replacingOccurrences(of: "\t84 States Parties", with: "\t85 States Parties").write(toFile: laosEntry, atomically: true, encoding: .utf8)
        #expect(try FactHistory(store.snapshot()).series(query) == honest)
        // A statement removed from the list of one that is otherwise intact: not used either.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("States Parties") || !$0.hasPrefix("s\t") }
        try lines.joined(separator: "\n").write(toFile: laosEntry, atomically: true, encoding: .utf8)
        #expect(try StatementSearch(store.snapshot()).find(try SearchPattern(phrase: "States Parties"), in: [laos]).isEmpty == false)

        try "garbage".write(toFile: semanticFolder(dir) + "/kosovo/mine-ban-policy", atomically: true, encoding: .utf8)
        #expect(try Verifier(store).verify(VerifyOptions()).problems.isEmpty)
    }
}
