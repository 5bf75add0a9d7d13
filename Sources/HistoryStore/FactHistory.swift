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
        // A chunk of profiles at a time, each from the semantic index when it is current for the profile's
        // files, else derived here: texts read on this thread, parsed and followed on all cores.
        for start in stride(from: 0, to: profiles.count, by: 32) {
            let entries = try snapshot.semanticEntries(of: Array(profiles[start..<min(start + 32, profiles.count)]))
            for (profile, entry) in entries { try deliver(profile, series(profile, entry, query, timeline: timeline)) }
        }
    }

    public func series(_ query: FactQuery) throws(HistoryError) -> [FactSeries] {
        var all: [FactSeries] = []
        try series(query) { _, series in all += series }
        return all
    }

    /// A profile's series as the query asks: followed through every revision (so a series is the same
    /// whatever the window), then cut to it — with `from`, the series that changed from then on, each with the
    /// value in effect before (the point of the revision that set it) — and named as its latest statement does.
    func series(_ profile: ProfileID, _ entry: SemanticEntry, _ query: FactQuery, timeline: Timeline) -> [FactSeries] {
        let needle = query.subject?.lowercased()
        let from = query.from?.start
        let to = query.to?.end
        return entry.series.compactMap { tracked in
            guard needle.map({ tracked.subject.lowercased().contains($0) || tracked.unit.lowercased().contains($0) }) ?? true else { return nil }
            // Cut by date first: only the points kept are looked up in the timeline.
            func date(_ point: FactTracker.Point) -> EffectiveDate { entry.files[point.revision].date }
            var points = tracked.points[...]
            if let to { points = points.prefix { date($0) <= to } }
            if let from {
                let changes = points.drop { date($0) < from }
                guard !changes.isEmpty else { return nil }
                let inEffect = points.last { date($0) < from }.flatMap { $0.value == nil ? nil : $0 }
                points = (inEffect.map { [$0] } ?? []) + changes
            }
            guard !points.isEmpty else { return nil }
            return FactSeries(profile: profile, subject: tracked.subject, unit: tracked.unit, kind: tracked.kind, points: points.map { point in
                let revision = timeline.revision(profile, date(point))
                return FactPoint(lastUpdated: revision.lastUpdated, commit: revision.commit, event: revision.event, value: point.value)
            })
        }
    }
}
