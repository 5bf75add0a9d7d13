import Foundation
import Testing
import TestSupport

/// `history report` on the real binary: exactly once across nights, quiet when nothing changed,
/// checkpoints that move only after the report is written, runs that take turns, kills that lose nothing.
@Suite(.serialized) struct ReportCommandTests {
    static let night1 = "2026-12-01T02:00:00Z", night2 = "2026-12-02T02:00:00Z", night3 = "2026-12-03T02:00:00Z"

    /// Repo/ split into three deliveries: up to 2013 (with the first-published Lebanon 2013 text), then up to
    /// 2018 with the corrected Lebanon 2013 text (a correction), then the rest with the late files (back-fills).
    func deliveries(in dir: TemporaryDirectory) throws -> [String] {
        let repo = try copyOfRepo(into: dir)
        let fm = FileManager.default
        let names = ["night1", "night2", "night3"]
        for area in try fm.contentsOfDirectory(atPath: repo) where !area.hasSuffix(".md") {
            for topic in try fm.contentsOfDirectory(atPath: repo + "/" + area) {
                for file in try fm.contentsOfDirectory(atPath: "\(repo)/\(area)/\(topic)") {
                    let year = Int(file.prefix(4)) ?? 0
                    let night: Int
                    if file.contains(".late.") { night = 2 }
                    else if file == "2013-08-01.txt" && area == "lebanon" { night = 1 }
                    else { night = year <= 2013 ? 0 : year <= 2018 ? 1 : 2 }
                    let folder = "\(dir.path)/\(names[night])/\(area)/\(topic)"
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try fm.copyItem(atPath: "\(repo)/\(area)/\(topic)/\(file)", toPath: "\(folder)/\(file)")
                }
            }
        }
        return names
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// (profile, lastUpdated, event, commit) of every event in a history.report.v1 document.
    func events(_ report: [String: Any]) -> [String] {
        (report["profiles"] as? [[String: Any]] ?? []).flatMap { p in
            (p["events"] as? [[String: Any]] ?? []).map { e in
                "\(p["profile"] ?? "") \(e["lastUpdated"] ?? "") \(e["event"] ?? "") \(e["commit"] ?? "")"
            }
        }
    }

    func checkpoint(_ dir: TemporaryDirectory, _ name: String = "nightly") throws -> String {
        try runGit(["rev-parse", "-q", "--verify", "refs/history/reports/\(name)"], in: dir.path + "/.history").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func tip(_ dir: TemporaryDirectory) throws -> String {
        try runGit(["rev-parse", "main"], in: dir.path + "/.history").output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func threeNightsReportEachEventExactlyOnce() throws {
        let dir = try TemporaryDirectory()
        let nights = try deliveries(in: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        var reported: [String] = []
        for (night, time) in zip(nights, [Self.night1, Self.night2, Self.night3]) {
            let imported = try history(["import", night], in: dir.path, environment: ["HISTORY_NOW": time])
            #expect(imported.status == 0, "\(imported.stderr)")
            let run = try history(["report", "--since-last", "nightly", "--format", "json"], in: dir.path, environment: ["HISTORY_NOW": time])
            #expect(run.status == 0, "\(run.stderr)")
            let report = try json(run.stdout)
            let range = try #require(report["range"] as? [String: Any])
            #expect(range["toCommit"] as? String == (try tip(dir)))
            #expect(try checkpoint(dir) == (try tip(dir)), "the checkpoint moved to what was reported")
            reported += events(report)
            // A second run the same night has nothing to say: no output at all.
            let again = try history(["report", "--since-last", "nightly"], in: dir.path)
            #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.isEmpty)
        }
        #expect(reported.count == 31)
        #expect(Set(reported).count == reported.count, "no event reported twice")
        let log = try json(try history(["log", "--format", "json"], in: dir.path).stdout)
        let logged = (log["entries"] as? [[String: Any]] ?? []).map { "\($0["profile"] ?? "") \($0["lastUpdated"] ?? "") \($0["event"] ?? "") \($0["commit"] ?? "")" }
        #expect(Set(reported) == Set(logged), "every recorded event was reported")
        #expect(reported.contains { $0.hasPrefix("lebanon/cluster-munition-ban-policy 2013-08-01 correction") })
        #expect(reported.filter { $0.contains(" backfill ") }.count == 2)
    }

    @Test func aCorrectionIsDiffedAgainstTheTextItReplacedAndFlagged() throws {
        let dir = try TemporaryDirectory()
        let nights = try deliveries(in: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        _ = try history(["import", nights[0]], in: dir.path, environment: ["HISTORY_NOW": Self.night1])
        _ = try history(["report", "--since-last", "nightly"], in: dir.path)
        _ = try history(["import", nights[1]], in: dir.path, environment: ["HISTORY_NOW": Self.night2])
        let run = try history(["report", "--since-last", "nightly"], in: dir.path)
        #expect(run.status == 0)
        let mismatch = Golden.mismatch(run.stdout, "cli/report-night2.md")
        #expect(mismatch == nil, "\(mismatch ?? "")")
        #expect(run.stdout.contains("⚠ **CORRECTION of 2013-08-01"))
        #expect(run.stdout.contains("compared with the text it replaced"))
        #expect(run.stdout.contains("~~116,000~~**161,000**"))
    }

    @Test func quietWhenNothingReachesTheThresholdButTheCheckpointMovesOn() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        #expect(try history(["report", "--since-last", "nightly", "--start", "2030-01-01"], in: dir.path).stdout.isEmpty,
                "--start skips everything recorded earlier")
        #expect(try checkpoint(dir) == (try tip(dir)))
        // A correction that only changes typography: cosmetic, below the default threshold.
        let folder = dir.path + "/fix/kosovo/cluster-munition-ban-policy"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: dir.path + "/Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt", encoding: .utf8)
        try text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .write(toFile: folder + "/2016-07-05.txt", atomically: true, encoding: .utf8)
        #expect(try history(["import", "fix"], in: dir.path).stdout.contains("correction"))
        let before = try checkpoint(dir)
        let dry = try history(["report", "--since-last", "nightly", "--min-significance", "cosmetic", "--dry-run"], in: dir.path)
        #expect(dry.stdout.contains("CORRECTION") && dry.stdout.contains("Spelling or typography"))
        #expect(try checkpoint(dir) == before, "--dry-run leaves the checkpoint")
        let always = try history(["report", "--since-last", "nightly", "--always", "--dry-run", "--format", "text"], in: dir.path)
        #expect(always.stdout.contains("1 event in 1 profile (1 correction)") && always.stdout.contains("1 event with nothing at or above minor not shown"))
        let quiet = try history(["report", "--since-last", "nightly"], in: dir.path)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        #expect(try checkpoint(dir) == (try tip(dir)), "counted events are done with")
        let json = try history(["report", "--since", "2026-11-29", "--format", "json"], in: dir.path)
        #expect(events(try self.json(json.stdout)).count == 32, "JSON lists every event of the window")
    }

    @Test func outputFileIsWrittenWholeAndNothingIsPrinted() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let run = try history(["report", "--since-last", "weekly", "--format", "html", "--output", "report.html"], in: dir.path)
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty)
        let html = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script") && !html.contains("src="))
        #expect(html.contains("<del>116,000</del><ins>161,000</ins>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(try checkpoint(dir, "weekly") == (try tip(dir)))
        let bad = try history(["report", "--since-last", "weekly2", "--output", "missing/report.md"], in: dir.path)
        #expect(bad.status == 74 && bad.stderr.contains("missing/report.md"))
        #expect(try checkpoint(dir, "weekly2").isEmpty, "a report that could not be written moves nothing")
    }

