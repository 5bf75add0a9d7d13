/// A `DocumentDiff` with what it compares: the profile, the revision on each side and the revisions
/// recorded in between. Plain strings, so that renderers need nothing from the repository.
public struct ProfileComparison: Hashable, Sendable {
    /// Which clock the two dates are read on.
    public enum TimeAxis: String, Hashable, Sendable {
        /// The revision in effect on each date (dated files).
        case effective
        /// What the repository held at each time (commits).
        case recorded
    }

    public struct Revision: Hashable, Sendable {
        public var lastUpdated: String
        /// The commit that recorded this text.
        public var commit: String
        public var recordedAt: String?
        public var event: String?

        public init(lastUpdated: String, commit: String, recordedAt: String? = nil, event: String? = nil) {
            self.lastUpdated = lastUpdated
            self.commit = commit
            self.recordedAt = recordedAt
            self.event = event
        }
    }

    public struct Side: Hashable, Sendable {
        /// The day asked about (`--from` is read as the start of its period, `--to` as the end).
        public var date: String
        /// Nil when the profile had no revision yet on that side.
        public var revision: Revision?

        public init(date: String, revision: Revision?) {
            self.date = date
            self.revision = revision
        }
    }

    public var profile: String
    public var axis: TimeAxis
    public var from: Side
    public var to: Side
    public var revisionsBetween: [Revision]
    public var diff: DocumentDiff

    public init(profile: String, axis: TimeAxis, from: Side, to: Side, revisionsBetween: [Revision], diff: DocumentDiff) {
        self.profile = profile
        self.axis = axis
        self.from = from
        self.to = to
        self.revisionsBetween = revisionsBetween
        self.diff = diff
    }
}
