import Foundation
import Git
import ProfileModel

/// What `history retract` did.
public struct Retraction: Sendable {
    public let commit: OID
    /// The event withdrawn.
    public let retracted: LogEntry
    /// True when a correction was withdrawn and the text it had replaced is in effect again.
    public let restored: Bool
}

extension HistoryRepository {
    /// Withdraws a mistaken record by appending a `retraction` event: the dated file the event recorded
    /// leaves the tree (for a correction, the text it replaced comes back), so `show` and `diff` no longer
    /// see it, while the event's own commit stays on main for `log`, reports and auditors. Only the text
    /// still in effect can be withdrawn; main moves by compare-and-swap as for every other event.
    public func retract(_ commitText: String, reason: String, by recorder: Recorder) throws(HistoryError) -> Retraction {
        let why = reason.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ").trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw .invalidArgument("--reason is empty", "say why the record is withdrawn, e.g. --reason \"wrong country\"") }
        let entry = try event(named: commitText)
        guard entry.event != .retraction else {
            throw .badInput("\(entry.commit.short) is itself a retraction", "to record that text again, import it again")
        }
        try ensureWritable()
        let path = Self.path(of: entry.profile, date: entry.lastUpdated)
        var attempt = 0
        while true {
            attempt += 1
            do {
                guard let parent = try repository.reference(Self.mainRef) else {
                    throw HistoryError.notFound("nothing is recorded yet", "import revisions first")
                }
                let tipTree = try repository.commit(parent).treeID
                let recorded = try repository.entry(atPath: path, inTree: try repository.commit(entry.commit).treeID)?.id
                let current = try repository.entry(atPath: path, inTree: tipTree)?.id
                guard let recorded, current == recorded else {
                    throw HistoryError.badInput(
                        "the text \(entry.commit.short) recorded for \(entry.profile) \(entry.lastUpdated) is no longer in effect (a later event changed or withdrew it)",
                        "see `history log \(entry.profile)` and retract the event whose text is in effect now")
                }
                var update = TreeUpdate.remove(path: path)
                var restored = false
                if entry.event == .correction, let before = try repository.commit(entry.commit).parentIDs.first,
                   let replaced = try repository.entry(atPath: path, inTree: try repository.commit(before).treeID)?.id {
                    update = .upsertBlob(path: path, id: replaced)
                    restored = true
                }
                let tree = try repository.updateTree(tipTree, [update])
                var trailers = RecordTrailers(profile: entry.profile, lastUpdated: entry.lastUpdated, event: .retraction, source: nil, sourceSHA256: nil)
                trailers.retracts = entry.commit.hex
                trailers.reason = why
                let signature = recorder.signature
                let commit = try repository.createCommit(tree: tree, parents: [parent], author: signature, committer: signature,
                                                         message: trailers.message, sign: recorder.signingKey.map { key in { key.sign($0) } })
                try publish(Self.mainRef, to: commit, expecting: parent, message: "history: retraction of \(entry.commit.short)")
                return Retraction(commit: commit, retracted: entry, restored: restored)
            } catch let error as HistoryError {
                throw error
            } catch let error as GitError where error.isConcurrentUpdate && attempt < Self.maximumAttempts {
                usleep(UInt32.random(in: 1_000...20_000))
            } catch let error as GitError {
                throw wrapWrite(error, "retract \(entry.commit.short)")
            } catch {
                throw .repository("cannot retract \(entry.commit.short): \(error)", "check the repository with `history verify`")
            }
        }
    }
}
