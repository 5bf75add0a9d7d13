import HistoryModel
import HistoryStore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ProfileModel
import SemanticDiff
#if canImport(Glibc)
import Glibc
#endif

/// How much the server takes on at once, and for how long.
public struct ServiceLimits: Sendable {
    /// Heavy requests (diffs, blame, reports, the pages built on them, writes) running at once.
    public var heavyConcurrency: Int
    /// Heavy requests that may wait for a free slot; past that a request is answered 503 with `Retry-After`.
    public var heavyQueue: Int
    /// How long one request may take before it is answered 503 and its work is told to stop.
    public var deadline: Duration
    /// What `Retry-After` says, in seconds, on every 503 (the error middleware sets it from here).
    public static let retryAfterSeconds = 2
    /// Called on the heavy thread as each heavy request's work begins: a failpoint that signals, so that a
    /// test can wait for "every heavy thread is busy" without sleeping.
    public var heavyWorkStarted: @Sendable () -> Void = {}
    /// Called as each request's repository work ends, with how many times it read the tip of main: tests
    /// check that every route reads it exactly once.
    public var requestRead: @Sendable (_ tipReads: Int) -> Void = { _ in }

    public init(heavyConcurrency: Int = max(2, System.coreCount), heavyQueue: Int = 32, deadline: Duration = .seconds(30)) {
        self.heavyConcurrency = max(1, heavyConcurrency)
        self.heavyQueue = max(0, heavyQueue)
        self.deadline = deadline
    }
}

/// A value kept per tip of main.
enum ByTipValue: Sendable {
    case profiles([ProfileSummary])
    case text(String)
}

/// Told to a request's work when its answer is no longer wanted — its deadline passed, or its client left;
/// long loops ask it between steps.
public final class Cancellation: Sendable {
    private let flag = NIOLockedValueBox(false)
    private let deadline: ContinuousClock.Instant
    public init(deadline: ContinuousClock.Instant) { self.deadline = deadline }
    public var isCancelled: Bool { flag.withLockedValue { $0 } || ContinuousClock.now >= deadline }
    var isPastDeadline: Bool { ContinuousClock.now >= deadline }
    func cancel() { flag.withLockedValue { $0 = true } }
}

/// Every route's repository and CPU work runs here, never on Swift's cooperative pool or an event loop:
/// each call opens its own handle on one of the service's threads (libgit2 handles are never shared
/// between threads), so a slow diff holds one thread and no other request waits behind it. Light reads
/// (profiles, log, one text) run on their own threads; heavy ones are admitted up to a bound.
public final class HistoryService: Sendable {
    public let repositoryPath: String
    public let limits: ServiceLimits
    private let light: NIOThreadPool
    private let heavy: NIOThreadPool
    private let heavyAdmitted = NIOLockedValueBox(0)
    /// What depends only on the tip of main — the profile list, and its JSON and home page — kept for the
    /// last tip it was made at: `/api/profiles` and `/` read one ref and answer from here until main moves
    /// (reading and rendering 2,000 profiles per request was all of their cost).
    private let byTip = NIOLockedValueBox<(tip: String, values: [String: ByTipValue])>(("", [:]))

    public init(repositoryPath: String, limits: ServiceLimits = .init()) throws(HistoryError) {
        _ = try HistoryRepository.open(at: repositoryPath)  // a bad --repo fails at start, not on the first request
        self.repositoryPath = repositoryPath
        self.limits = limits
        light = NIOThreadPool(numberOfThreads: max(2, System.coreCount))
        heavy = NIOThreadPool(numberOfThreads: limits.heavyConcurrency)
        light.start()
        heavy.start()
    }

    deinit {
        light.shutdownGracefully { _ in }
        heavy.shutdownGracefully { _ in }
    }

    /// A quick read: its own handle, on a light thread.
    func read<T: Sendable>(connection: (any Channel)? = nil,
                           _ body: @escaping @Sendable (HistoryRepository) throws -> T) async throws -> T {
        try await run(on: light, connection: connection) { store, _ in try body(store) }
    }

