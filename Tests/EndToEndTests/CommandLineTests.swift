import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct CommandLineTests {
    @Test func initImportProfilesLogShowOnACopyOfRepo() throws {
        let dir = try TemporaryDirectory()
        _ = try copyOfRepo(into: dir)
        let initRun = try history(["init"], in: dir.path)
        #expect(initRun.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/.history/HEAD"))

        let imported = try history(["import", "Repo"], in: dir.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.split(separator: "\n").count == 31)
        #expect(imported.stdout.contains("backfill   laos/mine-ban-policy 2017-12-01"))
        #expect(imported.stdout.contains("correction lebanon/cluster-munition-ban-policy 2013-08-01"))
        #expect(imported.stderr.contains("recorded 31, unchanged 0"))
        #expect(!imported.stderr.contains("\r"), "no progress line when stderr is not a terminal")

        let again = try history(["import", "Repo"], in: dir.path)
        #expect(again.status == 0 && again.stdout.isEmpty)
        #expect(again.stderr.contains("recorded 0, unchanged 30, superseded 1"))

        let profiles = try history(["profiles"], in: dir.path)
        #expect(profiles.stdout.split(separator: "\n").count == 8)
        #expect(profiles.stdout.contains("kosovo/cluster-munition-ban-policy    4 revisions    2011-09-08 … 2016-07-05"))

        let log = try history(["log", "laos/mine-ban-policy", "--format", "json", "--repo", ".history"], in: dir.path)
        let document = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any]
        let entries = document?["entries"] as? [[String: Any]] ?? []
        #expect(document?["schema"] as? String == "history.log.v1")
        #expect(entries.map { $0["event"] as? String } == ["backfill", "revision", "revision", "revision"])
        #expect(entries.first?["recordedAt"] as? String == "2026-11-29T09:00:00Z")
        #expect((entries.first?["commit"] as? String)?.count == 40)
        #expect((entries.first?["sourceSHA256"] as? String)?.count == 64)

        let corrections = try history(["log", "--corrections"], in: dir.path)
        #expect(corrections.stdout.split(separator: "\n").count == 1)
        #expect(try history(["log", "--since", "2026-11-30"], in: dir.path).stdout.isEmpty)

        let shown = try history(["show", "kosovo/cluster-munition-ban-policy", "--at", "2015"], in: dir.path)
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("Kosovo\nCluster Munition Ban Policy\nLast updated: 30 July 2014\n"))

        let tooEarly = try history(["show", "kosovo/cluster-munition-ban-policy", "--at", "2010-01-01"], in: dir.path)
        #expect(tooEarly.status == 65)
        #expect(tooEarly.stderr.contains("did not exist yet on 2010-01-01") && tooEarly.stderr.contains("2011-09-08"))
        #expect(tooEarly.stdout.isEmpty)

        let fsck = try runGit(["fsck", "--strict"], in: dir.path + "/.history")
        #expect(fsck.status == 0, "\(fsck.output)")
        let gitLog = try runGit(["log", "--format=%s", "main"], in: dir.path + "/.history")
        #expect(gitLog.output.hasPrefix("laos/mine-ban-policy: backfill of 2017-12-01\n"))
    }

    /// `--version` says the one version the program has (the fetcher's User-Agent says the same).
    @Test func versionIsOneLineOnStandardOutput() throws {
        let dir = try TemporaryDirectory()
        let run = try history(["--version"], in: dir.path)
        #expect(run.status == 0 && run.stderr.isEmpty)
        #expect(run.stdout.range(of: #"^history \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run.stdout)")
    }

    @Test func historyRepoEnvironmentChoosesTheRepository() throws {
        let dir = try TemporaryDirectory()
        let env = ["HISTORY_REPO": dir.path + "/elsewhere"]
        #expect(try history(["init"], in: dir.path, environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/elsewhere/HEAD"))
        #expect(try history(["profiles"], in: dir.path, environment: env).status == 0)
    }

    @Test(arguments: [
        (["show", "Kosovo/Policy"], Int32(64), "profile id"),
        (["show", "../../etc/passwd"], 64, "profile id"),
        (["show", "kosovo/x", "--at", "2016-02-31"], 64, "--at '2016-02-31'"),
        (["log", "--since", "last week"], 64, "--since"),
        (["import", "--author", "nobody", "x.txt"], 64, "--author"),
        (["frobnicate"], 64, "no command 'frobnicate'"),
        (["dif"], 64, "did you mean 'diff'?"),
        (["logs"], 64, "did you mean 'log'?"),
        (["remote", "ad", "origin"], 64, "did you mean 'remote add'?"),
        (["help", "nosuch"], 64, "no command 'nosuch'"),
        (["log", "--formt", "json"], 64, "log has no option --formt: did you mean --format?"),
        (["diff", "kosovo/x", "--from", "2016", "--min-significanse", "major"], 64, "did you mean --min-significance?"),
        (["log", "--format", "xml"], 64, "--format 'xml' is not one of its values: use one of 'text' and 'json'"),
        (["diff", "kosovo/x"], 64, "diff needs --from <date>"),
        (["show"], 64, "show needs <area/topic>"),
        (["report", "--since-last", "x", "--wait", "-5"], 64, "write --wait=-5 to give it as the value"),
        (["report", "--since-last", "x", "--wait=-5"], 64, "--wait -5.0 is not a number of seconds: give 0 or more"),
        (["report"], 64, "report needs one window: give --since-last NAME"),
    ])
    func badArgumentsExit64WithOneLine(arguments: [String], status: Int32, mentions: String) throws {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        let run = try history(arguments, in: dir.path)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(mentions), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        // One style: `history: <what was wrong>: <what to do>`, one line, no usage block.
        #expect(run.stderr.hasPrefix("history: ") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.dropFirst(9).contains(": ") && !run.stderr.contains("Usage:"), "\(run.stderr)")
    }

    @Test func notARepositoryExits74AndNamesIt() throws {
        let dir = try TemporaryDirectory()
        let run = try history(["profiles", "--repo", dir.path + "/nope"], in: dir.path)
        #expect(run.status == 74)
        #expect(run.stderr.contains("no history repository at \(dir.path)/nope") && run.stderr.contains("history init"))
        try FileManager.default.createDirectory(atPath: dir.path + "/plain", withIntermediateDirectories: true)
        let plain = try history(["import", "--repo", dir.path + "/plain", "x"], in: dir.path)
        #expect(plain.status == 74)
        #expect(plain.stderr.contains("is not a git repository"))
        #expect(plain.stderr.split(separator: "\n").count == 1)
    }

    @Test func badFilesExit65AfterRecordingTheRest() throws {
        let dir = try TemporaryDirectory()
        let repo = try copyOfRepo(into: dir)
        try "Just words, no date.\n".write(toFile: repo + "/kosovo/mine-ban-policy/draft.txt", atomically: true, encoding: .utf8)
        try Data([0x4B, 0x0A, 0xC0, 0x0A]).write(to: URL(fileURLWithPath: repo + "/laos/mine-ban-policy/2020-01-01.txt"))
        #expect(try history(["init"], in: dir.path).status == 0)
        let run = try history(["import", "Repo"], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("Repo/kosovo/mine-ban-policy/draft.txt: not a revision"))
        #expect(run.stderr.contains("Repo/laos/mine-ban-policy/2020-01-01.txt: line 2"))
        #expect(run.stderr.contains("2 files could not be imported"))
        #expect(try history(["profiles"], in: dir.path).stdout.split(separator: "\n").count == 8)

        // A single bad file writes nothing at all.
        let before = try runGit(["rev-parse", "main"], in: dir.path + "/.history").output
        try Data().write(to: URL(fileURLWithPath: dir.path + "/empty.txt"))
        let empty = try history(["import", "--profile", "kosovo/mine-ban-policy", "--date", "2020-01-01", "empty.txt"], in: dir.path)
        #expect(empty.status == 65 && empty.stderr.contains("empty.txt: the file is empty"))
        #expect(try runGit(["rev-parse", "main"], in: dir.path + "/.history").output == before)
    }

    /// Two importers at the same moment on one repository: both finish, every revision recorded once.
    @Test func concurrentImportProcessesLoseNothing() throws {
        let dir = try TemporaryDirectory()
        let repo = try copyOfRepo(into: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        let halves = [["kosovo", "laos"], ["lebanon", "colombia"]].map { areas in areas.map { "\(repo)/\($0)" } }
        // Each half is a directory per area: import them as separate trees.
        for (i, half) in halves.enumerated() {
            let root = dir.path + "/half\(i)"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            for area in half { try FileManager.default.moveItem(atPath: area, toPath: root + "/" + (area as NSString).lastPathComponent) }
        }
        let results = try [0, 1].map { i -> (Process, Pipe, Pipe) in
            let p = Process()
            p.executableURL = historyBinary()
            p.arguments = ["import", "half\(i)"]
            p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
            var env = ProcessInfo.processInfo.environment
            env["HISTORY_REPO"] = nil
            env["HISTORY_NOW"] = "1790000000"
            p.environment = env
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            return (p, out, err)
        }
        for (p, out, err) in results {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let log = try history(["log", "--format", "json"], in: dir.path)
        let entries = (try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]] ?? []
        #expect(entries.count == 31)
        let keys = entries.compactMap { e in (e["profile"] as? String).map { "\($0) \(e["lastUpdated"] ?? "") \(e["event"] ?? "")" } }
        #expect(Set(keys).count == 31)
    }

    /// On a terminal, a directory import shows one progress line that rewrites itself (util-linux `script` gives a PTY).
    @Test func importShowsProgressOnATerminal() throws {
        let dir = try TemporaryDirectory()
        _ = try copyOfRepo(into: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        let command = "env -u HISTORY_REPO HISTORY_NOW=1790000000 '\(historyBinary().path)' import Repo > /dev/null"
        let run = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: dir.path)
        #expect(run.status == 0)
        #expect(run.output.contains("\r\u{1B}[Krecording 1/31 Repo/colombia/mine-ban-policy/2009-07-01.txt"))
        #expect(run.output.contains("recording 31/31"))
        #expect(run.output.contains("recorded 31, unchanged 0"))
    }
}

