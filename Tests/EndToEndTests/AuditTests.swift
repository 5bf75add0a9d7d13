import Foundation
import Testing
import TestSupport

/// What auditors ask of the repository: what a reader saw at a recorded time, and where each statement came from.
@Suite(.serialized) struct AuditTests {
    func recordedRepo() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        _ = try copyOfRepo(into: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        #expect(try history(["import", "Repo"], in: dir.path).status == 0)
        return dir
    }

    @Test func showAtARecordedTimeGivesWhatAReaderSawBeforeACorrection() throws {
        let dir = try TemporaryDirectory()
        let repo = try copyOfRepo(into: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        // Day one: everything but the corrected Lebanon text; day two: the correction.
        let corrected = repo + "/lebanon/cluster-munition-ban-policy/2013-08-01.txt"
        try FileManager.default.moveItem(atPath: corrected, toPath: dir.path + "/corrected.txt")
        #expect(try history(["import", "Repo"], in: dir.path, environment: ["HISTORY_NOW": "2026-12-01T09:00:00Z"]).status == 0)
        let later = try history(["import", "corrected.txt", "--profile", "lebanon/cluster-munition-ban-policy"], in: dir.path,
                                environment: ["HISTORY_NOW": "2026-12-02T09:00:00Z"])
        #expect(later.stdout.hasPrefix("correction"))
        let args = ["show", "lebanon/cluster-munition-ban-policy", "--at", "2014"]
        #expect(try history(args + ["--recorded-at", "2026-12-01"], in: dir.path).stdout.contains("destroyed 116,000 submunitions"))
        #expect(try history(args + ["--recorded-at", "2026-12-02T08:59:59Z"], in: dir.path).stdout.contains("destroyed 116,000 submunitions"))
        #expect(try history(args + ["--recorded-at", "2026-12-02T10:00:00+01:00"], in: dir.path).stdout.contains("destroyed 161,000 submunitions"))
        #expect(try history(args, in: dir.path).stdout.contains("destroyed 161,000 submunitions"))
        let before = try history(args + ["--recorded-at", "2026-11-30"], in: dir.path)
        #expect(before.status == 65 && before.stderr.contains("nothing had been recorded yet at 2026-11-30"))
        let bad = try history(args + ["--recorded-at", "yesterday"], in: dir.path)
        #expect(bad.status == 64 && bad.stderr.contains("--recorded-at 'yesterday'"))
    }

    func blame(_ dir: TemporaryDirectory, _ arguments: [String]) throws -> [[String: Any]] {
        let run = try history(["blame"] + arguments + ["--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "history.blame.v1")
        return document["sentences"] as? [[String: Any]] ?? []
    }

    /// "introduced → last change in meaning" for the sentence starting with `prefix`.
    func answer(_ sentences: [[String: Any]], _ prefix: String) -> String {
        guard let s = sentences.first(where: { ($0["text"] as? String)?.hasPrefix(prefix) == true }) else { return "missing" }
        func date(_ key: String) -> String { (s[key] as? [String: Any])?["lastUpdated"] as? String ?? "?" }
        return "\(date("introduced")) → \(date("lastMeaningChange"))"
    }

    @Test func blameFollowsStatementsThroughMovesRenumberingAndRewording() throws {
        let dir = try recordedRepo()
        let kosovo = try blame(dir, ["kosovo/cluster-munition-ban-policy"])
        #expect(kosovo.count == 12)
        #expect(answer(kosovo, "Kosovo is not able to join") == "2011-09-08 → 2011-09-08")
        // Moved from the body into footnote [1] in 2016 with its count updated: still the 2011 statement.
        #expect(answer(kosovo, "As of June 2014, the declaration of independence") == "2011-09-08 → 2016-07-05")
        #expect(answer(kosovo, "In March 2014, a Ministry of Foreign Affairs official") == "2014-07-30 → 2014-07-30")
        // Footnote [1] of 2012 became [2] in 2016: renumbering is not a change.
        #expect(answer(kosovo, "Figures compiled from NATO strike records") == "2012-08-20 → 2012-08-20")
        let note = try #require(kosovo.first { ($0["text"] as? String)?.hasPrefix("Figures compiled") == true })
        #expect((note["location"] as? [String: Any])?["footnote"] as? Int == 2)

        // A typo fixed (2015) is cosmetic (docs/significance.md): not a change in meaning, and not an edit
        // blame reports either (lastEdited counts minor and major changes, as typography is not counted).
        let mines = try blame(dir, ["kosovo/mine-ban-policy"])
        let typo = try #require(mines.first { ($0["text"] as? String)?.contains("officials have described") == true })
        #expect(answer(mines, "Kosovo has declared that it will respect") == "2010-10-01 → 2010-10-01")
        #expect((typo["lastEdited"] as? [String: Any])?["lastUpdated"] as? String == "2010-10-01")

        // A paragraph moved in 2016 with its year updated keeps its 2012 origin.
        let lebanon = try blame(dir, ["lebanon/mine-ban-policy", "--at", "2016"])
        #expect(answer(lebanon, "Lebanon has attended most meetings") == "2012-09-10 → 2016-10-01")
        #expect(answer(lebanon, "Officials have long linked accession") == "2012-09-10 → 2012-09-10")

        let text = try history(["blame", "kosovo/cluster-munition-ban-policy"], in: dir.path)
        #expect(text.stdout.contains("footnote [1]\n  2011-09-08 "))
        let early = try history(["blame", "kosovo/cluster-munition-ban-policy", "--at", "2010"], in: dir.path)
        #expect(early.status == 65 && early.stderr.contains("did not exist yet"))
        #expect(try history(["blame", "no/such"], in: dir.path).status == 65)
    }

    @Test func reviewsAreNotesThatNeverChangeTheCommitAndAllAreKept() throws {
        let dir = try recordedRepo()
        let git = dir.path + "/.history"
        let tipBefore = try runGit(["rev-parse", "main"], in: git).output
        let correction = String(try history(["log", "--corrections"], in: dir.path).stdout.prefix(12))
        let first = try history(["review", correction, "--verdict", "questioned", "--note", "Count differs from the annual report.",
                                 "--reviewer", "Ada Auditor <ada@example.org>"], in: dir.path, environment: ["HISTORY_NOW": "2026-11-30T10:00:00Z"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("reviewed questioned by Ada Auditor <ada@example.org> at 2026-11-30T10:00:00Z"))
        // Two reviewers at the same moment: both reviews are kept (compare-and-swap of refs/notes/reviews).
        let a = try startHistory(["review", correction, "--verdict", "approved", "--note", "Confirmed with the editor.", "--reviewer", "Bo <bo@example.org>"], in: dir.path)
        let b = try startHistory(["review", correction, "--verdict", "approved", "--note", "Matches the PDF.", "--reviewer", "Cy <cy@example.org>"], in: dir.path)
        a.waitUntilExit(); b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        #expect(try runGit(["rev-parse", "main"], in: git).output == tipBefore, "reviewing never changes main")

        let log = try history(["log", "--corrections", "--format", "json"], in: dir.path)
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        let reviews = try #require(entries.first?["reviews"] as? [[String: Any]])
        #expect(reviews.count == 3)
        #expect(reviews.first?["verdict"] as? String == "questioned")
        #expect(Set(reviews.compactMap { ($0["reviewer"] as? [String: Any])?["email"] as? String }) == ["ada@example.org", "bo@example.org", "cy@example.org"])
        #expect(try history(["log", "--corrections"], in: dir.path).stdout.contains("    reviewed questioned by Ada Auditor"))
        // Plain git shows the same notes.
        #expect(try runGit(["log", "--notes=reviews", "-1", correction], in: git).output.contains("Verdict: questioned"))

        let pending = try history(["review", "--pending"], in: dir.path)
        #expect(pending.stdout.split(separator: "\n").count == 30 && !pending.stdout.contains(correction))
        let report = try history(["report", "--since", "2026-11-29", "--format", "json"], in: dir.path)
        #expect(report.stdout.contains("\"verdict\": \"questioned\""))
        #expect(try history(["report", "--since", "2026-11-29"], in: dir.path).stdout.contains("Reviewed questioned by Ada Auditor"))

        for (arguments, status, message) in [
            (["review", correction, "--verdict", "maybe", "--note", "x"], Int32(64), "maybe"),
            (["review", correction, "--verdict", "approved"], 64, "--note"),
            (["review", "--pending", correction], 64, "--pending lists events"),
            (["review", "abcdef0123", "--verdict", "approved", "--note", "x"], 65, "no event recorded"),
            (["review", "xyz", "--verdict", "approved", "--note", "x"], 64, "commit 'xyz'"),
            (["review", correction, "--verdict", "approved", "--note", "x", "--reviewer", "nobody"], 64, "--reviewer 'nobody'"),
        ] {
            let run = try history(arguments, in: dir.path)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }
}
