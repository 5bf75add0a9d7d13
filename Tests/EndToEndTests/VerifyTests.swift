import Foundation
import Testing
import TestSupport

/// `history verify` catches each way a history can be damaged, and signed imports pass git's own check.
@Suite(.serialized) struct VerifyTests {
    func recordedRepo(_ extra: [String] = []) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        _ = try copyOfRepo(into: dir)
        #expect(try history(["init"], in: dir.path).status == 0)
        let imported = try history(["import", "Repo"] + extra, in: dir.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        return dir
    }

    func git(_ dir: TemporaryDirectory, _ arguments: [String]) throws -> String {
        let run = try runProgram("/usr/bin/env", ["GIT_AUTHOR_NAME=Mallory", "GIT_AUTHOR_EMAIL=m@example.org", "GIT_COMMITTER_NAME=Mallory",
                                                  "GIT_COMMITTER_EMAIL=m@example.org", "GIT_DIR=\(dir.path)/.history", "git"] + arguments, in: dir.path)
        #expect(run.status == 0, "git \(arguments): \(run.output)")
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A commit on top of main whose tree adds `files` (path → text) and whose message is `message`.
    func forge(_ dir: TemporaryDirectory, files: [String: String], message: String) throws {
        let index = dir.path + "/forged-index"
        try runProgram("/usr/bin/env", ["GIT_DIR=\(dir.path)/.history", "GIT_INDEX_FILE=\(index)", "git", "read-tree", "main"], in: dir.path)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            try text.write(toFile: dir.path + "/forged-blob", atomically: true, encoding: .utf8)
            let blob = try git(dir, ["hash-object", "-w", "forged-blob"])
            try runProgram("/usr/bin/env", ["GIT_DIR=\(dir.path)/.history", "GIT_INDEX_FILE=\(index)", "git", "update-index", "--add",
                                            "--cacheinfo", "100644,\(blob),\(path)"], in: dir.path)
        }
        let tree = try runProgram("/usr/bin/env", ["GIT_DIR=\(dir.path)/.history", "GIT_INDEX_FILE=\(index)", "git", "write-tree"], in: dir.path)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try git(dir, ["commit-tree", tree, "-p", "main", "-m", message])
        _ = try git(dir, ["update-ref", "refs/heads/main", commit])
    }

    func verify(_ dir: TemporaryDirectory, _ extra: [String] = []) throws -> RunResult {
        try history(["verify"] + extra, in: dir.path)
    }

