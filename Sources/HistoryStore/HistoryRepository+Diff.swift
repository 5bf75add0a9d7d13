import Git
import ProfileModel
import SemanticDiff

/// What `history diff` asks: which profiles, between which dates, on which time axis.
public struct DiffRequest: Sendable {
    public enum Profiles: Sendable {
        case some([ProfileID])
        /// Every profile whose revision differs between the two sides.
        case all
    }

    public var profiles: Profiles
    public var from: DateArgument
    public var to: DateArgument
    public var axis: ProfileComparison.TimeAxis
    /// Each revision-to-revision diff in the range instead of the net change.
    public var steps: Bool
    public var limits: DiffLimits

    public init(profiles: Profiles, from: DateArgument, to: DateArgument, axis: ProfileComparison.TimeAxis = .effective,
                steps: Bool = false, limits: DiffLimits = .standard) {
        self.profiles = profiles
        self.from = from
        self.to = to
        self.axis = axis
        self.steps = steps
        self.limits = limits
    }
}

/// Every commit on main, newest first, read once: what each recorded and when.
struct Timeline {
    struct Entry {
        let commit: OID
        let time: Int64
        let offsetMinutes: Int
        let trailers: RecordTrailers?
    }

    let entries: [Entry]
    /// Positions in `entries` of each profile's events, newest first: lookups never scan all of main.
    let positions: [ProfileID: [Int]]

    init(entries: [Entry]) {
        self.entries = entries
        var positions: [ProfileID: [Int]] = [:]
        for (i, entry) in entries.enumerated() {
            if let profile = entry.trailers?.profile { positions[profile, default: []].append(i) }
        }
        self.positions = positions
    }

    /// The newest commit recorded at or before `time`, as an index into `entries`.
    func position(recordedBy time: Int64) -> Int? {
        entries.firstIndex { $0.time <= time }
    }

    /// The newest event at or before position `start` that wrote `date` of `profile`: who recorded that text.
    func writer(of profile: ProfileID, date: EffectiveDate, from start: Int = 0) -> Entry? {
        for i in positions[profile, default: []] where i >= start && entries[i].trailers?.lastUpdated == date {
            return entries[i]
        }
        return nil
    }
}

extension HistoryRepository {
    /// The comparisons a diff request asks for, in profile order (and, with steps, in date order).
    public func compare(_ request: DiffRequest) throws(HistoryError) -> [ProfileComparison] {
        var all: [ProfileComparison] = []
        try compare(request) { all.append($0) }
        return all
    }

