/// What `history report` tells: every event recorded on main in a range of commits, grouped by
/// profile, each with its semantic diff. Plain strings and diffs, so renderers need nothing else.
public struct ChangeReport: Hashable, Sendable {
    /// The commits covered: enough for a reader to prove later that nothing reported was rewritten.
    public struct Range: Hashable, Sendable {
        /// The oldest and newest commit reported (nil when there were none).
        public var fromCommit: String?
        public var toCommit: String?
        /// Recorded times of the first and last event, or the window asked for.
        public var since: String?
        public var until: String?
        /// The checkpoint (`refs/history/reports/<name>`) and the commit it pointed to before this report.
        public var checkpoint: String?
        public var previousCheckpoint: String?
        /// The tip of main the report was made from: where the checkpoint moves.
        public var tip: String?

        public init(fromCommit: String? = nil, toCommit: String? = nil, since: String? = nil, until: String? = nil,
                    checkpoint: String? = nil, previousCheckpoint: String? = nil, tip: String? = nil) {
            self.fromCommit = fromCommit
            self.toCommit = toCommit
            self.since = since
            self.until = until
            self.checkpoint = checkpoint
            self.previousCheckpoint = previousCheckpoint
            self.tip = tip
        }
    }

    /// A reviewer's verdict on an event, as plain strings.
    public struct Review: Hashable, Sendable {
        public var verdict: String
        public var reviewer: String
        public var reviewedAt: String
        public var note: String

        public init(verdict: String, reviewer: String, reviewedAt: String, note: String) {
            self.verdict = verdict
            self.reviewer = reviewer
            self.reviewedAt = reviewedAt
            self.note = note
        }

        /// `approved by Ada <ada@example.org> at 2026-11-29T09:00:00Z: checked against the PDF`
        public var line: String {
            "\(verdict) by \(reviewer) at \(reviewedAt)" + (note.isEmpty ? "" : ": " + note.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
    }

    public struct Event: Hashable, Sendable {
        /// `revision`, `backfill` or `correction`.
        public var event: String
        public var lastUpdated: String
        public var commit: String
        public var recordedAt: String
        public var author: String
        public var source: String?
        /// Against the revision it follows in date order, or for a correction against the text it replaced.
        public var comparison: ProfileComparison
        /// Reviews recorded for this event so far, oldest first.
        public var reviews: [Review]

        public init(event: String, lastUpdated: String, commit: String, recordedAt: String, author: String,
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

        public var isCorrection: Bool { event == "correction" }
        public var isRetraction: Bool { event == "retraction" }
        /// Corrections and retractions change what was already published: reports flag them.
        public var isFlagged: Bool { isCorrection || isRetraction }
    }

    public struct Profile: Hashable, Sendable {
        public var profile: String
        public var events: [Event]

        public init(profile: String, events: [Event]) {
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
        ChangeReport(range: range, profiles: profiles.compactMap { p in
            let events = p.events.filter { $0.comparison.diff.counts.count(atLeast: minimum) > 0 }
            return events.isEmpty ? nil : Profile(profile: p.profile, events: events)
        })
    }

    public func hiddenEvents(atLeast minimum: Significance) -> Int {
        events.count - shown(atLeast: minimum).events.count
    }
}
