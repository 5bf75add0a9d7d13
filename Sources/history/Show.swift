import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension History {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the text of a profile in effect on a date (default: its latest revision).")

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("The profile.", valueName: "area/topic"), completion: Completion.profiles)
        var profile: ProfileID

        @Option(help: ArgumentHelp("The date; YYYY or YYYY-MM mean the end of that period.", valueName: "date"), completion: Completion.dates)
        var at: DateArgument?

        @Option(name: .customLong("recorded-at"), help: ArgumentHelp("Answer as the repository knew it at this recorded time (an ISO 8601 time, or a date meaning its end): what a reader saw then, before later back-fills and corrections.", valueName: "time"))
        var recordedAt: String?

        @Option(name: [.customShort("F"), .long], help: "Output format: the text as stored, or JSON (history.show.v1) with its structure.")
        var format: OutputFormat = .text

        func run() throws {
            try guarded {
                pager.start()
                let id = profile
                let date = at
                let time = try recordedAt.map { (text) throws(HistoryError) in try RecordedTime(text, option: "--recorded-at") }
                let reader = RevisionReader(try repository.open().snapshot())
                let revision = try reader.revision(of: id, on: date?.end, recordedBy: time?.seconds)
                if format == .json {
                    let parsed = try reader.parse(revision)
                    Terminal.print(Formatting.showJSON(revision, parsed: parsed, at: date?.end, recordedAt: recordedAt))
                    return
                }
                if Terminal.stdoutIsTerminal {
                    var note = "\(id): revision of \(revision.lastUpdated)\(date.map { ", in effect on \($0.end)" } ?? ", the latest")"
                    if let recordedAt { note += ", as recorded by \(recordedAt) (commit \(revision.commit.short))" }
                    Terminal.note(note)
                }
                Terminal.print(revision.text)
            }
        }
    }
}
