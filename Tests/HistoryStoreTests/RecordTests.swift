import Foundation
import Git
import Testing
import TestSupport
@testable import HistoryModel
import HistoryStore
import ProfileModel

let kosovo = try! ProfileID("kosovo/cluster-munition-ban-policy") // literal known to be valid
let recorder = Identity(Person(name: "Ada Recorder", email: "ada@example.org"), at: Timestamp(seconds: 1_790_000_000))

func day(_ iso: String) -> EffectiveDate { EffectiveDate(iso: iso) ?? EffectiveDate(year: 1970, month: 1, day: 1)! }

func profileText(_ date: String, _ body: String) -> String {
    ProfileText.normalize("Kosovo\nCluster Munition Ban Policy\nLast updated: \(date)\n\nPolicy\n\n\(body)\n")
}

@Suite struct RecordTests {
    @Test func eventsAreRevisionBackfillCorrectionOrNothing() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path).repository
        func record(_ date: String, _ body: String) throws -> RecordOutcome {
            try Recorder(store).record(Submission(profile: kosovo, date: day(date), text: profileText(date, body), source: "test"), by: recorder)
        }
        guard case .recorded(let first, .revision) = try record("2011-09-08", "Recognized by 77 states.") else { Issue.record("not a revision"); return }
        guard case .recorded(_, .revision) = try record("2016-07-05", "Recognized by 110 states.") else { Issue.record("not a revision"); return }
        guard case .recorded(_, .backfill) = try record("2014-07-30", "Recognized by 108 states.") else { Issue.record("not a backfill"); return }
        guard case .recorded(_, .correction) = try record("2014-07-30", "Recognized by 107 states.") else { Issue.record("not a correction"); return }
        #expect(try record("2014-07-30", "Recognized by 107 states.") == .unchanged)

        let log = try EventLog(store.snapshot()).entries()
        #expect(log.map(\.event) == [.correction, .backfill, .revision, .revision])
        #expect(log.last?.commit == first)
        #expect(log.allSatisfy { $0.author.name == "Ada Recorder" && $0.recordedAt.seconds == 1_790_000_000 && $0.source == "test" })
        #expect(try EventLog(store.snapshot()).entries(LogQuery(correctionsOnly: true)).count == 1)

        let summary = try RevisionReader(store.snapshot()).profiles()
        #expect(summary == [ProfileSummary(profile: kosovo, revisions: 3, first: day("2011-09-08"), last: day("2016-07-05"))])
        #expect(try RevisionReader(store.snapshot()).revision(of: kosovo, on: day("2015-01-01")).text.contains("107 states"))
        #expect(try RevisionReader(store.snapshot()).revision(of: kosovo, on: day("2014-07-29")).lastUpdated == day("2011-09-08"))
        #expect(try RevisionReader(store.snapshot()).revision(of: kosovo, on: nil).lastUpdated == day("2016-07-05"))
        #expect(throws: HistoryError.self) { try RevisionReader(store.snapshot()).revision(of: kosovo, on: day("2011-09-07")) }
    }

    /// Fixed inputs give fixed commit ids: nothing reads the clock or user configuration.
    @Test func commitsAreDeterministic() throws {
        var ids: [CommitID] = []
        for _ in 0..<2 {
            let dir = try TemporaryDirectory()
            let store = try HistoryRepository.create(at: dir.path).repository
            guard case .recorded(let id, _) = try Recorder(store).record(
                Submission(profile: kosovo, date: day("2016-07-05"), text: profileText("05 July 2016", "Text."), source: "a.txt", sourceSHA256: "00"),
                by: recorder) else { Issue.record("nothing recorded"); return }
            ids.append(id)
            let commit = try store.repository.commit(try #require(OID(hex: id.hex)))
            #expect(commit.message == """
                kosovo/cluster-munition-ban-policy: revision of 2016-07-05

                Profile: kosovo/cluster-munition-ban-policy
                Last-Updated: 2016-07-05
                Event: revision
                Source: a.txt
                Source-SHA256: 00

                """)
            #expect(try store.repository.changedPaths(from: nil, to: commit.treeID).map(\.path) == ["profiles/kosovo/cluster-munition-ban-policy/2016-07-05.txt"])
        }
        #expect(ids[0] == ids[1])
        #expect(ids[0].hex == "65a6031fe24940cd1ec297f90357e2c130b09830")
    }

    /// Several writers with their own handles on one repository, as separate processes would be: nothing lost, nothing twice.
    @Test func concurrentWritersLoseNothing() async throws {
        let dir = try TemporaryDirectory()
        _ = try HistoryRepository.create(at: dir.path)
        let path = dir.path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = try HistoryRepository.open(at: path)
                    for n in 0..<10 {
                        let profile = try ProfileID("area\(writer)/topic")
                        let date = EffectiveDate(year: 2000 + n, month: 1, day: 1)!
                        _ = try Recorder(store).record(Submission(profile: profile, date: date, text: "Text \(writer) \(n)\n"), by: recorder)
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = try HistoryRepository.open(at: path)
        let log = try EventLog(store.snapshot()).entries()
        #expect(log.count == 40)
        #expect(Set(log.map { "\($0.profile) \($0.lastUpdated)" }).count == 40)
        #expect(try RevisionReader(store.snapshot()).profiles().map(\.revisions) == [10, 10, 10, 10])
        // A straight line of history: every commit has at most one parent.
        #expect(try store.repository.commits(from: try #require(store.snapshot().tip.flatMap { OID(hex: $0.hex) })).allSatisfy { try store.repository.commit($0).parentIDs.count <= 1 })
    }
}

@Suite struct ArgumentTests {
    @Test(arguments: ["kosovo/cluster-munition-ban-policy", "a1/b-2"])
    func acceptsSlugs(id: String) throws { #expect(try ProfileID(id).description == id) }

    @Test(arguments: ["Kosovo/policy", "kosovo", "kosovo/policy/extra", "../etc/passwd", "kosovo/..", "kosovo//policy",
                      "kosovo/-policy", "kosovo/policy-", "kosovo/po--licy", "kosovo/po licy", "", "/kosovo/policy", "kosovo/pólicy"])
    func rejectsEverythingElse(id: String) {
        #expect(throws: HistoryError.self) { try ProfileID(id) }
    }

    @Test func datesArePeriods() throws {
        let year = try DateArgument("2016", option: "--to")
        #expect(year.start == day("2016-01-01") && year.end == day("2016-12-31"))
        let month = try DateArgument("2016-02", option: "--to")
        #expect(month.end == day("2016-02-29"))
        #expect(try DateArgument("2016-07-05", option: "--at").startTime == 1_467_676_800)
        for bad in ["2016-02-31", "2016-13", "16-07-05", "2016/07/05", "yesterday", "2016-7-5"] {
            #expect(throws: HistoryError.self) { try DateArgument(bad, option: "--at") }
        }
    }

    @Test func authorsAreNameAndEmail() throws {
        #expect(try Person(parsing: "Ada Recorder <ada@example.org>") == Person(name: "Ada Recorder", email: "ada@example.org"))
        // A bracket followed by a combining mark is one Character, but still a bracket in the commit.
        for bad in ["Ada", "<ada@example.org>", "Ada <>", "Ada <a b@c>", "Ada <ada@example.org> extra",
                    "Ada<\u{301} <ada@example.org>", "Ada >\u{301}x <ada@example.org>", "Ada <ada>\u{301}@example.org>"] {
            #expect(throws: HistoryError.self) { try Person(parsing: bad) }
        }
    }
}
