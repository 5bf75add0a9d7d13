import Git
import ProfileModel
import SemanticDiff

/// Which recorded events a report covers.
public struct ReportQuery: Sendable {
    public enum Window: Sendable {
        /// Everything recorded after the checkpoint `refs/history/reports/<name>`; with no checkpoint yet,
        /// everything (or everything recorded from `start` on).
        case sinceLast(name: String, start: DateArgument?)
        /// A window of recorded time, without any checkpoint.
        case recorded(since: DateArgument, until: DateArgument?)
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

    public init(window: Window, limits: DiffLimits = .standard, page: Page? = nil, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.window = window
        self.limits = limits
        self.page = page
        self.shouldStop = shouldStop
    }
}

/// A report ready to be written, and where its checkpoint moves once it has been.
public struct ReportRun: Sendable {
    public struct CheckpointMove: Sendable {
        public let name: String
        public let reference: String
        public let previous: OID?
        public let next: OID
    }

    public let report: ChangeReport
    /// Nil for a window of recorded time, and when nothing was recorded after the checkpoint.
    public let checkpoint: CheckpointMove?
    /// How many events the whole window holds (more than the report when it was asked for one page).
    public var totalEvents: Int = 0
}

extension HistoryRepository {
    public static let checkpointPrefix = "refs/history/reports/"

    /// `refs/history/reports/<name>`, for a name that is safe as one ref component.
    public static func checkpointReference(_ name: String) throws(HistoryError) -> String {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
        guard !name.isEmpty, name.count <= 100, allowed, !name.hasPrefix("."), !name.hasPrefix("-"),
              !name.hasSuffix(".lock"), !name.contains("..") else {
            throw .invalidArgument("--since-last '\(name)' is not a usable checkpoint name",
                                   "use letters, digits, '-', '_' or '.', e.g. --since-last nightly")
        }
        return checkpointPrefix + name
    }

    /// Holds the report lock of `name` for as long as the returned value lives.
    public func lockReport(_ name: String, timeout: Double) throws(HistoryError) -> FileLock {
        _ = try Self.checkpointReference(name)
        return try FileLock(gitDirectory: repository.gitDirectory, name: "report-\(name)", timeout: timeout) { path in
            .busy("another `history report --since-last \(name)` is still running (it holds \(path))",
                  "let it finish; this run reported nothing and moved nothing, so simply run it again later")
        }
    }

    /// Reads the events the query covers and diffs each one; writes nothing.
    public func prepareReport(_ query: ReportQuery) throws(HistoryError) -> ReportRun {
        if case .recorded(let since, let until?) = query.window, until.endTime < since.startTime {
            throw .invalidArgument("the window ends (\(until.text)) before it starts (\(since.text))",
                                   "give an until date on or after the since date")
        }
        guard let tip = try tip() else {
            return ReportRun(report: ChangeReport(range: .init(), profiles: []), checkpoint: nil)
        }
        do {
            let timeline = try readTimeline(from: tip)
            var range = ChangeReport.Range(tip: tip.hex)
            var positions: [Int]
            var move: ReportRun.CheckpointMove?
            switch query.window {
            case .sinceLast(let name, let start):
                let reference = try Self.checkpointReference(name)
                let previous = try repository.reference(reference)
                range.checkpoint = name
                range.previousCheckpoint = previous?.hex
                if let previous {
                    guard let stop = timeline.entries.firstIndex(where: { $0.commit == previous }) else {
                        throw HistoryError.repository(
                            "the checkpoint \(reference) points at \(previous.short), which \(Self.mainRef) no longer contains: history was rewritten, or the checkpoint was moved by hand",
                            "audit with `history verify --anchor \(previous.hex)`; to start the report over, delete it with `git update-ref -d \(reference)`")
                    }
                    positions = Array(0..<stop)
                } else {
                    positions = Array(timeline.entries.indices)
                    if let start { positions = positions.filter { timeline.entries[$0].time >= start.startTime } }
                }
                if previous != tip { move = .init(name: name, reference: reference, previous: previous, next: tip) }
            case .recorded(let since, let until):
                let upper = until?.endTime ?? Int64.max
                positions = timeline.entries.indices.filter { (since.startTime...upper).contains(timeline.entries[$0].time) }
                range.since = since.start.description
                range.until = until?.end.description
            }
            // Oldest first: the order in which the events happened.
            let reviews = try reviewReader()
            // A chunk at a time: texts read here, parsed and diffed on all cores.
            var events: [ChangeReport.Event] = []
            var ordered = Array(positions.reversed())
            let total = ordered.count
            if let page = query.page {
                ordered = Array(ordered.dropFirst(page.offset).prefix(page.limit))
            }
            let limits = query.limits
            for start in stride(from: 0, to: ordered.count, by: 64) {
                if query.shouldStop() {
                    throw HistoryError.busy("the report was stopped before it was complete", "ask for a shorter window or a smaller page")
                }
                let chunk = ordered[start..<min(start + 64, ordered.count)]
                let inputs = try chunk.compactMap { try reportInput(at: $0, timeline: timeline) }
                let built = parallelMap(inputs) { input in Result { () throws(HistoryError) in try input.event(limits: limits) } }
                for (input, result) in zip(inputs, built) {
                    var event = try result.get()
                    event.reviews = reviews(input.commit).map {
                        .init(verdict: $0.verdict.rawValue, reviewer: $0.reviewer, reviewedAt: Formatting.timestamp($0.reviewedAt), note: $0.note)
                    }
                    events.append(event)
                }
            }
            if let first = events.first, let last = events.last {
                range.fromCommit = first.commit
                range.toCommit = last.commit
                if case .sinceLast = query.window {
                    range.since = first.recordedAt
                    range.until = last.recordedAt
                }
            }
            var byProfile: [String: [ChangeReport.Event]] = [:]
            for event in events { byProfile[event.comparison.profile, default: []].append(event) }
            let profiles = byProfile.keys.sorted().map { ChangeReport.Profile(profile: $0, events: byProfile[$0] ?? []) }
            var run = ReportRun(report: ChangeReport(range: range, profiles: profiles), checkpoint: move)
            run.totalEvents = total
            return run
        } catch let error as HistoryError {
            throw error
        } catch let error as GitError {
            throw Self.wrap(error, "read the events to report")
        } catch {
            throw .repository("cannot read the events to report: \(error)", "check the repository with `git fsck`")
        }
    }

