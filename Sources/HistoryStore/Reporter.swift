import Git
import HistoryModel
import ProfileModel
import SemanticDiff

/// Which recorded events a report covers.
public struct ReportQuery: Sendable {
    public enum Window: Sendable {
        /// Everything recorded after the checkpoint `refs/history/reports/<name>`; with no checkpoint yet,
        /// everything (or everything recorded from `start` on).
        case sinceLast(Checkpoint, start: DateArgument?)
        /// A window of recorded time, without any checkpoint.
        case recorded(since: DateArgument, until: DateArgument?)
        /// Every event recorded after this commit of main (nil: every event), without any checkpoint — what an
        /// incremental export asks for. A commit main no longer contains is an error naming it.
        case after(CommitID?)
    }

    /// A slice of the window's events, oldest first: `offset` events skipped, at most `limit` reported.
    public struct Page: Sendable {
        public var offset: Int
        public var limit: Int
        public init(offset: Int, limit: Int) {
            self.offset = max(0, offset)
            self.limit = max(0, limit)
        }
    }

    public var window: Window
    public var limits: DiffLimits
    /// Only this slice of the events (nil: all of them).
    public var page: Page?
    /// Asked between chunks of events: true stops the work (the server's deadline passed, its client left).
    public var shouldStop: @Sendable () -> Bool
    /// Only the events of these profiles (nil: every profile's). A checkpoint still moves to the tip: what
    /// the filter left out was not asked for.
    public var profiles: ProfileGlobs?
    /// Only the newest this many events of the window (what a feed shows), applied before `page`.
    public var newest: Int?

    public init(window: Window, limits: DiffLimits = .standard, page: Page? = nil, profiles: ProfileGlobs? = nil, newest: Int? = nil,
                shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.profiles = profiles
        self.newest = newest
        self.window = window
        self.limits = limits
        self.page = page
        self.shouldStop = shouldStop
    }
}

/// A report ready to be written, and where its checkpoint moves once it has been.
public struct ReportRun: Sendable {
    /// Where the checkpoint was when the report was made, and where it moves once the report is out.
    public struct CheckpointMove: Sendable {
        public let checkpoint: Checkpoint
        let previous: OID?
        let next: OID
    }

    public var report: ChangeReport
    /// Nil for a window of recorded time, and when nothing was recorded after the checkpoint.
    public let checkpoint: CheckpointMove?
    /// How many events the whole window holds (more than the report when it was asked for one page).
    public var totalEvents: Int = 0
    /// The report's events in the order they were recorded on main, oldest first (the report itself is
    /// grouped by profile).
    public var recorded: [CommitID] = []
}

/// Makes reports from one snapshot: every event recorded in a window of recorded time, or since a
/// checkpoint, each diffed against what it changed. Writes nothing; `Checkpoints` moves the checkpoint.
public struct Reporter {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    var repository: Repository { snapshot.repository }

    /// Reads the events the query covers and diffs each one; writes nothing.
    public func prepareReport(_ query: ReportQuery) throws(HistoryError) -> ReportRun {
        var profiles: [ChangeReport.Profile] = []
        var run = try streamReport(query) { profiles.append($0) }
        run.report.profiles = profiles
        return run
    }

