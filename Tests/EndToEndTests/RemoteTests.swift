import Foundation
import Testing
import TestSupport

/// `history remote`, `pull` and `push` between real repositories in temporary folders, through libgit2's
/// local transport and git's own protocol (`git daemon`).
@Suite struct RemoteTests {
    /// Three repositories side by side: a central `origin` and two offices, `a` and `b`.
    struct Offices {
        let dir: TemporaryDirectory
        var root: String { dir.path }

        init(originURL: ((String) -> String)? = nil) throws {
            dir = try TemporaryDirectory()
            for name in ["origin", "a", "b"] { #expect(try history(["init", "--repo", name], in: dir.path).status == 0) }
            let url = originURL?(dir.path + "/origin") ?? dir.path + "/origin"
            for office in ["a", "b"] { #expect(try run(office, ["remote", "add", "origin", url]).status == 0) }
        }

        @discardableResult
        func run(_ repo: String, _ arguments: [String]) throws -> RunResult {
            let command = arguments[0], rest = Array(arguments.dropFirst())
            if command == "remote" {
                return try history(["remote", rest[0], "--repo", repo] + rest.dropFirst(), in: root)
            }
            return try history([command, "--repo", repo] + rest, in: root)
        }

        func main(_ repo: String) throws -> String {
            try runProgram("/usr/bin/git", ["-C", repo, "rev-parse", "main"], in: root).output.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func subjects(_ repo: String) throws -> [String] {
            try runProgram("/usr/bin/git", ["-C", repo, "log", "--format=%an|%s", "main"], in: root).output
                .split(separator: "\n").map(String.init)
        }

        /// A new revision of Kosovo's cluster munition profile (the 2016 text with a new date and count).
        func revision(_ date: String, states: Int, as name: String) throws -> String {
            let text = try String(contentsOf: packageRoot.appendingPathComponent("Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt"), encoding: .utf8)
                .replacingOccurrences(of: "Last updated: 05 July 2016", with: "Last updated: \(date)")
                .replacingOccurrences(of: "110 states", with: "\(states) states")
            let path = root + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func record(_ repo: String, _ file: String, author: String) throws -> RunResult {
            try run(repo, ["import", file, "--profile", "kosovo/cluster-munition-ban-policy", "--author", author])
        }
    }

    @Test func twoOfficesRecordingIntoOneCentralRepositoryLoseNothing() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try o.run("b", ["pull"]).status == 0)
        #expect(try o.main("b") == o.main("a"))

        #expect(try o.record("a", try o.revision("01 March 2017", states: 111, as: "a.txt"), author: "Office A <a@example.org>").status == 0)
        #expect(try o.record("b", try o.revision("01 April 2017", states: 112, as: "b.txt"), author: "Office B <b@example.org>").status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        let before = try o.main("origin")

        // B's push would overwrite A's: refused whole, with what to do.
        let refused = try o.run("b", ["push"])
        #expect(refused.status == 75, "\(refused.stderr)")
        #expect(refused.stderr.contains("history pull origin"))
        #expect(try o.main("origin") == before)

        // B's unpublished event is recorded again on top of A's, by the same person.
        let pulled = try o.run("b", ["pull"])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(pulled.stderr.contains("1 unpublished event recorded again"))
        #expect(try o.run("b", ["push"]).status == 0)
        #expect(try o.run("a", ["pull"]).status == 0)
        #expect(try o.main("a") == o.main("origin") && o.main("b") == o.main("origin"))
        let subjects = try o.subjects("origin")
        #expect(subjects.count == 33)
        #expect(subjects[0] == "Office B|kosovo/cluster-munition-ban-policy: revision of 2017-04-01")
        #expect(subjects[1] == "Office A|kosovo/cluster-munition-ban-policy: revision of 2017-03-01")
        // What the diff says on the central repository is both offices' changes, in date order.
        let diff = try history(["diff", "kosovo/cluster-munition-ban-policy", "--from", "2016-07-05", "--to", "2017-04-01", "--repo", "origin"], in: o.root)
        #expect(diff.stdout.contains("110") && diff.stdout.contains("112"), "\(diff.stdout)")
    }

    @Test func theSameTextRecordedTwiceIsLeftOutAndADifferentOneBecomesACorrection() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try o.run("b", ["pull"]).status == 0)
        let same = try o.revision("01 March 2017", states: 111, as: "same.txt")
        #expect(try o.record("a", same, author: "Office A <a@example.org>").status == 0)
        #expect(try o.record("b", same, author: "Office B <b@example.org>").status == 0)
        #expect(try o.record("b", try o.revision("01 May 2017", states: 113, as: "may-b.txt"), author: "Office B <b@example.org>").status == 0)
        #expect(try o.record("a", try o.revision("01 May 2017", states: 114, as: "may-a.txt"), author: "Office A <a@example.org>").status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        let pulled = try o.run("b", ["pull"])
        #expect(pulled.stderr.contains("1 unpublished event recorded again") && pulled.stderr.contains("1 left out"), "\(pulled.stderr)")
        #expect(try o.subjects("b").first == "Office B|kosovo/cluster-munition-ban-policy: correction of 2017-05-01")
    }

