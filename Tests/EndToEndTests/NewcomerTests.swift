import Foundation
import Testing
import TestSupport

/// What a newcomer types: short options, `log -n`, globs over profiles, `show --format json`.
@Suite struct NewcomerTests {
    let kosovo = "kosovo/cluster-munition-ban-policy"

    @Test func shortOptionsMeanTheirLongOnes() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let long = try history(["diff", kosovo, "--from", "2014-08", "--to", "2016", "--format", "json", "--repo", ".history"], in: dir.path)
        let short = try history(["diff", kosovo, "-f", "2014-08", "-t", "2016", "-F", "json", "-R", ".history"], in: dir.path)
        #expect(long.status == 0 && !long.stdout.isEmpty)
        #expect(short.stdout == long.stdout && short.status == long.status)
        #expect(try history(["profiles", "-R", ".history", "-F", "json"], in: dir.path).stdout
                == history(["profiles", "--repo", ".history", "--format", "json"], in: dir.path).stdout)
    }

    @Test func logMaxCountKeepsTheNewest() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let all = try history(["log"], in: dir.path).stdout.split(separator: "\n")
        #expect(all.count == 31)
        let three = try history(["log", "-n", "3"], in: dir.path).stdout.split(separator: "\n")
        #expect(three.map { $0.prefix(12) } == all.prefix(3).map { $0.prefix(12) })
        #expect(try history(["log", "--max-count", "1", kosovo], in: dir.path).stdout.split(separator: "\n").count == 1)
        #expect(try history(["log", "-n", "0"], in: dir.path).stdout.isEmpty)
        #expect(try history(["log", "-n", "-1"], in: dir.path).status == 64)
    }

    @Test func globsChooseProfilesForLogAndProfiles() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let mine = try history(["profiles", "*/mine-ban-policy"], in: dir.path)
        #expect(mine.status == 0)
        #expect(mine.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
                == ["colombia/mine-ban-policy", "kosovo/mine-ban-policy", "laos/mine-ban-policy", "lebanon/mine-ban-policy"])
        let both = try history(["profiles", "laos/*", kosovo], in: dir.path)
        #expect(both.stdout.split(separator: "\n").count == 3)

        let log = try history(["log", "laos/*", "-F", "json"], in: dir.path)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])["entries"] as? [[String: Any]]
        #expect(entries?.count == 8)
        #expect(Set(entries?.compactMap { $0["profile"] as? String } ?? []) == ["laos/mine-ban-policy", "laos/cluster-munition-ban-policy"])
        let two = try history(["log", kosovo, "laos/mine-ban-policy"], in: dir.path)
        #expect(two.stdout.split(separator: "\n").count == 8)

        // A name that matches nothing recorded is said, not answered with silence.
        let nothing = try history(["log", "kosvo/*"], in: dir.path)
        #expect(nothing.status == 65 && nothing.stderr.contains("no recorded profile matches 'kosvo/*'"))
        let typo = try history(["profiles", "laos/mine-ban-polcy"], in: dir.path)
        #expect(typo.status == 65 && typo.stderr.contains("did you mean laos/mine-ban-policy?"))
    }

    @Test func showAsJSONCarriesStructureAndTheExactText() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let text = try history(["show", kosovo, "--at", "2015"], in: dir.path).stdout
        let run = try history(["show", kosovo, "--at", "2015", "--format", "json"], in: dir.path)
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "history.show.v1")
        #expect(document["lastUpdated"] as? String == "2014-07-30" && document["at"] as? String == "2015-12-31")
        #expect(document["path"] as? String == "profiles/\(kosovo)/2014-07-30.txt")
        #expect(document["text"] as? String == text)
        #expect(document["title"] as? String == "Kosovo — Cluster Munition Ban Policy")
        let sections = document["sections"] as? [[String: Any]] ?? []
        #expect(sections.first?["heading"] as? String == "Policy")
        #expect(!(document["footnotes"] as? [Any] ?? []).isEmpty)
    }

    /// On a terminal, long output goes through `$HISTORY_PAGER` (else `$PAGER`, else less) with colour
    /// kept; never into a pipe, and not with `--no-pager`/`-P` or a pager of `cat`.
    @Test func aTerminalGetsAPagerAndAPipeDoesNot() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let binary = "'\(historyBinary().path)'"
        func onTerminal(_ environment: String, _ arguments: String) throws -> String {
            let command = "env -u HISTORY_REPO -u NO_COLOR -u PAGER TERM=xterm \(environment) \(binary) \(arguments)"
            return try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: dir.path).output
        }
        let paged = try onTerminal("HISTORY_PAGER='sed s/^/paged:/'", "diff \(kosovo) -f 2014-08 -t 2016")
        #expect(paged.hasPrefix("paged:\u{1B}[1m\(kosovo)"), "\(paged)")
        #expect(paged.contains("\u{1B}[32;4m"), "colour still reaches the terminal through the pager")
        #expect(try onTerminal("PAGER='sed s/^/viaPAGER:/'", "log -n 1").hasPrefix("viaPAGER:"))
        #expect(!(try onTerminal("HISTORY_PAGER='sed s/^/paged:/'", "log -n 1 --no-pager").contains("paged:")))
        #expect(!(try onTerminal("HISTORY_PAGER='sed s/^/paged:/'", "log -n 1 -P").contains("paged:")))
        #expect(!(try onTerminal("HISTORY_PAGER=cat", "log -n 1").isEmpty))
        // Not a terminal: no pager whatever is set.
        let piped = try history(["log", "-n", "1"], in: dir.path, environment: ["HISTORY_PAGER": "sed s/^/paged:/"])
        #expect(piped.status == 0 && !piped.stdout.contains("paged:") && !piped.stdout.isEmpty)
    }
}

/// The README's one step for an interactive shell, proved in one: `bash -i` runs its builtin `history`
/// until `enable -n history`, and then the README's `history profiles` example prints what README shows.
@Suite struct InteractiveShellTests {
    @Test func aReadmeExampleWorksInInteractiveBashAfterTheOneStep() throws {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let example = try #require(try DocExampleTests.examples(in: "README.md").run
            .flatMap(\.commands).first { $0.command == "history profiles" })
        let path = historyBinary().deletingLastPathComponent().path
        func interactive(_ line: String) throws -> String {
            try runProgram("/bin/bash", ["--norc", "--noprofile", "-ic", "export PATH='\(path)':$PATH; unset HISTORY_REPO; \(line)"], in: dir.path).output
        }
        // Without the step, the shell's builtin answers (and the program never runs).
        #expect(try interactive("history profiles").contains("numeric argument required"))
        let after = try interactive("enable -n history; history profiles")
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("bash: ") }
        #expect(DocExampleTests.matches(example.expected[...], after[...]), "\(after)")
    }
}
