import Foundation
import Testing
import TestSupport
import Git
import HistoryModel
import HistoryStore
import ProfileModel

/// The package's Repo/ folder.
let repoCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Repo").path

@Suite struct ImportTests {
    @Test func repoRecordsEveryKindOfEventAndIsIdempotent() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        let result = try Importer(store).run(ImportPlan(paths: [repoCorpus]), by: recorder)
        #expect(result.problems.isEmpty)
        let events = result.recorded.map(\.event)
        #expect(events.filter { $0 == .revision }.count == 28)
        #expect(events.filter { $0 == .backfill }.count == 2)
        #expect(events.filter { $0 == .correction }.count == 1)
        // Revisions are recorded in date order; back-fills and corrections come after them.
        let revisionDates = result.recorded.filter { $0.event == .revision }.map(\.date)
        #expect(revisionDates == revisionDates.sorted())
        #expect(try RevisionReader(store.snapshot()).profiles().count == 8)
        let corrected = try RevisionReader(store.snapshot()).revision(of: ProfileID("lebanon/cluster-munition-ban-policy"), on: day("2013-08-01"))
        #expect(corrected.text.contains("161,000"))

        let again = try Importer(store).run(ImportPlan(paths: [repoCorpus]), by: recorder)
        #expect(again.recorded.isEmpty)
        #expect(again.unchanged == 30 && again.superseded == 1)
    }

    /// A misfiled text is caught by its header: the first five lines that are not empty, above Last updated.
    @Test func aTitleNamingAnotherTopicIsCaughtInTheHeaderAlone() throws {
        let kosovo = try ProfileID("kosovo/mine-ban-policy")
        let topics: Set = ["mine-ban-policy", "cluster-munition-ban-policy"]
        func mismatch(_ text: String) -> String? {
            Submission(profile: kosovo, date: day("2016-07-05"), text: text).topicMismatch(among: topics)
        }
        let body = "\nSummary\n\nKosovo is not a State Party.\n"
        #expect(mismatch("Kosovo\n\n\nCluster Munition Ban Policy\nLast updated: 05 July 2016\n" + body)?
            .hasPrefix("its title says 'Cluster Munition Ban Policy', the topic cluster-munition-ban-policy") == true)
        #expect(mismatch("Kosovo\nMine Ban Policy\nLast updated: 05 July 2016\n" + body) == nil)
        // Below Last updated, or past the fifth line that is not empty, a topic's name is just text.
        #expect(mismatch("Kosovo\nLast updated: 05 July 2016\nCluster Munition Ban Policy\n" + body) == nil)
        #expect(mismatch("A\n\nB\nC\n\n\nD\nE\nCluster Munition Ban Policy\n" + body) == nil)
        #expect(mismatch("A\n\nB\nC\n\n\nD\nCluster Munition Ban Policy\n" + body) != nil)
    }

    @Test func badFilesAreReportedAndTheRestRecorded() throws {
        let dir = try TemporaryDirectory()
        let root = dir.path + "/in"
        let folder = root + "/kosovo/cluster-munition-ban-policy"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try profileText("05 July 2016", "Good.").write(toFile: folder + "/2016-07-05.txt", atomically: true, encoding: .utf8)
        try "Text without a date.\n".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        try Data([0x41, 0x0A, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/2016-08-01.txt"))
        try Data().write(to: URL(fileURLWithPath: folder + "/2016-09-01.txt"))
        try profileText("01 October 2016", "Bad date.").write(toFile: folder + "/2016-02-31.txt", atomically: true, encoding: .utf8)
        try profileText("01 October 2016", "Mismatch.").write(toFile: folder + "/2016-10-02.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/Bad Area/x", withIntermediateDirectories: true)

        // The layout is checked when planning; each dated file's content when its turn comes.
        let plan = ImportPlan(paths: [root])
        #expect(plan.problems.count == 3)
        #expect(plan.items.map(\.path).sorted() == ["/2016-07-05.txt", "/2016-08-01.txt", "/2016-09-01.txt", "/2016-10-02.txt"].map { folder + $0 })
        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        let result = try Importer(store).run(plan, by: recorder)
        #expect(result.recorded.map(\.path) == [folder + "/2016-07-05.txt"])
        let messages = result.problems.map(\.description)
        #expect(messages.count == 6)
        #expect(messages.contains { $0.hasPrefix(folder + "/notes.txt:") && $0.contains("<YYYY-MM-DD>.txt") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-08-01.txt:") && $0.contains("line 2") && $0.contains("UTF-8") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-09-01.txt:") && $0.contains("empty") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-02-31.txt:") && $0.contains("not a real") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-10-02.txt:") && $0.contains("2016-10-01") })
        #expect(messages.contains { $0.contains("Bad Area") })
    }

    @Test func singleFilesTakeProfileAndDateFromOptions() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/undated.txt"
        try "Kosovo\n\nPolicy\n\nNo date line here.\n".write(toFile: file, atomically: true, encoding: .utf8)
        let missing = ImportPlan(paths: [file])
        #expect(missing.problems.first?.message.contains("--profile") == true)
        let noDate = ImportPlan(paths: [file], options: .init(profile: kosovo))
        #expect(noDate.problems.first?.message.contains("--date") == true)
        let plan = ImportPlan(paths: [file], options: .init(profile: kosovo, date: day("2016-07-05"), source: "https://example.org/k"))
        #expect(plan.problems.isEmpty)
        #expect(plan.items.first?.submission?.source == "https://example.org/k")
        #expect(plan.items.first?.submission?.sourceSHA256?.count == 64)
    }

    @Test func aFailedRecordLeavesMainWhereItWas() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path).repository
        _ = try Recorder(store).record(Submission(profile: kosovo, date: day("2016-07-05"), text: "A\n"), by: recorder)
        let tip = try store.snapshot().tip
        // A signature libgit2 refuses (angle brackets in the name) fails after objects were written, before main moves.
        var bad = recorder
        bad.person.name = "<bad>"
        #expect(throws: HistoryError.self) {
            try Recorder(store).record(Submission(profile: kosovo, date: day("2016-08-01"), text: "B\n"), by: bad)
        }
        #expect(try store.snapshot().tip == tip)
    }
}

