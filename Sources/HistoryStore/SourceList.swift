import Foundation
import Git
import HistoryModel
import Yams

/// One published page `history fetch` tracks: the profile it is a revision of, its address, and optionally
/// the XPath of the element holding the profile and the least time between two fetches.
public struct Source: Codable, Hashable, Sendable {
    public var profile: String
    public var url: String
    public var container: String?
    /// XPath expressions of parts of the page left out of the profile (a box of related pages): what changes
    /// there is no change of the profile. Absent from the file when there are none.
    public var exclude: [String]?
    /// Seconds; a source fetched more recently than this is skipped (unless forced).
    public var interval: Int?

    public init(profile: ProfileID, url: String, container: String? = nil, exclude: [String] = [], interval: Int? = nil) throws(HistoryError) {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
            throw .invalidArgument(what: "'\(url.prefix(120))' is not an http or https URL", fix: "give the page's full address, e.g. https://www.the-monitor.org/…")
        }
        if let interval, interval < 0 { throw .invalidArgument(what: "--interval \(interval)", fix: "give seconds, 0 or more") }
        self.profile = profile.description
        self.url = url
        self.container = container
        self.exclude = exclude.isEmpty ? nil : exclude
        self.interval = interval
    }

    public var id: ProfileID? { try? ProfileID(profile) }
}

/// The sources file, `sources.yaml`, versioned in the repository on a ref of its own
/// (`refs/history/sources`): each change is a commit, so `git log -p refs/history/sources` shows who added
/// what and when, and it travels with the repository. Not on `main`, whose tree holds profiles only.
public struct SourceList {
    public static let reference = "refs/history/sources"
    public static let file = "sources.yaml"

    struct Document: Codable {
        var schema = "history.sources.v1"
        var sources: [Source]
    }

    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// Every source, in the file's order; none when the ref does not exist yet.
    public func sources() throws(HistoryError) -> [Source] {
        try HistoryRepository.translating("read \(Self.reference)") {
            let repository = store.repository
            guard let tip = try repository.reference(Self.reference),
                  let bytes = try repository.blob(atPath: Self.file, inTree: try repository.commit(tip).treeID) else { return [] }
            do {
                return try YAMLDecoder().decode(Document.self, from: String(decoding: bytes, as: UTF8.self)).sources
            } catch {
                throw HistoryError.badInput(what: "\(Self.file) on \(Self.reference) cannot be read (\(error))",
                                            fix: "see it with `git show \(Self.reference):\(Self.file)` and mend it with git")
            }
        }
    }

    /// Adds a source, or replaces the one of the same profile; one commit on the ref, by compare-and-swap.
    @discardableResult
    public func add(_ source: Source, by identity: Identity) throws(HistoryError) -> Bool {
        try edit(by: identity) { list in
            let replaced = list.firstIndex { $0.profile == source.profile }
            if let replaced { list[replaced] = source } else { list.append(source) }
            return ("\(replaced == nil ? "add" : "change") source \(source.profile)\n\n\(source.url)\n", replaced == nil)
        }
    }

    /// Stops tracking a profile's page: one commit on the ref without it, by compare-and-swap. Its revisions
    /// stay; the next `fetch` leaves it alone. `notFound` when no source is that profile's.
    public func remove(_ profile: ProfileID, by identity: Identity) throws(HistoryError) -> Source {
        try edit(by: identity) { list in
            guard let index = list.firstIndex(where: { $0.profile == profile.description }) else {
                throw HistoryError.notFound(what: "no source for \(profile)", fix: "see `history sources list`")
            }
            let removed = list.remove(at: index)
            return ("remove source \(removed.profile)\n\n\(removed.url)\n", removed)
        }
    }

    /// One change of the list: `change` edits it and names the commit's message; the commit moves the ref
    /// only from the value it was read at, and is made again on a lost race.
    private func edit<T>(by identity: Identity, _ change: (inout [Source]) throws -> (message: String, result: T)) throws(HistoryError) -> T {
        try store.ensureWritable()
        return try HistoryRepository.translating("record \(Self.file)") {
            let repository = store.repository
            return try HistoryRepository.retryingLostRaces { _ in
                let parent = try repository.reference(Self.reference)
                var list = try sources()
                let (message, result) = try change(&list)
                let yaml = try YAMLEncoder().encode(Document(sources: list))
                let blob = try repository.writeObject(.blob, Array(yaml.utf8))
                let tree = try repository.updateTree(nil, [.upsertBlob(path: Self.file, id: blob)])
                let commit = try repository.writeObject(.commit, try identity.commitBytes(tree: tree, parent: parent, message: message))
                try repository.updateReference(Self.reference, to: commit, expecting: parent, message: "history: \(message.prefix { $0 != "\n" })")
                return result
            }
        }
    }
}
