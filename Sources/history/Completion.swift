import ArgumentParser
import HistoryModel
import HistoryStore

/// What the shell completions offer beyond names of commands and options: the profiles recorded in the
/// repository the command line names (`--repo`/`-R`, else `$HISTORY_REPO`, else `./.history`), the dates
/// of the profile already typed, and the names of report checkpoints. A repository that cannot be read
/// offers nothing: completion never prints an error into the shell.
enum Completion {
    static let profiles = CompletionKind.custom { words, _, prefix in
        ((try? snapshot(words).map { try RevisionReader($0).profiles().map(\.profile.description) }) ?? nil ?? [])
            .filter { $0.hasPrefix(prefix) }
    }

    static let dates = CompletionKind.custom { words, _, prefix in
        guard let snapshot = try? snapshot(words) else { return [] }
        let named = words.compactMap { try? ProfileID($0) }
        let dates = named.flatMap { (try? snapshot.dates(of: $0)) ?? [] }.map(\.description)
        return Array(Set(dates)).sorted().filter { $0.hasPrefix(prefix) }
    }

    static let checkpoints = CompletionKind.custom { words, _, prefix in
        guard let store = try? repository(words) else { return [] }
        return ((try? Checkpoints(store).names()) ?? []).filter { $0.hasPrefix(prefix) }
    }

    static func repository(_ words: [String]) throws -> HistoryRepository? {
        var path = Terminal.environment("HISTORY_REPO") ?? ".history"
        for (index, word) in words.enumerated() {
            if (word == "--repo" || word == "-R"), index + 1 < words.count { path = words[index + 1] }
            if word.hasPrefix("--repo=") { path = String(word.dropFirst(7)) }
        }
        return try HistoryRepository.open(at: path)
    }

    static func snapshot(_ words: [String]) throws -> Snapshot? {
        try repository(words)?.snapshot()
    }
}
