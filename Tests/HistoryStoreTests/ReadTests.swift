import Foundation
import Testing
import TestSupport
import HistoryModel
import HistoryStore
import ProfileModel
import Rendering
import SemanticDiff

/// One repository of Repo/, recorded once per test process and only read by the tests below (a test that
/// writes makes its own): diff, report, blame, verify and log, in-process, without the binary.
final class SharedRepo: Sendable {
    static let shared = SharedRepo()
    let directory: TemporaryDirectory?
    let path: String

    private init() {
        directory = try? TemporaryDirectory()
        path = (directory?.path ?? NSTemporaryDirectory()) + "/h"
        if let store = try? HistoryRepository.create(at: path).repository {
            _ = try? Importer(store).run(ImportPlan(paths: [repoCorpus]), by: Identity(at: Timestamp(seconds: 1_790_000_000)))
        }
    }

    func open() throws -> HistoryRepository { try HistoryRepository.open(at: path) }
}


@Suite struct ReadTests {
    let store: HistoryRepository
    let kosovo: ProfileID

    init() throws {
        store = try SharedRepo.shared.open()
        kosovo = try ProfileID("kosovo/cluster-munition-ban-policy")
    }

    @Test func aDiffBetweenTwoDatesReportsTheFactThatChanged() throws {
        let request = DiffRequest(profiles: .some([kosovo]), from: try DateArgument("2011-12", option: "--from"),
                                  to: try DateArgument("2016", option: "--to"))
        let comparisons = try Comparer(store.snapshot()).compare(request)
        let c = try #require(comparisons.first)
        #expect(comparisons.count == 1)
        #expect(c.from.revision?.lastUpdated == day("2011-09-08") && c.to.revision?.lastUpdated == day("2016-07-05"))
        #expect(c.from.date == .day(day("2011-12-01")) && c.to.date == .day(day("2016-12-31")))
        #expect(c.revisionsBetween.map(\.lastUpdated) == [day("2012-08-20"), day("2014-07-30")])
        let states = c.diff.changes.flatMap(\.facts).filter { $0.subject.contains("states") }
        #expect(states.contains { $0.old?.text == "77 states" && $0.new?.text == "110 states" }, "\(states)")
        #expect(c.to.revision?.event == .revision && c.to.revision?.recordedAt == Timestamp(seconds: 1_790_000_000))
    }

