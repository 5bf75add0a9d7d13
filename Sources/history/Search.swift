import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find statements that say something, with the revisions that introduced, reworded and removed each.",
            discussion: """
                Like `git log -S`, but by statement: each profile's revisions are followed in date order with the \
                diff's alignment (as blame follows them), and a statement matches when any of its wordings contains \
                TEXT (case-insensitive) or, with --regex, matches it.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("The words to find (or a regular expression with --regex).", valueName: "text"))
        var text: String

        @Argument(help: ArgumentHelp("Only these profiles (default: all).", valueName: "area/topic"), completion: Completion.profiles)
        var profiles: [ProfileID] = []

        @Flag(help: "Read TEXT as a regular expression (case-insensitive).")
        var regex = false

        @Option(name: [.customShort("F"), .long], help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                pager.start()
                let pattern = regex ? try SearchPattern(regex: text) : try SearchPattern(phrase: text)
                let search = StatementSearch(try repository.open().snapshot())
                var count = 0
                if format == .json { Terminal.print(SearchRendering.begin(pattern: text, regex: regex)) }
                try search.find(pattern, in: profiles.isEmpty ? nil : profiles) { _, matches in
                    switch format {
                    case .json: Terminal.print(SearchRendering.matches(matches, first: count))
                    case .text: Terminal.print(SearchRendering.text(matches))
                    }
                    count += matches.count
                }
                switch format {
                case .json: Terminal.print(SearchRendering.end(count: count))
                case .text: Terminal.note(count == 0 ? "no statement says that" : "\(count) statement\(count == 1 ? "" : "s")")
                }
            }
        }
    }
}