    /// Diffs, blame, reports, writes: admitted while fewer than `heavyConcurrency + heavyQueue` are in, else 503.
    func work<T: Sendable>(connection: (any Channel)? = nil,
                           _ body: @escaping @Sendable (HistoryRepository, Cancellation) throws -> T) async throws -> T {
        let admitted = heavyAdmitted.withLockedValue { count in
            guard count < limits.heavyConcurrency + limits.heavyQueue else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw HistoryError.busy(what: "the server is busy with \(limits.heavyConcurrency + limits.heavyQueue) heavy requests",
                                    fix: "try again in \(ServiceLimits.retryAfterSeconds) s")
        }
        let started = limits.heavyWorkStarted
        return try await run(on: heavy, connection: connection, lowPriority: true,
                             release: { [heavyAdmitted] in heavyAdmitted.withLockedValue { $0 -= 1 } }) { store, cancellation in
            started()
            return try body(store, cancellation)
        }
    }

    /// A write: on the heavy threads, but never refused for load — it is authenticated, small (`--max-body`),
    /// and a client that was told 503 might not send it again. It waits its turn instead.
    /// Nor is it answered 503 at the deadline: a write that has begun finishes (or fails whole), and its
    /// client hears which.
    func write<T: Sendable>(_ body: @escaping @Sendable (HistoryRepository) throws -> T) async throws -> T {
        try await run(on: heavy, connection: nil, bounded: false) { store, _ in try body(store) }
    }

    /// Runs `body` on `pool` and answers with whichever comes first: its result, the deadline, or the client
    /// closing the connection. The last two tell the work to stop; its slot is freed when it really ends.
    private func run<T: Sendable>(on pool: NIOThreadPool, connection: (any Channel)?, lowPriority: Bool = false,
                                  bounded: Bool = true, release: @escaping @Sendable () -> Void = {},
                                  _ body: @escaping @Sendable (HistoryRepository, Cancellation) throws -> T) async throws -> T {
        // Unbounded work (a write) has no deadline: a year stands for none.
        let deadline = bounded ? limits.deadline : .seconds(365 * 86_400), retry = ServiceLimits.retryAfterSeconds
        let cancellation = Cancellation(deadline: ContinuousClock.now.advanced(by: deadline))
        let path = repositoryPath
        let tooLong = HistoryError.busy(what: "the request took longer than \(deadline) and was stopped",
                                        fix: "ask for less (a shorter range, one profile), or try again in \(retry) s")
        let answered = NIOLockedValueBox(false)
        let reads = limits.requestRead
        let servedFrom = ServedFrom.current
        // Only a connection that is open now can be seen to close (a test's channel never opens).
        let watched = connection.flatMap { $0.isActive ? $0 : nil }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            @Sendable func answer(_ result: Result<T, any Error>) {
                let first = answered.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) } else { cancellation.cancel() }
            }
            // One watcher per request, gone when the work ends: it checks the connection a few times a second
            // (a callback on the connection's close would pile up over a long keep-alive connection).
            let timer = !bounded ? nil : Task {
                let clock = ContinuousClock(), end = clock.now.advanced(by: deadline)
                while clock.now < end {
                    try? await Task.sleep(for: min(.milliseconds(50), clock.now.duration(to: end)))
                    if Task.isCancelled { return }
                    if let watched, !watched.isActive {
                        cancellation.cancel()
                        answer(.failure(CancellationError()))
                        return
                    }
                }
                cancellation.cancel()
                answer(.failure(tooLong))
            }
            pool.submit { state in
                defer { release() }
                guard case .active = state, !cancellation.isCancelled else {
                    timer?.cancel()
                    answer(.failure(cancellation.isPastDeadline ? tooLong : CancellationError()))
                    return
                }
                // Heavy work yields the cores to quick reads: its threads run at a lower priority (Linux sets
                // nice values per thread).
                if lowPriority { Self.lowerThisThreadsPriority() }
                let result = Result { () throws -> T in
                    let store = try HistoryRepository.open(at: path)
                    defer {
                        reads(store.tipReads)
                        if let tip = store.servedFrom { servedFrom?.set(tip) }
                    }
                    return try body(store, cancellation)
                }
                timer?.cancel()
                answer(result)
            }
        }
    }
}

