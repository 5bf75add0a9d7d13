internal import CGit2

/// A libgit2 failure, read from libgit2's per-thread last error in the same synchronous call that failed.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libgit2's return code (`GIT_ENOTFOUND` = -3, `GIT_EEXISTS` = -4, `GIT_ELOCKED` = -14, …).
    public let code: Int32
    /// libgit2's error class (`GIT_ERROR_ODB`, `GIT_ERROR_REFERENCE`, …) as its raw number.
    public let errorClass: Int32
    public let message: String
    /// What this wrapper was doing, e.g. `git_reference_create_matching(refs/heads/main)`.
    public let operation: String

    public init(code: Int32, errorClass: Int32, message: String, operation: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    public var isExists: Bool { code == GIT_EEXISTS.rawValue }
    public var isLocked: Bool { code == GIT_ELOCKED.rawValue }
    /// The repository belongs to another user (git's safe.directory rule).
    public var isOwnedByAnotherUser: Bool { code == GIT_EOWNER.rawValue }
    /// A compare-and-swap lost: the reference no longer had the expected value.
    public var isModified: Bool { code == GIT_EMODIFIED.rawValue }
    /// Another writer got in between; the operation can be retried on fresh state.
    public var isConcurrentUpdate: Bool { isLocked || isModified || isExists }

    public var description: String { "\(operation): \(message)" }
}

extension GitError {
    /// Builds the error from libgit2's last error; call straight after the failing call.
    static func last(_ code: Int32, _ operation: String) -> GitError {
        if let last = git_error_last(), let text = last.pointee.message {
            return GitError(code: code, errorClass: last.pointee.klass, message: String(cString: text), operation: operation)
        }
        return GitError(code: code, errorClass: 0, message: "libgit2 error \(code)", operation: operation)
    }

    /// Not a libgit2 failure but a wrapper-level one (bad path, wrong object type).
    public static func invalid(_ message: String, _ operation: String) -> GitError {
        GitError(code: GIT_EINVALID.rawValue, errorClass: Int32(GIT_ERROR_INVALID.rawValue), message: message, operation: operation)
    }
}

/// Throws `GitError` for a negative libgit2 return code.
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    if code < 0 { throw GitError.last(code, operation()) }
    return code
}
