import Foundation
import Testing
import TestSupport

/// `history retract`: a mistaken record withdrawn by a new event, nothing rewritten.
@Suite struct RetractionTests {
    func importedRepo() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        #expect(try history(["import", packageRoot.appendingPathComponent("Repo").path], in: dir.path).status == 0)
        return dir
    }

    func commit(_ dir: TemporaryDirectory, _ profile: String, _ date: String, _ event: String) throws -> String {
        let line = try history(["log", profile], in: dir.path).stdout.split(separator: "\n")
            .first { $0.contains(" \(event) ") && $0.contains(" \(date) ") }
        return String(try #require(line).prefix(12))
    }

    @Test func aRetractedRevisionLeavesShowAndDiffButStaysInLogAndReports() throws {
        let dir = try importedRepo()
        let profile = "kosovo/cluster-munition-ban-policy"
        let tipBefore = try runGit(["rev-parse", "main"], in: dir.path + "/.history").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let target = try commit(dir, profile, "2016-07-05", "revision")
        let run = try history(["retract", target, "--reason", "published under the wrong country", "--author", "Ada <ada@example.org>"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("retraction \(profile) 2016-07-05"), "\(run.stdout)")
        #expect(run.stdout.contains("withdraws revision \(target)"))

        // Nothing rewritten: the old tip is an ancestor of the new one.
        #expect(try runGit(["merge-base", "--is-ancestor", tipBefore, "main"], in: dir.path + "/.history").status == 0)
        #expect(try history(["show", profile], in: dir.path).stdout.contains("Last updated: 30 July 2014"))
        let log = try history(["log", profile], in: dir.path).stdout
        #expect(log.contains("retraction 2016-07-05") && log.contains("revision   2016-07-05"), "\(log)")
        let message = try runGit(["log", "-1", "--format=%B", "main"], in: dir.path + "/.history").output
        #expect(message.contains("Event: retraction") && message.contains("Reason: published under the wrong country"))
        let report = try history(["report", "--since", "2026"], in: dir.path).stdout
        #expect(report.contains("RETRACTION of 2016-07-05: a recorded text was withdrawn"), "\(report.suffix(800))")
        let verify = try history(["verify"], in: dir.path)
        #expect(verify.status == 0, "\(verify.stdout)")

        let again = try history(["retract", target, "--reason", "twice"], in: dir.path)
        #expect(again.status == 65)
        #expect(again.stderr.contains("is no longer in effect"), "\(again.stderr)")
        let retraction = String(run.stdout.split(separator: " ").dropFirst(3).first ?? "")
        let ofRetraction = try history(["retract", retraction, "--reason", "undo"], in: dir.path)
        #expect(ofRetraction.status == 65, "\(ofRetraction.stderr)")
        #expect(ofRetraction.stderr.contains("is itself a retraction"), "\(ofRetraction.stderr)")
    }

    @Test func aRetractedCorrectionPutsBackTheTextItReplaced() throws {
        let dir = try importedRepo()
        let profile = "lebanon/cluster-munition-ban-policy"
        #expect(try history(["show", profile, "--at", "2014"], in: dir.path).stdout.contains("161,000 submunitions"))
        let target = try commit(dir, profile, "2013-08-01", "correction")
        let run = try history(["retract", target, "--reason", "the first text was right"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("the text it replaced is in effect again"))
        #expect(try history(["show", profile, "--at", "2014"], in: dir.path).stdout.contains("116,000 submunitions"))
        let verify = try history(["verify"], in: dir.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