    /// What one event's report entry is made from, read from the repository: the event and both texts.
    struct ReportInput: Sendable {
        let commit: OID
        let trailers: RecordTrailers
        let recordedAt: String
        let author: String
        let oldDate: EffectiveDate?
        let oldRevision: ProfileComparison.Revision?
        let newRevision: ProfileComparison.Revision
        let old: (bytes: [UInt8], path: String)?
        let new: (bytes: [UInt8], path: String)

        /// Parses and diffs the texts (pure work, on any thread). The sentence links are dropped: no report
        /// shows them, and over 50,000 events they were most of the report's memory.
        func event(limits: DiffLimits) throws(HistoryError) -> ChangeReport.Event {
            let oldProfile = try old.map { (text) throws(HistoryError) in try HistoryRepository.parse(text.bytes, path: text.path) }
            let newProfile = try HistoryRepository.parse(new.bytes, path: new.path)
            var diff = DocumentDiff.compare(oldProfile, newProfile, limits: limits)
            diff.links = []
            let comparison = ProfileComparison(
                profile: trailers.profile.description, axis: .effective,
                from: .init(date: oldDate?.description ?? trailers.lastUpdated.description, revision: oldRevision),
                to: .init(date: trailers.lastUpdated.description, revision: newRevision),
                revisionsBetween: [], diff: diff)
            return ChangeReport.Event(event: trailers.event.rawValue, lastUpdated: trailers.lastUpdated.description,
                                      commit: commit.hex, recordedAt: recordedAt, author: author, source: trailers.source,
                                      comparison: comparison)
        }
    }

