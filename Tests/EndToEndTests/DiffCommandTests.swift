import Foundation
import Testing
import TestSupport

/// `history diff` on the real binary over a history recorded from a copy of Repo/ at a fixed time.
@Suite(.serialized) struct DiffCommandTests {
    static let kosovo = "kosovo/cluster-munition-ban-policy"

    /// A temporary folder with Repo/ recorded into .history (at HISTORY_NOW 2026-11-29T09:00:00Z).
    func recordedRepo() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        _ = try copyOfRepo(into: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        let imported = try history(["import", "Repo"], in: dir.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        return dir
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func netChangeBetweenTwoDatesMatchesItsGoldenInEveryFormat() throws {
        let dir = try recordedRepo()
        for (format, suffix) in [("text", "txt"), ("markdown", "md"), ("json", "json")] {
            let run = try history(["diff", Self.kosovo, "--from", "2011-12-31", "--to", "2016", "--format", format], in: dir.path)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty)
            let mismatch = Golden.mismatch(run.stdout, "cli/diff-kosovo-2011-12-31-2016.\(suffix)")
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
        let document = try json(try history(["diff", Self.kosovo, "--from", "2011-12-31", "--to", "2016", "--format", "json"], in: dir.path).stdout)
        #expect(document["schema"] as? String == "history.diff.v1")
        let from = try #require(document["from"] as? [String: Any]), to = try #require(document["to"] as? [String: Any])
        #expect(from["date"] as? String == "2011-12-31" && to["date"] as? String == "2016-12-31")
        #expect((from["revision"] as? [String: Any])?["lastUpdated"] as? String == "2011-09-08")
        #expect(((to["revision"] as? [String: Any])?["commit"] as? String)?.count == 40)
        let between = try #require(document["revisionsBetween"] as? [[String: Any]])
        #expect(between.compactMap { $0["lastUpdated"] as? String } == ["2012-08-20", "2014-07-30"])
        #expect(between.allSatisfy { $0["event"] as? String == "revision" && $0["recordedAt"] as? String == "2026-11-29T09:00:00Z" })
    }

    @Test func aSideWithNoRevisionYetIsNullAndEverythingIsAdded() throws {
        let dir = try recordedRepo()
        let run = try history(["diff", Self.kosovo, "--from", "2005", "--to", "2011-12", "--format", "json"], in: dir.path)
        #expect(run.status == 0)
        let document = try json(run.stdout)
        #expect((document["from"] as? [String: Any])?["revision"] is NSNull)
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["kind"] as? String == "statement-added" })
        #expect(!changes.contains { ["statement-removed", "fact-changed"].contains($0["kind"] as? String) })
        let sentences = try #require(document["sentences"] as? [String: Int])
        #expect(sentences["old"] == 0 && sentences["added"] == sentences["new"])
    }

    @Test func stepsShowEachRevisionToRevisionDiff() throws {
        let dir = try recordedRepo()
        let run = try history(["diff", Self.kosovo, "--from", "2011-12-31", "--to", "2016", "--steps", "--format", "json"], in: dir.path)
        #expect(run.status == 0)
        let document = try json(run.stdout)
        #expect(document["schema"] as? String == "history.diffs.v1" && document["steps"] as? Bool == true)
        let diffs = try #require(document["diffs"] as? [[String: Any]])
        let ranges = diffs.map { d in
            [d["from"], d["to"]].map { (($0 as? [String: Any])?["revision"] as? [String: Any])?["lastUpdated"] as? String ?? "-" }.joined(separator: "→")
        }
        #expect(ranges == ["2011-09-08→2012-08-20", "2012-08-20→2014-07-30", "2014-07-30→2016-07-05"])
    }

