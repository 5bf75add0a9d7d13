import ProfileModel
import SemanticDiff

/// What `history report` tells: every event recorded on main in a range of commits, grouped by
/// profile, each with its semantic diff.
public struct ChangeReport: Hashable, Sendable {
    /// The commits covered: enough for a reader to prove later that nothing reported was rewritten.
    public struct Range: Hashable, Sendable {
        /// The oldest and newest commit reported (nil when there were none).
        public var fromCommit: CommitID?
        public var toCommit: CommitID?
        /// Recorded times of the first and last event, or the days of the window asked for.
        public var since: Moment?
        public var until: Moment?
        /// The checkpoint (`refs/history/reports/<name>`) and the commit it pointed to before this report.
        public var checkpoint: Checkpoint?
        public var previousCheckpoint: CommitID?
        /// The tip of main the report was made from: where the checkpoint moves.
        public var tip: CommitID?

        public init(fromCommit: CommitID? = nil, toCommit: CommitID? = nil, since: Moment? = nil, until: Moment? = nil,
                    checkpoint: Checkpoint? = nil, previousCheckpoint: CommitID? = nil, tip: CommitID? = nil) {
            self.fromCommit = fromCommit
            self.toCommit = toCommit
            self.since = since
            self.until = until
            self.checkpoint = checkpoint
            self.previousCheckpoint = previousCheckpoint
            self.tip = tip
        }
    }

    public struct Event: Hashable, Sendable {
        public var event: RecordEvent
        public var lastUpdated: EffectiveDate
        public var commit: CommitID
        public var recordedAt: Timestamp
        public var author: Person
        public var source: String?
        /// Against the revision it follows in date order, or for a correction against the text it replaced.
        public var comparison: ProfileComparison
        /// Reviews recorded for this event so far, oldest first.
        public var reviews: [Review]

        public init(event: RecordEvent, lastUpdated: EffectiveDate, commit: CommitID, recordedAt: Timestamp, author: Person,
                    source: String?, comparison: ProfileComparison, reviews: [Review] = []) {
            self.event = event
            self.lastUpdated = lastUpdated
            self.commit = commit
            self.recordedAt = recordedAt
            self.author = author
            self.source = source
            self.comparison = comparison
            self.reviews = reviews
        }

        public var isCorrection: Bool { event == .correction }
        public var isRetraction: Bool { event == .retraction }
        /// Corrections and retractions change what was already published: reports flag them.
        public var isFlagged: Bool { isCorrection || isRetraction }
    }

    public struct Profile: Hashable, Sendable {
        public var profile: ProfileID
        public var events: [Event]

        public init(profile: ProfileID, events: [Event]) {
            self.profile = profile
            self.events = events
        }
    }

    public var range: Range
    public var profiles: [Profile]

    public init(range: Range, profiles: [Profile]) {
        self.range = range
        self.profiles = profiles
    }

    public var events: [Event] { profiles.flatMap(\.events) }

    /// Every change of every event, whatever its significance.
    public var counts: SignificanceCounts {
        var counts = SignificanceCounts()
        for event in events { counts.add(event.comparison.diff.counts) }
        return counts
    }

    /// The report narrowed to what a reader should see at a threshold: events with nothing at or above
    /// it are dropped (they are still counted by `hiddenEvents`).
    public func shown(atLeast minimum: Significance) -> ChangeReport {
        ChangeReport(range: range, profiles: profiles.compactMap { $0.shown(atLeast: minimum) })
    }

    public func hiddenEvents(atLeast minimum: Significance) -> Int {
        events.count - shown(atLeast: minimum).events.count
    }
}

/// What a report's first lines say about all of it — how many events, profiles, corrections, changes of
/// each significance, and events with nothing at or above the threshold — added up one profile at a time,
/// so that a report written profile by profile can say it without keeping its events.
public struct ReportSummary: Hashable, Sendable {
    public var range: ChangeReport.Range
    public let minimum: Significance
    public private(set) var profiles = 0
    public private(set) var events = 0
    public private(set) var corrections = 0
    public private(set) var counts = SignificanceCounts()
    /// Events with no change at or above `minimum`.
    public private(set) var hidden = 0

    public init(range: ChangeReport.Range, minimum: Significance) {
        self.range = range
        self.minimum = minimum
    }

    public init(_ report: ChangeReport, minimum: Significance) {
        self.init(range: report.range, minimum: minimum)
        for profile in report.profiles { add(profile) }
    }

    public mutating func add(_ profile: ChangeReport.Profile) {
        profiles += 1
        for event in profile.events {
            events += 1
            if event.isCorrection { corrections += 1 }
            counts.add(event.comparison.diff.counts)
            if event.comparison.diff.counts.count(atLeast: minimum) == 0 { hidden += 1 }
        }
    }

    /// Events a reader sees at the threshold.
    public var shown: Int { events - hidden }
}

extension ChangeReport.Profile {
    /// The profile's events with something at or above `minimum`; nil when none has.
    public func shown(atLeast minimum: Significance) -> ChangeReport.Profile? {
        let events = events.filter { $0.comparison.diff.counts.count(atLeast: minimum) > 0 }
        return events.isEmpty ? nil : ChangeReport.Profile(profile: profile, events: events)
    }
}

/// A report's checkpoint: the name given to `--since-last`, kept as `refs/history/reports/<name>`.
public struct Checkpoint: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "refs/history/reports/"
    public let name: String

    /// Refuses a name that is not safe as one ref component.
    public init(_ name: String) throws(HistoryError) {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
        guard !name.isEmpty, name.count <= 100, allowed, !name.hasPrefix("."), !name.hasPrefix("-"),
              !name.hasSuffix(".lock"), !name.contains("..") else {
            throw .invalidArgument(what: "--since-last '\(name)' is not a usable checkpoint name",
                                   fix: "use letters, digits, '-', '_' or '.', e.g. --since-last nightly")
        }
        self.name = name
    }

    public var reference: String { Self.prefix + name }
    public var description: String { name }
}
