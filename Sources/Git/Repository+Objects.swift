internal import CGit2

extension Repository {
    // MARK: Blobs

    public func writeBlob(_ bytes: [UInt8]) throws(GitError) -> OID {
        var out = git_oid()
        let rc = bytes.withUnsafeBytes { buffer in
            git_blob_create_from_buffer(&out, pointer, buffer.baseAddress, buffer.count)
        }
        try check(rc, "git_blob_create_from_buffer")
        return OID(out)
    }

    public func blob(_ id: OID) throws(GitError) -> [UInt8] {
        var raw = id.raw
        let blob = try Owned.make("git_blob_lookup(\(id))", release: { git_blob_free($0) }) { out in
            git_blob_lookup(&out, pointer, &raw)
        }
        return blob.withPointer { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }

    // MARK: Trees

    func lookupTree(_ id: OID) throws(GitError) -> Owned {
        var raw = id.raw
        return try Owned.make("git_tree_lookup(\(id))", release: { git_tree_free($0) }) { out in
            git_tree_lookup(&out, pointer, &raw)
        }
    }

    public func treeEntries(_ tree: OID) throws(GitError) -> [TreeEntry] {
        try lookupTree(tree).withPointer { tree in
            let count = git_tree_entrycount(tree)
            var entries: [TreeEntry] = []
            entries.reserveCapacity(count)
            for index in 0..<count {
                guard let entry = git_tree_entry_byindex(tree, index) else { continue }
                entries.append(TreeEntry(borrowed: entry))
            }
            return entries
        }
    }

    /// The entry called `name` directly in `tree` (reading the tree), or nil when there is none.
    public func entry(named name: String, inTree tree: OID) throws(GitError) -> TreeEntry? {
        try lookupTree(tree).withPointer { tree in
            git_tree_entry_byname(tree, name).map { TreeEntry(borrowed: $0) }
        }
    }

    /// The entry at a slash-separated path below `tree`, or nil when nothing is there.
    public func entry(atPath path: String, inTree tree: OID) throws(GitError) -> TreeEntry? {
        var out: OpaquePointer? = nil
        let rc = try lookupTree(tree).withPointer { git_tree_entry_bypath(&out, $0, path) }
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_tree_entry_bypath(\(path))")
        guard let out else { return nil }
        defer { git_tree_entry_free(out) }
        return TreeEntry(borrowed: out)
    }

    /// The blob at `path` below `tree`, or nil when there is none.
    public func blob(atPath path: String, inTree tree: OID) throws(GitError) -> [UInt8]? {
        guard let entry = try entry(atPath: path, inTree: tree), entry.kind == .blob else { return nil }
        return try blob(entry.id)
    }

    public func writeEmptyTree() throws(GitError) -> OID {
        try updateTree(nil, [])
    }

    /// Writes a new tree: `base` (or an empty tree) with `updates` applied at any depth.
    /// Folders left empty by removals disappear, as git itself would never record them.
    public func updateTree(_ base: OID?, _ updates: [TreeUpdate]) throws(GitError) -> OID {
        for update in updates {
            let parts = update.path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.isEmpty || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git" }) {
                throw GitError.invalid("invalid path '\(update.path)'", "updateTree")
            }
        }
        let written = try build(base: base, updates: updates.map { ($0.path.split(separator: "/").map(String.init), $0) })
        if let written { return written }
        // Everything was removed: the root of a commit is then the empty tree.
        let builder = try Owned.make("git_treebuilder_new", release: { git_treebuilder_free($0) }) { out in
            git_treebuilder_new(&out, pointer, nil)
        }
        var out = git_oid()
        try check(builder.withPointer { git_treebuilder_write(&out, $0) }, "git_treebuilder_write")
        return OID(out)
    }

    /// Returns nil when the resulting tree would be empty.
    private func build(base: OID?, updates: [([String], TreeUpdate)]) throws(GitError) -> OID? {
        let baseTree = try base.map { (id) throws(GitError) in try lookupTree(id) }
        let builder = try Owned.make("git_treebuilder_new", release: { git_treebuilder_free($0) }) { out in
            baseTree.map { $0.withPointer { git_treebuilder_new(&out, pointer, $0) } } ?? git_treebuilder_new(&out, pointer, nil)
        }
        return try builder.withPointer { (builder) throws(GitError) -> OID? in try fill(builder, updates) }
    }

    /// Applies `updates` to a tree builder and writes it; nil when it is left empty.
    private func fill(_ builder: OpaquePointer, _ updates: [([String], TreeUpdate)]) throws(GitError) -> OID? {
        var nested: [String: [([String], TreeUpdate)]] = [:]
        var order: [String] = []
        for (components, update) in updates {
            guard let first = components.first else { continue }
            if components.count == 1 {
                switch update {
                case .upsertBlob(_, let id):
                    var raw = id.raw
                    try check(git_treebuilder_insert(nil, builder, first, &raw, GIT_FILEMODE_BLOB),
                              "git_treebuilder_insert(\(update.path))")
                case .remove:
                    let rc = git_treebuilder_remove(builder, first)
                    if rc != GIT_ENOTFOUND.rawValue { try check(rc, "git_treebuilder_remove(\(update.path))") }
                }
            } else {
                if nested[first] == nil { order.append(first) }
                nested[first, default: []].append((Array(components.dropFirst()), update))
            }
        }
        for name in order {
            guard let children = nested[name] else { continue }
            var subtreeBase: OID? = nil
            if let existing = git_treebuilder_get(builder, name), git_tree_entry_type(existing) == GIT_OBJECT_TREE {
                subtreeBase = OID(git_tree_entry_id(existing))
            }
            if let subtree = try build(base: subtreeBase, updates: children) {
                var raw = subtree.raw
                try check(git_treebuilder_insert(nil, builder, name, &raw, GIT_FILEMODE_TREE),
                          "git_treebuilder_insert(\(name)/)")
            } else {
                let rc = git_treebuilder_remove(builder, name)
                if rc != GIT_ENOTFOUND.rawValue { try check(rc, "git_treebuilder_remove(\(name)/)") }
            }
        }
        if git_treebuilder_entrycount(builder) == 0 { return nil }
        var out = git_oid()
        try check(git_treebuilder_write(&out, builder), "git_treebuilder_write")
        return OID(out)
    }

