import ArgumentParser
import HistoryModel
import HistoryStore

extension History {
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the derived indexes (events, facts and statements) for the tip of main.",
            discussion: """
                Writers keep them current; reads never write them and answer without them (more slowly) when \
                they are missing or outdated — after main was moved by git itself, say. `verify` never uses them.
                """)

        @OptionGroup var repository: RepositoryOptions

        func run() throws {
            try guarded {
                let store = try repository.open()
                try store.rebuildIndexes()
                Terminal.note("rebuilt the event and semantic indexes of \(repository.path)")
            }
        }
    }
}
