import ProfileModel
import SemanticDiff

/// A `DocumentDiff` with what it compares: the profile, the revision on each side and the revisions
/// recorded in between.
public struct ProfileComparison: Hashable, Sendable {
    /// Which clock the two dates are read on.
    public enum TimeAxis: String, Hashable, Sendable {
        /// The revision in effect on each date (dated files).
        case effective
        /// What the repository held at each time (commits).
        case recorded
    }

    public struct Revision: Hashable, Sendable {
        public var lastUpdated: EffectiveDate
        /// The commit that recorded this text.
        public var commit: CommitID
        public var recordedAt: Timestamp?
        public var event: RecordEvent?

        public init(lastUpdated: EffectiveDate, commit: CommitID, recordedAt: Timestamp? = nil, event: RecordEvent? = nil) {
            self.lastUpdated = lastUpdated
            self.commit = commit
            self.recordedAt = recordedAt
            self.event = event
        }
    }

    public struct Side: Hashable, Sendable {
        /// The day asked about (`--from` is read as the start of its period, `--to` as the end), or with
        /// `--recorded --steps` the moment a step was recorded.
        public var date: Moment
        /// Nil when the profile had no revision yet on that side.
        public var revision: Revision?

        public init(date: Moment, revision: Revision?) {
            self.date = date
            self.revision = revision
        }
    }

    public var profile: ProfileID
    public var axis: TimeAxis
    public var from: Side
    public var to: Side
    public var revisionsBetween: [Revision]
    public var diff: DocumentDiff

    public init(profile: ProfileID, axis: TimeAxis, from: Side, to: Side, revisionsBetween: [Revision], diff: DocumentDiff) {
        self.profile = profile
        self.axis = axis
        self.from = from
        self.to = to
        self.revisionsBetween = revisionsBetween
        self.diff = diff
    }
}

extension ProfileComparison {
    /// Two texts compared outside any repository — by benchmarks, the fuzzer and renderer tests — as if they
    /// were the revisions in effect on two days.
    public init(unrecorded diff: DocumentDiff, profile: ProfileID, from: EffectiveDate, to: EffectiveDate) {
        self.init(profile: profile, axis: .effective, from: Side(date: .day(from), revision: nil), to: Side(date: .day(to), revision: nil),
                  revisionsBetween: [], diff: diff)
    }
}