    /// One recorded event with its diff: a revision or back-fill against the revision it follows in date
    /// order (as the repository held them then), a correction against the text it replaced.
    func reportInput(at position: Int, timeline: Timeline) throws -> ReportInput? {
        let entry = timeline.entries[position]
        guard let trailers = entry.trailers else { return nil }
        let commit = try repository.commit(entry.commit)
        let path = Self.path(of: trailers.profile, date: trailers.lastUpdated)
        if trailers.event == .retraction { return try retractionInput(entry, trailers: trailers, commit: commit, path: path) }
        guard let newEntry = try repository.entry(atPath: path, inTree: commit.treeID) else {
            throw HistoryError.repository("commit \(entry.commit.short) records \(path) but its tree has no such file",
                                          "check the repository with `history verify`")
        }
        var oldDate: EffectiveDate?
        var oldBlob: OID?
        if trailers.event == .correction, let parent = commit.parentIDs.first {
            oldDate = trailers.lastUpdated
            oldBlob = try repository.entry(atPath: path, inTree: try repository.commit(parent).treeID)?.id
        } else if let previous = try dates(of: trailers.profile, inTree: commit.treeID).last(where: { $0 < trailers.lastUpdated }) {
            oldDate = previous
            oldBlob = try repository.entry(atPath: Self.path(of: trailers.profile, date: previous), inTree: commit.treeID)?.id
        }
        let oldRevision = oldDate.map { revisionInfo(trailers.profile, $0, timeline: timeline, from: min(position + 1, timeline.entries.count - 1)) }
        let recordedAt = Formatting.timestamp(entry.time, offsetMinutes: entry.offsetMinutes)
        let newRevision = ProfileComparison.Revision(lastUpdated: trailers.lastUpdated.description, commit: entry.commit.hex,
                                                     recordedAt: recordedAt, event: trailers.event.rawValue)
        let oldPath = oldDate.map { Self.path(of: trailers.profile, date: $0) } ?? path
        return ReportInput(commit: entry.commit, trailers: trailers, recordedAt: recordedAt,
                           author: "\(commit.author.name) <\(commit.author.email)>", oldDate: oldDate,
                           oldRevision: oldRevision, newRevision: newRevision,
                           old: try oldBlob.map { (try repository.blob($0), "\(oldPath) (blob \($0.short))") },
                           new: (try repository.blob(newEntry.id), "\(path) (blob \(newEntry.id.short))"))
    }

    /// A retraction in a report: the withdrawn text against what is in effect for that date now — the text
    /// a withdrawn correction had replaced, or the revision before it (itself when there is none).
    func retractionInput(_ entry: Timeline.Entry, trailers: RecordTrailers, commit: Commit, path: String) throws -> ReportInput? {
        guard let parent = commit.parentIDs.first,
              let withdrawn = try repository.entry(atPath: path, inTree: try repository.commit(parent).treeID)?.id else { return nil }
        var nowBlob = try repository.entry(atPath: path, inTree: commit.treeID)?.id
        var nowPath = path
        if nowBlob == nil, let previous = try dates(of: trailers.profile, inTree: commit.treeID).last(where: { $0 < trailers.lastUpdated }) {
            nowPath = Self.path(of: trailers.profile, date: previous)
            nowBlob = try repository.entry(atPath: nowPath, inTree: commit.treeID)?.id
        }
        let recordedAt = Formatting.timestamp(entry.time, offsetMinutes: entry.offsetMinutes)
        let event = ProfileComparison.Revision(lastUpdated: trailers.lastUpdated.description, commit: entry.commit.hex,
                                               recordedAt: recordedAt, event: RecordEvent.retraction.rawValue)
        let shown = nowBlob ?? withdrawn
        return ReportInput(commit: entry.commit, trailers: trailers, recordedAt: recordedAt,
                           author: "\(commit.author.name) <\(commit.author.email)>", oldDate: trailers.lastUpdated,
                           oldRevision: trailers.retracts.map { .init(lastUpdated: trailers.lastUpdated.description, commit: $0) },
                           newRevision: event,
                           old: (try repository.blob(withdrawn), "\(path) (blob \(withdrawn.short))"),
                           new: (try repository.blob(shown), "\(nowPath) (blob \(shown.short))"))
    }

    func parseStored(_ blob: OID, path: String) throws -> Profile {
        try Self.parse(try repository.blob(blob), path: "\(path) (blob \(blob.short))")
    }

    /// A stored text as a profile; one that does not parse is damage to report, not to ignore. Parsed
    /// without facts and quotes: every caller hands it to `DocumentDiff.compare`, which extracts them for
    /// the sentences it reports.
    static func parse(_ bytes: [UInt8], path: String) throws(HistoryError) -> Profile {
        do {
            return try ProfileParser.parse(stored: bytes, details: false)
        } catch {
            throw .badInput("the stored text \(path) cannot be read as a profile (\(error))", "check the repository with `history verify`")
        }
    }

    /// Moves the checkpoint to the tip the report was made from, only if it is still where the report
    /// found it (compare-and-swap): call it after the report has been completely written.
    public func moveCheckpoint(_ move: ReportRun.CheckpointMove) throws(HistoryError) {
        do {
            try publish(move.reference, to: move.next, expecting: move.previous,
                                           message: "history report --since-last \(move.name)")
        } catch where error.isConcurrentUpdate {
            throw .busy("the checkpoint \(move.reference) moved while this report was being made",
                        "another run reported the same events; this report may repeat them — nothing was lost")
        } catch {
            throw Self.wrap(error, "move \(move.reference)")
        }
    }
}
