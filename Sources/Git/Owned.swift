internal import CGit2

/// The single owner of one libgit2 handle: frees it exactly once, when the owner goes away. The handle,
/// and anything libgit2 lends out of it (a tree's entries, a commit's author), can only be reached inside
/// `withPointer`, which keeps the owner alive until the closure returns — as git2-rs ties an entry's
/// lifetime to its tree. Copy what must outlive the closure into Swift values.
final class Owned {
    private let pointer: OpaquePointer
    private let release: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, release: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.release = release
    }

    deinit { release(pointer) }

    /// Two optional handles at once (two trees being compared), both kept alive until `body` returns.
    static func withPointers<T, E: Error>(_ a: Owned?, _ b: Owned?,
                                          _ body: (OpaquePointer?, OpaquePointer?) throws(E) -> T) throws(E) -> T {
        defer { withExtendedLifetime(a) {}; withExtendedLifetime(b) {} }
        return try body(a?.pointer, b?.pointer)
    }

    /// Runs `body` with the handle; the owner stays alive (and the handle valid) until `body` returns.
    func withPointer<T, E: Error>(_ body: (OpaquePointer) throws(E) -> T) throws(E) -> T {
        defer { withExtendedLifetime(self) {} }
        return try body(pointer)
    }
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
