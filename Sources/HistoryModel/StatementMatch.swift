import ProfileModel
import SemanticDiff

/// A statement that says what `history search` looked for, with its life: the revision that introduced it,
/// each that reworded it, and the one that removed it (nil while the latest revision still states it).
public struct StatementMatch: Hashable, Sendable {
    public var profile: ProfileID
    public var introduced: StatementVersion
    /// Each revision whose wording of it differs in more than form (minor or major), oldest first.
    public var rewordings: [StatementVersion]
    public var removed: StatementVersion?

    public init(profile: ProfileID, introduced: StatementVersion, rewordings: [StatementVersion], removed: StatementVersion?) {
        self.profile = profile
        self.introduced = introduced
        self.rewordings = rewordings
        self.removed = removed
    }

    /// Its last wording.
    public var latest: StatementVersion { rewordings.last ?? introduced }
}

public struct StatementVersion: Hashable, Sendable {
    public var lastUpdated: EffectiveDate
    public var commit: CommitID
    public var event: RecordEvent?
    /// The sentence as that revision words it (for a removal: as it read before).
    public var text: String
    /// For a rewording: how much it changed.
    public var significance: Significance?

    public init(lastUpdated: EffectiveDate, commit: CommitID, event: RecordEvent?, text: String, significance: Significance? = nil) {
        self.lastUpdated = lastUpdated
        self.commit = commit
        self.event = event
        self.text = text
        self.significance = significance
    }
}
