internal import CGit2

/// A repository handle whose new objects go to memory (libgit2's mempack backend) until `flush()` writes
/// them to disk as one packfile — for bulk imports, where one loose file per object costs more than the
/// objects themselves. Give it a handle of its own: once the backend is added, every write through that
/// handle goes to memory, and the handle should not be used for anything else.
public final class PackedWrites {
    public let repository: Repository
    /// Owned by the handle's object database once added; this class only drives it.
    private let backend: OpaquePointer

    public init(gitDirectory: String) throws(GitError) {
        let repository = try Repository(openingAt: gitDirectory)
        var out: OpaquePointer? = nil
        try check(git_mempack_new(&out), "git_mempack_new")
        guard let created = out else { throw GitError.invalid("libgit2 returned no mempack backend", "git_mempack_new") }
        let odb = try Owned.make("git_repository_odb", release: { git_odb_free($0) }) { odbOut in
            git_repository_odb(&odbOut, repository.pointer)
        }
        // Highest priority: new objects land in memory, and reads see them before the disk.
        try check(git_odb_add_backend(odb.pointer, created, 1000), "git_odb_add_backend(mempack)")
        backend = created
        self.repository = repository
    }

    /// Writes the commits reachable from `tip` but not from `base`, with every object they add, as one
    /// indexed, delta-compressed packfile (on all cores), then empties the memory. Objects are on disk
    /// when this returns, so a ref may point at them.
    public func flush(tip: OID, base: OID?) throws(GitError) {
        var pack = git_buf()
        defer { git_buf_dispose(&pack) }
        var tipRaw = tip.raw
        var baseRaw = base?.raw ?? git_oid()
        let rc = withUnsafePointer(to: &baseRaw) { basePointer in
            cgit2_pack_new_commits(&pack, repository.pointer, &tipRaw, base == nil ? nil : basePointer)
        }
        try check(rc, "pack the new commits")
        // An empty pack is a 12-byte header and a 20-byte trailer: nothing to write.
        if pack.size > 32, let bytes = pack.ptr {
            let odb = try Owned.make("git_repository_odb", release: { git_odb_free($0) }) { odbOut in
                git_repository_odb(&odbOut, repository.pointer)
            }
            try check(cgit2_odb_write_pack(odb.pointer, bytes, pack.size), "write pack")
        }
        try check(git_mempack_reset(backend), "git_mempack_reset")
    }

    /// Forgets whatever is held in memory (a batch that recorded nothing new).
    public func discard() throws(GitError) {
        try check(git_mempack_reset(backend), "git_mempack_reset")
    }
}
