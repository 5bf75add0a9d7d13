import Foundation
import HistoryModel

/// What `history fetch` remembers of each source between runs, in `<git dir>/history-fetch/state` (one
/// tab-separated line per source, fields escaped as in the event index):
/// the validators for a conditional request and how the last fetch went. Operational data, not history:
/// losing it costs one full download per source, nothing else.
public struct FetchState: Sendable {
    public struct Entry: Sendable, Equatable {
        public var etag: String?
        public var lastModified: String?
        /// Epoch seconds of the last attempt, and its outcome in a few words (`recorded 2016-07-05`,
        /// `unchanged (304)`, `error: …`).
        public var lastFetch: Int64?
        public var status: String?
        /// The last revision a fetch recorded.
        public var lastChange: String?

        public init() {}
    }

    public var sources: [String: Entry] = [:]

    public init() {}

    static func path(_ store: HistoryRepository) -> String {
        (store.repository.gitDirectory as NSString).appendingPathComponent("history-fetch/state")
    }

    static let header = "history.fetch-state.v1"

    /// The state; empty when there is none yet or it cannot be read (it is rebuilt by the next fetch).
    public static func load(_ store: HistoryRepository) -> FetchState {
        var state = FetchState()
        guard let data = FileManager.default.contents(atPath: path(store)) else { return state }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.first == Substring(header) else { return state }
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { EventIndex.unescape($0) }
            guard fields.count == 6 else { continue }
            var entry = Entry()
            entry.etag = fields[1].isEmpty ? nil : fields[1]
            entry.lastModified = fields[2].isEmpty ? nil : fields[2]
            entry.lastFetch = Int64(fields[3])
            entry.status = fields[4].isEmpty ? nil : fields[4]
            entry.lastChange = fields[5].isEmpty ? nil : fields[5]
            state.sources[fields[0]] = entry
        }
        return state
    }

    public func save(_ store: HistoryRepository) throws(HistoryError) {
        let file = Self.path(store)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var out = Self.header + "\n"
        for (profile, entry) in sources.sorted(by: { $0.key < $1.key }) {
            let fields = [profile, entry.etag ?? "", entry.lastModified ?? "", entry.lastFetch.map(String.init) ?? "",
                          entry.status ?? "", entry.lastChange ?? ""]
            out += fields.map(EventIndex.escape).joined(separator: "\t") + "\n"
        }
        try AtomicFile.write(out, to: file)
    }
}
