import HistoryModel
import Foundation

/// An exclusive `flock(2)` on a file in `<git dir>/history-locks/`. The kernel drops it when its process
/// dies, however it dies, so a killed run never leaves a lock that blocks the next one.
public final class FileLock {
    private let descriptor: Int32
    public let path: String

    /// The folder every lock of a repository lives in.
    static func folder(gitDirectory: String) -> String {
        (gitDirectory as NSString).appendingPathComponent("history-locks")
    }

    /// Waits up to `timeout` seconds for the lock; `busy` is thrown if another process still holds it then.
    convenience init(gitDirectory: String, name: String, timeout: Double, busy: (String) -> HistoryError) throws(HistoryError) {
        let folder = Self.folder(gitDirectory: gitDirectory)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try self.init(path: (folder as NSString).appendingPathComponent("\(name).lock"), timeout: timeout, busy: busy)
    }

    /// The lock file at `path` (its folder must exist).
    init(path: String, timeout: Double, busy: (String) -> HistoryError) throws(HistoryError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw .repository(what: "cannot open the lock \(path) (\(reason))", fix: "check that the repository folder is writable by this user")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 1_000
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failed = errno
            guard failed == EWOULDBLOCK || failed == EINTR, Date() < deadline else {
                close(fd)
                throw busy(path)
            }
            usleep(pause)
            pause = min(pause * 2, 100_000)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

