public enum RecordEvent: String, Sendable, Codable, CaseIterable {
    /// A revision newer than every recorded one of its profile.
    case revision
    /// A revision older than the newest recorded one: history filled in, nothing rewritten.
    case backfill
    /// New text for a date already recorded: the silent edit auditors look for.
    case correction
    /// A mistaken record withdrawn (`history retract`): the text an earlier event recorded leaves the tree
    /// (or, for a correction, the text it replaced comes back); that event's commit stays in history.
    case retraction
}
