import Foundation

/// One report run per checkpoint name at a time: an exclusive `flock(2)` on a file in the git directory.
/// The kernel drops the lock when its process dies, so a killed run never leaves a stale lock behind.
public final class ReportLock {
    private let descriptor: Int32
    public let path: String

    /// Waits up to `timeout` seconds for the lock; a run still holding it after that is a busy error.
    public init(gitDirectory: String, name: String, timeout: Double) throws(HistoryError) {
        let folder = (gitDirectory as NSString).appendingPathComponent("history-locks")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = (folder as NSString).appendingPathComponent("report-\(name).lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .repository("cannot open the report lock \(path) (\(String(cString: strerror(errno))))",
                              "check that the repository folder is writable")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw .busy("another `history report --since-last \(name)` is still running (it holds \(path))",
                            "let it finish; this run reported nothing and moved nothing, so simply run it again later")
            }
            usleep(100_000)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
