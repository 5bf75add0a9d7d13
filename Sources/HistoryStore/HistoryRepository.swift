import Foundation
import Git
import ProfileModel

/// The repository model of DESIGN: one dated file per revision, one commit per recorded event on
/// `refs/heads/main`, which only ever moves forward by compare-and-swap.
public final class HistoryRepository {
    public static let mainRef = "refs/heads/main"

    public let repository: Repository
    public let path: String

    init(repository: Repository, path: String) {
        self.repository = repository
        self.path = path
    }

    /// Opens an existing history; a missing or foreign folder is a repository error naming `path`.
    public static func open(at path: String) throws(HistoryError) -> HistoryRepository {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .repository("no history repository at \(path)", "create one with `history init --repo \(path)`, or point --repo or HISTORY_REPO at an existing one")
        }
        guard isDirectory.boolValue else {
            throw .repository("\(path) is a file, not a repository", "point --repo or HISTORY_REPO at a repository folder")
        }
        do {
            return HistoryRepository(repository: try Repository(openingAt: path), path: path)
        } catch where error.isOwnedByAnotherUser || Self.ownedByAnotherUser(path) != nil {
            let owner = Self.ownedByAnotherUser(path).map { " (uid \($0))" } ?? ""
            throw .repository("\(path) belongs to another user\(owner), and git refuses to work in it for anyone else",
                              "run history as the user who owns it (e.g. sudo -u), or change its owner")
        } catch {
            throw .repository("\(path) is not a git repository (\(error.message))", "create one with `history init --repo \(path)`, or point --repo at an existing history")
        }
    }

    /// The owner of `path` when it is not this process's user: libgit2 then refuses the repository, and
    /// (with no global config to find `safe.directory` in) says so as "config value not found".
    static func ownedByAnotherUser(_ path: String) -> uid_t? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid != geteuid() else { return nil }
        return info.st_uid
    }

    /// Before a write: a repository this process cannot write, said plainly instead of through libgit2's
    /// first failing call.
    func ensureWritable() throws(HistoryError) {
        let objects = (repository.gitDirectory as NSString).appendingPathComponent("objects")
        guard access(objects, W_OK) != 0 else { return }
        let reason = String(cString: strerror(errno))
        throw .repository("the repository \(path) cannot be written (\(reason))",
                          "run history as a user who may write it, or point --repo at a writable repository")
    }

    /// Creates a bare repository with HEAD on `main`. Returns nil in `created` when one was already there.
    public static func create(at path: String, bare: Bool = true) throws(HistoryError) -> (repository: HistoryRepository, created: Bool) {
        if let existing = try? Repository(openingAt: path) {
            return (HistoryRepository(repository: existing, path: path), false)
        }
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: path), !contents.isEmpty {
            throw .repository("\(path) exists and is not empty", "choose an empty or new folder for the history")
        }
        do {
            return (HistoryRepository(repository: try Repository.create(at: path, bare: bare), path: path), true)
        } catch {
            throw .repository("cannot create a repository at \(path) (\(error.message))", "check that the folder is writable")
        }
    }

    /// The newest commit on main, or nil before anything was recorded.
    public func tip() throws(HistoryError) -> OID? {
        do { return try repository.reference(Self.mainRef) } catch { throw Self.wrap(error, "read \(Self.mainRef)") }
    }

    static func wrap(_ error: GitError, _ doing: String) -> HistoryError {
        .repository("cannot \(doing): \(error.message)", "check the repository with `git fsck`; if another program is writing to it, try again")
    }

    /// A failed write, said as what it most likely was: a full disk reads as such, not as libgit2's
    /// "target OID doesn't exist" from the step after the one that could not write.
    func wrapWrite(_ error: GitError, _ doing: String) -> HistoryError {
        var info = statvfs()
        if statvfs(repository.gitDirectory, &info) == 0, UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20 {
            return .repository("cannot \(doing): the disk holding \(path) is full (\(error.message))",
                               "free some space and run it again; what was recorded before stays, nothing is half-written")
        }
        if access((repository.gitDirectory as NSString).appendingPathComponent("objects"), W_OK) != 0 {
            let reason = String(cString: strerror(errno))
            return .repository("cannot \(doing): the repository \(path) cannot be written (\(reason))",
                               "run history as a user who may write it, or point --repo at a writable repository")
        }
        return Self.wrap(error, doing)
    }

    static func path(of profile: ProfileID, date: EffectiveDate) -> String {
        "\(profile.treePath)/\(date).txt"
    }
}

/// What recording one text did.
public enum RecordOutcome: Hashable, Sendable {
    case recorded(commit: OID, event: RecordEvent)
    /// The same text was already recorded for that profile and date: nothing written.
    case unchanged
    /// A first-published text whose date the profile already has: a later correction supersedes it.
    case superseded
}

/// One text to record.
public struct Submission: Sendable {
    public var profile: ProfileID
    public var date: EffectiveDate
    /// Canonical text (`ProfileText.normalize`).
    public var text: String
    public var source: String?
    public var sourceSHA256: String?
    /// Record only when the profile has no revision of this date yet (a text later corrected).
    public var onlyIfDateIsNew: Bool

