import Foundation
import Testing
import TestSupport

/// `pull` and `push` over `ssh://` to a real OpenSSH server the test starts on a loopback port, with a key
/// file for the user and the server's host key checked against known_hosts or a pinned fingerprint.
@Suite struct SSHRemoteTests {
    /// sshd (killed at the end), its host key, and a user key it accepts. It runs as the daemon it is, not
    /// in the foreground: sshd closes the descriptors it inherits, and Foundation takes that for the end of
    /// a child it started and then blocks waiting for it, stalling every later process of the tests.
    final class Server {
        let dir: TemporaryDirectory
        let port: Int
        var root: String { dir.path }
        var user: String { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? (geteuid() == 0 ? "root" : NSUserName()) }

        init() throws {
            dir = try TemporaryDirectory()
            for key in ["host", "user", "stranger"] {
                #expect(try runProgram("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.path + "/" + key], in: dir.path).status == 0)
            }
            try FileManager.default.copyItem(atPath: dir.path + "/user.pub", toPath: dir.path + "/authorized_keys")
            port = try freePort()
            try """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(dir.path)/host
                AuthorizedKeysFile \(dir.path)/authorized_keys
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                PermitRootLogin prohibit-password
                PidFile \(dir.path)/sshd.pid
                """.write(toFile: dir.path + "/sshd_config", atomically: true, encoding: .utf8)
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
            let log = dir.path + "/sshd.log"
            #expect(try runProgram("/usr/sbin/sshd", ["-E", log, "-f", dir.path + "/sshd_config"], in: dir.path).status == 0)
            for _ in 0..<100 {
                if (try? String(contentsOfFile: log, encoding: .utf8))?.contains("Server listening") == true { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        deinit {
            if let pid = (try? String(contentsOfFile: dir.path + "/sshd.pid", encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                kill(pid, SIGKILL)
            }
        }

        var fingerprint: String {
            (try? runProgram("/usr/bin/ssh-keygen", ["-lf", dir.path + "/host.pub"], in: dir.path).output
                .split(separator: " ").dropFirst().first.map(String.init)) ?? ""
        }

        func url(_ repo: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(root)/\(repo)" }
    }

    func main(_ repo: String, in dir: String) throws -> String {
        try runProgram("/usr/bin/git", ["-C", repo, "rev-parse", "main"], in: dir).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func pushAndPullOverSSHWithTheHostKeyChecked() throws {
        let server = try Server()
        let root = server.root
        #expect(try history(["init", "--repo", "origin"], in: root).status == 0)
        #expect(try history(["import", "--repo", "origin", packageRoot.appendingPathComponent("Repo").path], in: root).status == 0)
        #expect(try history(["init", "--repo", "office"], in: root).status == 0)
        let home = ["HOME": root + "/home"]
        try FileManager.default.createDirectory(atPath: root + "/home/.ssh", withIntermediateDirectories: true)

        // An unknown host key is refused, with its fingerprint and what to do.
        #expect(try history(["remote", "add", "origin", server.url("origin"), "--repo", "office", "--ssh-key", root + "/user"], in: root).status == 0)
        let unknown = try history(["pull", "--repo", "office"], in: root, environment: home)
        #expect(unknown.status == 69, "\(unknown.stderr)")
        #expect(unknown.stderr.contains(server.fingerprint) && unknown.stderr.contains("known_hosts"), "\(unknown.stderr)")
        #expect(unknown.stderr.split(separator: "\n").count == 1)

        // Known (a hashed known_hosts line, as ssh-keygen -H writes them): pulled, recorded, pushed.
        let scan = try runProgram("/usr/bin/ssh-keyscan", ["-p", "\(server.port)", "127.0.0.1"], in: root).output
        try scan.write(toFile: root + "/home/.ssh/known_hosts", atomically: true, encoding: .utf8)
        #expect(try runProgram("/usr/bin/ssh-keygen", ["-H", "-f", root + "/home/.ssh/known_hosts"], in: root).status == 0)
        let pulled = try history(["pull", "--repo", "office"], in: root, environment: home)
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(try main("office", in: root) == main("origin", in: root))
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt"), encoding: .utf8)
            .replacingOccurrences(of: "Last updated: 05 July 2016", with: "Last updated: 01 March 2017")
        try text.write(toFile: root + "/2017.txt", atomically: true, encoding: .utf8)
        #expect(try history(["import", "--repo", "office", root + "/2017.txt", "--profile", "kosovo/cluster-munition-ban-policy"], in: root).status == 0)
        let pushed = try history(["push", "--repo", "office"], in: root, environment: home)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(try main("origin", in: root) == main("office", in: root))

        // Pinned instead of known_hosts.
        #expect(try history(["remote", "add", "pinned", server.url("origin"), "--repo", "office", "--ssh-key", root + "/user",
                             "--host-key", server.fingerprint], in: root).status == 0)
        #expect(try history(["pull", "pinned", "--repo", "office"], in: root, environment: ["HOME": root + "/nowhere"]).status == 0)

        // A key the server does not know: refused, nothing changed.
        #expect(try history(["remote", "add", "stranger", server.url("origin"), "--repo", "office", "--ssh-key", root + "/stranger"], in: root).status == 0)
        let refused = try history(["pull", "stranger", "--repo", "office"], in: root, environment: home)
        #expect(refused.status == 69 && refused.stderr.contains("credentials"), "\(refused.stderr)")
    }
}

/// `pull` and `push` over `https://` to git's own smart-HTTP program (`git http-backend`) behind a TLS
/// server (`scripts/git-https`) that wants a token, with a certificate the test makes and trusts through
/// SSL_CERT_FILE.
@Suite struct HTTPSRemoteTests {
    @Test func pushAndPullOverHTTPSWithAToken() throws {
        let dir = try TemporaryDirectory()
        let root = dir.path
        #expect(try runProgram("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", root + "/key.pem",
                                                    "-out", root + "/cert.pem", "-days", "2", "-subj", "/CN=localhost",
                                                    "-addext", "subjectAltName=DNS:localhost"], in: root).status == 0)
        try "a-long-random-token-0123456789\n".write(toFile: root + "/token", atomically: true, encoding: .utf8)
        try "not-the-token-0123456789\n".write(toFile: root + "/wrong", atomically: true, encoding: .utf8)
        #expect(try history(["init", "--repo", "origin"], in: root).status == 0)
        #expect(try history(["import", "--repo", "origin", packageRoot.appendingPathComponent("Repo").path], in: root).status == 0)
        let server = try ScriptServer("git-https") { _ in
            ["--root", root, "--cert", root + "/cert.pem", "--key", root + "/key.pem", "--token-file", root + "/token"]
        }
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/origin"
        let trusted = ["SSL_CERT_FILE": root + "/cert.pem"]
        #expect(try history(["init", "--repo", "office"], in: root).status == 0)
        #expect(try history(["remote", "add", "origin", url, "--repo", "office", "--token-file", root + "/token"], in: root).status == 0)

