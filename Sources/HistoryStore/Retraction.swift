import Foundation
import Git
import HistoryModel
import ProfileModel

/// What `history retract` did.
public struct Retraction: Sendable {
    public let commit: CommitID
    /// The event withdrawn.
    public let retracted: LogEntry
    /// True when a correction was withdrawn and the text it had replaced is in effect again.
    public let restored: Bool
}

/// Withdraws mistaken records (`history retract`).
public struct Retractor {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// Withdraws a mistaken record by appending a `retraction` event: the dated file the event recorded
    /// leaves the tree (for a correction, the text it replaced comes back), so `show` and `diff` no longer
    /// see it, while the event's own commit stays on main for `log`, reports and auditors. Only the text
    /// still in effect can be withdrawn; main moves by compare-and-swap as for every other event.
    public func retract(_ commitText: String, reason: String, by identity: Identity) throws(HistoryError) -> Retraction {
        let why = reason.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ").trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw .invalidArgument(what: "--reason is empty", fix: "say why the record is withdrawn, e.g. --reason \"wrong country\"") }
        let entry = try EventLog(store.snapshot()).event(named: commitText)
        guard entry.event != .retraction else {
            throw .badInput(what: "\(entry.commit.short) is itself a retraction", fix: "to record that text again, import it again")
        }
        try store.ensureWritable()
        let path = HistoryRepository.path(of: entry.profile, date: entry.lastUpdated)
        let repository = store.repository
        let retracted = OID(entry.commit)
        do {
            return try HistoryRepository.retryingLostRaces { _ in
                guard let parent = try repository.reference(HistoryRepository.mainRef) else {
                    throw HistoryError.notFound(what: "nothing is recorded yet", fix: "import revisions first")
                }
                let tipTree = try repository.commit(parent).treeID
                let recorded = try repository.entry(atPath: path, inTree: try repository.commit(retracted).treeID)?.id
                let current = try repository.entry(atPath: path, inTree: tipTree)?.id
                guard let recorded, current == recorded else {
                    throw HistoryError.badInput(what: "the text \(entry.commit.short) recorded for \(entry.profile) \(entry.lastUpdated) is no longer in effect (a later event changed or withdrew it)",
                        fix: "see `history log \(entry.profile)` and retract the event whose text is in effect now")
                }
                var update = TreeUpdate.remove(path: path)
                var restored = false
                if entry.event == .correction, let before = try repository.commit(retracted).parentIDs.first,
                   let replaced = try repository.entry(atPath: path, inTree: try repository.commit(before).treeID)?.id {
                    update = .upsertBlob(path: path, id: replaced)
                    restored = true
                }
                let tree = try repository.updateTree(tipTree, [update])
                var trailers = RecordTrailers(profile: entry.profile, lastUpdated: entry.lastUpdated, event: .retraction, source: nil, sourceSHA256: nil)
                trailers.retracts = entry.commit.hex
                trailers.reason = why
                let commit = try repository.writeObject(.commit, try identity.commitBytes(tree: tree, parent: parent, message: trailers.message))
                try store.publish(HistoryRepository.mainRef, to: commit, expecting: parent, message: "history: retraction of \(entry.commit.short)")
                var row = EventIndex.Appender()
                let signature = identity.signature
                row.append(EventIndex.Row(commit: commit, time: signature.time, offsetMinutes: signature.offsetMinutes,
                                          authorName: ObjectFormat.trimmed(signature.name), authorEmail: ObjectFormat.trimmed(signature.email),
                                          trailers: trailers))
                EventIndex.update(base: parent, tip: commit, new: row, repository: repository)
                SemanticIndex.update([entry.profile], tip: commit, repository: repository)
                return Retraction(commit: CommitID(commit), retracted: entry, restored: restored)
            }
        } catch let error as GitError {
            throw store.wrapWrite(error, "retract \(entry.commit.short)")
        } catch {
            throw HistoryRepository.translated(error, "retract \(entry.commit.short)")
        }
    }
}
