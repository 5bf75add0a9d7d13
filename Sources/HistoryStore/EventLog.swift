import Git
import HistoryModel
import ProfileModel

public struct LogQuery: Sendable {
    public var profile: ProfileID?
    /// Recorded-time bounds in seconds since the epoch, inclusive.
    public var since: Int64?
    public var until: Int64?
    public var correctionsOnly: Bool
    /// Only profiles these globs match (with or without `profile`).
    public var globs: ProfileGlobs?
    /// At most this many entries, the newest (`log -n`).
    public var limit: Int?

    public init(profile: ProfileID? = nil, since: Int64? = nil, until: Int64? = nil, correctionsOnly: Bool = false,
                globs: ProfileGlobs? = nil, limit: Int? = nil) {
        self.profile = profile
        self.since = since
        self.until = until
        self.correctionsOnly = correctionsOnly
        self.globs = globs
        self.limit = limit
    }
}

/// The recorded events of one snapshot, newest first, with their reviews: `history log`, the events a
/// commit id names, and what nobody has reviewed yet.
public struct EventLog {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    /// Recorded events on main, newest first; asking for an unknown profile is a not-found error. Commits
    /// that carry no `history` trailers are skipped.
    public func entries(_ query: LogQuery = LogQuery()) throws(HistoryError) -> [LogEntry] {
        if let profile = query.profile { try snapshot.requireProfile(profile) }
        return try HistoryRepository.translating("walk \(HistoryRepository.mainRef)") {
            let reviews = try Reviews(snapshot.store).reader()
            var entries: [LogEntry] = []
            for row in try snapshot.events(of: query.profile) {
                guard let trailers = row.trailers else { continue }
                if let limit = query.limit, entries.count >= limit { break }
                if let profile = query.profile, trailers.profile != profile { continue }
                if let globs = query.globs, !globs.matches(trailers.profile) { continue }
                if query.correctionsOnly, trailers.event != .correction { continue }
                if let since = query.since, row.time < since { continue }
                if let until = query.until, row.time > until { continue }
                entries.append(LogEntry(commit: CommitID(row.commit), profile: trailers.profile, event: trailers.event,
                                        lastUpdated: trailers.lastUpdated, recordedAt: row.recordedAt, author: row.author,
                                        source: trailers.source, sourceSHA256: trailers.sourceSHA256, reviews: reviews(row.commit)))
            }
            return entries
        }
    }

    /// A recorded event on main named by its commit id or a unique prefix of at least 7 hex digits.
    public func event(named text: String) throws(HistoryError) -> LogEntry {
        let lower = text.lowercased()
        guard lower.count >= 7, lower.count <= 40, lower.allSatisfy(\.isHexDigit) else {
            throw .invalidArgument(what: "commit '\(text)'", fix: "give a commit id (at least 7 hex digits) as `history log` prints it")
        }
        let matches = try entries().filter { $0.commit.hex.hasPrefix(lower) }
        guard let entry = matches.first else {
            throw .notFound(what: "no event recorded on \(HistoryRepository.mainRef) has commit \(text)", fix: "`history log` lists the recorded events and their commits")
        }
        guard matches.count == 1 else {
            throw .invalidArgument(what: "commit '\(text)' is ambiguous (\(matches.count) events match)", fix: "give more of its digits")
        }
        return entry
    }

    /// Events recorded on or after `since` (all when nil) that nobody has reviewed yet, newest first.
    public func pendingReviews(since: Int64?) throws(HistoryError) -> [LogEntry] {
        try entries(LogQuery(since: since)).filter { $0.reviews.isEmpty }
    }
}
