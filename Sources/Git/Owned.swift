internal import CGit2

/// The single owner of one libgit2 handle: frees it exactly once, when the owner goes away.
final class Owned {
    let pointer: OpaquePointer
    private let release: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, release: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.release = release
    }

    deinit { release(pointer) }
}

extension Owned {
    /// Runs a libgit2 constructor `(out**, …)` and takes ownership of what it returns.
    static func make(
        _ operation: @autoclosure () -> String,
        release: @escaping (OpaquePointer) -> Void,
        _ create: (inout OpaquePointer?) -> Int32
    ) throws(GitError) -> Owned {
        var pointer: OpaquePointer? = nil
        try check(create(&pointer), operation())
        guard let pointer else { throw GitError.invalid("libgit2 returned no handle", operation()) }
        return Owned(pointer, release: release)
    }
}
