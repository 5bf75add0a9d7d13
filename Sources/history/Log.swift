import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show recorded events, newest first: effective date, recorded time, event, author, source, commit.")

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("Only these profiles: ids or shell globs (kosovo/*, */mine-ban-policy; quote them).", valueName: "profile"), completion: Completion.profiles)
        var profiles: [String] = []

        @Option(name: [.customShort("n"), .customLong("max-count")], help: ArgumentHelp("Show at most this many events, the newest.", valueName: "n"))
        var maxCount: Int?

        @Option(help: ArgumentHelp("Only events recorded on or after this date (UTC).", valueName: "date"))
        var since: DateArgument?

        @Option(help: ArgumentHelp("Only events recorded on or before this date (UTC).", valueName: "date"))
        var until: DateArgument?

        @Flag(help: "Only corrections: new text for a date that was already recorded.")
        var corrections = false

        @Option(name: [.customShort("F"), .long], help: "Output format.")
        var format: OutputFormat = .text

        func validate() throws {
            if let maxCount, maxCount < 0 { throw ValidationError("--max-count \(maxCount) is negative: give 0 or more") }
        }

        func run() throws {
            try guarded {
                pager.start()
                let selection = try ProfileSelection(profiles)
                let snapshot = try repository.open().snapshot()
                var query = LogQuery(since: since?.startTime, until: until?.endTime, correctionsOnly: corrections, limit: maxCount)
                if selection.globs.isEmpty && selection.ids.count == 1 {
                    query.profile = selection.ids[0]  // one profile: its own events only, from the index
                } else if !selection.isEmpty {
                    try selection.check(in: snapshot, recorded: try RevisionReader(snapshot).profiles().map(\.profile))
                    query.globs = selection.filter
                }
                let entries = try EventLog(snapshot).entries(query)
                switch format {
                case .text: Terminal.print(Formatting.logText(entries))
                case .json: Terminal.print(Formatting.logJSON(entries))
                }
            }
        }
    }
}
