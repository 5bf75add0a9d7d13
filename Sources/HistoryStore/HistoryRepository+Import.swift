import Foundation
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
    public func runImport(
        _ plan: ImportPlan, by recorder: Recorder, bulk: Bool? = nil, dryRun: Bool = false,
        progress: (Int, Int, String) -> Void = { _, _, _ in }, problem: (ImportPlan.Problem) -> Void = { _ in }
    ) throws(HistoryError) -> ImportResult {
        if !dryRun && !plan.items.isEmpty { try ensureWritable() }
        if dryRun || bulk ?? (plan.items.count >= Self.bulkThreshold) {
            return try runBulkImport(plan, by: recorder, dryRun: dryRun, progress: progress, problem: problem)
        }
        var result = ImportResult(problems: plan.problems)
        var done = 0
        try forEachValidated(plan, problem: { result.problems.append($0); problem($0) }) { (item, submission) throws(HistoryError) in
            progress(done, plan.items.count, item.path)
            done += 1
            tally(try record(submission, by: recorder), item, submission, into: &result)
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
        if !plan.options.force, let known = try? profiles() { topics.formUnion(known.map(\.profile.topic)) }
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
    /// changed in memory and every new object goes into packfiles of our own (`BulkPacks`), each file and
    /// folder as a delta against its previous version. Once the pack and its index are on disk, main moves once, by
    /// compare-and-swap: one commit per event as always, objects on disk before any ref points at them, and
    /// main untouched if anything fails. If another writer moved main meanwhile, the import is built again
    /// on the new tip (the first pack's objects are then just unreferenced).
    private func runBulkImport(_ plan: ImportPlan, by recorder: Recorder, dryRun: Bool, progress: (Int, Int, String) -> Void,
                               problem: (ImportPlan.Problem) -> Void) throws(HistoryError) -> ImportResult {
        var attempt = 0
        while true {
            attempt += 1
            var result = ImportResult(problems: plan.problems)
            var done = 0
            do {
                let base = try repository.reference(Self.mainRef)
                let pack = try BulkPacks(repository: repository)
                let stage = try StagedTree(repository: repository, tree: base.map { (id) throws(GitError) in try repository.commit(id).treeID })
                var tip = base
                var rows = EventIndex.Appender()
                let signature = recorder.signature
                try forEachValidated(plan, problem: { refused in
                    result.problems.append(refused)
                    if attempt == 1 { problem(refused) }
                }) { (item, submission) throws(GitError) in
                    progress(done, plan.items.count, item.path)
                    done += 1
                    let outcome = try Self.prepareEvent(submission, on: tip, stage: stage, pack: pack, by: recorder)
                    if case .recorded(let commit, let event) = outcome {
                        tip = commit
                        rows.append(.init(
                            commit: commit, time: signature.time, offsetMinutes: signature.offsetMinutes,
                            authorName: ObjectFormat.trimmed(signature.name), authorEmail: ObjectFormat.trimmed(signature.email),
                            trailers: RecordTrailers(profile: submission.profile, lastUpdated: submission.date, event: event,
                                                     source: submission.source, sourceSHA256: submission.sourceSHA256)))
                    }
                    tally(outcome, item, submission, into: &result)
                }
                if let tip, tip != base, !dryRun {
                    try pack.finish()
                    try publish(Self.mainRef, to: tip, expecting: base,
                                                   message: "history: import of \(result.recorded.count) revisions")
                    // What `log` would otherwise read back from 50,000 commits the first time.
                    EventIndex.extend(base: base, tip: tip, new: rows, repository: repository)
                }
            } catch where error.isConcurrentUpdate && attempt < Self.maximumAttempts {
                usleep(UInt32.random(in: 1_000...50_000))
                continue
            } catch {
                throw wrapWrite(error, "import into \(path)")
            }
            progress(plan.items.count, plan.items.count, "")
            return result
        }
    }

    /// `prepareEvent` for a bulk import: the same decision, with the tree held in memory and every object
    /// written to the import's pack.
    static func prepareEvent(_ submission: Submission, on parent: OID?, stage: StagedTree, pack: BulkPacks,
                             by recorder: Recorder) throws(GitError) -> RecordOutcome {
        let path = Self.path(of: submission.profile, date: submission.date)
        let bytes = Array(submission.text.utf8)
        let blob = ObjectFormat.id(of: .blob, bytes)
        let event: RecordEvent
        switch try decide(submission, blob: blob, existing: try stage.entry(atPath: path)?.id, newest: { () throws(GitError) in
            try stage.entries(inFolder: submission.profile.treePath).compactMap { entry in
                entry.kind == .blob && entry.name.hasSuffix(".txt") ? EffectiveDate(iso: entry.name.dropLast(4)) : nil
            }.max()
        }) {
        case .left(let outcome): return outcome
        case .record(let decided): event = decided
        }
        try pack.texts.add(.blob, bytes, slot: submission.profile.treePath)
        try stage.setBlob(atPath: path, id: blob)
        let tree = try stage.write(into: pack.structure)
        let signature = recorder.signature
        var commit = ObjectFormat.commit(tree: tree, parents: parent.map { [$0] } ?? [], author: signature, committer: signature,
                                         message: message(submission, event))
        if let key = recorder.signingKey {
            guard let signed = key.sign(commit).flatMap({ ObjectFormat.signed(commit, signature: $0) }) else {
                throw GitError.invalid("the commit could not be signed", "sign commit")
            }
            commit = signed
        }
        return .recorded(commit: try pack.structure.add(.commit, commit), event: event)
    }
}

/// A bulk import's two packfiles: the texts in one, commits and trees in the other. Reading every commit
/// (the event index) or the newest trees (`profiles`) then touches only the small second pack, not the
/// texts interleaved with them.
final class BulkPacks {
    let texts: PackWriter
    let structure: PackWriter

    init(repository: Repository) throws(GitError) {
        texts = try PackWriter(repository: repository)
        structure = try PackWriter(repository: repository)
    }

    /// Publishes the texts first: nothing in the second pack may point at objects not yet on disk.
    func finish() throws(GitError) {
        _ = try texts.finish()
        _ = try structure.finish()
    }
}