/// Imports written as packfiles, a batch at a time, must be indistinguishable from commit-by-commit ones.
@Suite struct BulkImportTests {
    /// `profiles` × `years` revisions in the Repo layout, each year's count one higher.
    func corpus(in dir: TemporaryDirectory, profiles: [String], years: ClosedRange<Int>) throws -> String {
        let root = dir.path + "/corpus"
        for profile in profiles {
            let folder = "\(root)/\(profile)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for year in years {
                let text = "Area\nPolicy\nLast updated: 1 March \(year)\n\nPolicy\n\nBy \(year), \(year - 1900) states had joined. It said more.\n"
                try text.write(toFile: "\(folder)/\(year)-03-01.txt", atomically: true, encoding: .utf8)
            }
        }
        return root
    }

    @Test func bulkAndCommitByCommitImportsRecordTheSameCommits() throws {
        let dir = try TemporaryDirectory()
        let root = try corpus(in: dir, profiles: ["a/x", "b/y", "c/z"], years: 1990...2039)
        var tips: [String] = []
        for (name, bulk) in [("bulk", true), ("single", false)] {
            let store = try HistoryRepository.create(at: "\(dir.path)/\(name)").repository
            let result = try Importer(store).run(ImportPlan(paths: [root]), by: recorder, bulk: bulk)
            #expect(result.recorded.count == 150 && result.problems.isEmpty)
            tips.append(try #require(try store.snapshot().tip).hex)
            let again = try Importer(store).run(ImportPlan(paths: [root]), by: recorder, bulk: bulk)
            #expect(again.recorded.isEmpty && again.unchanged == 150)
            let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: "\(dir.path)/\(name)")
            #expect(fsck.status == 0, "\(fsck.output)")
        }
        #expect(tips[0] == tips[1], "the same inputs give the same commits either way")
        let packs = try FileManager.default.contentsOfDirectory(atPath: "\(dir.path)/bulk/objects/pack").filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 2, "a bulk import writes two packfiles, texts and structure, and no loose objects")
    }

    @Test func signedBulkImportsMatchSignedCommitByCommitImports() throws {
        let dir = try TemporaryDirectory()
        let root = try corpus(in: dir, profiles: ["a/x", "b/y"], years: 1980...2019)
        let keygen = try runProgram("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ada@example.org", "-f", "ada"], in: dir.path)
        #expect(keygen.status == 0, "\(keygen.output)")
        var signing = recorder
        signing.signingKey = try SSHSigningKey(contentsOf: dir.path + "/ada")
        var tips: [String] = []
        for (name, bulk) in [("bulk", true), ("single", false)] {
            let store = try HistoryRepository.create(at: "\(dir.path)/\(name)").repository
            #expect(try Importer(store).run(ImportPlan(paths: [root]), by: signing, bulk: bulk).recorded.count == 80)
            tips.append(try #require(try store.snapshot().tip).hex)
        }
        #expect(tips[0] == tips[1], "Ed25519 signatures are deterministic, so the signed commits are identical")
        let publicKey = try String(contentsOfFile: dir.path + "/ada.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "ada@example.org namespaces=\"git\" \(publicKey)\n".write(toFile: dir.path + "/allowed", atomically: true, encoding: .utf8)
        let check = try runGit(["-c", "gpg.ssh.allowedSignersFile=\(dir.path)/allowed", "verify-commit", "main", "main~40", "main~79"],
                               in: dir.path + "/bulk")
        #expect(check.status == 0 && check.output.contains("Good \"git\" signature"), "\(check.output)")
    }

    @Test func concurrentBulkImportsLoseNothing() async throws {
        let dir = try TemporaryDirectory()
        let first = try corpus(in: dir, profiles: ["a/x", "b/y"], years: 1950...2049)
        let secondDir = try TemporaryDirectory()
        let second = try corpus(in: secondDir, profiles: ["c/z", "d/w"], years: 1950...2049)
        let path = dir.path + "/h"
        _ = try HistoryRepository.create(at: path)
        let recorder = self.recorder
        try await withThrowingTaskGroup(of: Int.self) { group in
            for root in [first, second] {
                group.addTask {
                    let store = try HistoryRepository.open(at: path)
                    return try Importer(store).run(ImportPlan(paths: [root]), by: recorder, bulk: true).recorded.count
                }
            }
            var total = 0
            for try await n in group { total += n }
            #expect(total == 400)
        }
        let store = try HistoryRepository.open(at: path)
        #expect(try EventLog(store.snapshot()).entries().count == 400)
        for profile in ["a/x", "b/y", "c/z", "d/w"] {
            #expect(try store.snapshot().dates(of: ProfileID(profile)).count == 100)
        }
    }

    var recorder: Identity { Identity(at: Timestamp(seconds: 1_790_000_000)) }
}

