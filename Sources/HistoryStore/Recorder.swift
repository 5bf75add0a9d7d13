import Foundation
import Git
import HistoryModel
import ProfileModel

/// What recording one text did.
public enum RecordOutcome: Hashable, Sendable {
    case recorded(commit: CommitID, event: RecordEvent)
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

    var path: String { HistoryRepository.path(of: profile, date: date) }
}

/// Where a recorded event's objects go, and the tree they are decided against. Two kinds: loose objects
/// written through libgit2 on top of a commit's tree (`LooseObjects`, one `history import` file or a POST),
/// and a bulk import's tree held in memory with every object in its own packfiles (`BulkObjects`).
protocol ObjectSink {
    /// The blob at a path of the current tree.
    func existing(atPath path: String) throws(GitError) -> OID?
    /// A profile's revision dates in the current tree.
    func dates(of profile: ProfileID) throws(GitError) -> [EffectiveDate]
    /// Writes a text and sets it at `path`; returns the new root tree.
    mutating func store(text: [UInt8], blob: OID, atPath path: String, profile: ProfileID) throws(GitError) -> OID
    func writeCommit(_ bytes: [UInt8]) throws(GitError) -> OID
}

/// Records revisions: decides each text's event against the tree it lands on, builds its commit (one
/// builder, `Identity.commitBytes`) and writes it through a sink. The same rule for both sinks.
public struct Recorder {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// Records one revision as one commit, deciding its event against the current tip. Objects are written
    /// first and published by a compare-and-swap of main; a lost race is retried on the new tip, so two
    /// writers never lose or duplicate a revision, and a failure leaves main where it was.
    public func record(_ submission: Submission, by identity: Identity) throws(HistoryError) -> RecordOutcome {
        try store.ensureWritable()
        let repository = store.repository
        do {
            return try HistoryRepository.retryingLostRaces { _ in
                let parent = try repository.reference(HistoryRepository.mainRef)
                var sink = try LooseObjects(repository: repository, parent: parent)
                let prepared = try Self.prepareEvent(submission, on: parent, into: &sink, by: identity)
                guard case .recorded(let commit, let event) = prepared else { return prepared.outcome }
                try store.publish(HistoryRepository.mainRef, to: commit, expecting: parent,
                                  message: "history: \(event.rawValue) \(submission.profile) \(submission.date)")
                var row = EventIndex.Appender()
                row.append(prepared.row(commit: commit, event: event, submission: submission, identity: identity))
                EventIndex.update(base: parent, tip: commit, new: row, repository: repository)
                SemanticIndex.update([submission.profile], tip: commit, repository: repository)
                return prepared.outcome
            }
        } catch let error as GitError where error.isLocked {
            throw .repository(what: "\(HistoryRepository.mainRef) stayed locked by another writer (\(store.path)/\(HistoryRepository.mainRef).lock)",
                              fix: "wait for the other import to finish; if none is running, remove that .lock file")
        } catch let error as GitError {
            throw store.wrapWrite(error, "record \(submission.profile) \(submission.date)")
        } catch {
            throw HistoryRepository.translated(error, "record \(submission.profile) \(submission.date)")
        }
    }

    /// What preparing one event gave: a commit to publish, or nothing to write.
    enum Prepared {
        case recorded(commit: OID, event: RecordEvent)
        case left(RecordOutcome)

        var outcome: RecordOutcome {
            switch self {
            case .recorded(let commit, let event): .recorded(commit: CommitID(commit), event: event)
            case .left(let outcome): outcome
            }
        }

        func row(commit: OID, event: RecordEvent, submission: Submission, identity: Identity) -> EventIndex.Row {
            let signature = identity.signature
            return EventIndex.Row(
                commit: commit, time: signature.time, offsetMinutes: signature.offsetMinutes,
                authorName: ObjectFormat.trimmed(signature.name), authorEmail: ObjectFormat.trimmed(signature.email),
                trailers: RecordTrailers(profile: submission.profile, lastUpdated: submission.date, event: event,
                                         source: submission.source, sourceSHA256: submission.sourceSHA256))
        }
    }

