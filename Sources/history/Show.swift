import ArgumentParser
import HistoryStore

extension History {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the text of a profile in effect on a date (default: its latest revision).")

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("The profile.", valueName: "area/topic"))
        var profile: String

        @Option(help: ArgumentHelp("The date; YYYY or YYYY-MM mean the end of that period.", valueName: "date"))
        var at: String?

        func run() throws {
            try guarded {
                let id = try ProfileID(profile)
                let date = try DateArgument.parse(at, option: "--at")
                let revision = try repository.open().revision(of: id, on: date?.end)
                if Terminal.stdoutIsTerminal {
                    Terminal.note("\(id): revision of \(revision.lastUpdated)\(date.map { ", in effect on \($0.end)" } ?? ", the latest")")
                }
                Terminal.print(revision.text)
            }
        }
    }
}
