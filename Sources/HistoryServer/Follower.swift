import Dispatch
import Foundation
import HistoryModel
import HistoryStore
import Logging

/// A read replica's background pull: `history serve --follow NAME` keeps its repository current with the
/// remote's main, one pull per interval, off the server's threads. A pull that fails (the remote is down,
/// or was rewritten) is logged and the replica goes on serving what it has; the next interval tries again.
public struct Follower: Sendable {
    public let repositoryPath: String
    public let remote: String
    public let interval: Duration

    public init(repositoryPath: String, remote: String, interval: Duration) {
        self.repositoryPath = repositoryPath
        self.remote = remote
        self.interval = interval
    }

    /// Checks the remote exists before the server starts: a typo is an error now, not a log line a minute later.
    public func validate() throws(HistoryError) {
        _ = try Replication(try HistoryRepository.open(at: repositoryPath)).settings(remote)
    }

    /// Pulls now and then every interval until the task is cancelled.
    public func run(logger: Logger) async {
        while !Task.isCancelled {
            let started = ContinuousClock.now
            let result = await pullOnce()
            switch result {
            case .success(let line?): logger.info("\(line)")
            case .success(nil): break
            case .failure(let error): logger.error("follow \(remote): \(error.description)")
            }
            let next = started.advanced(by: interval)
            try? await Task.sleep(until: next, clock: .continuous)
        }
    }

    /// One pull on a thread of its own (it blocks on the network); a line to log when main moved.
    public func pullOnce() async -> Result<String?, HistoryError> {
        let path = repositoryPath, remote = self.remote
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(HistoryError) {
                    let outcome = try Replication(try HistoryRepository.open(at: path)).pull(remote)
                    switch outcome.main {
                    case .fastForwarded(_, let to): continuation.resume(returning: .success("follow \(remote): main is now \(to.hex)"))
                    case .replayed(_, let tip, _, _): continuation.resume(returning: .success("follow \(remote): main is now \(tip.hex)"))
                    case .upToDate, .remoteEmpty: continuation.resume(returning: .success(nil))
                    }
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
    }
}
