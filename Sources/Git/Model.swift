/// A commit copied out of libgit2: nothing here points into libgit2 memory.
public struct Commit: Hashable, Sendable {
    public let id: OID
    public let treeID: OID
    public let parentIDs: [OID]
    public let author: Signature
    public let committer: Signature
    public let message: String
}

public struct TreeEntry: Hashable, Sendable {
    public enum Kind: Sendable, Hashable { case blob, tree, other }
    public let name: String
    public let id: OID
    public let kind: Kind
    public let mode: UInt32
}

/// One change to apply to a tree at a slash-separated path.
public enum TreeUpdate: Sendable, Hashable {
    case upsertBlob(path: String, id: OID)
    case remove(path: String)

    var path: String {
        switch self {
        case .upsertBlob(let path, _), .remove(let path): path
        }
    }
}

/// A path that differs between two trees.
public struct PathChange: Hashable, Sendable {
    public enum Status: String, Sendable { case added, deleted, modified, typeChanged = "type-changed" }
    public let path: String
    public let status: Status
    public let oldID: OID?
    public let newID: OID?
}

public enum WalkOrder: Sendable {
    /// Children before parents, newest first.
    case topological
    /// Parents before children, oldest first.
    case topologicalReverse
}