    public init(profile: ProfileID, date: EffectiveDate, text: String, source: String? = nil,
                sourceSHA256: String? = nil, onlyIfDateIsNew: Bool = false) {
        self.profile = profile
        self.date = date
        self.text = text
        self.source = source.map { $0.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
        self.sourceSHA256 = sourceSHA256
        self.onlyIfDateIsNew = onlyIfDateIsNew
    }
}

extension HistoryRepository {
    /// How many times to re-read the tip after losing a race, and how long to sleep at most between tries.
    static let maximumAttempts = 400

    /// Records one revision as one commit, deciding its event against the current tip. Objects are written
    /// first and published by a compare-and-swap of main; a lost race is retried on the new tip, so two
    /// writers never lose or duplicate a revision, and a failure leaves main where it was.
    public func record(_ submission: Submission, by recorder: Recorder) throws(HistoryError) -> RecordOutcome {
        try ensureWritable()
        var attempt = 0
        while true {
            attempt += 1
            do {
                let parent = try repository.reference(Self.mainRef)
                let prepared = try Self.prepareEvent(submission, on: parent, in: repository, by: recorder)
                guard case .recorded(let commit, let event) = prepared else { return prepared }
                try publish(Self.mainRef, to: commit, expecting: parent,
                                               message: "history: \(event.rawValue) \(submission.profile) \(submission.date)")
                return prepared
            } catch where error.isConcurrentUpdate && attempt < Self.maximumAttempts {
                // Another writer moved main (or holds its lock): back off a little, then rebuild on the new tip.
                usleep(UInt32.random(in: 1_000...(attempt < 20 ? 10_000 : 50_000)))
            } catch where error.isLocked {
                throw .repository("\(Self.mainRef) stayed locked by another writer (\(self.path)/\(Self.mainRef).lock)",
                                  "wait for the other import to finish; if none is running, remove that .lock file")
            } catch {
                throw wrapWrite(error, "record \(submission.profile) \(submission.date)")
            }
        }
    }

    /// Writes the blob, trees and commit that record `submission` on top of `parent`, deciding its event
    /// against the parent's tree; moves no ref. `.unchanged` / `.superseded` when there is nothing to record.
    static func prepareEvent(_ submission: Submission, on parent: OID?, in repository: Repository,
                             by recorder: Recorder) throws(GitError) -> RecordOutcome {
        let path = Self.path(of: submission.profile, date: submission.date)
        let baseTree = try parent.map { (id) throws(GitError) in try repository.commit(id).treeID }
        let existing = try baseTree.flatMap { (tree) throws(GitError) in try repository.entry(atPath: path, inTree: tree) }
        let blob = try repository.writeBlob(Array(submission.text.utf8))
        let event: RecordEvent
        switch try decide(submission, blob: blob, existing: existing?.id, newest: { () throws(GitError) in
            try baseTree.flatMap { (tree) throws(GitError) in try dates(of: submission.profile, inTree: tree, in: repository).last }
        }) {
        case .left(let outcome): return outcome
        case .record(let decided): event = decided
        }
        let tree = try repository.updateTree(baseTree, [.upsertBlob(path: path, id: blob)])
        let signature = recorder.signature
        let commit = try repository.createCommit(tree: tree, parents: parent.map { [$0] } ?? [],
                                                 author: signature, committer: signature, message: message(submission, event),
                                                 sign: recorder.signingKey.map { key in { key.sign($0) } })
        return .recorded(commit: commit, event: event)
    }

    enum Decision {
        case record(RecordEvent)
        /// Nothing to write.
        case left(RecordOutcome)
    }

    /// The event a text makes, given what the profile already holds at its date (`existing`) and the newest
    /// date it holds at all — the one rule both the commit-by-commit and the bulk path follow.
    static func decide(_ submission: Submission, blob: OID, existing: OID?,
                       newest: () throws(GitError) -> EffectiveDate?) throws(GitError) -> Decision {
        if let existing {
            if existing == blob { return .left(.unchanged) }
            if submission.onlyIfDateIsNew { return .left(.superseded) }
            return .record(.correction)
        }
        return .record(try newest().map { $0 > submission.date } == true ? .backfill : .revision)
    }

    static func message(_ submission: Submission, _ event: RecordEvent) -> String {
        RecordTrailers(profile: submission.profile, lastUpdated: submission.date, event: event,
                       source: submission.source, sourceSHA256: submission.sourceSHA256).message
    }

    /// The newest dated revision of a profile in a tree.
    func newestDate(of profile: ProfileID, inTree tree: OID) throws(GitError) -> EffectiveDate? {
        try dates(of: profile, inTree: tree).last
    }

    /// A profile's revision dates in a tree, oldest first; empty when the profile is not there.
    func dates(of profile: ProfileID, inTree tree: OID) throws(GitError) -> [EffectiveDate] {
        try Self.dates(of: profile, inTree: tree, in: repository)
    }

    static func dates(of profile: ProfileID, inTree tree: OID, in repository: Repository) throws(GitError) -> [EffectiveDate] {
        guard let folder = try repository.entry(atPath: profile.treePath, inTree: tree), folder.kind == .tree else { return [] }
        return try repository.treeEntries(folder.id).compactMap { entry in
            guard entry.kind == .blob, entry.name.hasSuffix(".txt") else { return nil }
            return EffectiveDate(iso: entry.name.dropLast(4))
        }.sorted()
    }
}