    /// As `prepareReport`, but hands the report's profiles to `each` one at a time, in the report's order
    /// (sorted by profile, each with its events oldest first), and keeps none: the returned run's report has
    /// its range and no profiles. Memory stays that of one batch of profiles however many events there are.
    public func streamReport(_ query: ReportQuery, _ each: (ChangeReport.Profile) throws -> Void) throws(HistoryError) -> ReportRun {
        if case .recorded(let since, let until?) = query.window, until.endTime < since.startTime {
            throw .invalidArgument(what: "the window ends (\(until.text)) before it starts (\(since.text))",
                                   fix: "give an until date on or after the since date")
        }
        guard let tip = snapshot.tipID else {
            return ReportRun(report: ChangeReport(range: .init(), profiles: []), checkpoint: nil)
        }
        return try HistoryRepository.translating("read the events to report") {
            let timeline = try snapshot.timeline()
            var range = ChangeReport.Range(tip: CommitID(tip))
            var positions: [Int]
            var move: ReportRun.CheckpointMove?
            switch query.window {
            case .sinceLast(let checkpoint, let start):
                let reference = checkpoint.reference
                let previous = try repository.reference(reference)
                range.checkpoint = checkpoint
                range.previousCheckpoint = previous.map(CommitID.init)
                if let previous {
                    guard let stop = timeline.entries.firstIndex(where: { $0.commit == previous }) else {
                        throw HistoryError.repository(what: "the checkpoint \(reference) points at \(previous.short), which \(HistoryRepository.mainRef) no longer contains: history was rewritten, or the checkpoint was moved by hand",
                            fix: "audit with `history verify --anchor \(previous.hex)`; to start the report over, delete it with `git update-ref -d \(reference)`")
                    }
                    positions = Array(0..<stop)
                } else {
                    positions = Array(timeline.entries.indices)
                    if let start { positions = positions.filter { timeline.entries[$0].time >= start.startTime } }
                }
                if previous != tip { move = .init(checkpoint: checkpoint, previous: previous, next: tip) }
            case .after(let commit):
                if let commit {
                    guard let stop = timeline.entries.firstIndex(where: { $0.commit == OID(commit) }) else {
                        throw HistoryError.repository(
                            what: "commit \(commit.short) is not on \(HistoryRepository.mainRef): history was rewritten since it was read",
                            fix: "audit with `history verify --anchor \(commit.hex)`; to start over, remove what was made from it")
                    }
                    positions = Array(0..<stop)
                } else {
                    positions = Array(timeline.entries.indices)
                }
            case .recorded(let since, let until):
                let upper = until?.endTime ?? Int64.max
                positions = timeline.entries.indices.filter { (since.startTime...upper).contains(timeline.entries[$0].time) }
                range.since = .day(since.start)
                range.until = until.map { .day($0.end) }
            }
            if let profiles = query.profiles {
                positions = positions.filter { timeline.entries[$0].trailers.map { profiles.matches($0.profile) } ?? false }
            }
            // Positions run newest first.
            if let newest = query.newest { positions = Array(positions.prefix(max(0, newest))) }
            // Oldest first: the order in which the events happened.
            let reviews = try Reviews(snapshot.store).reader()
            var ordered = Array(positions.reversed())
            let total = ordered.count
            if let page = query.page {
                ordered = Array(ordered.dropFirst(page.offset).prefix(page.limit))
            }
            // Profile by profile (sorted), each profile's events oldest first: what a report shows, made and
            // handed on a batch of profiles at a time, so that a report over 50,000 events never holds them all.
            var byProfile: [ProfileID: [Int]] = [:]
            for (index, position) in ordered.enumerated() {
                guard let profile = timeline.entries[position].trailers?.profile else { continue }
                byProfile[profile, default: []].append(index)
            }
            let limits = query.limits
            var made: [(index: Int, commit: CommitID, recordedAt: Timestamp)] = []
            var batch: [(profile: ProfileID, inputs: [(index: Int, input: ReportInput)])] = []
            var batchEvents = 0
            func flush() throws {
                if query.shouldStop() {
                    throw HistoryError.busy(what: "the report was stopped before it was complete", fix: "ask for a shorter window or a smaller page")
                }
                let inputs = batch.flatMap { $0.inputs.map(\.input) }
                let built = parallelMap(inputs) { input in Result { () throws(HistoryError) in try input.event(limits: limits) } }
                var next = built.makeIterator()
                for (profile, items) in batch {
                    var events: [ChangeReport.Event] = []
                    for item in items {
                        guard let result = next.next() else { break }
                        var event = try result.get()
                        event.reviews = reviews(item.input.commit)
                        made.append((item.index, event.commit, event.recordedAt))
                        events.append(event)
                    }
                    if !events.isEmpty { try each(ChangeReport.Profile(profile: profile, events: events)) }
                }
                batch = []
                batchEvents = 0
            }
            for profile in byProfile.keys.sorted() {
                let inputs = try (byProfile[profile] ?? []).compactMap { index in
                    try reportInput(at: ordered[index], timeline: timeline).map { (index: index, input: $0) }
                }
                batch.append((profile, inputs))
                batchEvents += inputs.count
                if batchEvents >= 64 { try flush() }
            }
            try flush()
            made.sort { $0.index < $1.index }
            if let first = made.first, let last = made.last {
                range.fromCommit = first.commit
                range.toCommit = last.commit
                if case .sinceLast = query.window {
                    range.since = .time(first.recordedAt)
                    range.until = .time(last.recordedAt)
                }
            }
            var run = ReportRun(report: ChangeReport(range: range, profiles: []), checkpoint: move)
            run.totalEvents = total
            run.recorded = made.map(\.commit)
            return run
        }
    }

