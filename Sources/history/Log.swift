import ArgumentParser
import HistoryStore

extension History {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show recorded events, newest first: effective date, recorded time, event, author, source, commit.")

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("Only this profile.", valueName: "area/topic"))
        var profile: String?

        @Option(help: ArgumentHelp("Only events recorded on or after this date (UTC).", valueName: "date"))
        var since: String?

        @Option(help: ArgumentHelp("Only events recorded on or before this date (UTC).", valueName: "date"))
        var until: String?

        @Flag(help: "Only corrections: new text for a date that was already recorded.")
        var corrections = false

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                let query = LogQuery(
                    profile: try profile.map { (p) throws(HistoryError) in try ProfileID(p) },
                    since: try DateArgument.parse(since, option: "--since")?.startTime,
                    until: try DateArgument.parse(until, option: "--until")?.endTime,
                    correctionsOnly: corrections)
                let entries = try repository.open().log(query)
                switch format {
                case .text: Terminal.print(Formatting.logText(entries))
                case .json: Terminal.print(Formatting.logJSON(entries))
                }
            }
        }
    }
}