    @Test func aRewrittenRemoteIsRefusedWithBothCommitsAndNothingMoves() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try o.run("b", ["pull"]).status == 0)
        let known = try o.main("b")
        _ = try runProgram("/usr/bin/git", ["-C", "origin", "update-ref", "refs/heads/main", "main~3"], in: o.root)
        let rewritten = try o.main("origin")
        let pulled = try o.run("b", ["pull"])
        #expect(pulled.status == 65)
        #expect(pulled.stderr.contains(known) && pulled.stderr.contains(rewritten) && pulled.stderr.contains("rewritten"), "\(pulled.stderr)")
        #expect(pulled.stderr.split(separator: "\n").count == 1)
        #expect(try o.main("b") == known)
        // Nor does a push paper over it.
        #expect(try o.run("b", ["push"]).status == 65)
        #expect(try o.main("origin") == rewritten)
    }

    @Test func checkpointsAndReviewsTravelAndReportsStayExactlyOnce() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try o.run("b", ["pull"]).status == 0)
        let commit = try o.main("a")
        #expect(try o.run("a", ["review", commit, "--verdict", "approved", "--reviewer", "Ana <ana@example.org>", "--note", "checked against the source"]).status == 0)
        #expect(try o.run("b", ["review", commit, "--verdict", "questioned", "--reviewer", "Bo <bo@example.org>", "--note", "which source?"]).status == 0)
        let first = try o.run("a", ["report", "--since-last", "weekly"])
        #expect(first.status == 0 && !first.stdout.isEmpty)
        #expect(try o.run("a", ["push"]).status == 0)
        // B's reviews and A's differ: B must take A's in before publishing its own.
        #expect(try o.run("b", ["push"]).status == 75)
        #expect(try o.run("b", ["pull"]).status == 0)
        #expect(try o.run("b", ["push"]).status == 0)
        #expect(try o.run("a", ["pull"]).status == 0)

        // A third machine that takes over the weekly report repeats nothing A already sent.
        #expect(try history(["init", "--repo", "c"], in: o.root).status == 0)
        #expect(try o.run("c", ["remote", "add", "origin", o.root + "/origin"]).status == 0)
        #expect(try o.run("c", ["pull"]).status == 0)
        let again = try o.run("c", ["report", "--since-last", "weekly"])
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again.stdout)")
        for repo in ["a", "c"] {
            let note = try runProgram("/usr/bin/git", ["-C", repo, "notes", "--ref=reviews", "show", commit], in: o.root).output
            #expect(note.contains("Ana <ana@example.org>") && note.contains("Bo <bo@example.org>"), "\(repo): \(note)")
        }
    }

    @Test func concurrentPushersOfALocalRepositoryLoseNothing() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try o.run("b", ["pull"]).status == 0)
        let script = """
            set -u
            repo=$1; month=$2
            for day in $(seq -w 1 12); do
              sed -e "s/Last updated: 05 July 2016/Last updated: $day $month 2018/" "$3" > "$repo-$day.txt"
              "$4" import --repo "$repo" "$repo-$day.txt" --profile kosovo/cluster-munition-ban-policy >/dev/null 2>&1 || exit 1
              until "$4" push --repo "$repo" 2>/dev/null; do
                [ $? -eq 75 ] || exit 2
                "$4" pull --repo "$repo" 2>/dev/null || exit 3
              done
            done
            """
        let template = packageRoot.appendingPathComponent("Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt").path
        let writers = try [("a", "January"), ("b", "February")].map { repo, month in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script, "writer", repo, month, template, historyBinary().path]
            process.currentDirectoryURL = URL(fileURLWithPath: o.root)
            var environment = ProcessInfo.processInfo.environment
            environment["HISTORY_NOW"] = "2026-11-29T09:00:00Z"
            process.environment = environment
            try process.run()
            return process
        }
        for writer in writers { writer.waitUntilExit(); #expect(writer.terminationStatus == 0) }
        let subjects = try o.subjects("origin")
        #expect(subjects.count == 31 + 24, "\(subjects.count)")
        #expect(Set(subjects).count == subjects.count)
        for month in ["01", "02"] {
            #expect(subjects.filter { $0.contains("of 2018-\(month)-") }.count == 12)
        }
    }

    @Test func overGitsOwnProtocol() throws {
        let port = try freePort()
        let o = try Offices(originURL: { _ in "git://127.0.0.1:\(port)/origin" })
        let daemon = Process()
        // git-daemon itself, not the `git daemon` wrapper: killed outright (a child of the tests may have
        // inherited SIGTERM blocked), and with no grandchild left behind.
        daemon.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
        daemon.arguments = ["--export-all", "--enable=receive-pack", "--base-path=\(o.root)", "--reuseaddr",
                            "--listen=127.0.0.1", "--port=\(port)", o.root]
        try daemon.run()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        for _ in 0..<50 {
            if (try? runProgram("/usr/bin/git", ["ls-remote", "git://127.0.0.1:\(port)/origin"], in: o.root))?.status == 0 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        let pushed = try o.run("a", ["push"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(try o.run("b", ["pull"]).status == 0)
        #expect(try o.main("b") == o.main("a"))
        #expect(try o.record("b", try o.revision("01 March 2017", states: 111, as: "b.txt"), author: "Office B <b@example.org>").status == 0)
        #expect(try o.record("a", try o.revision("01 April 2017", states: 112, as: "a.txt"), author: "Office A <a@example.org>").status == 0)
        #expect(try o.run("b", ["push"]).status == 0)
        #expect(try o.run("a", ["push"]).status == 75)
        #expect(try o.run("a", ["pull"]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try o.subjects("origin").count == 33)
    }

    /// `serve --follow`: a replica pulls in the background and says in every answer which commit it is at.
    @Test func aReplicaFollowsItsOriginWithinAnInterval() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        let replica = historyProcess(["serve", "--repo", "b", "--follow", "origin", "--interval", "1", "--port", "0"], in: o.root)
        let log = o.root + "/replica.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        replica.standardError = handle
        replica.standardOutput = handle
        try replica.run()
        defer { kill(replica.processIdentifier, SIGKILL); replica.waitUntilExit() }
        var port = ""
        for _ in 0..<100 where port.isEmpty {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                port = String(text[range.upperBound...].prefix { $0.isNumber })
            } else {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        /// The commit the replica answers `/api/profiles` from, once it is `expected` (polled for at most 10 s).
        func served(becoming expected: String) throws -> String {
            var last = ""
            for _ in 0..<100 {
                let head = try runProgram("/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(port)/api/profiles"], in: o.root).output
                last = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-history-commit:") }
                    .map { String($0.dropFirst("x-history-commit:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
                if last == expected { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return last
        }
        #expect(try served(becoming: o.main("origin")) == o.main("origin"))
        #expect(try o.record("a", try o.revision("01 March 2017", states: 111, as: "a.txt"), author: "Office A <a@example.org>").status == 0)
        #expect(try o.run("a", ["push"]).status == 0)
        #expect(try served(becoming: o.main("origin")) == o.main("origin"))
        let text = try runProgram("/usr/bin/curl", ["-s", "http://127.0.0.1:\(port)/api/profiles/kosovo/cluster-munition-ban-policy/revisions/2017-03-01"], in: o.root).output
        #expect(text.contains("111 states"))
        // A replica takes no writes.
        let writes = try history(["serve", "--repo", "b", "--follow", "origin", "--token-file", log], in: o.root)
        #expect(writes.status == 64 && writes.stderr.contains("a replica (--follow) serves reads only"), "\(writes.stderr)")
    }

    @Test(arguments: [
        (["remote", "add", "origin", "https://ana:secret@example.org/h.git"], Int32(64), "carries a password"),
        (["remote", "add", "origin", "/tmp/x", "--token-file", "/nonexistent/token"], 64, "--token-file"),
        (["remote", "add", "bad/name", "/tmp/x"], 64, "cannot name a remote"),
        (["pull", "nowhere"], 65, "no remote named nowhere"),
        (["push", "nowhere"], 65, "no remote named nowhere"),
    ])
    func badArgumentsSayWhatToDo(arguments: [String], status: Int32, mentions: String) throws {
        let o = try Offices()
        let result = try o.run("a", arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(mentions) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("secret"))
    }

    @Test func anUnreachableRemoteIs69AndChangesNothing() throws {
        let o = try Offices()
        #expect(try o.run("a", ["import", packageRoot.appendingPathComponent("Repo").path]).status == 0)
        let before = try o.main("a")
        #expect(try o.run("a", ["remote", "add", "gone", "git://127.0.0.1:\(try freePort())/origin"]).status == 0)
        for command in ["pull", "push"] {
            let result = try o.run("a", [command, "gone"])
            #expect(result.status == 69, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("gone"))
        }
        #expect(try o.main("a") == before)
    }
}

/// A loopback port nobody listens on (the kernel's choice, released at once).
func freePort() throws -> Int {
    let result = try runProgram("/usr/bin/env", ["python3", "-c",
        "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"], in: NSTemporaryDirectory())
    return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}
