import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Profiles: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the recorded profiles with their revision count and first and last dates.")

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("Only these profiles: ids or shell globs (kosovo/*, */mine-ban-policy; quote them).", valueName: "profile"), completion: Completion.profiles)
        var patterns: [String] = []

        @Option(name: [.customShort("F"), .long], help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                pager.start()
                let selection = try ProfileSelection(patterns)
                let snapshot = try repository.open().snapshot()
                var profiles = try RevisionReader(snapshot).profiles()
                if let filter = selection.filter {
                    try selection.check(in: snapshot, recorded: profiles.map(\.profile))
                    profiles = profiles.filter { filter.matches($0.profile) }
                }
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
