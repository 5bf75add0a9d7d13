import Git
import ProfileModel

/// What an import did, file by file.
public struct ImportResult: Sendable {
    public struct Recorded: Sendable {
        public let path: String
        public let profile: ProfileID
        public let date: EffectiveDate
        public let event: RecordEvent
        public let commit: OID
    }
    public var recorded: [Recorded] = []
    public var unchanged = 0
    public var superseded = 0
    public var problems: [ImportPlan.Problem] = []
}

extension HistoryRepository {
    /// Imports this large write their objects as packfiles, a batch at a time (see `recordBatch`).
    static let bulkThreshold = 64
    static let batchSize = 500

    /// Records every item of a plan in order, one commit per event. Files are read and validated a batch
    /// at a time on all cores; refused ones go to `problem` (and the result) and the rest are recorded.
    /// `progress` hears (done, total, path).
    /// `bulk` chooses the packed path explicitly (nil: for imports of `bulkThreshold` items or more).
    public func runImport(
        _ plan: ImportPlan, by recorder: Recorder, bulk: Bool? = nil, progress: (Int, Int, String) -> Void = { _, _, _ in },
        problem: (ImportPlan.Problem) -> Void = { _ in }
    ) throws(HistoryError) -> ImportResult {
        var result = ImportResult(problems: plan.problems)
        let packedWrites = bulk ?? (plan.items.count >= Self.bulkThreshold)
        var done = 0
        var start = 0
        while start < plan.items.count {
            let chunk = Array(plan.items[start..<min(start + Self.batchSize, plan.items.count)])
            start += chunk.count
            var batch: [(item: ImportPlan.Item, submission: Submission)] = []
            for (item, validated) in zip(chunk, parallelMap(chunk) { $0.validated() }) {
                switch validated {
                case .success(let submission): batch.append((item, submission))
                case .failure(let refused):
                    result.problems.append(refused)
                    problem(refused)
                }
            }
            if packedWrites {
                // A fresh handle per batch: libgit2 keeps caches for every pack a handle has read, and a long
                // import writes a pack per batch, so one handle for all of them grew by ~5 KB per commit.
                let packed: PackedWrites
                do { packed = try PackedWrites(gitDirectory: repository.gitDirectory) } catch {
                    throw Self.wrap(error, "open \(path) for a bulk import")
                }
                try recordBatch(batch, packed: packed, by: recorder, into: &result) { progress(done, plan.items.count, $0); done += 1 }
            } else {
                for (item, submission) in batch {
                    progress(done, plan.items.count, item.path)
                    done += 1
                    tally(try record(submission, by: recorder), item, submission, into: &result)
                }
            }
            done += chunk.count - batch.count
        }
        progress(plan.items.count, plan.items.count, "")
        return result
    }

    private func tally(_ outcome: RecordOutcome, _ item: ImportPlan.Item, _ submission: Submission, into result: inout ImportResult) {
        switch outcome {
        case .recorded(let commit, let event):
            result.recorded.append(.init(path: item.path, profile: submission.profile, date: submission.date, event: event, commit: commit))
        case .unchanged: result.unchanged += 1
        case .superseded: result.superseded += 1
        }
    }

    /// Builds a batch of commits one on top of the other in memory, writes their objects as one packfile,
    /// then moves main once by compare-and-swap: one commit per event as always, objects on disk before any
    /// ref points at them, and main untouched if anything fails. If another writer moved main meanwhile,
    /// the batch is recorded again commit by commit on the new tip (its first objects are just unreferenced).
    private func recordBatch(_ batch: [(item: ImportPlan.Item, submission: Submission)], packed: PackedWrites,
                             by recorder: Recorder, into result: inout ImportResult, progress: (String) -> Void) throws(HistoryError) {
        guard !batch.isEmpty else { return }
        var local = ImportResult()
        let base: OID?
        do {
            base = try packed.repository.reference(Self.mainRef)
            var tip = base
            for (item, submission) in batch {
                progress(item.path)
                let outcome = try Self.prepareEvent(submission, on: tip, in: packed.repository, by: recorder)
                if case .recorded(let commit, _) = outcome { tip = commit }
                tally(outcome, item, submission, into: &local)
            }
            if let tip, tip != base { try packed.flush(tip: tip, base: base) } else { try packed.discard() }
            if let tip, tip != base {
                // Through the batch's own handle: checking that the new tip exists opens its pack, and the
                // long-lived handle would keep every pack of the import mapped.
                try packed.repository.updateReference(Self.mainRef, to: tip, expecting: base, message: "history: import of \(local.recorded.count) revisions")
            }
        } catch where error.isConcurrentUpdate {
            for (item, submission) in batch { tally(try record(submission, by: recorder), item, submission, into: &result) }
            return
        } catch {
            throw Self.wrap(error, "record a batch of \(batch.count) revisions")
        }
        result.recorded += local.recorded
        result.unchanged += local.unchanged
        result.superseded += local.superseded
    }
}