extension HistoryService {
    static func lowerThisThreadsPriority() {
        #if os(Linux)
        // On Linux, who = 0 is the calling thread, not the whole process (nice values are per thread).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}

/// What the routes ask of the repository, each on the service's threads, each from one snapshot of main
/// (the tip read once per request).
extension HistoryService {
    /// `render(profiles)` made once per tip of main under `key` (a rendering of the profile list).
    func profiles(_ key: String, render: @escaping @Sendable ([ProfileSummary]) -> String) async throws -> String {
        try await read { [byTip] store in
            let snapshot = try store.snapshot()
            let tip = snapshot.tip?.hex ?? ""
            if let known = byTip.withLockedValue({ $0.tip == tip ? $0.values[key] : nil }), case .text(let text) = known { return text }
            let profiles: [ProfileSummary]
            if let known = byTip.withLockedValue({ $0.tip == tip ? $0.values["profiles"] : nil }), case .profiles(let list) = known {
                profiles = list
            } else {
                profiles = try RevisionReader(snapshot).profiles()
            }
            let text = render(profiles)
            byTip.withLockedValue { memo in
                if memo.tip != tip { memo = (tip, [:]) }
                memo.values["profiles"] = .profiles(profiles)
                memo.values[key] = .text(text)
            }
            return text
        }
    }

    func log(_ profile: ProfileID) async throws -> [LogEntry] {
        try await read { try EventLog($0.snapshot()).entries(LogQuery(profile: profile)) }
    }

    func revision(_ profile: ProfileID, on date: EffectiveDate?, recordedBy time: Int64?) async throws -> ResolvedRevision {
        try await read { try RevisionReader($0.snapshot()).revision(of: profile, on: date, recordedBy: time) }
    }

    /// Heavy reads hand their result to `render` on the same thread: turning a large report or diff into
    /// bytes is heavy work too, and must not run on the cooperative pool where every request's code runs.
    func compare<T: Sendable>(_ request: DiffRequest, connection: (any Channel)?,
                              render: @escaping @Sendable ([ProfileComparison]) throws -> T) async throws -> T {
        try await compare({ _ in request }, connection: connection) { comparisons, _ in try render(comparisons) }
    }

    /// A diff whose request depends on what the snapshot holds (the page's default dates: the latest revision
    /// against the one before it) — asked and answered from the same snapshot.
    func compare<T: Sendable>(_ request: @escaping @Sendable (Snapshot) throws -> DiffRequest, connection: (any Channel)?,
                              render: @escaping @Sendable ([ProfileComparison], DiffRequest) throws -> T) async throws -> T {
        try await work(connection: connection) { store, _ in
            let snapshot = try store.snapshot()
            let asked = try request(snapshot)
            return try render(try Comparer(snapshot).compare(asked), asked)
        }
    }

    func blame<T: Sendable>(_ profile: ProfileID, at date: EffectiveDate?, connection: (any Channel)?,
                            render: @escaping @Sendable (Blame) throws -> T) async throws -> T {
        try await work(connection: connection) { store, _ in try render(try Blamer(store.snapshot()).blame(profile, at: date)) }
    }

    func report<T: Sendable>(_ query: ReportQuery, connection: (any Channel)?,
                             render: @escaping @Sendable (ReportRun) throws -> T) async throws -> T {
        try await work(connection: connection) { store, cancellation in
            var query = query
            query.shouldStop = { cancellation.isCancelled }
            return try render(try Reporter(store.snapshot()).prepareReport(query))
        }
    }

    /// A page built from one snapshot on a heavy thread: whatever it reads, parses and renders.
    func page<T: Sendable>(connection: (any Channel)?, _ build: @escaping @Sendable (Snapshot) throws -> T) async throws -> T {
        try await work(connection: connection) { store, _ in try build(try store.snapshot()) }
    }

    /// Records a verdict on the event a commit id (or a 7+ digit prefix) names; returns its full id.
    func recordReview(_ review: Review, of named: String) async throws -> CommitID {
        try await write { store in
            let event = try EventLog(store.snapshot()).event(named: named)
            try Reviews(store).record(review, of: event.commit)
            return event.commit
        }
    }

    func record(_ submission: Submission, by identity: Identity) async throws -> RecordOutcome {
        // Not cancelled when the client leaves: a write that began finishes, or fails whole.
        try await write { store in try Recorder(store).record(submission, by: identity) }
    }
}
