import Foundation
import Testing
import TestSupport

/// `history facts` through the binary: the document, the streams and the exit codes.
@Suite struct FactsCommandTests {
    @Test func jsonIsOneHistoryFactsDocumentAndCSVHasAHeader() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let run = try history(["facts", "kosovo/cluster-munition-ban-policy", "--subject", "states", "--format", "json"], in: dir.path)
        #expect(run.status == 0 && run.stderr.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "history.facts.v1")
        let profiles = try #require(document["profiles"] as? [[String: Any]])
        let series = try #require((profiles.first?["series"] as? [[String: Any]])?.first)
        let values = (series["points"] as? [[String: Any]])?.compactMap { ($0["value"] as? [String: Any])?["value"] as? Int }
        #expect(series["subject"] as? String == "recognized by … states" && values == [77, 91, 108, 110])

        let csv = try history(["facts", "--all", "laos/*", "--format", "csv"], in: dir.path)
        #expect(csv.status == 0 && csv.stdout.hasPrefix("profile,subject,unit,kind,last_updated,commit,event,correction,value,text\n"))
        #expect(csv.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("laos/") })
    }

    @Test func badArgumentsAndUnknownProfilesHaveTheirExitCodes() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let unknown = try history(["facts", "atlantis/mine-ban-policy"], in: dir.path)
        #expect(unknown.status == 65 && unknown.stderr.hasPrefix("history: no profile atlantis/mine-ban-policy"))
        let badDate = try history(["facts", "kosovo/cluster-munition-ban-policy", "--from", "2016-13"], in: dir.path)
        #expect(badDate.status == 64 && badDate.stderr == "history: --from '2016-13' is not a real date: use YYYY-MM-DD, YYYY-MM or YYYY with a real calendar date, e.g. 2016-07-05\n")
        let nothing = try history(["facts"], in: dir.path)
        #expect(nothing.status == 64)
        let quiet = try history(["facts", "--all", "--subject", "no such subject"], in: dir.path)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr == "no facts match\n")
    }
}

/// `history search` through the binary.
@Suite struct SearchCommandTests {
    @Test func jsonIsOneHistorySearchDocumentAndABadExpressionIsAUsageError() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let run = try history(["search", "recognized by", "--format", "json"], in: dir.path)
        #expect(run.status == 0 && run.stderr.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "history.search.v1" && document["regex"] as? Bool == false)
        let matches = try #require(document["matches"] as? [[String: Any]])
        #expect(matches.count >= 2 && matches.allSatisfy { $0["profile"] as? String == "kosovo/cluster-munition-ban-policy" })
        let bad = try history(["search", "--regex", "(["], in: dir.path)
        #expect(bad.status == 64 && bad.stderr.hasPrefix("history: --regex '([' is not a regular expression"))
        let none = try history(["search", "no profile says this"], in: dir.path)
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr == "no statement says that\n")
        let unknown = try history(["search", "x", "atlantis/mine-ban-policy"], in: dir.path)
        #expect(unknown.status == 65)
    }
}

/// `history reindex`: the derived indexes put back by a writer; reads never write them.
@Suite struct ReindexCommandTests {
    @Test func readsWriteNoIndexAndReindexPutsBothBack() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let cache = dir.path + "/.history/history-cache"
        let before = try history(["facts", "--all", "--format", "csv"], in: dir.path)
        #expect(FileManager.default.fileExists(atPath: cache + "/semantic/kosovo/cluster-munition-ban-policy"))
        try FileManager.default.removeItem(atPath: cache)
        let derived = try history(["facts", "--all", "--format", "csv"], in: dir.path)
        let search = try history(["search", "110 states"], in: dir.path)
        #expect(derived.status == 0 && derived.stdout == before.stdout && search.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cache))
        let rebuilt = try history(["reindex"], in: dir.path)
        #expect(rebuilt.status == 0 && rebuilt.stderr.hasPrefix("rebuilt the event and semantic indexes"))
        #expect(FileManager.default.fileExists(atPath: cache + "/events"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: cache + "/semantic").filter { $0.contains("/") }.count == 8)
        #expect(try history(["facts", "--all", "--format", "csv"], in: dir.path).stdout == before.stdout)
        let nowhere = try history(["reindex", "--repo", dir.path + "/nothing-here"], in: dir.path)
        #expect(nowhere.status == 74 && nowhere.stderr.hasPrefix("history: "))
    }
}

/// `history report --profile GLOB`: a consumer's report holds only the profiles it subscribed to.
@Suite struct FilteredReportTests {
    @Test func aReportKeepsTheProfilesItsGlobsMatch() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let run = try history(["report", "--since", "2000", "--profile", "laos/*", "--profile", "*/mine-ban-policy", "--format", "json"], in: dir.path)
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let profiles = Set(((document["profiles"] as? [[String: Any]]) ?? []).compactMap { $0["profile"] as? String })
        #expect(profiles == ["laos/cluster-munition-ban-policy", "laos/mine-ban-policy", "colombia/mine-ban-policy",
                             "kosovo/mine-ban-policy", "lebanon/mine-ban-policy"])
        let nothing = try history(["report", "--since", "2000", "--profile", "atlantis/*"], in: dir.path)
        #expect(nothing.status == 0 && nothing.stdout.isEmpty)
    }
}