    /// The same, handed over one by one as they are made, so that `diff --all` over thousands of profiles
    /// holds only a few dozen parsed revisions and diffs at a time.
    public func compare(_ request: DiffRequest, each deliver: (ProfileComparison) throws(HistoryError) -> Void) throws(HistoryError) {
        guard request.from.start <= request.to.end else {
            throw .invalidArgument("--from \(request.from) is after --to \(request.to)", "give the earlier date as --from")
        }
        guard let tip = try tip() else {
            throw .badInput("nothing has been recorded yet in \(path)", "record revisions first with `history import`")
        }
        let profiles: [ProfileID]
        switch request.profiles {
        case .some(let ids):
            for id in ids { try requireProfile(id) }
            profiles = ids
        case .all:
            profiles = try self.profiles().map(\.profile)
        }
        do {
            let timeline = try readTimeline(from: tip)
            // The repository is read on this thread; parsing and diffing, pure work on values, on all cores.
            struct Job: Sendable {
                let profile: ProfileID
                let from: State
                let to: State
                let between: [ProfileComparison.Revision]
                let step: Bool
            }
            var jobs: [Job] = []
            let folders = TreeFolders(repository: repository, root: try repository.commit(tip).treeID)
            for profile in profiles {
                let sides: [State]
                switch request.axis {
                case .effective: sides = try effectiveStates(profile, request, folders: folders, timeline: timeline)
                case .recorded: sides = try recordedStates(profile, request, timeline: timeline)
                }
                guard let first = sides.first, let last = sides.last else { continue }
                if case .all = request.profiles, first.blob == last.blob { continue }
                if request.steps {
                    for (a, b) in zip(sides, sides.dropFirst()) { jobs.append(Job(profile: profile, from: a, to: b, between: [], step: true)) }
                } else {
                    let between = first.blob == last.blob ? [] : Array(sides.dropFirst().compactMap(\.revision).dropLast())
                    jobs.append(Job(profile: profile, from: first, to: last, between: between, step: false))
                }
            }
            // A chunk at a time, so memory holds a few dozen parsed revisions, not every one of them; each
            // chunk is parsed and diffed on the other threads while the one before is handed over here.
            let limits = request.limits
            var handed: (jobs: ArraySlice<Job>, diffs: [Result<DocumentDiff, HistoryError>]) = ([], [])
            func handOver() throws(HistoryError) {
                for (job, diff) in zip(handed.jobs, handed.diffs) {
                    try deliver(ProfileComparison(
                        profile: job.profile.description, axis: request.axis,
                        from: .init(date: job.step ? (job.from.revision?.lastUpdated ?? job.from.date) : job.from.date, revision: job.from.revision),
                        to: .init(date: job.step ? (job.to.revision?.lastUpdated ?? job.to.date) : job.to.date, revision: job.to.revision),
                        revisionsBetween: job.between, diff: try diff.get()))
                }
            }
            // The texts of the next chunk are read here, on the repository's thread, while this one is diffed.
            func readTexts(_ chunk: ArraySlice<Job>) throws(HistoryError) -> [OID: (bytes: [UInt8], path: String)] {
                try texts(of: chunk.flatMap { [$0.from, $0.to] })
            }
            let chunks = stride(from: 0, to: jobs.count, by: 64).map { jobs[$0..<min($0 + 64, jobs.count)] }
            var next = try chunks.first.map(readTexts) ?? [:]
            for (k, chunk) in chunks.enumerated() {
                let read = next
                let diffs = try overlapped({ () -> [Result<DocumentDiff, HistoryError>] in
                    let blobs = Array(read.keys)
                    let parsed = parallelMap(blobs.map { read[$0] ?? ([], $0.hex) }) { item in
                        Result { () throws(HistoryError) -> Profile in try Self.parse(item.bytes, path: item.path) }
                    }
                    let profilesByBlob = Dictionary(uniqueKeysWithValues: zip(blobs, parsed))
                    return parallelMap(Array(chunk)) { job in
                        Result { () throws(HistoryError) -> DocumentDiff in
                            let old = try job.from.blob.flatMap { profilesByBlob[$0] }?.get()
                            let new = try job.to.blob.flatMap { profilesByBlob[$0] }?.get()
                            return DocumentDiff.compare(old, new, limits: limits)
                        }
                    }
                }, meanwhile: { () throws(HistoryError) in
                    try handOver()
                    next = k + 1 < chunks.count ? try readTexts(chunks[k + 1]) : [:]
                })
                handed = (chunk, diffs)
            }
            try handOver()
        } catch let error as HistoryError {
            throw error
        } catch let error as GitError {
            throw Self.wrap(error, "compare revisions")
        } catch {
            throw .repository("cannot compare revisions: \(error)", "check the repository with `git fsck`")
        }
    }

    /// The stored texts of these states, by blob, each read once.
    func texts(of states: [State]) throws(HistoryError) -> [OID: (bytes: [UInt8], path: String)] {
        var texts: [OID: (bytes: [UInt8], path: String)] = [:]
        for state in states {
            guard let blob = state.blob, texts[blob] == nil else { continue }
            do { texts[blob] = (try repository.blob(blob), state.path ?? blob.hex) } catch {
                throw Self.wrap(error, "read \(state.path ?? blob.hex)")
            }
        }
        return texts
    }

