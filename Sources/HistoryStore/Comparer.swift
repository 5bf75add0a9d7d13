import Git
import HistoryModel
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

/// Compares revisions of one snapshot: `history diff` between two dates, on either time axis, net or step
/// by step. The repository is read on the calling thread; parsing and diffing run on all cores.
public struct Comparer {
    let snapshot: Snapshot

    public init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    var repository: Repository { snapshot.repository }

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
            throw .invalidArgument(what: "--from \(request.from) is after --to \(request.to)", fix: "give the earlier date as --from")
        }
        _ = try snapshot.requireTip()
        let profiles: [ProfileID]
        switch request.profiles {
        case .some(let ids):
            for id in ids { try snapshot.requireProfile(id) }
            profiles = ids
        case .all:
            profiles = try RevisionReader(snapshot).profiles().map(\.profile)
        }
        try HistoryRepository.translating("compare revisions") {
            let timeline = try snapshot.timeline()
            // The repository is read on this thread; parsing and diffing, pure work on values, on all cores.
            struct Job: Sendable {
                let profile: ProfileID
                let from: State
                let to: State
                let between: [ProfileComparison.Revision]
                let step: Bool
            }
            var jobs: [Job] = []
            for profile in profiles {
                let sides: [State]
                switch request.axis {
                case .effective: sides = try effectiveStates(profile, request, timeline: timeline)
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
                        profile: job.profile, axis: request.axis,
                        from: .init(date: job.step ? (job.from.revision.map { .day($0.lastUpdated) } ?? job.from.date) : job.from.date, revision: job.from.revision),
                        to: .init(date: job.step ? (job.to.revision.map { .day($0.lastUpdated) } ?? job.to.date) : job.to.date, revision: job.to.revision),
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
                    if !request.steps {
                        // Each text belongs to one comparison: both sides are parsed by its task, the newer
                        // one reusing the paragraphs the older one split (most of them, most years).
                        return parallelMap(Array(chunk)) { job in
                            Result { () throws(HistoryError) -> DocumentDiff in
                                let memo = SentenceMemo(details: false)
                                func parse(_ blob: OID?) throws(HistoryError) -> Profile? {
                                    guard let blob else { return nil }
                                    let text = read[blob] ?? ([], blob.hex)
                                    return try Reporter.parse(text.bytes, path: text.path, memo: memo)
                                }
                                let old = try parse(job.from.blob)
                                return DocumentDiff.compare(old, try parse(job.to.blob), limits: limits)
                            }
                        }
                    }
                    // Steps share their texts (one step's newer side is the next one's older side): each is parsed once.
                    let blobs = Array(read.keys)
                    let parsed = parallelMap(blobs.map { read[$0] ?? ([], $0.hex) }) { item in
                        Result { () throws(HistoryError) -> Profile in try Reporter.parse(item.bytes, path: item.path) }
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
        }
    }

    /// The stored texts of these states, by blob, each read once.
    func texts(of states: [State]) throws(HistoryError) -> [OID: (bytes: [UInt8], path: String)] {
        var texts: [OID: (bytes: [UInt8], path: String)] = [:]
        for state in states {
            guard let blob = state.blob, texts[blob] == nil else { continue }
            do { texts[blob] = (try repository.blob(blob), state.path ?? blob.hex) } catch {
                throw HistoryRepository.wrap(error, "read \(state.path ?? blob.hex)")
            }
        }
        return texts
    }

    /// One side of a comparison, or one step of a range: a revision (or none) and where its text is.
    struct State: Sendable {
        var date: Moment
        let revision: ProfileComparison.Revision?
        let blob: OID?
        let path: String?
    }

    /// Effective time: the revision in effect on each date, and every dated revision in between (tip tree).
    func effectiveStates(_ profile: ProfileID, _ request: DiffRequest, timeline: Timeline) throws -> [State] {
        let files = try snapshot.files(of: profile)
        let dates = files.map(\.date)
        let blobs = Dictionary(files.map { ($0.date, $0.blob) }, uniquingKeysWith: { first, _ in first })
        let fromDate = request.from.start, toDate = request.to.end
        func state(_ date: EffectiveDate?, label: EffectiveDate) -> State {
            guard let date else { return State(date: .day(label), revision: nil, blob: nil, path: nil) }
            return State(date: .day(label), revision: timeline.revision(profile, date),
                         blob: blobs[date], path: HistoryRepository.path(of: profile, date: date))
        }
        let first = dates.last { $0 <= fromDate }
        let last = dates.last { $0 <= toDate }
        var states = [state(first, label: fromDate)]
        for date in dates where date <= toDate && (first.map { date > $0 } ?? true) {
            states.append(state(date, label: date))
        }
        if states.count == 1 { states.append(state(last, label: toDate)) }
        states[states.count - 1].date = .day(toDate)
        return states
    }

    /// Recorded time: the latest revision the repository held at each time, and each recorded event of
    /// the profile in between that changed it.
    func recordedStates(_ profile: ProfileID, _ request: DiffRequest, timeline: Timeline) throws -> [State] {
        func state(at position: Int?, label: Moment) throws -> State {
            guard let position else { return State(date: label, revision: nil, blob: nil, path: nil) }
            let tree = try repository.commit(timeline.entries[position].commit).treeID
            guard let date = try snapshot.dates(of: profile, inTree: tree).last else { return State(date: label, revision: nil, blob: nil, path: nil) }
            let path = HistoryRepository.path(of: profile, date: date)
            return State(date: label, revision: timeline.revision(profile, date, from: position),
                         blob: try repository.entry(atPath: path, inTree: tree)?.id, path: path)
        }
        let start = timeline.position(recordedBy: request.from.startTime - 1)
        let end = timeline.position(recordedBy: request.to.endTime)
        var states = [try state(at: start, label: .day(request.from.start))]
        if let end {
            // Events of this profile after `start` up to `end`, oldest first.
            let upper = start ?? timeline.entries.count
            for position in (end..<upper).reversed() where timeline.entries[position].trailers?.profile == profile {
                let s = try state(at: position, label: .time(Timestamp(seconds: timeline.entries[position].time)))
                if s.blob != states.last?.blob { states.append(s) }
            }
        }
        if states.count == 1 { states.append(try state(at: end, label: .day(request.to.end))) }
        states[states.count - 1].date = .day(request.to.end)
        return states
    }
}
