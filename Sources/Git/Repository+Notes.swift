internal import CGit2

extension Repository {
    /// The note on `object` in the notes commit `notesCommit` (a commit of a notes ref), or nil.
    public func note(for object: OID, inNotesCommit notesCommit: OID) throws(GitError) -> String? {
        var commitRaw = notesCommit.raw
        let commit = try Owned.make("git_commit_lookup(\(notesCommit))", release: { git_commit_free($0) }) { out in
            git_commit_lookup(&out, pointer, &commitRaw)
        }
        var raw = object.raw
        var out: OpaquePointer? = nil
        let rc = commit.withPointer { git_note_commit_read(&out, pointer, $0, &raw) }
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_note_commit_read(\(object))")
        guard let out else { return nil }
        defer { git_note_free(out) }
        return git_note_message(out).map { String(cString: $0) }
    }

    /// Writes a notes commit on top of `parent` (nil for the first) that sets `text` as the note of `object`,
    /// without moving any ref: the caller publishes it with a compare-and-swap of its notes ref.
    public func createNoteCommit(
        parent: OID?, for object: OID, text: String, author: Signature, committer: Signature
    ) throws(GitError) -> OID {
        let parentCommit = try parent.map { (id) throws(GitError) in
            var raw = id.raw
            return try Owned.make("git_commit_lookup(\(id))", release: { git_commit_free($0) }) { out in
                git_commit_lookup(&out, pointer, &raw)
            }
        }
        var raw = object.raw
        var commitOut = git_oid()
        var blobOut = git_oid()
        try author.withRaw { (a) throws(GitError) in
            try committer.withRaw { (c) throws(GitError) in
                let create = { (parent: OpaquePointer?) in git_note_commit_create(&commitOut, &blobOut, self.pointer, parent, a, c, &raw, text, 1) }
                let rc = parentCommit.map { $0.withPointer { create($0) } } ?? create(nil)
                try check(rc, "git_note_commit_create(\(object))")
            }
        }
        return OID(commitOut)
    }
}

extension Repository {
    /// Every note in a notes commit: the annotated object and the note's text, sorted by object id.
    public func notes(inNotesCommit notesCommit: OID) throws(GitError) -> [(object: OID, text: String)] {
        var commitRaw = notesCommit.raw
        let commit = try Owned.make("git_commit_lookup(\(notesCommit))", release: { git_commit_free($0) }) { out in
            git_commit_lookup(&out, pointer, &commitRaw)
        }
        let iterator = try commit.withPointer { (commit) throws(GitError) in
            try Owned.make("git_note_commit_iterator_new", release: { git_note_iterator_free($0) }) { out in
                git_note_commit_iterator_new(&out, commit)
            }
        }
        var found: [(object: OID, blob: OID)] = []
        while true {
            var blob = git_oid(), annotated = git_oid()
            let rc = iterator.withPointer { git_note_next(&blob, &annotated, $0) }
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, "git_note_next")
            found.append((OID(annotated), OID(blob)))
        }
        return try found.sorted { $0.object.hex < $1.object.hex }.map { (item) throws(GitError) in
            (item.object, String(decoding: try blob(item.blob), as: UTF8.self))
        }
    }
}
