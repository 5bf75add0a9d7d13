import ProfileModel
import SemanticDiff

/// A profile as one snapshot of main knows it.
public struct ProfileSummary: Hashable, Sendable {
    public let profile: ProfileID
    public let revisions: Int
    public let first: EffectiveDate
    public let last: EffectiveDate

    public init(profile: ProfileID, revisions: Int, first: EffectiveDate, last: EffectiveDate) {
        self.profile = profile
        self.revisions = revisions
        self.first = first
        self.last = last
    }
}

/// The revision in effect on a date: its text, its date and the commit whose tree held it.
public struct ResolvedRevision: Hashable, Sendable {
    public let profile: ProfileID
    public let lastUpdated: EffectiveDate
    public let text: String
    /// The commit whose tree was searched (the tip, or the last commit recorded by a time).
    public let commit: CommitID

    public init(profile: ProfileID, lastUpdated: EffectiveDate, text: String, commit: CommitID) {
        self.profile = profile
        self.lastUpdated = lastUpdated
        self.text = text
        self.commit = commit
    }
}

/// One recorded event, as `history log` shows it.
public struct LogEntry: Hashable, Sendable {
    public let commit: CommitID
    public let profile: ProfileID
    public let event: RecordEvent
    public let lastUpdated: EffectiveDate
    /// Committer time: when the revision was recorded.
    public let recordedAt: Timestamp
    public let author: Person
    public let source: String?
    public let sourceSHA256: String?
    /// Reviews of this event (git notes in refs/notes/reviews), oldest first.
    public let reviews: [Review]

    public init(commit: CommitID, profile: ProfileID, event: RecordEvent, lastUpdated: EffectiveDate, recordedAt: Timestamp,
                author: Person, source: String?, sourceSHA256: String?, reviews: [Review]) {
        self.commit = commit
        self.profile = profile
        self.event = event
        self.lastUpdated = lastUpdated
        self.recordedAt = recordedAt
        self.author = author
        self.source = source
        self.sourceSHA256 = sourceSHA256
        self.reviews = reviews
    }
}

/// A reviewer's sign-off on one recorded event (kept by the store as a git note on its commit).
public struct Review: Hashable, Sendable {
    public enum Verdict: String, Hashable, Sendable, CaseIterable {
        case approved, questioned, rejected
    }

    public var verdict: Verdict
    public var reviewer: Person
    public var reviewedAt: Timestamp
    public var note: String

    public init(verdict: Verdict, reviewer: Person, reviewedAt: Timestamp, note: String) {
        self.verdict = verdict
        self.reviewer = reviewer
        self.reviewedAt = reviewedAt
        self.note = note
    }
}

/// A revision as blame names it: its effective date and the commit that recorded its text.
public struct BlameRevision: Hashable, Sendable {
    public let lastUpdated: EffectiveDate
    public let commit: CommitID

    public init(lastUpdated: EffectiveDate, commit: CommitID) {
        self.lastUpdated = lastUpdated
        self.commit = commit
    }
}

/// One sentence of a revision and where it came from.
public struct BlameLine: Hashable, Sendable {
    public let index: Int
    public let location: Location
    public let text: String
    /// The revision that first made this statement, followed back through rewordings, moves, merges,
    /// splits and footnote renumbering by the diff engine's alignment.
    public let introduced: BlameRevision
    /// The last revision that changed it in meaning (a `major` change); the introducing one if none did.
    public let lastMeaningChange: BlameRevision
    /// The last revision that touched its wording at all (any non-cosmetic change).
    public let lastEdited: BlameRevision

    public init(index: Int, location: Location, text: String, introduced: BlameRevision, lastMeaningChange: BlameRevision,
                lastEdited: BlameRevision) {
        self.index = index
        self.location = location
        self.text = text
        self.introduced = introduced
        self.lastMeaningChange = lastMeaningChange
        self.lastEdited = lastEdited
    }
}

public struct Blame: Hashable, Sendable {
    public let profile: ProfileID
    public let revision: BlameRevision
    /// The revisions followed, oldest first.
    public let revisions: [BlameRevision]
    public let lines: [BlameLine]

    public init(profile: ProfileID, revision: BlameRevision, revisions: [BlameRevision], lines: [BlameLine]) {
        self.profile = profile
        self.revision = revision
        self.revisions = revisions
        self.lines = lines
    }
}
