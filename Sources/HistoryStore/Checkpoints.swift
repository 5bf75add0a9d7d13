import Git
import HistoryModel

/// Report checkpoints, `refs/history/reports/<name>`: a report is written first and its checkpoint moved
/// after, by compare-and-swap, so a crash re-reports rather than skips. One report of a name runs at a time.
public struct Checkpoints {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// The names of the report checkpoints that exist (`--since-last` names), sorted.
    public func names() throws(HistoryError) -> [String] {
        let prefix = "refs/history/reports/"
        do {
            return try store.repository.references(matching: prefix + "*").map { String($0.name.dropFirst(prefix.count)) }.sorted()
        } catch {
            throw HistoryRepository.wrap(error, "list the report checkpoints")
        }
    }

    /// Holds the report lock of `checkpoint` for as long as the returned value lives.
    public func lock(_ checkpoint: Checkpoint, timeout: Double) throws(HistoryError) -> FileLock {
        try FileLock(gitDirectory: store.repository.gitDirectory, name: "report-\(checkpoint.name)", timeout: timeout) { path in
            .busy(what: "another `history report --since-last \(checkpoint.name)` is still running (it holds \(path))",
                  fix: "let it finish; this run reported nothing and moved nothing, so simply run it again later")
        }
    }

    /// Moves the checkpoint to the tip the report was made from, only if it is still where the report
    /// found it (compare-and-swap): call it after the report has been completely written.
    public func move(_ move: ReportRun.CheckpointMove) throws(HistoryError) {
        let reference = move.checkpoint.reference
        do {
            try store.publish(reference, to: move.next, expecting: move.previous,
                              message: "history report --since-last \(move.checkpoint.name)")
        } catch where error.isConcurrentUpdate {
            throw .busy(what: "the checkpoint \(reference) moved while this report was being made",
                        fix: "another run reported the same events; this report may repeat them — nothing was lost")
        } catch {
            throw HistoryRepository.wrap(error, "move \(reference)")
        }
    }
}