    /// One side of a comparison, or one step of a range: a revision (or none) and where its text is.
    struct State: Sendable {
        var date: String
        let revision: ProfileComparison.Revision?
        let blob: OID?
        let path: String?
    }

    func readTimeline(from tip: OID) throws -> Timeline {
        let index = try EventIndex.load(tip: tip, repository: repository)
        return Timeline(entries: index.rows.map {
            .init(commit: $0.commit, time: $0.time, offsetMinutes: $0.offsetMinutes, trailers: $0.trailers)
        })
    }

    func revisionInfo(_ profile: ProfileID, _ date: EffectiveDate, timeline: Timeline, from start: Int = 0) -> ProfileComparison.Revision {
        guard let writer = timeline.writer(of: profile, date: date, from: start) else {
            return .init(lastUpdated: date.description, commit: timeline.entries[start].commit.hex)
        }
        return .init(lastUpdated: date.description, commit: writer.commit.hex,
                     recordedAt: Formatting.timestamp(writer.time, offsetMinutes: writer.offsetMinutes),
                     event: writer.trailers?.event.rawValue)
    }

    /// Effective time: the revision in effect on each date, and every dated revision in between (tip tree).
    func effectiveStates(_ profile: ProfileID, _ request: DiffRequest, folders: TreeFolders, timeline: Timeline) throws -> [State] {
        let files = try folders.files(of: profile)
        let dates = files.map(\.date)
        let blobs = Dictionary(files.map { ($0.date, $0.blob) }, uniquingKeysWith: { first, _ in first })
        let fromDate = request.from.start, toDate = request.to.end
        func state(_ date: EffectiveDate?, label: EffectiveDate) -> State {
            guard let date else { return State(date: label.description, revision: nil, blob: nil, path: nil) }
            return State(date: label.description, revision: revisionInfo(profile, date, timeline: timeline),
                         blob: blobs[date], path: Self.path(of: profile, date: date))
        }
        let first = dates.last { $0 <= fromDate }
        let last = dates.last { $0 <= toDate }
        var states = [state(first, label: fromDate)]
        for date in dates where date <= toDate && (first.map { date > $0 } ?? true) {
            states.append(state(date, label: date))
        }
        if states.count == 1 { states.append(state(last, label: toDate)) }
        states[states.count - 1].date = toDate.description
        return states
    }

    /// Recorded time: the latest revision the repository held at each time, and each recorded event of
    /// the profile in between that changed it.
    func recordedStates(_ profile: ProfileID, _ request: DiffRequest, timeline: Timeline) throws -> [State] {
        func state(at position: Int?, label: String) throws -> State {
            guard let position else { return State(date: label, revision: nil, blob: nil, path: nil) }
            let tree = try repository.commit(timeline.entries[position].commit).treeID
            guard let date = try dates(of: profile, inTree: tree).last else { return State(date: label, revision: nil, blob: nil, path: nil) }
            let path = Self.path(of: profile, date: date)
            return State(date: label, revision: revisionInfo(profile, date, timeline: timeline, from: position),
                         blob: try repository.entry(atPath: path, inTree: tree)?.id, path: path)
        }
        let start = timeline.position(recordedBy: request.from.startTime - 1)
        let end = timeline.position(recordedBy: request.to.endTime)
        var states = [try state(at: start, label: request.from.start.description)]
        if let end {
            // Events of this profile after `start` up to `end`, oldest first.
            let upper = start ?? timeline.entries.count
            for position in (end..<upper).reversed() where timeline.entries[position].trailers?.profile == profile {
                let s = try state(at: position, label: Formatting.timestamp(timeline.entries[position].time))
                if s.blob != states.last?.blob { states.append(s) }
            }
        }
        if states.count == 1 { states.append(try state(at: end, label: request.to.end.description)) }
        states[states.count - 1].date = request.to.end.description
        return states
    }
}
