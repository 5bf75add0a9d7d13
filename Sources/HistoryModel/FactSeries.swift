import ProfileModel
import SemanticDiff

/// One fact of a profile through its revisions (`history facts`): what it is, and its value in each
/// revision that set or changed it.
public struct FactSeries: Hashable, Sendable {
    public var profile: ProfileID
    /// What the fact is, as its latest statement names it: `recognized by … states`, `as of …`.
    public var subject: String
    public var unit: String
    public var kind: Fact.Kind
    /// Oldest first: where the fact appeared, each change of its value, and where it stopped being stated.
    public var points: [FactPoint]

    public init(profile: ProfileID, subject: String, unit: String, kind: Fact.Kind, points: [FactPoint]) {
        self.profile = profile
        self.subject = subject
        self.unit = unit
        self.kind = kind
        self.points = points
    }
}

public struct FactPoint: Hashable, Sendable {
    /// The revision that set this value (its effective date) and the event that recorded its text.
    public var lastUpdated: EffectiveDate
    public var commit: CommitID
    public var event: RecordEvent?
    /// Nil: the revision no longer states the fact.
    public var value: FactValue?

    public init(lastUpdated: EffectiveDate, commit: CommitID, event: RecordEvent?, value: FactValue?) {
        self.lastUpdated = lastUpdated
        self.commit = commit
        self.event = event
        self.value = value
    }

    /// The text that states this value was recorded as a correction of an already published revision.
    public var isCorrection: Bool { event == .correction }
}
