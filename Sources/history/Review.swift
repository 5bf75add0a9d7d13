import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

extension Review.Verdict: ExpressibleByArgument {}

extension History {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a reviewer's verdict on a recorded event, or list the events nobody has reviewed.",
            discussion: """
                A review is a git note on the event's commit in refs/notes/reviews: the commit never changes, \
                several reviews of one commit are all kept, and `history log` and reports show them.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("The event's commit (as `history log` prints it; 7 hex digits or more).", valueName: "commit"))
        var commit: String?

        @Option(help: "approved, questioned or rejected.")
        var verdict: HistoryModel.Review.Verdict?

        @Option(help: ArgumentHelp("What the reviewer checked or questions.", valueName: "text"))
        var note: String?

        @Option(help: ArgumentHelp("Who reviews (default: $HISTORY_REVIEWER, else the service identity).", valueName: "Name <email>"))
        var reviewer: String?

        @Flag(help: "List the events nobody has reviewed yet, newest first.")
        var pending = false

        @Option(help: ArgumentHelp("With --pending: only events recorded on or after this date.", valueName: "date"))
        var since: DateArgument?

        @Option(name: [.customShort("F"), .long], help: "Output format (--pending).")
        var format: OutputFormat = .text

        func validate() throws {
            if pending {
                if commit != nil || verdict != nil || note != nil { throw ValidationError("--pending lists events: give no commit, --verdict or --note with it") }
            } else {
                if commit == nil { throw ValidationError("review needs an event: name its commit, or pass --pending") }
                if verdict == nil { throw ValidationError("review needs a verdict: give --verdict approved, questioned or rejected") }
                if note?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true { throw ValidationError("review needs a note: say what was checked with --note TEXT") }
                if since != nil { throw ValidationError("--since without --pending: add --pending, or drop --since") }
            }
        }

        func run() throws {
            try guarded {
                let store = try repository.open()
                if pending {
                    let entries = try EventLog(store.snapshot()).pendingReviews(since: since?.startTime)
                    switch format {
                    case .text:
                        if entries.isEmpty { Terminal.note("every event\(since.map { " recorded since \($0)" } ?? "") has been reviewed") }
                        Terminal.print(Formatting.logText(entries))
                    case .json: Terminal.print(Formatting.logJSON(entries))
                    }
                    return
                }
                guard let commit, let verdict, let note else { return }
                let named = reviewer ?? Terminal.environment("HISTORY_REVIEWER")
                let identity = try identity(named, option: "--reviewer")
                let event = try EventLog(store.snapshot()).event(named: commit)
                let review = HistoryModel.Review(verdict: verdict, reviewer: identity.person, reviewedAt: identity.time, note: note)
                try Reviews(store).record(review, of: event.commit)
                Terminal.print("\(event.commit.short)  \(event.event.rawValue) \(event.lastUpdated) \(event.profile)  \(Formatting.reviewLine(review))\n")
                if named == nil {
                    Terminal.note("note: recorded under the service identity; name the reviewer with --reviewer \"Name <email>\" or HISTORY_REVIEWER")
                }
            }
        }
    }
}
