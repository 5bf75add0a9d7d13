import Foundation
import Git
import HistoryModel
import ProfileModel

/// What an import did, file by file.
public struct ImportResult: Sendable {
    public struct Recorded: Sendable {
        public let path: String
        public let profile: ProfileID
        public let date: EffectiveDate
        public let event: RecordEvent
        public let commit: CommitID
    }
    public var recorded: [Recorded] = []
    public var unchanged = 0
    public var superseded = 0
    public var problems: [ImportPlan.Problem] = []
}

/// Records every item of an import plan, in order, one commit per event: a few files through `Recorder`
/// one by one, many through a bulk import of their own packfiles.
public struct Importer {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// Imports this large write packfiles of their own (see `runBulkImport`).
    static let bulkThreshold = 64
    /// Files are read and validated this many at a time, on all cores.
    static let batchSize = 500

    /// Records every item of a plan in order, one commit per event. Files are read and validated a batch
    /// at a time on all cores; refused ones go to `problem` (and the result) and the rest are recorded.
    /// `progress` hears (done, total, path).
    /// `bulk` chooses the packed path explicitly (nil: for imports of `bulkThreshold` items or more).
    /// `dryRun` decides every event exactly as a real import would (on the bulk path, whose objects stay in a
    /// temporary pack that is then deleted) and moves nothing.
    public func run(
        _ plan: ImportPlan, by identity: Identity, bulk: Bool? = nil, dryRun: Bool = false,
        progress: (Int, Int, String) -> Void = { _, _, _ in }, problem: (ImportPlan.Problem) -> Void = { _ in }
    ) throws(HistoryError) -> ImportResult {
        if !dryRun && !plan.items.isEmpty { try store.ensureWritable() }
        if dryRun || bulk ?? (plan.items.count >= Self.bulkThreshold) {
            return try runBulkImport(plan, by: identity, dryRun: dryRun, progress: progress, problem: problem)
        }
        var result = ImportResult(problems: plan.problems)
        var done = 0
        let recorder = Recorder(store)
        try forEachValidated(plan, problem: { result.problems.append($0); problem($0) }) { (item, submission) throws(HistoryError) in
            progress(done, plan.items.count, item.path)
            done += 1
            tally(try recorder.record(submission, by: identity), item, submission, into: &result)
        }
        progress(plan.items.count, plan.items.count, "")
        return result
    }

    /// Reads and validates the plan's files a batch at a time on all cores, and hands over the good ones in order.
    private func forEachValidated<Failure: Error>(_ plan: ImportPlan, problem: (ImportPlan.Problem) -> Void,
                                                  _ body: (ImportPlan.Item, Submission) throws(Failure) -> Void) throws(Failure) {
        // Topics this repository and this import know: a text whose title names another of them than its
        // folder's is refused (unless --force), the mistake being a file dropped into the wrong folder.
        var topics = Set(plan.items.map(\.profile.topic))
        if !plan.options.force, let known = try? RevisionReader(store.snapshot()).profiles() { topics.formUnion(known.map(\.profile.topic)) }
        var start = 0
        while start < plan.items.count {
            let chunk = Array(plan.items[start..<min(start + Self.batchSize, plan.items.count)])
            start += chunk.count
            for (item, validated) in zip(chunk, parallelMap(chunk) { $0.validated() }) {
                switch validated {
                case .success(let submission):
                    if !plan.options.force, let mismatch = submission.topicMismatch(among: topics) {
                        problem(ImportPlan.Problem(path: item.path, message: mismatch))
                    } else {
                        try body(item, submission)
                    }
                case .failure(let refused): problem(refused)
                }
            }
        }
    }

    private func tally(_ outcome: RecordOutcome, _ item: ImportPlan.Item, _ submission: Submission, into result: inout ImportResult) {
        switch outcome {
        case .recorded(let commit, let event):
            result.recorded.append(.init(path: item.path, profile: submission.profile, date: submission.date, event: event, commit: commit))
        case .unchanged: result.unchanged += 1
        case .superseded: result.superseded += 1
        }
    }

    /// Builds every commit of the import one on top of the other, the way `git fast-import` does: trees are
    /// changed in memory and every new object goes into packfiles of our own (`BulkObjects`), each file and
    /// folder as a delta against its previous version. Once the pack and its index are on disk, main moves once, by
    /// compare-and-swap: one commit per event as always, objects on disk before any ref points at them, and
    /// main untouched if anything fails. If another writer moved main meanwhile, the import is built again
    /// on the new tip (the first pack's objects are then just unreferenced).
    private func runBulkImport(_ plan: ImportPlan, by identity: Identity, dryRun: Bool, progress: (Int, Int, String) -> Void,
                               problem: (ImportPlan.Problem) -> Void) throws(HistoryError) -> ImportResult {
        let repository = store.repository
        do {
            let result = try HistoryRepository.retryingLostRaces { attempt in
                var result = ImportResult(problems: plan.problems)
                var done = 0
                let base = try repository.reference(HistoryRepository.mainRef)
                var sink = try BulkObjects(repository: repository, base: base)
                var tip = base
                var rows = EventIndex.Appender()
                try forEachValidated(plan, problem: { refused in
                    result.problems.append(refused)
                    if attempt == 1 { problem(refused) }
                }) { (item, submission) throws(GitError) in
                    progress(done, plan.items.count, item.path)
                    done += 1
                    let prepared = try Recorder.prepareEvent(submission, on: tip, into: &sink, by: identity)
                    if case .recorded(let commit, let event) = prepared {
                        tip = commit
                        rows.append(prepared.row(commit: commit, event: event, submission: submission, identity: identity))
                    }
                    tally(prepared.outcome, item, submission, into: &result)
                }
                if let tip, tip != base, !dryRun {
                    try sink.finish()
                    try store.publish(HistoryRepository.mainRef, to: tip, expecting: base,
                                      message: "history: import of \(result.recorded.count) revisions")
                    // What `log` would otherwise read back from 50,000 commits the first time.
                    EventIndex.update(base: base, tip: tip, new: rows, repository: repository)
                }
                progress(plan.items.count, plan.items.count, "")
                return result
            }
            // What `facts` and `search` would otherwise parse and follow on every read, derived once the
            // import's own objects are released (main has moved: the revisions are recorded either way).
            if !dryRun, let tip = result.recorded.last?.commit {
                SemanticIndex.update(Set(result.recorded.map(\.profile)).sorted(), tip: OID(tip), repository: repository)
            }
            return result
        } catch let error as GitError {
            throw store.wrapWrite(error, "import into \(store.path)")
        } catch {
            throw HistoryRepository.translated(error, "import into \(store.path)")
        }
    }
}