    /// Writes the blob, trees and commit that record `submission` on top of `parent`, deciding its event
    /// against the sink's tree; moves no ref.
    static func prepareEvent<Sink: ObjectSink>(_ submission: Submission, on parent: OID?, into sink: inout Sink,
                                               by identity: Identity) throws(GitError) -> Prepared {
        let path = submission.path
        let bytes = Array(submission.text.utf8)
        let blob = ObjectFormat.id(of: .blob, bytes)
        let event: RecordEvent
        if let existing = try sink.existing(atPath: path) {
            if existing == blob { return .left(.unchanged) }
            if submission.onlyIfDateIsNew { return .left(.superseded) }
            event = .correction
        } else {
            event = try sink.dates(of: submission.profile).last.map { $0 > submission.date } == true ? .backfill : .revision
        }
        let tree = try sink.store(text: bytes, blob: blob, atPath: path, profile: submission.profile)
        let message = RecordTrailers(profile: submission.profile, lastUpdated: submission.date, event: event,
                                     source: submission.source, sourceSHA256: submission.sourceSHA256).message
        let commit = try sink.writeCommit(try identity.commitBytes(tree: tree, parent: parent, message: message))
        return .recorded(commit: commit, event: event)
    }
}

/// Objects written one by one through libgit2, on top of one commit's tree.
struct LooseObjects: ObjectSink {
    let repository: Repository
    let base: OID?

    init(repository: Repository, parent: OID?) throws(GitError) {
        self.repository = repository
        base = try parent.map { (id) throws(GitError) in try repository.commit(id).treeID }
    }

    func existing(atPath path: String) throws(GitError) -> OID? {
        try base.flatMap { (tree) throws(GitError) in try repository.entry(atPath: path, inTree: tree)?.id }
    }

    func dates(of profile: ProfileID) throws(GitError) -> [EffectiveDate] {
        try base.map { (tree) throws(GitError) in try Snapshot.dates(of: profile, inTree: tree, in: repository) } ?? []
    }

    func store(text: [UInt8], blob: OID, atPath path: String, profile: ProfileID) throws(GitError) -> OID {
        let written = try repository.writeBlob(text)
        return try repository.updateTree(base, [.upsertBlob(path: path, id: written)])
    }

    func writeCommit(_ bytes: [UInt8]) throws(GitError) -> OID {
        try repository.writeObject(.commit, bytes)
    }
}

/// A bulk import's objects: the tree held in memory (`StagedTree`), texts in one packfile and commits and
/// trees in another, so that reading every commit (the event index) or the newest trees touches only
/// the small second pack.
struct BulkObjects: ObjectSink {
    let stage: StagedTree
    let texts: PackWriter
    let structure: PackWriter

    init(repository: Repository, base: OID?) throws(GitError) {
        stage = try StagedTree(repository: repository, tree: base.map { (id) throws(GitError) in try repository.commit(id).treeID })
        texts = try PackWriter(repository: repository)
        structure = try PackWriter(repository: repository)
    }

    func existing(atPath path: String) throws(GitError) -> OID? {
        try stage.entry(atPath: path)?.id
    }

    func dates(of profile: ProfileID) throws(GitError) -> [EffectiveDate] {
        try stage.entries(inFolder: profile.treePath).compactMap { entry in
            entry.kind == .blob ? EffectiveDate(revisionFile: entry.name) : nil
        }.sorted()
    }

    func store(text: [UInt8], blob: OID, atPath path: String, profile: ProfileID) throws(GitError) -> OID {
        try texts.add(.blob, text, slot: profile.treePath)
        try stage.setBlob(atPath: path, id: blob)
        return try stage.write(into: structure)
    }

    func writeCommit(_ bytes: [UInt8]) throws(GitError) -> OID {
        try structure.add(.commit, bytes)
    }

    /// Publishes the texts first: nothing in the second pack may point at objects not yet on disk.
    func finish() throws(GitError) {
        _ = try texts.finish()
        _ = try structure.finish()
    }
}
