import Foundation
import Testing
import TestSupport

/// `history users`: a token shown once, only a salted hash kept, and the one-line errors.
@Suite struct UsersCommandTests {
    @Test func aTokenIsPrintedOnceAndOnlyItsSaltedHashIsKept() throws {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        let added = try history(["users", "add", "ada", "--role", "reviewer"], in: dir.path)
        #expect(added.status == 0)
        let token = added.stdout.trimmingCharacters(in: .newlines)
        #expect(token.range(of: #"^hst_[0-9a-f]{64}$"#, options: .regularExpression) != nil, "\(added.stdout)")
        #expect(added.stderr.contains("shown only now"))
        let file = dir.path + "/.history/history-users.json"
        let stored = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!stored.contains(token) && !stored.contains(String(token.dropFirst(4))) && stored.contains("\"hash\""))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Outside main: the repository's history does not change.
        #expect(try runGit(["rev-parse", "--verify", "-q", "main"], in: dir.path + "/.history").status != 0)

        let list = try history(["users", "list"], in: dir.path)
        #expect(list.stdout == "ada  reviewer  added 2026-11-29T09:00:00Z\n")
        #expect(try history(["users", "revoke", "ada"], in: dir.path).status == 0)
        #expect(try history(["users", "list"], in: dir.path).stdout.contains("revoked 2026-11-29T09:00:00Z"))

        for (arguments, status, message) in [
            (["users", "add", "ada"], Int32(64), "there is already a user named ada"),
            (["users", "add", "Bob"], 64, "user name 'Bob'"),
            (["users", "add", "bob", "--role", "boss"], 64, "use one of 'reader', 'recorder', 'reviewer' or 'admin'"),
            (["users", "revoke", "adaa"], 65, "did you mean ada?"),
        ] {
            let run = try history(arguments, in: dir.path)
            #expect(run.status == status && run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        // --users FILE keeps the people elsewhere.
        #expect(try history(["users", "add", "cy", "--users", dir.path + "/people.json"], in: dir.path).status == 0)
        #expect(try history(["users", "list", "--users", dir.path + "/people.json"], in: dir.path).stdout.hasPrefix("cy  reader"))
    }
}
