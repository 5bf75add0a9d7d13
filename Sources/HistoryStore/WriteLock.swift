import HistoryModel
import Foundation
import Git

/// Every history writer — import (both paths), the server's POST, review, a report's checkpoint — moves its
/// reference while holding one `flock` (`history-locks/write.lock`). libgit2 creates `<ref>.lock` only inside
/// that section, so a ref lock found by a writer that holds the flock was left by a process that died there:
/// it is provably stale, and is removed (and said on stderr) instead of blocking every later run.
extension HistoryRepository {
    /// How long a writer waits for another to finish moving a reference (each holds it for milliseconds).
    static let writeLockTimeout = 120.0

    func lockWriters() throws(HistoryError) -> FileLock {
        try FileLock(gitDirectory: repository.gitDirectory, name: "write", timeout: Self.writeLockTimeout) { path in
            .busy(what: "another history writer held \(path) for \(Int(Self.writeLockTimeout)) s", fix: "let it finish, then run this again; nothing was recorded")
        }
    }

    /// Compare-and-swap of `reference` under the writers' lock, after clearing stale lock files of that
    /// reference and of `packed-refs`. Throws `GitError` as `Repository.updateReference` does.
    func publish(_ reference: String, to target: OID, expecting expected: OID?, message: String) throws(GitError) {
        let lock: FileLock
        do { lock = try lockWriters() } catch {
            throw GitError.invalid(error.description, "lock writers for \(reference)")
        }
        defer { withExtendedLifetime(lock) {} }
        removeStaleLocks(of: reference)
        try repository.updateReference(reference, to: target, expecting: expected, message: message)
    }

    /// Lock files that can only be stale while the writers' lock is held by this process.
    func referenceLockPaths(_ reference: String) -> [String] {
        [gitPrefix + reference + ".lock", gitPrefix + "packed-refs.lock"]
    }

    /// The git directory with a final slash.
    private var gitPrefix: String {
        repository.gitDirectory.hasSuffix("/") ? repository.gitDirectory : repository.gitDirectory + "/"
    }

    private func removeStaleLocks(of reference: String) {
        for path in referenceLockPaths(reference) where FileManager.default.fileExists(atPath: path) {
            if unlink(path) == 0 {
                FileHandle.standardError.write(Data("history: removed \(path), a stale lock left by a writer that was killed while moving \(reference)\n".utf8))
            }
        }
    }

    /// Stale `.lock` files under `refs/` and `packed-refs.lock`, for `verify`: only when no history writer
    /// holds the writers' lock right now (otherwise a lock file may be a live one).
    public func staleReferenceLocks() -> [String] {
        guard let lock = try? FileLock(gitDirectory: repository.gitDirectory, name: "write", timeout: 1, busy: { _ in .busy(what: "", fix: "") }) else { return [] }
        defer { withExtendedLifetime(lock) {} }
        let git = gitPrefix
        var found: [String] = []
        if FileManager.default.fileExists(atPath: git + "packed-refs.lock") { found.append(git + "packed-refs.lock") }
        if let walker = FileManager.default.enumerator(atPath: git + "refs") {
            for case let relative as String in walker where relative.hasSuffix(".lock") { found.append(git + "refs/" + relative) }
        }
        return found.sorted()
    }
}
