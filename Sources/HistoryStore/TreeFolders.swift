import HistoryModel
import Git
import ProfileModel

/// The dated files of profiles in one tree, each folder read once. A lookup by path starts again from the
/// root every time, and with 2,000 profiles the `profiles/` folder alone is 15 KB — above the 4 KB up to
/// which libgit2 keeps trees cached — so `diff --all` spent over a second re-reading it.
final class TreeFolders {
    private let repository: Repository
    private let root: OID
    private var areas: [String: OID]?
    private var topics: [String: [String: OID]] = [:]

    init(repository: Repository, root: OID) {
        self.repository = repository
        self.root = root
    }

    /// A profile's dated revision files, oldest first; empty when the tree has none.
    func files(of profile: ProfileID) throws(GitError) -> [(date: EffectiveDate, blob: OID)] {
        if areas == nil {
            let folder = try repository.entry(named: "profiles", inTree: root)
            areas = try folder.map { (folder) throws(GitError) in
                folder.kind == .tree ? try Self.folders(in: folder.id, repository) : [:]
            } ?? [:]
        }
        guard let area = areas?[profile.area] else { return [] }
        if topics[profile.area] == nil { topics[profile.area] = try Self.folders(in: area, repository) }
        guard let topic = topics[profile.area]?[profile.topic] else { return [] }
        return try repository.treeEntries(topic).compactMap { entry in
            guard entry.kind == .blob, let date = EffectiveDate(revisionFile: entry.name) else { return nil }
            return (date, entry.id)
        }.sorted { $0.date < $1.date }
    }

    private static func folders(in tree: OID, _ repository: Repository) throws(GitError) -> [String: OID] {
        var result: [String: OID] = [:]
        for entry in try repository.treeEntries(tree) where entry.kind == .tree { result[entry.name] = entry.id }
        return result
    }
}
