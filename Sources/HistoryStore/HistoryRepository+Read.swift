import Foundation
import Git
import ProfileModel

/// A profile as the tip of main knows it.
public struct ProfileSummary: Hashable, Sendable, Codable {
    public let profile: ProfileID
    public let revisions: Int
    public let first: EffectiveDate
    public let last: EffectiveDate
}

/// The revision in effect on a date: its text, its date and where it lives.
public struct ResolvedRevision: Hashable, Sendable {
    public let profile: ProfileID
    public let lastUpdated: EffectiveDate
    public let text: String
    /// The blob holding the text.
    public let blob: OID
    /// The commit whose tree was searched (the tip, or the last commit recorded by a time).
    public let commit: OID
}

extension HistoryRepository {
    /// Every profile at the tip of main, sorted by id. A tree lookup: no history walk.
    public func profiles() throws(HistoryError) -> [ProfileSummary] {
        guard let tip = try tip() else { return [] }
        return try profiles(at: tip)
    }

    /// The profiles in the tree of one commit of main.
    public func profiles(at tip: OID) throws(HistoryError) -> [ProfileSummary] {
        do {
            let tree = try repository.commit(tip).treeID
            guard let root = try repository.entry(atPath: "profiles", inTree: tree), root.kind == .tree else { return [] }
            var result: [ProfileSummary] = []
            for area in try repository.treeEntries(root.id) where area.kind == .tree {
                for topic in try repository.treeEntries(area.id) where topic.kind == .tree {
                    guard let id = try? ProfileID(area: area.name, topic: topic.name) else { continue }
                    let dates = try repository.treeEntries(topic.id).compactMap { entry in
                        entry.kind == .blob && entry.name.hasSuffix(".txt") ? EffectiveDate(iso: entry.name.dropLast(4)) : nil
                    }.sorted()
                    if let first = dates.first, let last = dates.last {
                        result.append(ProfileSummary(profile: id, revisions: dates.count, first: first, last: last))
                    }
                }
            }
            return result.sorted { $0.profile < $1.profile }
        } catch {
            throw Self.wrap(error, "list profiles")
        }
    }

    /// The revision of `profile` in effect on `date` ("the newest dated file ≤ D"), in the tree of `commit`
    /// (default: the tip of main). Throws a bad-input error naming the profile when there is none.
    public func revision(of profile: ProfileID, on date: EffectiveDate?, in commit: OID? = nil) throws(HistoryError) -> ResolvedRevision {
        let start: OID?
        if let commit { start = commit } else { start = try tip() }
        guard let commit = start else {
            throw .badInput("nothing has been recorded yet in \(path)", "record revisions first with `history import`")
        }
        do {
            let tree = try repository.commit(commit).treeID
            let dates = try dates(of: profile, inTree: tree)
            guard let first = dates.first else {
                throw HistoryError.notFound("no profile \(profile) in the repository", "`history profiles` lists the recorded ones")
            }
            let chosen: EffectiveDate
            if let date {
                guard let match = dates.last(where: { $0 <= date }) else {
                    throw HistoryError.notFound("\(profile) did not exist yet on \(date)", "its first revision is dated \(first); ask for a date on or after it")
                }
                chosen = match
            } else {
                chosen = dates[dates.count - 1]
            }
            guard let entry = try repository.entry(atPath: Self.path(of: profile, date: chosen), inTree: tree) else {
                throw HistoryError.repository("revision \(chosen) of \(profile) vanished while reading", "try again")
            }
            let bytes = try repository.blob(entry.id)
            return ResolvedRevision(profile: profile, lastUpdated: chosen, text: String(decoding: bytes, as: UTF8.self),
                                    blob: entry.id, commit: commit)
        } catch let error as HistoryError {
            throw error
        } catch let error as GitError {
            throw Self.wrap(error, "read \(profile)")
        } catch {
            throw .repository("cannot read \(profile): \(error)", "check the repository with `git fsck`")
        }
    }
}

