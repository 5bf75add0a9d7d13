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
    /// Records every item of a plan in order, one commit per event. `progress` hears (done, total, path).
    public func runImport(
        _ plan: ImportPlan, by recorder: Recorder, progress: (Int, Int, String) -> Void = { _, _, _ in }
    ) throws(HistoryError) -> ImportResult {
        var result = ImportResult(problems: plan.problems)
        for (index, item) in plan.items.enumerated() {
            progress(index, plan.items.count, item.path)
            switch try record(item.submission, by: recorder) {
            case .recorded(let commit, let event):
                result.recorded.append(.init(path: item.path, profile: item.submission.profile, date: item.submission.date,
                                             event: event, commit: commit))
            case .unchanged: result.unchanged += 1
            case .superseded: result.superseded += 1
            }
        }
        progress(plan.items.count, plan.items.count, "")
        return result
    }
}
