import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show recorded events, newest first: effective date, recorded time, event, author, source, commit.")

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("Only this profile.", valueName: "area/topic"))
        var profile: ProfileID?

        @Option(help: ArgumentHelp("Only events recorded on or after this date (UTC).", valueName: "date"))
        var since: DateArgument?

        @Option(help: ArgumentHelp("Only events recorded on or before this date (UTC).", valueName: "date"))
        var until: DateArgument?

        @Flag(help: "Only corrections: new text for a date that was already recorded.")
        var corrections = false

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                let query = LogQuery(profile: profile, since: since?.startTime, until: until?.endTime, correctionsOnly: corrections)
                let entries = try EventLog(repository.open().snapshot()).entries(query)
                switch format {
                case .text: Terminal.print(Formatting.logText(entries))
                case .json: Terminal.print(Formatting.logJSON(entries))
                }
            }
        }
    }
}
