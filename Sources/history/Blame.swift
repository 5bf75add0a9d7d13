import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For every sentence of a revision: the revision that first made it, and its last change in meaning.",
            discussion: """
                Sentences are followed through rewordings, moves (body to footnote and back), merges, splits and \
                footnote renumbering by the semantic diff's alignment, not by line.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("The profile.", valueName: "area/topic"), completion: Completion.profiles)
        var profile: ProfileID

        @Option(help: ArgumentHelp("Blame the revision in effect on this date (default: the latest).", valueName: "date"), completion: Completion.dates)
        var at: DateArgument?

        @Option(name: [.customShort("F"), .long], help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                pager.start()
                let blame = try Blamer(repository.open().snapshot()).blame(profile, at: at?.end)
                switch format {
                case .text: Terminal.print(Formatting.blameText(blame))
                case .json: Terminal.print(Formatting.blameJSON(blame))
                }
            }
        }
    }
}