        // A certificate nobody vouches for is refused.
        let untrusted = try history(["pull", "--repo", "office"], in: root, environment: ["SSL_CERT_FILE": ""])
        #expect(untrusted.status == 69 && untrusted.stderr.contains("certificate"), "\(untrusted.stderr)")

        let pulled = try history(["pull", "--repo", "office"], in: root, environment: trusted)
        #expect(pulled.status == 0, "\(pulled.stderr)")
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt"), encoding: .utf8)
            .replacingOccurrences(of: "Last updated: 05 July 2016", with: "Last updated: 01 March 2017")
        try text.write(toFile: root + "/2017.txt", atomically: true, encoding: .utf8)
        #expect(try history(["import", "--repo", "office", root + "/2017.txt", "--profile", "kosovo/cluster-munition-ban-policy"], in: root).status == 0)
        let pushed = try history(["push", "--repo", "office"], in: root, environment: trusted)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let heads = try ["origin", "office"].map {
            try runProgram("/usr/bin/git", ["-C", $0, "rev-parse", "main"], in: root).output
        }
        #expect(heads[0] == heads[1])

        // The wrong token: refused, one line, the token itself never shown.
        #expect(try history(["remote", "add", "wrong", url, "--repo", "office", "--token-file", root + "/wrong"], in: root).status == 0)
        let refused = try history(["pull", "wrong", "--repo", "office"], in: root, environment: trusted)
        #expect(refused.status == 69 && refused.stderr.contains("credentials") && !refused.stderr.contains("not-the-token"), "\(refused.stderr)")
    }
}
