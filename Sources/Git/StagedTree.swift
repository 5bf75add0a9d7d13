/// A tree changed in memory across the many commits of a bulk import: folders are read from the repository
/// when first touched, changed ones are rewritten by `write(into:)` — only those, bottom-up, each as a delta
/// against its own previous version — and the rest keep their ids. Entries stay in git's order, so the
/// trees are byte for byte the ones libgit2's tree builder writes.
public final class StagedTree {
    struct Entry {
        var name: [UInt8]
        var mode: UInt32
        var id: OID
        var isTree: Bool { mode & 0o170000 == 0o040000 }
    }

    final class Node {
        var entries: [Entry]
        /// Folders read so far, by name.
        var children: [String: Node] = [:]
        /// The id of the tree as it stands, nil once changed.
        var id: OID?

        init(entries: [Entry], id: OID?) {
            self.entries = entries
            self.id = id
        }
    }

    private let repository: Repository
    private let root: Node

    public init(repository: Repository, tree: OID?) throws(GitError) {
        self.repository = repository
        root = try tree.map { (id) throws(GitError) in try Self.load(id, from: repository) } ?? Node(entries: [], id: nil)
    }

    private static func load(_ id: OID, from repository: Repository) throws(GitError) -> Node {
        Node(entries: try repository.treeEntries(id).map { Entry(name: Array($0.name.utf8), mode: $0.mode, id: $0.id) }, id: id)
    }

    /// The entry at a slash-separated path, or nil when nothing is there.
    public func entry(atPath path: String) throws(GitError) -> TreeEntry? {
        var components = path.split(separator: "/")
        guard let name = components.popLast(), let folder = try node(components[...], creating: false),
              let index = Self.index(of: Array(name.utf8), in: folder) else { return nil }
        return Self.treeEntry(folder.entries[index])
    }

    /// The entries of the folder at `path`, in git's order; empty when there is no such folder.
    public func entries(inFolder path: String) throws(GitError) -> [TreeEntry] {
        guard let folder = try node(path.split(separator: "/")[...], creating: false) else { return [] }
        return folder.entries.map(Self.treeEntry)
    }

    /// Puts a blob (mode 100644) at a slash-separated path, creating folders on the way, replacing whatever
    /// had that name.
    public func setBlob(atPath path: String, id: OID) throws(GitError) {
        var components = path.split(separator: "/")
        guard let name = components.popLast(), let folder = try node(components[...], creating: true) else {
            throw GitError.invalid("invalid path '\(path)'", "StagedTree.setBlob")
        }
        Self.put(Entry(name: Array(name.utf8), mode: 0o100644, id: id), in: folder)
    }

    /// Writes every changed folder into `pack` and returns the root tree's id.
    public func write(into pack: PackWriter) throws(GitError) -> OID {
        try write(root, path: "", into: pack)
    }

    private func write(_ node: Node, path: String, into pack: PackWriter) throws(GitError) -> OID {
        if let id = node.id { return id }
        for (name, child) in node.children where child.id == nil {
            let id = try write(child, path: path + "/" + name, into: pack)
            if let index = Self.index(of: Array(name.utf8), in: node) { node.entries[index].id = id }
        }
        let id = try pack.add(.tree, Self.serialize(node.entries), slot: "tree:" + path)
        node.id = id
        return id
    }

    /// The folder at `components` below the root, read from the repository when first needed; every folder
    /// on the way is marked changed when `creating` (the caller is about to change the last one).
    private func node(_ components: ArraySlice<Substring>, creating: Bool) throws(GitError) -> Node? {
        var node = root
        if creating { node.id = nil }
        for component in components {
            let name = String(component)
            if let child = node.children[name] {
                node = child
            } else if let index = Self.index(of: Array(component.utf8), in: node), node.entries[index].isTree {
                let child = try Self.load(node.entries[index].id, from: repository)
                node.children[name] = child
                node = child
            } else {
                guard creating else { return nil }
                let child = Node(entries: [], id: nil)
                // A placeholder id until written; `write` fills it in.
                Self.put(Entry(name: Array(component.utf8), mode: 0o040000, id: OID(bytes: [UInt8](repeating: 0, count: 20))), in: node)
                node.children[name] = child
                node = child
            }
            if creating { node.id = nil }
        }
        return node
    }

    // MARK: Git's tree order and format

    /// Git sorts entries by name, comparing a folder's name as if it ended in "/".
    static func precedes(_ a: [UInt8], _ aIsTree: Bool, _ b: [UInt8], _ bIsTree: Bool) -> Bool {
        let common = min(a.count, b.count)
        for i in 0..<common where a[i] != b[i] { return a[i] < b[i] }
        let x: UInt8 = a.count > common ? a[common] : (aIsTree ? 0x2f : 0)
        let y: UInt8 = b.count > common ? b[common] : (bIsTree ? 0x2f : 0)
        return x < y
    }

    /// Where an entry of this name and kind is, or would go.
    private static func position(of name: [UInt8], isTree: Bool, in node: Node) -> Int {
        var low = 0, high = node.entries.count
        while low < high {
            let middle = (low + high) / 2
            let entry = node.entries[middle]
            if precedes(entry.name, entry.isTree, name, isTree) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func index(of name: [UInt8], in node: Node) -> Int? {
        for isTree in [false, true] {
            let at = position(of: name, isTree: isTree, in: node)
            if at < node.entries.count && node.entries[at].name == name { return at }
        }
        return nil
    }

    private static func put(_ entry: Entry, in node: Node) {
        if let existing = index(of: entry.name, in: node) { node.entries.remove(at: existing) }
        node.entries.insert(entry, at: position(of: entry.name, isTree: entry.isTree, in: node))
        node.id = nil
    }

    static func serialize(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 48)
        for entry in entries {
            switch entry.mode {
            case 0o100644: out += [0x31, 0x30, 0x30, 0x36, 0x34, 0x34]
            case 0o040000: out += [0x34, 0x30, 0x30, 0x30, 0x30]
            default: out += Array(String(entry.mode, radix: 8).utf8)
            }
            out.append(0x20)
            out += entry.name
            out.append(0)
            out += entry.id.bytes
        }
        return out
    }

    private static func treeEntry(_ entry: Entry) -> TreeEntry {
        TreeEntry(name: String(decoding: entry.name, as: UTF8.self), id: entry.id,
                  kind: entry.isTree ? .tree : (entry.mode & 0o170000 == 0o100000 ? .blob : .other), mode: entry.mode)
    }
}