/// The event index in the git directory is derived data: it must never change an answer.
@Suite struct EventIndexTests {
    let recorder = Identity(at: Timestamp(seconds: 1_790_000_000))

    func logLines(_ store: HistoryRepository) throws -> [String] {
        try EventLog(store.snapshot()).entries().map { "\($0.commit.hex) \($0.profile) \($0.lastUpdated) \($0.event) \($0.recordedAt) \($0.author.name) \($0.source ?? "-") \($0.sourceSHA256 ?? "-")" }
    }

    @Test func theIndexGivesTheSameAnswersAndFollowsMain() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        _ = try Importer(store).run(ImportPlan(paths: [repoCorpus]), by: recorder)
        let cache = dir.path + "/h/history-cache/events"
        let first = try logLines(store)
        #expect(FileManager.default.fileExists(atPath: cache))
        #expect(try logLines(store) == first, "read from the index")
        let kosovoOnly = try EventLog(store.snapshot()).entries(LogQuery(profile: kosovo)).map(\.commit)
        #expect(kosovoOnly == (try EventLog(store.snapshot()).entries()).filter { $0.profile == kosovo }.map(\.commit) && kosovoOnly.count == 4)
        try FileManager.default.removeItem(atPath: cache)
        #expect(try logLines(store) == first, "rebuilt from the commits")

        // Recorded later: the index is extended, not rebuilt.
        let tab = Submission(profile: kosovo, date: day("2017-01-01"), text: "K\nLast updated: 1 January 2017\n\nNew.\n",
                             source: "odd\tsource\\name", sourceSHA256: nil)
        _ = try Recorder(store).record(tab, by: recorder)
        let extended = try logLines(store)
        #expect(extended.count == 32 && extended.first?.contains("odd\tsource\\name") == true)

        // main rewritten to an older commit: the index no longer describes it and must not be used.
        let older = try #require(try EventLog(store.snapshot()).entries().dropFirst(5).first?.commit)
        try store.repository.updateReference(HistoryRepository.mainRef, to: OID(hex: older.hex)!, expecting: store.snapshot().tip.flatMap { OID(hex: $0.hex) }, message: "rewind")
        #expect(try logLines(store) == Array(first.dropFirst(4)))

        // A damaged file is ignored.
        try "garbage\n".write(toFile: cache, atomically: true, encoding: .utf8)
        #expect(try logLines(store) == Array(first.dropFirst(4)))
    }

    /// A bulk import writes the index itself; it must be the very file a rebuild from the commits gives, and
    /// a read never writes it.
    @Test func bulkImportsWriteTheIndexARebuildWouldWrite() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        _ = try Importer(store).run(ImportPlan(paths: [repoCorpus]), by: recorder, bulk: true)
        let root = try BulkImportTests().corpus(in: dir, profiles: ["a/x", "b/y"], years: 1990...2029)
        _ = try Importer(store).run(ImportPlan(paths: [root]), by: Identity(Person(name: " Ada ", email: "ada@example.org"), at: Timestamp(seconds: 1_790_000_100)), bulk: true)
        let cache = dir.path + "/h/history-cache/events"
        let written = try String(contentsOfFile: cache, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 1 + 31 + 80)
        try FileManager.default.removeItem(atPath: cache)
        // A read answers from the commits and writes nothing; only a writer puts the index back.
        let rebuilt = try logLines(store)
        #expect(!FileManager.default.fileExists(atPath: cache))
        try store.rebuildIndexes()
        #expect(try String(contentsOfFile: cache, encoding: .utf8) == written)
        #expect(try rebuilt.count == 111 && rebuilt.first?.contains("Ada") == true && rebuilt == logLines(store))
    }
}