    // MARK: Commits

    /// Writes a commit object without moving any reference; move one with `updateReference`. The bytes are
    /// built by `ObjectFormat.commit` (as `git_commit_create` would write them), so a commit written here and
    /// one a bulk import packs are the same object. With `sign`, the commit carries the signature it returns
    /// for the commit's bytes in the `gpgsig` header, where git looks for OpenPGP and SSH signatures alike.
    public func createCommit(
        tree: OID, parents: [OID], author: Signature, committer: Signature, message: String,
        sign: (([UInt8]) -> String?)? = nil
    ) throws(GitError) -> OID {
        var bytes = ObjectFormat.commit(tree: tree, parents: parents, author: author, committer: committer, message: message)
        if let sign {
            guard let signed = sign(bytes).flatMap({ ObjectFormat.signed(bytes, signature: $0) }) else {
                throw GitError.invalid("the commit could not be signed", "sign commit")
            }
            bytes = signed
        }
        return try writeObject(.commit, bytes)
    }

    /// A commit's `gpgsig` signature and the exact bytes it signs (the commit without that header), or nil
    /// for an unsigned commit.
    public func signature(ofCommit id: OID) throws(GitError) -> (signature: String, signedData: [UInt8])? {
        var raw = id.raw
        var signature = git_buf(), signed = git_buf()
        defer { git_buf_dispose(&signature); git_buf_dispose(&signed) }
        let rc = git_commit_extract_signature(&signature, &signed, pointer, &raw, "gpgsig")
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_commit_extract_signature(\(id))")
        let text = signature.ptr.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: signature.size), as: UTF8.self) } ?? ""
        let data = signed.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: signed.size)) } ?? []
        return (text, data)
    }

    public func commit(_ id: OID) throws(GitError) -> Commit {
        var raw = id.raw
        let owned = try Owned.make("git_commit_lookup(\(id))", release: { git_commit_free($0) }) { out in
            git_commit_lookup(&out, pointer, &raw)
        }
        return try owned.withPointer { (c) throws(GitError) -> Commit in try Self.copy(commit: c, id: id) }
    }

    /// Copies what history needs out of a commit libgit2 lends (valid only while its owner lives).
    private static func copy(commit c: OpaquePointer, id: OID) throws(GitError) -> Commit {
        var parents: [OID] = []
        for index in 0..<git_commit_parentcount(c) {
            if let parent = git_commit_parent_id(c, index) { parents.append(OID(parent)) }
        }
        guard let tree = git_commit_tree_id(c), let author = git_commit_author(c), let committer = git_commit_committer(c) else {
            throw GitError.invalid("commit \(id) lacks a tree or signature", "git_commit_lookup")
        }
        let message = git_commit_message_raw(c).map { String(cString: $0) } ?? ""
        return Commit(id: id, treeID: OID(tree), parentIDs: parents,
                      author: Signature(author), committer: Signature(committer), message: message)
    }

    /// Whether an object with this id is present (and readable) in the object database.
    public func contains(_ id: OID) -> Bool {
        var raw = id.raw
        var odb: OpaquePointer? = nil
        guard git_repository_odb(&odb, pointer) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        return git_odb_exists(odb, &raw) == 1
    }
}

extension TreeEntry {
    /// Copies a tree entry that libgit2 owns (borrowed from its tree); never frees it.
    init(borrowed entry: OpaquePointer) {
        name = String(cString: git_tree_entry_name(entry))
        id = OID(git_tree_entry_id(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_BLOB: kind = .blob
        case GIT_OBJECT_TREE: kind = .tree
        default: kind = .other
        }
        mode = git_tree_entry_filemode(entry).rawValue
    }
}

extension Repository {
    /// Writes an object whose bytes were built without libgit2 (`ObjectFormat`) into the object database,
    /// as loose object; returns its id. Both of history's write paths build commits this way.
    public func writeObject(_ kind: ObjectKind, _ bytes: [UInt8]) throws(GitError) -> OID {
        let odb = try Owned.make("git_repository_odb", release: { git_odb_free($0) }) { out in
            git_repository_odb(&out, pointer)
        }
        var out = git_oid()
        let type: git_object_t = switch kind {
        case .commit: GIT_OBJECT_COMMIT
        case .tree: GIT_OBJECT_TREE
        case .blob: GIT_OBJECT_BLOB
        }
        let rc = odb.withPointer { odb in
            bytes.withUnsafeBytes { buffer in git_odb_write(&out, odb, buffer.baseAddress, buffer.count, type) }
        }
        try check(rc, "git_odb_write")
        return OID(out)
    }
}