    @Test func allListsOnlyTheProfilesThatChanged() throws {
        let dir = try recordedRepo()
        let run = try history(["diff", "--all", "--from", "2016-08", "--to", "2019-12", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try json(run.stdout)
        #expect(document["schema"] as? String == "history.diffs.v1")
        let profiles = (document["diffs"] as? [[String: Any]] ?? []).compactMap { $0["profile"] as? String }
        // Kosovo's last revisions predate August 2016; Laos has 2017 and 2019 revisions, Lebanon's mine ban policy 2016-10-01.
        #expect(profiles == ["laos/cluster-munition-ban-policy", "laos/mine-ban-policy", "lebanon/mine-ban-policy"])
        let markdown = try history(["diff", "--all", "--from", "2016-08", "--to", "2019-12", "--format", "markdown"], in: dir.path)
        let mismatch = Golden.mismatch(markdown.stdout, "cli/diff-all-2016-08-2019-12.md")
        #expect(mismatch == nil, "\(mismatch ?? "")")
        let none = try history(["diff", "--all", "--from", "2024-02", "--to", "2025"], in: dir.path)
        #expect(none.status == 0 && none.stdout == "no profile changed between 2024-02-01 and 2025-12-31\n")
    }

    @Test func exitCodeSaysWhetherSomethingAtTheThresholdChanged() throws {
        let dir = try recordedRepo()
        let changed = try history(["diff", Self.kosovo, "--from", "2014-08", "--to", "2016", "--exit-code"], in: dir.path)
        #expect(changed.status == 1)
        #expect(!changed.stdout.isEmpty)
        let same = try history(["diff", Self.kosovo, "--from", "2016-08", "--to", "2016-12", "--exit-code"], in: dir.path)
        #expect(same.status == 0)
        #expect(same.stdout.contains("the same revision is in effect on both dates"))
        // kosovo/mine-ban-policy 2012 → 2013 was re-published with only its date changed: minor, not major.
        let minorOnly = ["diff", "kosovo/mine-ban-policy", "--from", "2012-12", "--to", "2013-12", "--exit-code"]
        #expect(try history(minorOnly, in: dir.path).status == 1)
        #expect(try history(minorOnly + ["--min-significance", "major"], in: dir.path).status == 0)
    }

    @Test func recordedTimeComparesWhatTheRepositoryHeld() throws {
        let dir = try recordedRepo()
        // A new Kosovo revision arrives a week later.
        let later = dir.path + "/later/kosovo/cluster-munition-ban-policy"
        try FileManager.default.createDirectory(atPath: later, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: dir.path + "/Repo/\(Self.kosovo)/2016-07-05.txt", encoding: .utf8)
            .replacingOccurrences(of: "05 July 2016", with: "01 March 2017")
            .replacingOccurrences(of: "110 states", with: "111 states")
        try text.write(toFile: later + "/2017-03-01.txt", atomically: true, encoding: .utf8)
        let imported = try history(["import", "later"], in: dir.path, environment: ["HISTORY_NOW": "2026-12-06T10:00:00Z"])
        #expect(imported.status == 0, "\(imported.stderr)")

        let recorded = try history(["diff", Self.kosovo, "--recorded", "--from", "2026-12-01", "--to", "2026-12-06", "--format", "json"], in: dir.path)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let document = try json(recorded.stdout)
        #expect(document["timeAxis"] as? String == "recorded")
        let sides = ["from", "to"].map { ((document[$0] as? [String: Any])?["revision"] as? [String: Any])?["lastUpdated"] as? String }
        #expect(sides == ["2016-07-05", "2017-03-01"])
        let kinds = (document["changes"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == ["last-updated-changed", "fact-changed"])

        // Before anything was recorded the repository held nothing: the older side is null.
        let before = try json(try history(["diff", Self.kosovo, "--recorded", "--from", "2026-11-01", "--to", "2026-11-29", "--format", "json"], in: dir.path).stdout)
        #expect((before["from"] as? [String: Any])?["revision"] is NSNull)
        #expect(((before["to"] as? [String: Any])?["revision"] as? [String: Any])?["lastUpdated"] as? String == "2016-07-05")
    }

    @Test func badArgumentsAndUnknownProfilesExitWithTheirCodes() throws {
        let dir = try recordedRepo()
        let cases: [([String], Int32, String)] = [
            (["diff", Self.kosovo, "--from", "2016-13"], 64, "--from '2016-13'"),
            (["diff", Self.kosovo, "--from", "2016", "--to", "2011"], 64, "--from 2016 is after --to 2011"),
            (["diff", "--from", "2016"], 64, "name at least one (area/topic)"),
            (["diff", "--all", Self.kosovo, "--from", "2016"], 64, "not both"),
            (["diff", "nowhere/nothing", "--from", "2016"], 65, "no profile nowhere/nothing"),
            (["diff", "kosovo/cluster-munitions-ban-policy", "--from", "2016"], 65, "did you mean kosovo/cluster-munition-ban-policy?"),
            (["show", "kosovo/cluster"], 65, "did you mean kosovo/cluster-munition-ban-policy?"),
            (["diff", "../etc", "--from", "2016"], 64, "../etc"),
            (["diff", Self.kosovo, "--from", "2016", "--format", "yaml"], 64, "yaml"),
            (["diff", Self.kosovo, "--from", "2016", "--repo", "missing"], 74, "no history repository at missing"),
        ]
        for (arguments, status, message) in cases {
            let run = try history(arguments, in: dir.path)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test func colourOnlyOnATerminalOrWhenAskedFor() throws {
        let dir = try recordedRepo()
        let args = ["diff", Self.kosovo, "--from", "2014-08", "--to", "2016"]
        #expect(!(try history(args, in: dir.path).stdout.contains("\u{1B}[")))
        #expect(try history(args + ["--color", "always"], in: dir.path).stdout.contains("\u{1B}[32;4m"))
        let binary = "'\(historyBinary().path)' " + args.joined(separator: " ")
        let command = "env -u HISTORY_REPO -u NO_COLOR TERM=xterm HISTORY_PAGER=cat " + binary
        let tty = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: dir.path)
        // Struck through and underlined as well as red and green: readable without telling the colours apart.
        #expect(tty.output.contains("\u{1B}[31;9m108\u{1B}[0m \u{1B}[31;9mstates\u{1B}[0m \u{1B}[31;9mhad\u{1B}[0m "), "\(tty.output)")
        let noColor = try runProgram("/usr/bin/script", ["-qec", "env -u HISTORY_REPO NO_COLOR=1 HISTORY_PAGER=cat " + binary, "/dev/null"], in: dir.path)
        #expect(!noColor.output.contains("\u{1B}[3"))
        // A terminal that says it cannot show colour gets none, as git does.
        let dumb = try runProgram("/usr/bin/script", ["-qec", "env -u HISTORY_REPO -u NO_COLOR TERM=dumb HISTORY_PAGER=cat " + binary, "/dev/null"], in: dir.path)
        #expect(!dumb.output.contains("\u{1B}[3") && dumb.output.contains("{+"), "\(dumb.output)")
        let never = try runProgram("/usr/bin/script", ["-qec", command + " --color never", "/dev/null"], in: dir.path)
        #expect(!never.output.contains("\u{1B}[3") && never.output.contains("{+"))
    }
}