    @Test func aRunKilledBetweenWritingAndMovingReportsTheSameEventsAgain() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let killed = try history(["report", "--since-last", "nightly", "--format", "json", "--output", "first.json"], in: dir.path,
                                 environment: ["HISTORY_FAILPOINT": "report-kill-before-checkpoint"])
        #expect(killed.status == SIGKILL, "the run died at the failpoint")
        let first = try json(try String(contentsOfFile: dir.path + "/first.json", encoding: .utf8))
        #expect(try checkpoint(dir).isEmpty, "the checkpoint did not move")
        let again = try history(["report", "--since-last", "nightly", "--format", "json"], in: dir.path)
        #expect(events(try json(again.stdout)) == events(first), "the same events, once more, none lost")
        #expect(try history(["report", "--since-last", "nightly"], in: dir.path).stdout.isEmpty)
        let fsck = try runGit(["fsck", "--strict"], in: dir.path + "/.history")
        #expect(fsck.status == 0, "\(fsck.output)")
    }

    @Test func runsKilledAtRandomMomentsNeverLoseAnEvent() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        var rng = SplitMix64(seed: 4)
        for attempt in 0..<12 {
            let process = try startHistory(["report", "--since-last", "random", "--format", "json", "--output", "r\(attempt).json"], in: dir.path)
            // Not a wait for anything: the random moment of the kill is what this test varies (seeded).
            usleep(UInt32(rng.next() % 120_000))
            process.terminate()  // SIGTERM; the default action kills at whatever point the run has reached
            process.waitUntilExit()
            let fsck = try runGit(["fsck", "--strict"], in: dir.path + "/.history")
            #expect(fsck.status == 0)
            let moved = try checkpoint(dir, "random")
            let tipNow = try tip(dir)
            #expect(moved.isEmpty || moved == tipNow)
            if !moved.isEmpty {
                // It got through: its whole report is on disk.
                #expect(events(try json(try String(contentsOfFile: "\(dir.path)/r\(attempt).json", encoding: .utf8))).count == 31)
                break
            }
        }
        // Whatever happened, a last run reports every event not yet reported (all 31, or none if one got through).
        let last = try history(["report", "--since-last", "random", "--format", "json", "--always"], in: dir.path)
        let remaining = events(try json(last.stdout)).count
        let checkpointNow = try checkpoint(dir, "random")
        #expect(remaining == 31 || (remaining == 0 && !checkpointNow.isEmpty))
    }

    @Test func overlappingRunsTakeTurnsAndNeverReportTheSameEventsTwice() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        // A handshake with the first run's failpoint: it writes into `paused` once its report is written and
        // it holds the checkpoint, and goes on when `resume` is opened and closed. No sleeping, no polling.
        #expect(mkfifo(dir.path + "/paused", 0o600) == 0 && mkfifo(dir.path + "/resume", 0o600) == 0)
        let first = try startHistory(["report", "--since-last", "nightly", "--format", "json", "--output", "a.json"], in: dir.path,
                                     environment: ["HISTORY_FAILPOINT": "report-pause-before-checkpoint", "HISTORY_FAILPOINT_DIR": dir.path])
        let paused = try #require(FileHandle(forReadingAtPath: dir.path + "/paused"))
        #expect(paused.readDataToEndOfFile() == Data("p".utf8))
        let impatient = try history(["report", "--since-last", "nightly", "--wait", "0"], in: dir.path)
        #expect(impatient.status == 75)
        #expect(impatient.stderr.contains("another `history report --since-last nightly` is still running"))
        #expect(impatient.stdout.isEmpty)
        let patient = try startHistory(["report", "--since-last", "nightly", "--format", "json", "--output", "b.json"], in: dir.path)
        try FileHandle(forWritingAtPath: dir.path + "/resume")?.close()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        patient.waitUntilExit()
        #expect(patient.terminationStatus == 0 && !FileManager.default.fileExists(atPath: dir.path + "/b.json"),
                "it waited, then found nothing new")
        let a = try json(try String(contentsOfFile: dir.path + "/a.json", encoding: .utf8))
        #expect(events(a).count == 31)
        #expect(try checkpoint(dir) == (try tip(dir)))
    }

    @Test func aCheckpointThatMainNoLongerContainsIsReportedNotIgnored() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        _ = try history(["report", "--since-last", "nightly"], in: dir.path)
        // Someone rewrites main: a new root commit with the same tree.
        let git = dir.path + "/.history"
        let tree = try runGit(["rev-parse", "main^{tree}"], in: git).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let rewritten = try runProgram("/usr/bin/env", ["GIT_AUTHOR_NAME=x", "GIT_AUTHOR_EMAIL=x@x", "GIT_COMMITTER_NAME=x",
                                                        "GIT_COMMITTER_EMAIL=x@x", "git", "commit-tree", tree, "-m", "rewritten"], in: git)
        #expect(try runGit(["update-ref", "refs/heads/main", rewritten.output.trimmingCharacters(in: .whitespacesAndNewlines)], in: git).status == 0)
        let run = try history(["report", "--since-last", "nightly"], in: dir.path)
        #expect(run.status == 74)
        #expect(run.stderr.contains("history was rewritten") && run.stderr.contains("history verify --anchor"))
        #expect(run.stdout.isEmpty)
    }

    @Test func badArgumentsExit64() throws {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        for (arguments, message) in [
            (["report"], "give --since-last NAME (a checkpoint) or --since DATE"),
            (["report", "--since-last", "a", "--since", "2026"], "give --since-last NAME (a checkpoint) or --since DATE"),
            (["report", "--since-last", "../x"], "not a usable checkpoint name"),
            (["report", "--since-last", "x.lock"], "not a usable checkpoint name"),
            (["report", "--since", "2026", "--start", "2026"], "--start without --since-last"),
            (["report", "--since", "2026-02-30"], "--since '2026-02-30'"),
            (["report", "--since", "2026", "--format", "pdf"], "pdf"),
        ] {
            let run = try history(arguments, in: dir.path)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }
}

/// Starts the binary without waiting; its output is discarded.
func startHistory(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws -> Process {
    let process = historyProcess(arguments, in: directory, environment: extra)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}
