internal import CGit2

extension Repository {
    /// The commit a reference (or HEAD) resolves to; nil when the reference does not exist or is unborn.
    public func reference(_ name: String) throws(GitError) -> OID? {
        var out = git_oid()
        let rc = git_reference_name_to_id(&out, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_reference_name_to_id(\(name))")
        return OID(out)
    }

    /// Every direct reference whose name matches a glob such as `refs/history/reports/*`, sorted by name.
    public func references(matching glob: String) throws(GitError) -> [(name: String, target: OID)] {
        let iterator = try Owned.make("git_reference_iterator_glob_new(\(glob))", release: { git_reference_iterator_free($0) }) { out in
            git_reference_iterator_glob_new(&out, pointer, glob)
        }
        var result: [(name: String, target: OID)] = []
        while true {
            var ref: OpaquePointer? = nil
            let rc = iterator.withPointer { git_reference_next(&ref, $0) }
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, "git_reference_next(\(glob))")
            guard let ref else { break }
            let owned = Owned(ref, release: { git_reference_free($0) })
            owned.withPointer { ref in
                if let target = git_reference_target(ref), let name = git_reference_name(ref) {
                    result.append((String(cString: name), OID(target)))
                }
            }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Compare-and-swap: points `name` at `target` only if it still points at `expected`
    /// (nil: only if it does not exist yet). A lost race throws a `GitError` whose `isConcurrentUpdate` is true.
    public func updateReference(_ name: String, to target: OID, expecting expected: OID?, message: String) throws(GitError) {
        var new = target.raw
        var out: OpaquePointer? = nil
        let rc: Int32
        if let expected {
            var old = expected.raw
            rc = git_reference_create_matching(&out, pointer, name, &new, 1, &old, message)
        } else {
            rc = git_reference_create(&out, pointer, name, &new, 0, message)
        }
        if let out { git_reference_free(out) }
        try check(rc, "update \(name)")
    }

    /// Deletes a reference only if it still points at `expected`.
    public func deleteReference(_ name: String, expecting expected: OID) throws(GitError) {
        let ref = try Owned.make("git_reference_lookup(\(name))", release: { git_reference_free($0) }) { out in
            git_reference_lookup(&out, pointer, name)
        }
        guard let target = ref.withPointer({ git_reference_target($0).map { OID($0) } }), target == expected else {
            throw GitError(code: GIT_EMODIFIED.rawValue, errorClass: Int32(GIT_ERROR_REFERENCE.rawValue),
                           message: "reference '\(name)' no longer points at \(expected)", operation: "delete \(name)")
        }
        try check(ref.withPointer { git_reference_delete($0) }, "git_reference_delete(\(name))")
    }

    /// True when `commit` is `ancestor` or one of its descendants.
    public func isDescendant(_ commit: OID, of ancestor: OID) throws(GitError) -> Bool {
        if commit == ancestor { return true }
        var c = commit.raw
        var a = ancestor.raw
        return try check(git_graph_descendant_of(pointer, &c, &a), "git_graph_descendant_of") == 1
    }
}

extension Repository {
    /// Calls `body` for each commit reachable from `start` (and not from `hiding`) until it returns false.
    public func walk(
        from start: OID, hiding: [OID] = [], order: WalkOrder = .topological,
        _ body: (OID) throws -> Bool
    ) throws {
        let walker = try Owned.make("git_revwalk_new", release: { git_revwalk_free($0) }) { out in
            git_revwalk_new(&out, pointer)
        }
        let mode: UInt32 = switch order {
        case .topological: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        case .topologicalReverse: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
        }
        try walker.withPointer { walker in
        try check(git_revwalk_sorting(walker, mode), "git_revwalk_sorting")
        var raw = start.raw
        try check(git_revwalk_push(walker, &raw), "git_revwalk_push(\(start))")
        for hidden in hiding {
            var h = hidden.raw
            try check(git_revwalk_hide(walker, &h), "git_revwalk_hide(\(hidden))")
        }
        var next = git_oid()
        while true {
            let rc = git_revwalk_next(&next, walker)
            if rc == GIT_ITEROVER.rawValue { return }
            try check(rc, "git_revwalk_next")
            if try !body(OID(next)) { return }
        }
        }
    }

    /// Every commit reachable from `start`, newest first (children before parents).
    public func commits(from start: OID, hiding: [OID] = []) throws -> [OID] {
        var ids: [OID] = []
        try walk(from: start, hiding: hiding) { ids.append($0); return true }
        return ids
    }

    /// Paths of blobs that differ between two trees (nil: the empty tree), sorted by path.
    public func changedPaths(from old: OID?, to new: OID?) throws(GitError) -> [PathChange] {
        var changes: [PathChange] = []
        try compare(old, new, prefix: "", into: &changes)
        return changes.sorted { $0.path < $1.path }
    }

    /// Folders with the same id on both sides are equal and skipped: comparing two trees costs the size of
    /// what changed, not of the whole tree (libgit2's tree-to-tree diff walked every file: quadratic over a
    /// history of 50,000 commits). Entries are matched by name in C and turned into Swift values only
    /// where they differ.
    private func compare(_ old: OID?, _ new: OID?, prefix: String, into changes: inout [PathChange]) throws(GitError) {
        if old == new { return }
        let a = try old.map { (id) throws(GitError) in try lookupTree(id) }
        let b = try new.map { (id) throws(GitError) in try lookupTree(id) }
        func isTree(_ entry: OpaquePointer) -> Bool { git_tree_entry_type(entry) == GIT_OBJECT_TREE }
        func id(_ entry: OpaquePointer) -> OID { OID(git_tree_entry_id(entry)) }
        func path(_ entry: OpaquePointer) -> String { prefix + String(cString: git_tree_entry_name(entry)) }
        /// Every file below (or at) an entry that is only on one side.
        func oneSided(_ entry: OpaquePointer, added: Bool) throws(GitError) {
            if isTree(entry) {
                try compare(added ? nil : id(entry), added ? id(entry) : nil, prefix: path(entry) + "/", into: &changes)
            } else {
                changes.append(PathChange(path: path(entry), status: added ? .added : .deleted,
                                          oldID: added ? nil : id(entry), newID: added ? id(entry) : nil))
            }
        }
        try Owned.withPointers(a, b) { (a, b) throws(GitError) in
        if let a {
            for index in 0..<git_tree_entrycount(a) {
                guard let left = git_tree_entry_byindex(a, index) else { continue }
                guard let b, let right = git_tree_entry_byname(b, git_tree_entry_name(left)) else {
                    try oneSided(left, added: false)
                    continue
                }
                if git_oid_equal(git_tree_entry_id(left), git_tree_entry_id(right)) == 1
                    && git_tree_entry_filemode(left) == git_tree_entry_filemode(right) { continue }
                switch (isTree(left), isTree(right)) {
                case (true, true): try compare(id(left), id(right), prefix: path(left) + "/", into: &changes)
                case (false, false):
                    changes.append(PathChange(path: path(left), status: .modified, oldID: id(left), newID: id(right)))
                default:
                    // A file became a folder or the reverse: the old side's files went, the new side's came.
                    try oneSided(left, added: false)
                    try oneSided(right, added: true)
                }
            }
        }
        if let b {
            for index in 0..<git_tree_entrycount(b) {
                guard let right = git_tree_entry_byindex(b, index) else { continue }
                if let a, git_tree_entry_byname(a, git_tree_entry_name(right)) != nil { continue }
                try oneSided(right, added: true)
            }
        }
        }
    }
}

extension Repository {
    /// The note attached to `object` under `notesRef` (e.g. `refs/notes/reviews`), or nil.
    public func note(for object: OID, notesRef: String) throws(GitError) -> String? {
        var raw = object.raw
        var out: OpaquePointer? = nil
        let rc = git_note_read(&out, pointer, notesRef, &raw)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_note_read(\(notesRef), \(object))")
        guard let out else { return nil }
        defer { git_note_free(out) }
        return git_note_message(out).map { String(cString: $0) }
    }

    /// Attaches (or with `replace`, replaces) a note; returns the note blob's id. The annotated object never changes.
    @discardableResult
    public func setNote(
        _ text: String, for object: OID, notesRef: String, author: Signature, committer: Signature, replace: Bool = false
    ) throws(GitError) -> OID {
        var raw = object.raw
        var out = git_oid()
        try author.withRaw { (a) throws(GitError) in
            try committer.withRaw { (c) throws(GitError) in
                try check(git_note_create(&out, pointer, notesRef, a, c, &raw, text, replace ? 1 : 0),
                          "git_note_create(\(notesRef), \(object))")
            }
        }
        return OID(out)
    }
}
