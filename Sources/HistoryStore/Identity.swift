import Foundation
import Git
import HistoryModel

/// Who records, and when. Passed in explicitly so that nothing reads the wall clock or user config by itself.
public struct Identity: Sendable {
    public var person: Person
    /// When: seconds since the epoch and the recorder's UTC offset.
    public var time: Timestamp
    /// Signs each recorded commit (git's SSH signature format) when set.
    public var signingKey: SSHSigningKey?
    /// When the commit joins main, if later than `time` (the committer's date, as git rebase keeps the
    /// author's): an event recorded on one machine and replayed on top of another's main by `pull`.
    public var committedAt: Timestamp?

    /// The identity used when nobody says who records: a service, not a person.
    public static let service = Person(name: "history", email: "history@localhost")

    public init(_ person: Person = Identity.service, at time: Timestamp, signingKey: SSHSigningKey? = nil) {
        self.person = person
        self.time = time
        self.signingKey = signingKey
    }

    var signature: Signature {
        Signature(name: person.name, email: person.email, time: time.seconds, offsetMinutes: time.offsetMinutes)
    }

    /// The commit that records `message` on `tree` after `parent`, as bytes (signed when a key is set): the
    /// one place both write paths — loose objects through libgit2, and a bulk import's own packs — build it.
    func commitBytes(tree: OID, parent: OID?, message: String) throws(GitError) -> [UInt8] {
        // What libgit2 refuses in a signature, refused here too: it would break the commit's header.
        guard Person.writable(person.name), Person.writable(person.email),
              !ObjectFormat.trimmed(person.name).isEmpty, !ObjectFormat.trimmed(person.email).isEmpty else {
            throw GitError.invalid("the name or email '\(person)' cannot be written into a commit", "signature")
        }
        let committer = committedAt.map { Signature(name: person.name, email: person.email, time: $0.seconds, offsetMinutes: $0.offsetMinutes) }
        let commit = ObjectFormat.commit(tree: tree, parents: parent.map { [$0] } ?? [], author: signature, committer: committer ?? signature,
                                         message: message)
        guard let key = signingKey else { return commit }
        guard let signed = key.sign(commit).flatMap({ ObjectFormat.signed(commit, signature: $0) }) else {
            throw GitError.invalid("the commit could not be signed", "sign commit")
        }
        return signed
    }
}
