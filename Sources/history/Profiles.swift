import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Profiles: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the recorded profiles with their revision count and first and last dates.")

        @OptionGroup var repository: RepositoryOptions

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                let profiles = try RevisionReader(repository.open().snapshot()).profiles()
                switch format {
                case .text:
                    if profiles.isEmpty { Terminal.note("no profiles recorded yet; add some with `history import`") }
                    Terminal.print(Formatting.profilesText(profiles))
                case .json: Terminal.print(Formatting.profilesJSON(profiles))
                }
            }
        }
    }
}