    /// One recorded event of main with its diff and reviews, as a report shows it (the event's own page).
    public func event(_ commit: CommitID) throws(HistoryError) -> ChangeReport.Event {
        try HistoryRepository.translating("read the event \(commit.short)") {
            let timeline = try snapshot.timeline()
            guard let position = timeline.entries.firstIndex(where: { $0.commit == OID(commit) }),
                  let input = try reportInput(at: position, timeline: timeline) else {
                throw HistoryError.notFound(what: "no event recorded on \(HistoryRepository.mainRef) has commit \(commit.hex)",
                                            fix: "the review queue and each profile's page link to the recorded events")
            }
            var event = try input.event(limits: .standard)
            event.reviews = try Reviews(snapshot.store).reader()(input.commit)
            return event
        }
    }

    /// The newest `limit` events nobody has reviewed, newest first, with their diffs: the review queue.
    public func pending(profiles: ProfileGlobs?, minimum: Significance?, limit: Int) throws(HistoryError) -> [ChangeReport.Event] {
        let unreviewed = try EventLog(snapshot).entries().filter { $0.reviews.isEmpty && (profiles?.matches($0.profile) ?? true) }
        var events: [ChangeReport.Event] = []
        for entry in unreviewed where events.count < limit {
            let event = try event(entry.commit)
            if let minimum, !event.isFlagged, event.comparison.diff.counts.count(atLeast: minimum) == 0 { continue }
            events.append(event)
        }
        return events
    }

    /// What one event's report entry is made from, read from the repository: the event and both texts.
    struct ReportInput: Sendable {
        let commit: OID
        let trailers: RecordTrailers
        let recordedAt: Timestamp
        let author: Person
        let oldDate: EffectiveDate?
        let oldRevision: ProfileComparison.Revision?
        let newRevision: ProfileComparison.Revision
        let old: (bytes: [UInt8], path: String)?
        let new: (bytes: [UInt8], path: String)

        /// Parses and diffs the texts (pure work, on any thread). The sentence links are dropped: no report
        /// shows them, and over 50,000 events they were most of the report's memory.
        func event(limits: DiffLimits) throws(HistoryError) -> ChangeReport.Event {
            let memo = SentenceMemo(details: false)
            let oldProfile = try old.map { (text) throws(HistoryError) in try Reporter.parse(text.bytes, path: text.path, memo: memo) }
            let newProfile = try Reporter.parse(new.bytes, path: new.path, memo: memo)
            var diff = DocumentDiff.compare(oldProfile, newProfile, limits: limits)
            diff.links = []
            let comparison = ProfileComparison(
                profile: trailers.profile, axis: .effective,
                from: .init(date: .day(oldDate ?? trailers.lastUpdated), revision: oldRevision),
                to: .init(date: .day(trailers.lastUpdated), revision: newRevision),
                revisionsBetween: [], diff: diff)
            return ChangeReport.Event(event: trailers.event, lastUpdated: trailers.lastUpdated,
                                      commit: CommitID(commit), recordedAt: recordedAt, author: author, source: trailers.source,
                                      comparison: comparison)
        }
    }

