internal import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// An open git repository. Not `Sendable`: one task (or one actor) owns it at a time.
public final class Repository {
    let handle: Owned

    /// The git directory (for a bare repository, the repository itself), with a trailing slash.
    public let gitDirectory: String
    public let isBare: Bool

    private init(handle: Owned) {
        self.handle = handle
        gitDirectory = handle.withPointer { git_repository_path($0).map { String(cString: $0) } } ?? ""
        isBare = handle.withPointer { git_repository_is_bare($0) } == 1
    }

    /// The repository handle, for this type's own methods: `self` (its owner) is alive for as long as any of
    /// them runs, so the handle is too. Nothing outside the Git target sees it.
    var pointer: OpaquePointer { handle.withPointer { $0 } }

    /// Opens exactly the repository at `path` (a bare repository or a work tree); never searches parent folders.
    public convenience init(openingAt path: String) throws(GitError) {
        _ = libgit2
        let handle = try Owned.make("git_repository_open_ext(\(path))", release: { git_repository_free($0) }) { out in
            git_repository_open_ext(&out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        }
        self.init(handle: handle)
    }

    /// Creates a repository whose HEAD points at `refs/heads/<initialBranch>`, whatever git's configured default.
    public static func create(at path: String, bare: Bool, initialBranch: String = "main") throws(GitError) -> Repository {
        _ = libgit2
        var options = cgit2_repository_init_options()
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
            | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        guard let branch = strdup(initialBranch) else { throw GitError.invalid("out of memory", "create") }
        defer { free(branch) }
        options.initial_head = UnsafePointer(branch)
        let handle = try Owned.make("git_repository_init_ext(\(path))", release: { git_repository_free($0) }) { out in
            git_repository_init_ext(&out, path, &options)
        }
        return Repository(handle: handle)
    }

    /// The branch HEAD names, e.g. `refs/heads/main`, even before it has a commit.
    public func headReferenceName() throws(GitError) -> String? {
        let head = try Owned.make("git_reference_lookup(HEAD)", release: { git_reference_free($0) }) { out in
            git_reference_lookup(&out, pointer, "HEAD")
        }
        return head.withPointer { head in
            guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(head) else { return nil }
            return String(cString: target)
        }
    }
}