    /// Each read is one snapshot: the tip is read once, however much it reads.
    @Test func eachReadReadsTheTipExactlyOnce() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/h"
        let writer = try HistoryRepository.create(at: path).repository
        _ = try Importer(writer).run(ImportPlan(paths: [repoCorpus + "/kosovo/cluster-munition-ban-policy"]), by: Identity(at: Timestamp(seconds: 1_790_000_000)))
        let range = (from: try DateArgument("2011", option: "--from"), to: try DateArgument("2016", option: "--to"))
        let store = try HistoryRepository.open(at: path)
        let reads: [(String, (HistoryRepository) throws -> Void)] = [
            ("diff", { store in _ = try Comparer(store.snapshot()).compare(DiffRequest(profiles: .some([kosovo]), from: range.from, to: range.to)) }),
            ("diff --all --recorded --steps", { store in
                _ = try Comparer(store.snapshot()).compare(DiffRequest(profiles: .all, from: range.from, to: range.to, axis: .recorded, steps: true))
            }),
            ("show --recorded-at", { store in _ = try RevisionReader(store.snapshot()).revision(of: kosovo, on: nil, recordedBy: 1_790_000_000) }),
            ("log", { store in _ = try EventLog(store.snapshot()).entries(LogQuery(profile: kosovo)) }),
            ("blame", { store in _ = try Blamer(store.snapshot()).blame(kosovo, at: nil) }),
            ("report", { store in _ = try Reporter(store.snapshot()).prepareReport(ReportQuery(window: .recorded(since: range.from, until: nil))) }),
        ]
        for (name, read) in reads {
            let before = store.tipReads
            try read(store)
            #expect(store.tipReads - before == 1, "\(name)")
        }
    }

    @Test func unknownProfilesAndDatesBeforeAProfileAreNamed() throws {
        let snapshot = try store.snapshot()
        let nowhere = try ProfileID("atlantis/mine-ban-policy")
        #expect(throws: HistoryError.notFound(what: "no profile atlantis/mine-ban-policy in the repository",
                                              fix: "`history profiles` lists the recorded ones")) {
            try RevisionReader(snapshot).revision(of: nowhere, on: nil)
        }
        #expect(throws: HistoryError.self) { try RevisionReader(snapshot).revision(of: kosovo, on: day("2010-01-01")) }
        let backwards = DiffRequest(profiles: .some([kosovo]), from: try DateArgument("2016", option: "--from"), to: try DateArgument("2011", option: "--to"))
        #expect(throws: HistoryError.self) { try Comparer(snapshot).compare(backwards) }
    }

    @Test func theLogListsEveryEventNewestFirstWithWhoAndWhen() throws {
        let log = try EventLog(store.snapshot()).entries()
        #expect(log.count == 31)
        #expect(log.map(\.recordedAt.seconds) == log.map(\.recordedAt.seconds).sorted(by: >))
        #expect(log.allSatisfy { $0.author == Identity.service && $0.sourceSHA256?.count == 64 })
        let corrections = try EventLog(store.snapshot()).entries(LogQuery(correctionsOnly: true))
        #expect(corrections.map(\.profile.description) == ["lebanon/cluster-munition-ban-policy"])
        let kosovoLog = try EventLog(store.snapshot()).entries(LogQuery(profile: kosovo))
        #expect(kosovoLog.map(\.lastUpdated) == [day("2016-07-05"), day("2014-07-30"), day("2012-08-20"), day("2011-09-08")])
        let one = try EventLog(store.snapshot()).event(named: String(kosovoLog[0].commit.hex.prefix(9)))
        #expect(one == kosovoLog[0])
    }

    @Test func aReportOverAWindowHasEveryEventOnceGroupedByProfile() throws {
        let query = ReportQuery(window: .recorded(since: try DateArgument("2026", option: "--since"), until: nil))
        let run = try Reporter(store.snapshot()).prepareReport(query)
        #expect(run.report.events.count == 31 && run.totalEvents == 31 && run.checkpoint == nil)
        #expect(run.report.profiles.map(\.profile) == run.report.profiles.map(\.profile).sorted())
        #expect(Set(run.report.events.map(\.commit)).count == 31)
        let correction = try #require(run.report.events.first { $0.isCorrection })
        #expect(correction.comparison.from.revision?.lastUpdated == correction.lastUpdated)
        #expect(correction.comparison.diff.counts.count(atLeast: .minor) > 0)
        let empty = ReportQuery(window: .recorded(since: try DateArgument("2020", option: "--since"), until: try DateArgument("2020", option: "--until")))
        #expect(try Reporter(store.snapshot()).prepareReport(empty).report.events.isEmpty)
    }

    @Test func blameFollowsAStatementBackToTheRevisionThatMadeIt() throws {
        let blame = try Blamer(store.snapshot()).blame(kosovo, at: nil)
        #expect(blame.revisions.map(\.lastUpdated) == [day("2011-09-08"), day("2012-08-20"), day("2014-07-30"), day("2016-07-05")])
        let declared = try #require(blame.lines.first { $0.text.hasPrefix("The Republic of Kosovo declared its independence") })
        #expect(declared.introduced.lastUpdated == day("2011-09-08"))
        let footnote = try #require(blame.lines.first { $0.text.contains("110 states") })
        #expect(footnote.lastMeaningChange.lastUpdated > day("2011-09-08"))
        #expect(Formatting.blameJSON(blame).hasPrefix("{\n  \"schema\": \"history.blame.v1\""))
    }

    @Test func verifyFindsAWholeRepositoryWhole() throws {
        let result = try Verifier(store).verify(VerifyOptions(sourceRoot: "/"))
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.commits == 31 && result.objects > 31)
    }
}
