import Crypto
import Foundation
import HistoryModel

/// The people `history serve` knows, in one JSON file outside `main` (by default `history-users.json` in
/// the git directory, mode 0600; `--users FILE` elsewhere). A token is shown once, when its person is
/// added; the file keeps only a random salt and SHA-256(salt ‖ token) — the tokens are 256 random bits,
/// so a fast hash is as strong as a slow one. Revoked people stay listed, marked, so their names are
/// never reused for someone else's commits by accident.
public struct Users: Sendable {
    public let path: String

    public struct Entry: Codable, Hashable, Sendable {
        public var name: String
        public var role: String
        public var email: String?
        public var salt: String
        public var hash: String
        public var created: String
        public var revoked: String?

        public var account: Account? {
            Role(rawValue: role).map { Account(name: name, role: $0, email: email) }
        }
    }

    struct File: Codable {
        var schema = "history.users.v1"
        var users: [Entry] = []
    }

    public init(path: String) { self.path = path }

    /// The default place: in the git directory of the repository, never on `main`.
    public static func defaultPath(for store: HistoryRepository) -> String {
        (store.repository.gitDirectory as NSString).appendingPathComponent("history-users.json")
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func entries() throws(HistoryError) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            if !exists { return [] }
            throw .repository(what: "cannot read the users file \(path)", fix: "check its permissions")
        }
        do {
            return try JSONDecoder().decode(File.self, from: data).users
        } catch {
            throw .badInput(what: "the users file \(path) is not a history.users.v1 document", fix: "restore it from a backup, or move it away and add the people again")
        }
    }

    /// Adds a person and returns their token — the only time it exists outside their hands.
    public func add(_ account: Account, at time: Timestamp) throws(HistoryError) -> String {
        guard Account.isValidName(account.name) else {
            throw .invalidArgument(what: "user name '\(account.name)'", fix: "use 1 to 64 lower-case letters, digits, dots, hyphens or underscores")
        }
        if let email = account.email, email.isEmpty || !Person.writable(email) || email.unicodeScalars.contains(where: \.properties.isWhitespace) {
            throw .invalidArgument(what: "--email '\(email)'", fix: "give a plain address such as ada@example.org")
        }
        let token = "hst_" + Self.randomHex(32)
        let salt = Self.randomHex(16)
        try update { (users: inout [Entry]) throws(HistoryError) in
            if users.contains(where: { $0.name == account.name }) {
                throw .invalidArgument(what: "there is already a user named \(account.name)", fix: "pick another name (revoked names are kept so they are never reused)")
            }
            users.append(Entry(name: account.name, role: account.role.rawValue, email: account.email, salt: salt,
                               hash: Self.hash(token, salt: salt), created: time.description, revoked: nil))
        }
        return token
    }

    public func revoke(_ name: String, at time: Timestamp) throws(HistoryError) {
        try update { (users: inout [Entry]) throws(HistoryError) in
            guard let index = users.firstIndex(where: { $0.name == name }) else {
                let names = users.map(\.name)
                let guess = Spelling.suggestion(for: name, among: names).map { "did you mean \($0)? " } ?? ""
                throw .notFound(what: "no user named \(name)", fix: guess + "`history users list` lists them")
            }
            if users[index].revoked == nil { users[index].revoked = time.description }
        }
    }

    /// The person a token belongs to, unless it was revoked. Every entry is compared, in constant time.
    public static func authenticate(_ token: String, in entries: [Entry]) -> Account? {
        var found: Account?
        for entry in entries {
            if constantTimeEqual(hash(token, salt: entry.salt), entry.hash), entry.revoked == nil { found = entry.account }
        }
        return found
    }

    static func hash(_ token: String, salt: String) -> String {
        SHA256.hash(data: Array((salt + token).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `bytes` random bytes from the system's generator, as hex: tokens, salts, session CSRF tokens.
    public static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference: UInt8 = x.count == y.count ? 0 : 1
        for i in 0..<max(x.count, y.count) { difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
        return difference == 0 && !y.isEmpty
    }

    /// Read, change and write the file whole, under a lock beside it, readable by its owner only.
    private func update(_ change: (inout [Entry]) throws(HistoryError) -> Void) throws(HistoryError) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let lock = try FileLock(path: path + ".lock", timeout: 10) { held in
            .busy(what: "another `history users` command holds \(held)", fix: "try again in a moment")
        }
        defer { _ = lock }
        var users = try entries()
        try change(&users)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(File(users: users)) else {
            throw .repository(what: "cannot encode the users file", fix: "report this")
        }
        try AtomicFile.write(bytes: Array(data) + [0x0A], to: path)
        chmod(path, 0o600)
    }
}