    /// One recorded event with its diff: a revision or back-fill against the revision it follows in date
    /// order (as the repository held them then), a correction against the text it replaced.
    func reportInput(at position: Int, timeline: Timeline) throws -> ReportInput? {
        let entry = timeline.entries[position]
        guard let trailers = entry.trailers else { return nil }
        let commit = try repository.commit(entry.commit)
        let path = HistoryRepository.path(of: trailers.profile, date: trailers.lastUpdated)
        if trailers.event == .retraction { return try retractionInput(entry, trailers: trailers, commit: commit, path: path) }
        guard let newEntry = try repository.entry(atPath: path, inTree: commit.treeID) else {
            throw HistoryError.repository(what: "commit \(entry.commit.short) records \(path) but its tree has no such file",
                                          fix: "check the repository with `history verify`")
        }
        var oldDate: EffectiveDate?
        var oldBlob: OID?
        if trailers.event == .correction, let parent = commit.parentIDs.first {
            oldDate = trailers.lastUpdated
            oldBlob = try repository.entry(atPath: path, inTree: try repository.commit(parent).treeID)?.id
        } else if let previous = try snapshot.dates(of: trailers.profile, inTree: commit.treeID).last(where: { $0 < trailers.lastUpdated }) {
            oldDate = previous
            oldBlob = try repository.entry(atPath: HistoryRepository.path(of: trailers.profile, date: previous), inTree: commit.treeID)?.id
        }
        let oldRevision = oldDate.map { timeline.revision(trailers.profile, $0, from: min(position + 1, timeline.entries.count - 1)) }
        let recordedAt = entry.recordedAt
        let newRevision = ProfileComparison.Revision(lastUpdated: trailers.lastUpdated, commit: CommitID(entry.commit),
                                                     recordedAt: recordedAt, event: trailers.event)
        let oldPath = oldDate.map { HistoryRepository.path(of: trailers.profile, date: $0) } ?? path
        return ReportInput(commit: entry.commit, trailers: trailers, recordedAt: recordedAt,
                           author: Person(name: commit.author.name, email: commit.author.email), oldDate: oldDate,
                           oldRevision: oldRevision, newRevision: newRevision,
                           old: try oldBlob.map { (try repository.blob($0), "\(oldPath) (blob \($0.short))") },
                           new: (try repository.blob(newEntry.id), "\(path) (blob \(newEntry.id.short))"))
    }

    /// A retraction in a report: the withdrawn text against what is in effect for that date now — the text
    /// a withdrawn correction had replaced, or the revision before it (itself when there is none).
    func retractionInput(_ entry: EventIndex.Row, trailers: RecordTrailers, commit: Commit, path: String) throws -> ReportInput? {
        guard let parent = commit.parentIDs.first,
              let withdrawn = try repository.entry(atPath: path, inTree: try repository.commit(parent).treeID)?.id else { return nil }
        var nowBlob = try repository.entry(atPath: path, inTree: commit.treeID)?.id
        var nowPath = path
        if nowBlob == nil, let previous = try snapshot.dates(of: trailers.profile, inTree: commit.treeID).last(where: { $0 < trailers.lastUpdated }) {
            nowPath = HistoryRepository.path(of: trailers.profile, date: previous)
            nowBlob = try repository.entry(atPath: nowPath, inTree: commit.treeID)?.id
        }
        let recordedAt = entry.recordedAt
        let event = ProfileComparison.Revision(lastUpdated: trailers.lastUpdated, commit: CommitID(entry.commit),
                                               recordedAt: recordedAt, event: .retraction)
        let shown = nowBlob ?? withdrawn
        return ReportInput(commit: entry.commit, trailers: trailers, recordedAt: recordedAt,
                           author: Person(name: commit.author.name, email: commit.author.email), oldDate: trailers.lastUpdated,
                           oldRevision: (trailers.retracts ?? RecordTrailers(message: commit.message)?.retracts).flatMap { CommitID(hex: $0) }.map { .init(lastUpdated: trailers.lastUpdated, commit: $0) },
                           newRevision: event,
                           old: (try repository.blob(withdrawn), "\(path) (blob \(withdrawn.short))"),
                           new: (try repository.blob(shown), "\(nowPath) (blob \(shown.short))"))
    }

    func parseStored(_ blob: OID, path: String) throws -> Profile {
        try Self.parse(try repository.blob(blob), path: "\(path) (blob \(blob.short))")
    }

    /// A stored text as a profile; one that does not parse is damage to report, not to ignore. Parsed
    /// without facts and quotes: every caller hands it to `DocumentDiff.compare`, which extracts them for
    /// the sentences it reports. `memo`: one shared by the parses of one profile's revisions.
    static func parse(_ bytes: [UInt8], path: String, memo: SentenceMemo? = nil) throws(HistoryError) -> Profile {
        do {
            return try ProfileParser.parse(stored: bytes, details: false, memo: memo)
        } catch {
            throw .badInput(what: "the stored text \(path) cannot be read as a profile (\(error))", fix: "check the repository with `history verify`")
        }
    }
}
