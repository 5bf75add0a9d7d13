import Foundation
import Testing
import TestSupport
@testable import HistoryStore
import ProfileModel

/// The package's Repo/ folder.
let repoCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Repo").path

@Suite struct ImportTests {
    @Test func repoRecordsEveryKindOfEventAndIsIdempotent() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        let result = try store.runImport(ImportPlan(paths: [repoCorpus]), by: recorder)
        #expect(result.problems.isEmpty)
        let events = result.recorded.map(\.event)
        #expect(events.filter { $0 == .revision }.count == 28)
        #expect(events.filter { $0 == .backfill }.count == 2)
        #expect(events.filter { $0 == .correction }.count == 1)
        // Revisions are recorded in date order; back-fills and corrections come after them.
        let revisionDates = result.recorded.filter { $0.event == .revision }.map(\.date)
        #expect(revisionDates == revisionDates.sorted())
        #expect(try store.profiles().count == 8)
        let corrected = try store.revision(of: ProfileID("lebanon/cluster-munition-ban-policy"), on: day("2013-08-01"))
        #expect(corrected.text.contains("161,000"))

        let again = try store.runImport(ImportPlan(paths: [repoCorpus]), by: recorder)
        #expect(again.recorded.isEmpty)
        #expect(again.unchanged == 30 && again.superseded == 1)
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

        let plan = ImportPlan(paths: [root])
        let messages = plan.problems.map(\.description)
        #expect(plan.items.map(\.path) == [folder + "/2016-07-05.txt"])
        #expect(messages.count == 6)
        #expect(messages.contains { $0.hasPrefix(folder + "/notes.txt:") && $0.contains("<YYYY-MM-DD>.txt") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-08-01.txt:") && $0.contains("line 2") && $0.contains("UTF-8") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-09-01.txt:") && $0.contains("empty") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-02-31.txt:") && $0.contains("not a real") })
        #expect(messages.contains { $0.hasPrefix(folder + "/2016-10-02.txt:") && $0.contains("2016-10-01") })
        #expect(messages.contains { $0.contains("Bad Area") })

        let store = try HistoryRepository.create(at: dir.path + "/h").repository
        let result = try store.runImport(plan, by: recorder)
        #expect(result.recorded.count == 1)
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
        #expect(plan.items.first?.submission.source == "https://example.org/k")
        #expect(plan.items.first?.submission.sourceSHA256?.count == 64)
    }

    @Test func aFailedRecordLeavesMainWhereItWas() throws {
        let dir = try TemporaryDirectory()
        let store = try HistoryRepository.create(at: dir.path).repository
        _ = try store.record(Submission(profile: kosovo, date: day("2016-07-05"), text: "A\n"), by: recorder)
        let tip = try store.tip()
        // A signature libgit2 refuses (angle brackets in the name) fails after objects were written, before main moves.
        var bad = recorder
        bad.name = "<bad>"
        #expect(throws: HistoryError.self) {
            try store.record(Submission(profile: kosovo, date: day("2016-08-01"), text: "B\n"), by: bad)
        }
        #expect(try store.tip() == tip)
    }
}
