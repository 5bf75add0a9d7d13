import Foundation
import Git
import HistoryModel
import ProfileModel
import SemanticDiff

/// What `history facts` asks: which profiles, which facts, which dates.
public struct FactQuery: Sendable {
    public enum Profiles: Sendable {
        case some([ProfileID])
        /// Every profile, or those whose id matches a shell glob (`kosovo/*`, `*/mine-ban-policy`).
        case all(glob: String?)
    }

    public var profiles: Profiles
    /// Only series whose subject or unit contains this (case-insensitive).
    public var subject: String?
    /// Changes on or after the start of `from` (with the value in effect then) and up to the end of `to`.
    public var from: DateArgument?
    public var to: DateArgument?

    public init(profiles: Profiles, subject: String? = nil, from: DateArgument? = nil, to: DateArgument? = nil) {
        self.profiles = profiles
        self.subject = subject
        self.from = from
        self.to = to
    }
}

/// Facts through time, from one snapshot: every fact of a profile followed across its revisions in date
/// order by the diff's alignment and fact pairing (`FactTracker`), so a fact that moved from the body into
/// a footnote, or whose sentence was reworded, stays one series.
public struct FactHistory {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    /// Each profile's series, handed over profile by profile (in id order), so `--all` holds one at a time.
    public func series(_ query: FactQuery, each deliver: (ProfileID, [FactSeries]) throws(HistoryError) -> Void) throws(HistoryError) {
        if let from = query.from, let to = query.to, from.start > to.end {
            throw .invalidArgument(what: "--from \(from) is after --to \(to)", fix: "give the earlier date as --from")
        }
        _ = try snapshot.requireTip()
        let profiles: [ProfileID]
        switch query.profiles {
        case .some(let ids):
            for id in ids { try snapshot.requireProfile(id) }
            profiles = ids
        case .all(let glob):
            profiles = try RevisionReader(snapshot).profiles().map(\.profile).filter { id in
                glob.map { fnmatch($0, id.description, 0) == 0 } ?? true
            }
        }
        let timeline = try HistoryRepository.translating("read the events") { try snapshot.timeline() }
        // A chunk of profiles at a time: texts read here, parsed and tracked on all cores, handed over in order.
        for start in stride(from: 0, to: profiles.count, by: 32) {
            let chunk = Array(profiles[start..<min(start + 32, profiles.count)])
            var stored: [Stored] = []
            for profile in chunk { stored.append(try texts(of: profile, query)) }
            let tracked = parallelMap(stored) { profile in
                Result { () throws(HistoryError) -> [FactTracker.Series] in
                    FactTracker.track(try profile.texts.map { (text) throws(HistoryError) in try Reporter.parse(text.bytes, path: text.path) })
                }
            }
            for (profile, result) in zip(stored, tracked) {
                try deliver(profile.profile, series(profile, try result.get(), query, timeline: timeline))
            }
        }
    }

    public func series(_ query: FactQuery) throws(HistoryError) -> [FactSeries] {
        var all: [FactSeries] = []
        try series(query) { _, series in all += series }
        return all
    }

    /// One profile's texts that a query needs: with `from`, only from the revision in effect just before it
    /// (what a fact stated then is the value in effect), and up to `to`.
    struct Stored: Sendable {
        let profile: ProfileID
        let dates: [EffectiveDate]
        let texts: [(bytes: [UInt8], path: String)]
    }

    func texts(of profile: ProfileID, _ query: FactQuery) throws(HistoryError) -> Stored {
        var files = try snapshot.files(of: profile)
        if let end = query.to?.end { files = files.filter { $0.date <= end } }
        if let start = query.from?.start, let before = files.lastIndex(where: { $0.date < start }) { files = Array(files[before...]) }
        var texts: [(bytes: [UInt8], path: String)] = []
        for file in files {
            let path = HistoryRepository.path(of: profile, date: file.date)
            texts.append((try snapshot.text(file.blob, path: path), "\(path) (blob \(file.blob.short))"))
        }
        return Stored(profile: profile, dates: files.map(\.date), texts: texts)
    }

    func series(_ stored: Stored, _ tracked: [FactTracker.Series], _ query: FactQuery, timeline: Timeline) -> [FactSeries] {
        let profile = stored.profile
        let needle = query.subject?.lowercased()
        let from = query.from?.start
        return tracked.compactMap { tracked in
            guard needle.map({ tracked.subject.lowercased().contains($0) || tracked.unit.lowercased().contains($0) }) ?? true else { return nil }
            let points = tracked.points.map { point in
                let revision = timeline.revision(profile, stored.dates[point.revision])
                return FactPoint(lastUpdated: revision.lastUpdated, commit: revision.commit, event: revision.event, value: point.value)
            }
            // With --from: series that changed from then on, each with the value the revision in effect just
            // before stated (for context).
            var kept = points
            if let from {
                let changes = points.filter { $0.lastUpdated >= from }
                guard !changes.isEmpty else { return nil }
                let inEffect = points.last { $0.lastUpdated < from }.flatMap { $0.value == nil ? nil : $0 }
                kept = (inEffect.map { [$0] } ?? []) + changes
            }
            return FactSeries(profile: profile, subject: tracked.subject, unit: tracked.unit, kind: tracked.kind, points: kept)
        }
    }
}