    @Test func anIntactHistoryVerifies() throws {
        let dir = try recordedRepo()
        // An anchor may be given as `history log` prints it (12 digits) or any prefix of 7 or more.
        let anchor = try git(dir, ["rev-parse", "main~10"])
        let run = try verify(dir, ["--anchor", anchor, "--anchor", String(anchor.prefix(12)), "--anchor", String(anchor.prefix(7)).uppercased()])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("verified: 31 commits") && run.stderr.contains("31 sources hashed") && run.stderr.contains("no problems"))
    }

    @Test func aCorruptObjectIsCaught() throws {
        let dir = try recordedRepo()
        // Replace one stored text's loose object with another object's bytes: its hash no longer matches its name.
        let blob = try git(dir, ["rev-parse", "main:profiles/kosovo/cluster-munition-ban-policy/2016-07-05.txt"])
        let other = try git(dir, ["rev-parse", "main:profiles/laos/mine-ban-policy/2019-11-25.txt"])
        let path = { (id: String) in "\(dir.path)/.history/objects/\(id.prefix(2))/\(id.dropFirst(2))" }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path(blob))
        try FileManager.default.removeItem(atPath: path(blob))
        try FileManager.default.copyItem(atPath: path(other), toPath: path(blob))
        let run = try verify(dir)
        #expect(run.status == 65)
        #expect(run.stdout.contains(blob), "\(run.stdout)")
        #expect(run.stderr.contains("problem"))
    }

    @Test func rewrittenHistoryFailsTheAnchorAndTheCheckpoints() throws {
        let dir = try recordedRepo()
        _ = try history(["report", "--since-last", "nightly"], in: dir.path)
        let reported = try git(dir, ["rev-parse", "main"])
        // Rewrite: drop the last event and put a different one in its place.
        _ = try git(dir, ["update-ref", "refs/heads/main", try git(dir, ["rev-parse", "main~1"])])
        try forge(dir, files: ["profiles/kosovo/cluster-munition-ban-policy/2017-01-01.txt": "Kosovo\nLast updated: 1 January 2017\n\nRewritten.\n"],
                  message: "kosovo/cluster-munition-ban-policy: revision of 2017-01-01\n\nProfile: kosovo/cluster-munition-ban-policy\nLast-Updated: 2017-01-01\nEvent: revision\n")
        let run = try verify(dir, ["--anchor", reported])
        #expect(run.status == 65)
        #expect(run.stdout.contains("anchor \(reported) is not an ancestor of refs/heads/main: history was rewritten"))
        #expect(run.stdout.contains("refs/history/reports/nightly points at \(reported)"))
        let unknown = try verify(dir, ["--anchor", String(repeating: "ab", count: 20)])
        #expect(unknown.stdout.contains("is not in the repository"))
        let short = try verify(dir, ["--anchor", String(reported.prefix(12))])
        #expect(short.status == 65)
        #expect(short.stdout.contains("no commit on refs/heads/main begins with it: history was rewritten"), "\(short.stdout)")
        let tooShort = try verify(dir, ["--anchor", String(reported.prefix(6))])
        #expect(tooShort.stdout.contains("give 7 to 40 of its hex digits"), "\(tooShort.stdout)")
    }

    @Test func aCommitTouchingTwoProfilesIsCaught() throws {
        let dir = try recordedRepo()
        try forge(dir, files: [
            "profiles/kosovo/cluster-munition-ban-policy/2017-01-01.txt": "Kosovo\nLast updated: 1 January 2017\n\nA.\n",
            "profiles/laos/mine-ban-policy/2020-01-01.txt": "Laos\nLast updated: 1 January 2020\n\nB.\n",
        ], message: "kosovo/cluster-munition-ban-policy: revision of 2017-01-01\n\nProfile: kosovo/cluster-munition-ban-policy\nLast-Updated: 2017-01-01\nEvent: revision\n")
        let run = try verify(dir)
        #expect(run.status == 65)
        #expect(run.stdout.contains("changes 2 profiles (profiles/kosovo/cluster-munition-ban-policy, profiles/laos/mine-ban-policy)"), "\(run.stdout)")
    }

    @Test func forgedTrailersAreCaught() throws {
        let dir = try recordedRepo()
        // A silent correction dressed up as a new revision.
        let path = "profiles/kosovo/cluster-munition-ban-policy/2016-07-05.txt"
        let original = try git(dir, ["show", "main:\(path)"]) + "\n"
        try forge(dir, files: [path: original.replacingOccurrences(of: "110 states", with: "120 states")],
                  message: "kosovo/cluster-munition-ban-policy: revision of 2016-07-05\n\nProfile: kosovo/cluster-munition-ban-policy\nLast-Updated: 2016-07-05\nEvent: revision\n")
        // A trailer naming another profile than the file it adds, with a bad Source-SHA256.
        try forge(dir, files: ["profiles/laos/mine-ban-policy/2020-01-01.txt": "Laos\nLast updated: 1 January 2020\n\nB.\n"],
                  message: "kosovo/mine-ban-policy: revision of 2020-01-01\n\nProfile: kosovo/mine-ban-policy\nLast-Updated: 2020-01-01\nEvent: revision\nSource: x.txt\nSource-SHA256: 1234\n")
        // A date that does not exist.
        try forge(dir, files: ["profiles/laos/mine-ban-policy/2021-02-30.txt": "Laos\n\nC.\n"],
                  message: "laos/mine-ban-policy: revision of 2021-02-30\n\nProfile: laos/mine-ban-policy\nLast-Updated: 2021-02-30\nEvent: revision\n")
        let run = try verify(dir)
        #expect(run.status == 65)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("Event: revision, but the change is a correction") }, "\(run.stdout)")
        #expect(lines.contains { $0.contains("changes profiles/laos/mine-ban-policy/2020-01-01.txt but its trailers say profiles/kosovo/mine-ban-policy/2020-01-01.txt") })
        #expect(lines.contains { $0.contains("no Profile/Last-Updated/Event trailers") }, "an impossible Last-Updated date is no trailer at all")
        #expect(lines.contains { $0.contains("2021-02-30.txt is not named after a real date") })
    }

    @Test func signedImportsPassGitAndHistoryAndTamperingIsCaught() throws {
        let dir = try TemporaryDirectory()
        _ = try copyOfRepo(into: dir)
        for name in ["ada", "eve"] {
            let keygen = try runProgram("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@example.org", "-f", name], in: dir.path)
            #expect(keygen.status == 0, "\(keygen.output)")
        }
        let ada = try String(contentsOfFile: dir.path + "/ada.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "ada@example.org namespaces=\"git\" \(ada)\n".write(toFile: dir.path + "/allowed", atomically: true, encoding: .utf8)
        #expect(try history(["init"], in: dir.path).status == 0)
        let signed = try history(["import", "Repo", "--sign-key", "ada", "--author", "Ada <ada@example.org>"], in: dir.path)
        #expect(signed.status == 0, "\(signed.stderr)")

        // git's own check accepts every signature.
        let gitCheck = try runGit(["-c", "gpg.ssh.allowedSignersFile=\(dir.path)/allowed", "verify-commit", "main", "main~15", "main~30"],
                                  in: dir.path + "/.history")
        #expect(gitCheck.status == 0, "\(gitCheck.output)")
        #expect(gitCheck.output.contains("Good \"git\" signature for ada@example.org"))
        let good = try verify(dir, ["--allowed-signers", "allowed"])
        #expect(good.status == 0 && good.stderr.contains("31 signatures checked"), "\(good.stdout)")

        // A commit signed by a key the allowed list does not have, and an unsigned one.
        let later = dir.path + "/later/kosovo/cluster-munition-ban-policy"
        try FileManager.default.createDirectory(atPath: later, withIntermediateDirectories: true)
        try "Kosovo\nLast updated: 1 March 2017\n\nNew.\n".write(toFile: later + "/2017-03-01.txt", atomically: true, encoding: .utf8)
        try "Kosovo\nLast updated: 1 April 2017\n\nNewer.\n".write(toFile: later + "/2017-04-01.txt", atomically: true, encoding: .utf8)
        #expect(try history(["import", "later/kosovo/cluster-munition-ban-policy/2017-03-01.txt", "--sign-key", "eve"], in: dir.path).status == 0)
        #expect(try history(["import", "later/kosovo/cluster-munition-ban-policy/2017-04-01.txt"], in: dir.path).status == 0)
        let mixed = try verify(dir, ["--allowed-signers", "allowed"])
        #expect(mixed.status == 65)
        #expect(mixed.stdout.contains("a key not in"), "\(mixed.stdout)")
        #expect(mixed.stdout.contains(": unsigned"))

        // Tampering: the same signed commit with its message changed keeps a signature that no longer verifies.
        let tip = try git(dir, ["rev-parse", "main~2"])
        let raw = try git(dir, ["cat-file", "commit", tip]) + "\n"
        try (raw + "Edited after signing.\n").write(toFile: dir.path + "/tampered", atomically: true, encoding: .utf8)
        let tampered = try git(dir, ["hash-object", "-t", "commit", "-w", "tampered"])
        _ = try git(dir, ["update-ref", "refs/heads/main", tampered])
        let bad = try verify(dir, ["--allowed-signers", "allowed"])
        #expect(bad.stdout.contains("commit \(tampered.prefix(12)): BAD signature"), "\(bad.stdout)")

        let notAKey = try history(["import", "Repo", "--sign-key", "allowed"], in: dir.path)
        #expect(notAKey.status == 64 && notAKey.stderr.contains("--sign-key allowed: not an OpenSSH private key"))
    }
}
