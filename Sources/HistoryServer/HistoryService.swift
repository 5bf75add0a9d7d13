import HistoryStore
import ProfileModel
import SemanticDiff

/// The one owner of the repository handle while the server runs: every route asks through this actor,
/// so libgit2 is never used from two tasks at once.
public actor HistoryService {
    private let store: HistoryRepository

    public init(repositoryPath: String) throws(HistoryError) {
        store = try HistoryRepository.open(at: repositoryPath)
    }

    func profiles() throws(HistoryError) -> [ProfileSummary] { try store.profiles() }

    func log(_ profile: ProfileID) throws(HistoryError) -> [LogEntry] { try store.log(LogQuery(profile: profile)) }

    func revision(_ profile: ProfileID, on date: EffectiveDate?, recordedBy time: Int64?) throws(HistoryError) -> ResolvedRevision {
        guard let time else { return try store.revision(of: profile, on: date) }
        guard let commit = try store.commit(recordedBy: time) else {
            throw .notFound("nothing had been recorded yet at that time", "ask about a later time")
        }
        return try store.revision(of: profile, on: date, in: commit)
    }

    func compare(_ request: DiffRequest) throws(HistoryError) -> [ProfileComparison] { try store.compare(request) }

    func blame(_ profile: ProfileID, at date: EffectiveDate?) throws(HistoryError) -> Blame { try store.blame(profile, at: date) }

    func report(since: DateArgument, until: DateArgument?) throws(HistoryError) -> ChangeReport {
        try store.prepareReport(ReportQuery(window: .recorded(since: since, until: until))).report
    }

    func record(_ submission: Submission, by recorder: Recorder) throws(HistoryError) -> RecordOutcome {
        try store.record(submission, by: recorder)
    }

    /// Each profile with the diff of its latest revision against the one before (nil for a single revision).
    func overview() throws(HistoryError) -> [(summary: ProfileSummary, latest: ProfileComparison?)] {
        try store.profiles().map { (summary) throws(HistoryError) in
            let dates = try store.revisionDates(of: summary.profile)
            guard dates.count > 1 else { return (summary, nil) }
            let from = try DateArgument(dates[dates.count - 2].description, option: "from")
            let to = try DateArgument(dates[dates.count - 1].description, option: "to")
            return (summary, try store.compare(DiffRequest(profiles: .some([summary.profile]), from: from, to: to)).first)
        }
    }

    func revisionDates(of profile: ProfileID) throws(HistoryError) -> [EffectiveDate] { try store.revisionDates(of: profile) }
}
