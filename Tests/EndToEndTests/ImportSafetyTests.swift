import Foundation
import Testing
import TestSupport

/// `history import` refuses what it should, says every path it passes over, and never leaves its folder.
@Suite struct ImportSafetyTests {
    func newHistory() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        return (dir, try copyOfRepo(into: dir))
    }

    func tip(_ dir: TemporaryDirectory) throws -> String {
        try runGit(["rev-parse", "-q", "--verify", "main"], in: dir.path + "/.history").output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func linksOutOfTheFolderAreRefusedAndNamed() throws {
        let (dir, repo) = try newHistory()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: repo + "/kosovo/cluster-munition-ban-policy/2017-01-01.txt", withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: repo + "/everything", withDestinationPath: "/")
        // A link that stays inside the folder is followed.
        try fm.createDirectory(atPath: repo + "/elsewhere", withIntermediateDirectories: true)
        let run = try history(["import", repo], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("kosovo/cluster-munition-ban-policy/2017-01-01.txt: a symbolic link to /etc/passwd, outside"), "\(run.stderr)")
        #expect(run.stderr.contains("/everything: a symbolic link to /, outside"), "\(run.stderr)")
        #expect(run.stdout.contains("revision   kosovo/cluster-munition-ban-policy 2016-07-05"))
        #expect(!run.stdout.contains("2017-01-01"))
    }

    @Test func hiddenEntriesAndFilesAtTheTopAreSaidNotSkipped() throws {
        let (dir, repo) = try newHistory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: repo + "/.cache/x", withIntermediateDirectories: true)
        try fm.copyItem(atPath: repo + "/kosovo/cluster-munition-ban-policy/2016-07-05.txt", toPath: repo + "/2016-07-05.txt")
        let run = try history(["import", repo], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("/.cache: hidden, so not imported"), "\(run.stderr)")
        #expect(run.stderr.contains("/2016-07-05.txt: a file at the top of the import folder"), "\(run.stderr)")
        #expect(!run.stderr.contains("README.md"), "documentation is not a revision: \(run.stderr)")
        #expect(run.stderr.contains("rejected 2"), "\(run.stderr)")
    }

    @Test func aSingleTopicFolderImports() throws {
        let (dir, repo) = try newHistory()
        let run = try history(["import", repo + "/kosovo/cluster-munition-ban-policy"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("recorded 4, unchanged 0"), "\(run.stderr)")
        #expect(try history(["profiles"], in: dir.path).stdout.hasPrefix("kosovo/cluster-munition-ban-policy  4 revisions"))
    }

    @Test func aTextWithNothingVisibleIsRefused() throws {
        let (dir, _) = try newHistory()
        let file = dir.path + "/blank.txt"
        try Data(String(repeating: "\u{200B}\u{200B} \u{FEFF}\n", count: 20).utf8).write(to: URL(fileURLWithPath: file))
        let run = try history(["import", file, "--profile", "kosovo/mine-ban-policy", "--date", "2020-01-01"], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("blank.txt: has no visible text"), "\(run.stderr)")
    }

    @Test func aTitleOfAnotherTopicNeedsForce() throws {
        let (dir, repo) = try newHistory()
        #expect(try history(["import", repo], in: dir.path).status == 0)
        let misfiled = dir.path + "/kosovo/mine-ban-policy"
        try FileManager.default.createDirectory(atPath: misfiled, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repo + "/kosovo/cluster-munition-ban-policy/2016-07-05.txt", toPath: misfiled + "/2016-07-05.txt")
        let before = try tip(dir)
        let refused = try history(["import", misfiled + "/2016-07-05.txt"], in: dir.path)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("its title says 'Cluster Munition Ban Policy', the topic cluster-munition-ban-policy, but it is filed under mine-ban-policy"), "\(refused.stderr)")
        #expect(try tip(dir) == before)
        let forced = try history(["import", misfiled + "/2016-07-05.txt", "--force"], in: dir.path)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("revision   kosovo/mine-ban-policy 2016-07-05"))
    }

    @Test func twoDifferentTextsForOneDateInOneImportAreBothRefused() throws {
        let (dir, repo) = try newHistory()
        let a = repo + "/laos/mine-ban-policy/2019-11-25.txt"
        let b = dir.path + "/other.txt"
        try (try String(contentsOfFile: a, encoding: .utf8) + "\nA closing paragraph written for this test.\n").write(toFile: b, atomically: true, encoding: .utf8)
        let run = try history(["import", a, b, "--profile", "laos/mine-ban-policy"], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("another text for laos/mine-ban-policy 2019-11-25 is in the same import"), "\(run.stderr)")
        #expect(run.stderr.contains("recorded 0"), "\(run.stderr)")
        // The same text twice is simply one revision.
        let c = repo + "/kosovo/mine-ban-policy/2015-11-10.txt"
        let twice = try history(["import", c, c], in: dir.path)
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stderr.contains("recorded 1, unchanged 0"), "\(twice.stderr)")
    }

    @Test func aDryRunSaysWhatWouldBeRecordedAndRecordsNothing() throws {
        let (dir, repo) = try newHistory()
        let run = try history(["import", repo, "--dry-run"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("would record revision   kosovo/cluster-munition-ban-policy 2016-07-05"))
        #expect(run.stdout.contains("would record correction lebanon/cluster-munition-ban-policy 2013-08-01"))
        #expect(run.stderr.contains("would record 31, unchanged 0") && run.stderr.contains("nothing was recorded"), "\(run.stderr)")
        #expect(try tip(dir).isEmpty)
        let packs = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/.history/objects/pack")
        #expect(packs.isEmpty, "\(packs)")
        #expect(try history(["import", repo], in: dir.path).stderr.contains("recorded 31, unchanged 0"))
    }

    @Test(arguments: ["99999999999999", "-1", "2101-01-01T00:00:00Z"])
    func aRecordingTimeOutsideTheCalendarIsRefused(now: String) throws {
        let (dir, repo) = try newHistory()
        let run = try history(["import", repo], in: dir.path, environment: ["HISTORY_NOW": now])
        #expect(run.status == 64)
        #expect(run.stderr.contains("HISTORY_NOW '\(now)'"), "\(run.stderr)")
        #expect(try tip(dir).isEmpty)
    }
}
