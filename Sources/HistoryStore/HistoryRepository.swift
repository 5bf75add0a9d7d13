import Foundation
import Git
import HistoryModel
import ProfileModel

/// The repository model of DESIGN: one dated file per revision, one commit per recorded event on
/// `refs/heads/main`, which only ever moves forward by compare-and-swap.
///
/// A thin facade: it opens the repository and hands out what works on it — a `Snapshot` for every read
/// (`RevisionReader`, `EventLog`, `Comparer`, `Reporter`, `Blamer`), and the writers (`Recorder`,
/// `Importer`, `Reviews`, `Checkpoints`, `Retractor`) and `Verifier`, each in its own file.
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
            throw .repository(what: "no history repository at \(path)", fix: "create one with `history init --repo \(path)`, or point --repo or HISTORY_REPO at an existing one")
        }
        guard isDirectory.boolValue else {
            throw .repository(what: "\(path) is a file, not a repository", fix: "point --repo or HISTORY_REPO at a repository folder")
        }
        do {
            return HistoryRepository(repository: try Repository(openingAt: path), path: path)
        } catch where error.isOwnedByAnotherUser || Self.ownedByAnotherUser(path) != nil {
            let owner = Self.ownedByAnotherUser(path).map { " (uid \($0))" } ?? ""
            throw .repository(what: "\(path) belongs to another user\(owner), and git refuses to work in it for anyone else",
                              fix: "run history as the user who owns it (e.g. sudo -u), or change its owner")
        } catch {
            throw .repository(what: "\(path) is not a git repository (\(error.message))", fix: "create one with `history init --repo \(path)`, or point --repo at an existing history")
        }
    }

    /// The owner of `path` when it is not this process's user: libgit2 then refuses the repository, and
    /// (with no global config to find `safe.directory` in) says so as "config value not found".
    static func ownedByAnotherUser(_ path: String) -> uid_t? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid != geteuid() else { return nil }
        return info.st_uid
    }

    /// Creates a bare repository with HEAD on `main`. `created` is false when one was already there.
    public static func create(at path: String, bare: Bool = true) throws(HistoryError) -> (repository: HistoryRepository, created: Bool) {
        if let existing = try? Repository(openingAt: path) {
            return (HistoryRepository(repository: existing, path: path), false)
        }
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: path), !contents.isEmpty {
            throw .repository(what: "\(path) exists and is not empty", fix: "choose an empty or new folder for the history")
        }
        do {
            return (HistoryRepository(repository: try Repository.create(at: path, bare: bare), path: path), true)
        } catch {
            throw .repository(what: "cannot create a repository at \(path) (\(error.message))", fix: "check that the folder is writable")
        }
    }

    /// Reads the tip of main once: everything a read answers comes from this one commit, however many
    /// commits writers add meanwhile.
    public func snapshot() throws(HistoryError) -> Snapshot {
        let tip: OID?
        do { tip = try repository.reference(Self.mainRef) } catch { throw Self.wrap(error, "read \(Self.mainRef)") }
        tipReads += 1
        lastSnapshotTip = tip
        return Snapshot(store: self, tip: tip)
    }

    /// How many times this handle has read the tip of main (a snapshot each): what tests count to show
    /// that a command or a request reads it exactly once. Per handle, so counting costs no shared lock.
    public private(set) var tipReads = 0

    /// The tip of main the last snapshot read.
    private(set) var lastSnapshotTip: OID?

    /// The commit (40 hex digits) the last snapshot read as the tip of main: what a server's response was
    /// made from. Nil before any snapshot, or while main has no commit.
    public var servedFrom: String? { lastSnapshotTip?.hex }

    /// The snapshot of an older commit of main (what the repository knew then).
    func snapshot(at commit: OID) -> Snapshot {
        Snapshot(store: self, tip: commit)
    }

    /// Rebuilds the derived indexes for the tip of main: the event index (`history-cache/events`) and every
    /// profile's semantic entry (`history-cache/semantic`). Reads never write them — only writers do, after
    /// they move main — so a deleted, damaged or outdated index is rebuilt here, or by the next write.
    public func rebuildIndexes() throws(HistoryError) {
        try ensureWritable()
        try Self.translating("rebuild the derived indexes") {
            guard let tip = try repository.reference(Self.mainRef) else { return }
            // Walking 50,000 commits fills a handle's object cache (100 MB): a handle of its own, freed after.
            try EventIndex.rebuild(tip: tip, repository: try Repository(openingAt: repository.gitDirectory))
            let profiles = try RevisionReader(snapshot(at: tip)).profiles().map(\.profile)
            SemanticIndex.update(profiles, tip: tip, repository: repository)
        }
    }

    /// Bounds libgit2's object cache and its mapped pack windows for this process (256 MB and 8 GB by
    /// default). For a one-shot command that reads most objects once — a report over every event — they
    /// only fill up: at 50,000 events they were 100 MB of the report's 230 MB, for no gain in time.
    public static func boundObjectCache(megabytes: Int) {
        Repository.setObjectCacheLimit(bytes: megabytes << 20)
    }

    // MARK: Errors

    static func wrap(_ error: GitError, _ doing: String) -> HistoryError {
        .repository(what: "cannot \(doing): \(error.message)", fix: "check the repository with `git fsck`; if another program is writing to it, try again")
    }

    /// The one translation of whatever a store operation throws into a `HistoryError`: ours pass through,
    /// libgit2's become "cannot <doing>: …", anything else says what it was.
    static func translating<T>(_ doing: @autoclosure () -> String, _ body: () throws -> T) throws(HistoryError) -> T {
        do { return try body() } catch { throw translated(error, doing()) }
    }

    static func translated(_ error: any Error, _ doing: String) -> HistoryError {
        switch error {
        case let error as HistoryError: error
        case let error as GitError: wrap(error, doing)
        default: .repository(what: "cannot \(doing): \(error)", fix: "check the repository with `history verify`")
        }
    }

    /// A failed write, said as what it most likely was: a full disk reads as such, not as libgit2's
    /// "target OID doesn't exist" from the step after the one that could not write.
    func wrapWrite(_ error: GitError, _ doing: String) -> HistoryError {
        var info = statvfs()
        if statvfs(repository.gitDirectory, &info) == 0, UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20 {
            return .repository(what: "cannot \(doing): the disk holding \(path) is full (\(error.message))",
                               fix: "free some space and run it again; what was recorded before stays, nothing is half-written")
        }
        if let reason = unwritable() {
            return .repository(what: "cannot \(doing): the repository \(path) cannot be written (\(reason))",
                               fix: "run history as a user who may write it, or point --repo at a writable repository")
        }
        return Self.wrap(error, doing)
    }

    /// Why this process cannot write the object database, or nil when it can (errno read at once).
    private func unwritable() -> String? {
        let objects = (repository.gitDirectory as NSString).appendingPathComponent("objects")
        guard access(objects, W_OK) != 0 else { return nil }
        let code = errno
        return String(cString: strerror(code))
    }

    /// Before a write: a repository this process cannot write, said plainly instead of through libgit2's
    /// first failing call.
    func ensureWritable() throws(HistoryError) {
        guard let reason = unwritable() else { return }
        throw .repository(what: "the repository \(path) cannot be written (\(reason))",
                          fix: "run history as a user who may write it, or point --repo at a writable repository")
    }

    // MARK: Compare-and-swap

    /// How many times a writer re-reads a ref after losing a race before it gives up.
    static let maximumAttempts = 400

    /// Runs one attempt of a compare-and-swap write, and again (after a short random back-off that grows
    /// with the attempts) while it loses the race to another writer; every other error ends it.
    static func retryingLostRaces<T>(_ attempt: (Int) throws -> T) throws -> T {
        var n = 0
        while true {
            n += 1
            do {
                return try attempt(n)
            } catch let error as GitError where error.isConcurrentUpdate && n < maximumAttempts {
                usleep(UInt32.random(in: 1_000...(n < 20 ? 10_000 : 50_000)))
            }
        }
    }

    /// Where a profile's revision of `date` lives in a commit's tree.
    static func path(of profile: ProfileID, date: EffectiveDate) -> String {
        "\(profile.treePath)/\(date).txt"
    }
}

extension EffectiveDate {
    /// The date of a stored revision from its file name, `2016-07-05.txt`; nil for any other name.
    init?(revisionFile name: String) {
        guard name.hasSuffix(".txt"), let date = EffectiveDate(iso: name.dropLast(4)) else { return nil }
        self = date
    }
}

extension CommitID {
    init(_ oid: OID) {
        self.init(trusted: oid.hex)
    }
}

extension OID {
    init(_ id: CommitID) {
        // A CommitID is always 40 hex digits, so the fallback is never taken.
        self = OID(hex: id.hex) ?? OID(bytes: [UInt8](repeating: 0, count: 20))
    }
}