/// One recorded event, as `history log` shows it.
public struct LogEntry: Hashable, Sendable {
    public let commit: OID
    public let profile: ProfileID
    public let event: RecordEvent
    public let lastUpdated: EffectiveDate
    /// Committer time: when the revision was recorded.
    public let recordedAt: Int64
    public let recordedOffsetMinutes: Int
    public let authorName: String
    public let authorEmail: String
    public let source: String?
    public let sourceSHA256: String?
    /// Reviews of this event (git notes in refs/notes/reviews), oldest first.
    public let reviews: [Review]
}

public struct LogQuery: Sendable {
    public var profile: ProfileID?
    /// Recorded-time bounds in seconds since the epoch, inclusive.
    public var since: Int64?
    public var until: Int64?
    public var correctionsOnly: Bool

    public init(profile: ProfileID? = nil, since: Int64? = nil, until: Int64? = nil, correctionsOnly: Bool = false) {
        self.profile = profile
        self.since = since
        self.until = until
        self.correctionsOnly = correctionsOnly
    }
}

extension HistoryRepository {
    // Commits that carry no `history` trailers are skipped.
    /// Throws a bad-input error naming the profile when the tip of main does not hold it.
    public func requireProfile(_ profile: ProfileID) throws(HistoryError) {
        var known = false
        if let tip = try tip() {
            do { known = try !dates(of: profile, inTree: repository.commit(tip).treeID).isEmpty }
            catch { throw Self.wrap(error, "read \(profile)") }
        }
        if !known { throw .notFound("no profile \(profile) in the repository", "`history profiles` lists the recorded ones") }
    }

    /// Recorded events on main, newest first; asking for an unknown profile is a bad-input error.
    public func log(_ query: LogQuery = LogQuery()) throws(HistoryError) -> [LogEntry] {
        if let profile = query.profile { try requireProfile(profile) }
        guard let tip = try tip() else { return [] }
        var entries: [LogEntry] = []
        do {
            let reviews = try reviewReader()
            for row in try EventIndex.load(tip: tip, repository: repository, profile: query.profile).rows {
                guard let trailers = row.trailers else { continue }
                if let profile = query.profile, trailers.profile != profile { continue }
                if query.correctionsOnly, trailers.event != .correction { continue }
                if let since = query.since, row.time < since { continue }
                if let until = query.until, row.time > until { continue }
                entries.append(LogEntry(commit: row.commit, profile: trailers.profile, event: trailers.event,
                                        lastUpdated: trailers.lastUpdated, recordedAt: row.time,
                                        recordedOffsetMinutes: row.offsetMinutes,
                                        authorName: row.authorName, authorEmail: row.authorEmail,
                                        source: trailers.source, sourceSHA256: trailers.sourceSHA256, reviews: reviews(row.commit)))
            }
        } catch let error as GitError {
            throw Self.wrap(error, "walk \(Self.mainRef)")
        } catch {
            throw .repository("cannot walk \(Self.mainRef): \(error)", "check the repository with `git fsck`")
        }
        return entries
    }
}

extension HistoryRepository {
    /// The last commit on main recorded at or before `time` (what the repository knew then), or nil.
    public func commit(recordedBy time: Int64) throws(HistoryError) -> OID? {
        guard let tip = try tip() else { return nil }
        do {
            let timeline = try readTimeline(from: tip)
            return timeline.position(recordedBy: time).map { timeline.entries[$0].commit }
        } catch let error as GitError {
            throw Self.wrap(error, "walk \(Self.mainRef)")
        } catch {
            throw .repository("cannot walk \(Self.mainRef): \(error)", "check the repository with `git fsck`")
        }
    }
}

extension HistoryRepository {
    /// The dates of a profile's revisions at the tip of main, oldest first (empty for an unknown profile).
    public func revisionDates(of profile: ProfileID) throws(HistoryError) -> [EffectiveDate] {
        guard let tip = try tip() else { return [] }
        do { return try dates(of: profile, inTree: repository.commit(tip).treeID) } catch { throw Self.wrap(error, "read \(profile)") }
    }
}
