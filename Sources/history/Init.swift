import ArgumentParser
import HistoryModel
import HistoryStore

extension History {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an empty history repository (bare, HEAD on main).")

        @OptionGroup var repository: RepositoryOptions

        @Flag(help: "Create a repository with a work tree instead of a bare one.")
        var workTree = false

        func run() throws {
            try guarded {
                let (_, created) = try HistoryRepository.create(at: repository.path, bare: !workTree)
                Terminal.note(created ? "created history repository at \(repository.path)"
                                      : "\(repository.path) is already a repository; nothing to do")
            }
        }
    }
}
